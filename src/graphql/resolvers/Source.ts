import type { SourceResolvers } from '../../generated/graphql.js';
import type { ActorRecord } from '../../store/GraphStore.js';
import { claimsField } from './claims-field.js';
import { one } from './neighbours.js';

export const Source: SourceResolvers = {
  name: (source) => source.shortName ?? source.title,
  publisher: one<ActorRecord>('Source.publisher'),
  claims: claimsField('reportedIn'),
};
