/** The audit trail: `changes`, oldest first, paged by sequence number. */
import type { QueryResolvers } from '../../generated/graphql.js';
import { badInput } from '../errors.js';
import { pageRequest, toConnection } from '../pagination.js';
import { selects } from '../selection.js';

export const Query: Pick<QueryResolvers, 'changes'> = {
  changes: async (_, { since, first, after }, ctx, info) => {
    if (since != null && Number.isNaN(Date.parse(since))) throw badInput(`since: "${since}" is not an ISO 8601 date or instant`, 'since');
    const request = pageRequest({ first, after }, ctx.config, selects(info, 'totalCount'));
    const page = await ctx.store.changes(since == null ? null : new Date(Date.parse(since)).toISOString(), 0, request);
    return toConnection(page, request);
  },
};
