import type { SourceResolvers } from '../../generated/graphql.js';
import type { ActorRecord } from '../../store/GraphStore.js';
import { claimsField } from './claims-field.js';
import { one } from './neighbours.js';

export const Source: SourceResolvers = {
  name: (source) => source.shortName ?? source.title,
  // Sources read for the API come without their text: it is read only when asked for.
  text: async (source, _, ctx) => source.text ?? (await ctx.loaders.sourceText.load(source.id)) ?? '',
  publisher: one<ActorRecord>('Source.publisher'),
  claims: claimsField('reportedIn'),
};
