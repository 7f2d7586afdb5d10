/** Shapes resolvers hand to GraphQL that are not store records. */
import type { Period } from '../domain/dates.js';
import type { Measure, Quantity, ReferenceRelation } from '../domain/model.js';
import type { ActorRecord, ChangeRecord, ClaimRecord, LinkInfo, LinkRow, LinkType } from '../store/GraphStore.js';

export interface ClaimLinkModel extends LinkInfo {
  /** The other claim. */
  claim: ClaimRecord;
  /** The claim the link is seen from. */
  self: ClaimRecord;
  type: LinkType;
}

export interface AddClaimsPayloadModel {
  claims: ClaimRecord[];
  newLinks: ClaimLinkModel[];
  removedLinks: ClaimLinkModel[];
  change: ChangeRecord;
}

export interface ClaimReferenceModel {
  claim: ClaimRecord;
  relation: ReferenceRelation;
  explanation: string;
}

export interface ClaimPairModel {
  a: ClaimRecord;
  b: ClaimRecord;
  claimantA: string;
  claimantB: string;
  reasons: Array<Pick<LinkRow, 'kind' | 'explanation' | 'rule' | 'independent' | 'dependence'>>;
}

export interface PositionModel {
  quantity: Quantity | null;
  period: Period | null;
  holds: boolean | null;
  summary: string;
  claims: ClaimRecord[];
  /** Distinct origins among the claims (see domain/disputes). */
  independentSources: number;
}

export interface DisputeModel {
  topic: string;
  contested: boolean;
  positions: PositionModel[];
  claims: ClaimRecord[];
}

export interface AgreementModel {
  a: ActorRecord;
  b: ActorRecord;
  agreements: ClaimPairModel[];
  conflicts: ClaimPairModel[];
}

/** A claim's measure with the claim it belongs to, so period and range can be derived from it. */
export interface MeasureModel extends Measure {
  claim: ClaimRecord;
}
