import type { ClaimLinkResolvers, ClaimResolvers } from '../../generated/graphql.js';
import type { ActorRecord, ClaimRecord, EdgeName, LinkType, PlaceRecord, SourceRecord, EventRecord } from '../../store/GraphStore.js';
import { history } from './history.js';
import type { Context } from '../context.js';
import { labelOfId, type ReferenceRelation } from '../../domain/model.js';
import type { ClaimLinkModel, ClaimReferenceModel } from '../models.js';
import { EDGES } from '../../store/edges.js';
import { many, one } from './neighbours.js';

function references(edge: EdgeName) {
  return async (claim: ClaimRecord, _: unknown, ctx: Context): Promise<ClaimReferenceModel[]> =>
    (await ctx.loaders.edge(edge).load(claim.id)).map((n) => ({
      claim: n.node as ClaimRecord, relation: n.link!.kind as unknown as ReferenceRelation, explanation: n.link!.explanation,
    }));
}

/** A claim the store knows no CONTRADICTS joins (store/schema.ts INTERNAL_PROPERTIES), read by a query: its contradictions are none, with no statement. */
const uncontested = (claim: ClaimRecord, ctx: Context): boolean => claim.contested === false && ctx.onlyReads();

function links(edge: EdgeName, type: LinkType) {
  return async (claim: ClaimRecord, _: unknown, ctx: Context): Promise<ClaimLinkModel[]> =>
    type === 'CONTRADICTS' && uncontested(claim, ctx)
      ? []
      : (await ctx.loaders.edge(edge).load(claim.id)).map((n) => ({ ...n.link!, claim: n.node as ClaimRecord, self: claim, type }));
}

/** Distinct claims: a pair linked both ways appears once. */
function linkedClaims(edge: EdgeName) {
  const all = many<ClaimRecord>(edge);
  const contradicting = EDGES[edge].rel === 'CONTRADICTS';
  return async (claim: ClaimRecord, args: unknown, ctx: Context) =>
    contradicting && uncontested(claim, ctx) ? [] : [...new Map((await all(claim, args, ctx)).map((c) => [c.id, c])).values()];
}

/**
 * A claim's claimant or source: looked up by the id the claim keeps of it (store/schema.ts
 * INTERNAL_PROPERTIES), batched with the page's other claims into a primary-key read per label,
 * unless a look-ahead already brought it along; walked for a claim written before it kept the id.
 * The graph guarantees one claimant and one source per claim (validateGraph, importGraph).
 */
function end<T extends ActorRecord | SourceRecord>(edge: 'Claim.claimant' | 'Claim.source', what: string) {
  const walk = one<T>(edge);
  return async (claim: ClaimRecord, args: unknown, ctx: Context): Promise<T> => {
    const id = edge === 'Claim.claimant' ? claim.claimantId : claim.sourceId;
    const label = id ? labelOfId(id) : null;
    const found = label && !ctx.loaders.walked(edge, claim.id) ? ((await ctx.loaders.node(label).load(id!)) as T | null) : null;
    const node = found ?? (await walk(claim, args, ctx));
    if (!node) throw new Error(`claim ${claim.id} has no ${what}`);
    return node;
  };
}

export const Claim: ClaimResolvers = {
  claimant: end<ActorRecord | SourceRecord>('Claim.claimant', 'claimant'),
  source: end<SourceRecord>('Claim.source', 'source'),
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
