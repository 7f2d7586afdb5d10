/** The audit trail: `changes`, oldest first, paged by sequence number. */
import { parseInstant } from '../../domain/dates.js';
import type { QueryResolvers } from '../../generated/graphql.js';
import { badInput } from '../errors.js';
import { pageRequest, toConnection } from '../pagination.js';
import { selects } from '../selection.js';

export const Query: Pick<QueryResolvers, 'changes'> = {
  changes: async (_, { since, first, after }, ctx, info) => {
    const from = since == null ? null : parseInstant(since);
    if (since != null && from === null) {
      throw badInput(`since: "${since}" is not an ISO 8601 day (2026-11-27) or instant with its offset (2026-11-27T10:00:00Z)`, 'since');
    }
    const request = pageRequest({ first, after }, ctx.config, selects(info, 'totalCount'));
    const page = await ctx.store.changes(from, 0, request);
    return toConnection(page, request);
  },
};
