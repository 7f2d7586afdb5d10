import type { DescriptionBasisResolvers } from '../../generated/graphql.js';

export const DescriptionBasis: DescriptionBasisResolvers = {
  source: (basis, _, ctx) => (basis.source ? ctx.loaders.node('Source').load(basis.source) : null),
};
