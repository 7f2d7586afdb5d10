/** Interfaces and unions: a record's label is its GraphQL type. */
import type { ClaimantResolvers, NodeResolvers, SubjectResolvers } from '../../generated/graphql.js';

export const Node: NodeResolvers = { __resolveType: (record) => record.label };
export const Claimant: ClaimantResolvers = { __resolveType: (record) => record.label };
export const Subject: SubjectResolvers = { __resolveType: (record) => record.label };
