/** Shapes resolvers hand to GraphQL that are not store records. */
import type { LinkInfo, ClaimRecord } from '../store/GraphStore.js';

export interface ClaimLinkModel extends LinkInfo {
  claim: ClaimRecord;
}
