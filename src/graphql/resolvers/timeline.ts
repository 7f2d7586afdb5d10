/** `timeline`: claim counts per period and side, from one store call. */
import { timelineBuckets } from '../../domain/timeline.js';
import type { QueryResolvers, TimelineBucketResolvers } from '../../generated/graphql.js';
import { toCriteria } from '../claim-filter.js';
import { badInput } from '../errors.js';

export const Query: Pick<QueryResolvers, 'timeline'> = {
  timeline: async (_, args, ctx) => {
    if (args.about != null && args.filter?.about != null) throw badInput('give about once: as the argument or in filter', 'about');
    const criteria = await toCriteria(ctx, args.about != null ? { ...args.filter, about: args.about } : args.filter);
    const precision = args.bucket ?? 'MONTH';
    return timelineBuckets(await ctx.store.timeline(criteria, precision, args.dated ?? 'STATED'), precision);
  },
};

export const TimelineBucket: TimelineBucketResolvers = {
  side: (b, _, ctx) => (b.side ? ctx.loaders.node('Actor').load(b.side) : null),
};
