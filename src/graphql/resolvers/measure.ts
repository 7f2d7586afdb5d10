/** A claim's measure and assertion: references resolved through loaders, the range from the domain. */
import { quantityInterval } from '../../domain/quantities.js';
import type { AssertionResolvers, MeasureResolvers } from '../../generated/graphql.js';
import type { NodeLabel } from '../../domain/model.js';
import { labelOfId } from '../../domain/model.js';

export const Measure: MeasureResolvers = {
  side: (m, _, ctx) => (m.side ? ctx.loaders.node('Actor').load(m.side) : null),
  place: (m, _, ctx) => (m.place ? ctx.loaders.node('Place').load(m.place) : null),
  period: (m) => m.claim.period,
  range: (m, _, ctx) => {
    if (!m.claim.quantity) return null;
    const i = quantityInterval(m.claim.quantity, ctx.config.approximateTolerance);
    return { low: i.low, high: Number.isFinite(i.high) ? i.high : null, lowOpen: i.lowOpen, highOpen: i.highOpen };
  },
};

export const Assertion: AssertionResolvers = {
  side: (a, _, ctx) => (a.side ? ctx.loaders.node('Actor').load(a.side) : null),
  subject: async (a, _, ctx) => {
    const label = labelOfId(a.subject) as Extract<NodeLabel, 'Place' | 'Actor'>;
    const found = await ctx.loaders.node(label).load(a.subject);
    if (!found) throw new Error(`assertion subject ${a.subject} is missing`);
    return found;
  },
};
