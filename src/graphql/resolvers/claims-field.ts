/** The shared resolver of every `claims(first, after, filter, orderBy)` relationship field. */
import type { GraphQLResolveInfo } from 'graphql';
import type { ClaimFilter, ClaimOrder } from '../../generated/graphql.js';
import type { ClaimAnchor } from '../../store/GraphStore.js';
import type { Context } from '../context.js';
import { toCriteria } from '../claim-filter.js';
import { pageRequest, toConnection } from '../pagination.js';
import { prefetchOfClaims } from '../prefetch.js';
import { selects } from '../selection.js';

interface ClaimsArgs {
  first?: number | null;
  after?: string | null;
  filter?: ClaimFilter | null;
  orderBy?: ClaimOrder | null;
}

export function claimsField(anchor: ClaimAnchor) {
  return async (parent: { id: string }, args: ClaimsArgs, ctx: Context, info: GraphQLResolveInfo) => {
    const request = pageRequest(args, ctx.config, selects(info, 'totalCount'));
    const criteria = await toCriteria(ctx, args.filter);
    const page = await ctx.loaders.claimsOf(anchor, criteria, args.orderBy ?? 'STATED_DESC', request, prefetchOfClaims(info)).load(parent.id);
    return toConnection(page, request);
  };
}
