import type { ClaimLinkResolvers, ClaimResolvers } from '../../generated/graphql.js';
import type { ActorRecord, ClaimRecord, EdgeName, LinkType, PlaceRecord, SourceRecord, EventRecord } from '../../store/GraphStore.js';
import { history } from './history.js';
import type { Context } from '../context.js';
import type { ReferenceRelation } from '../../domain/model.js';
import type { ClaimLinkModel, ClaimReferenceModel } from '../models.js';
import { many, one } from './neighbours.js';

function references(edge: EdgeName) {
  return async (claim: ClaimRecord, _: unknown, ctx: Context): Promise<ClaimReferenceModel[]> =>
    (await ctx.loaders.edge(edge).load(claim.id)).map((n) => ({
      claim: n.node as ClaimRecord, relation: n.link!.kind as unknown as ReferenceRelation, explanation: n.link!.explanation,
    }));
}

function links(edge: EdgeName, type: LinkType) {
  return async (claim: ClaimRecord, _: unknown, ctx: Context): Promise<ClaimLinkModel[]> =>
    (await ctx.loaders.edge(edge).load(claim.id)).map((n) => ({ ...n.link!, claim: n.node as ClaimRecord, self: claim, type }));
}

/** Distinct claims: a pair linked both ways appears once. */
function linkedClaims(edge: EdgeName) {
  const all = many<ClaimRecord>(edge);
  return async (claim: ClaimRecord, args: unknown, ctx: Context) => [
    ...new Map((await all(claim, args, ctx)).map((c) => [c.id, c])).values(),
  ];
}

export const Claim: ClaimResolvers = {
  claimant: async (claim, args, ctx) => {
    const claimant = await one<ActorRecord | SourceRecord>('Claim.claimant')(claim, args, ctx);
    // The graph guarantees one claimant per claim (validateGraph, importGraph).
    if (!claimant) throw new Error(`claim ${claim.id} has no claimant`);
    return claimant;
  },
  source: async (claim, args, ctx) => {
    const source = await one<SourceRecord>('Claim.source')(claim, args, ctx);
    if (!source) throw new Error(`claim ${claim.id} has no source`);
    return source;
  },
  about: many<PlaceRecord | ActorRecord | EventRecord>('Claim.about'),
  // Two links (a source's and a rule's) may join one pair: a list of claims holds each claim once.
  contradicts: linkedClaims('Claim.contradicts'),
  contradictedBy: linkedClaims('Claim.conflicts'),
  corroboratedBy: linkedClaims('Claim.corroborations'),
  measure: (claim) => (claim.measure ? { ...claim.measure, claim } : null),
  contradictions: links('Claim.conflicts', 'CONTRADICTS'),
  corroborations: links('Claim.corroborations', 'CORROBORATES'),
  rank: (claim) => claim.rank ?? 'NORMAL',
  rankReason: (claim) => claim.rankReason ?? null,
  history,
  refersTo: references('Claim.refersTo'),
  referredBy: references('Claim.referredBy'),
};

/** A link seen from one of its claims: `from` and `to` follow the stored direction. */
export const ClaimLink: ClaimLinkResolvers = {
  from: (link) => (link.direction === 'OUTGOING' ? link.self : link.claim),
  to: (link) => (link.direction === 'OUTGOING' ? link.claim : link.self),
};
