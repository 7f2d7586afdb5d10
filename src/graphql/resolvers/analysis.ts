/** Claim analysis: conflicting pairs, disputes and agreement between sides. */
import { disputes, pairs, type Link } from '../../domain/disputes.js';
import type {
  AgreementResolvers, ClaimPairResolvers, ContradictionFilter, DisputeResolvers, PositionResolvers, QueryResolvers,
} from '../../generated/graphql.js';
import type { ActorRecord, ClaimRecord, LinkCriteria, LinkType, SourceRecord } from '../../store/GraphStore.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { sharedCriteria } from '../claim-filter.js';
import { selects } from '../selection.js';
import { pageRequest, toConnection } from '../pagination.js';
import { resolveReferences } from '../references.js';

async function linkCriteria(ctx: Context, filter: ContradictionFilter | null | undefined): Promise<LinkCriteria> {
  if (!filter) return {};
  const criteria: LinkCriteria = await sharedCriteria(ctx, filter);
  if (filter.between != null) {
    if (filter.between.length !== 2) throw badInput(`filter.between takes exactly two actors; got ${filter.between.length}`, 'filter.between');
    const [a, b] = await resolveReferences(ctx, filter.between, ['Actor'], 'filter.between');
    criteria.between = await sides(ctx, a!, b!);
  }
  return criteria;
}

/** Every actor within each of two actors: Russia stands for the Ministry of Defence and Belousov too. */
async function sides(ctx: Context, a: ActorRecord, b: ActorRecord): Promise<[string[], string[]]> {
  const members = await ctx.store.membersOf([a.id, b.id]);
  return [members.get(a.id) ?? [a.id], members.get(b.id) ?? [b.id]];
}

async function links(ctx: Context, type: LinkType, criteria: LinkCriteria): Promise<Array<Link<ClaimRecord>>> {
  return (await ctx.store.findLinks(type, criteria)).map((l) => ({ ...l, type }));
}

export const Query: Pick<QueryResolvers, 'contradictions' | 'disputes' | 'agreement'> = {
  contradictions: async (_, args, ctx, info) => {
    const request = pageRequest(args, ctx.config, selects(info, 'totalCount'));
    const page = await ctx.store.findPairs('CONTRADICTS', await linkCriteria(ctx, args.filter), request);
    // Each item holds every link of one pair: pairs() makes it one pair with all its reasons.
    return toConnection({ ...page, items: page.items.flatMap((links) => pairs(links)) }, request);
  },
  disputes: async (_, args, ctx) => {
    const criteria = await linkCriteria(ctx, { about: args.about, topic: args.topic });
    const [contradicting, corroborating] = await Promise.all([links(ctx, 'CONTRADICTS', criteria), links(ctx, 'CORROBORATES', criteria)]);
    const all = [...contradicting, ...corroborating];
    const ids = [...new Set(all.flatMap((l) => [l.a.measure?.side, l.a.measure?.place, l.a.assertion?.side, l.a.assertion?.subject, l.b.measure?.side, l.b.measure?.place, l.b.assertion?.side, l.b.assertion?.subject]))]
      .filter((id): id is string => typeof id === 'string');
    const names = new Map<string, string>();
    const [actors, places] = await Promise.all([
      ctx.loaders.node('Actor').loadMany(ids.filter((id) => id.startsWith('actor:'))),
      ctx.loaders.node('Place').loadMany(ids.filter((id) => id.startsWith('place:'))),
    ]);
    for (const r of [...actors, ...places]) if (r && !(r instanceof Error)) names.set(r.id, r.name);
    return disputes(all, (id) => (id ? (names.get(id) ?? id) : 'unspecified'));
  },
  agreement: async (_, args, ctx) => {
    const [a, b] = await resolveReferences(ctx, [args.a, args.b], ['Actor'], 'a/b');
    const criteria = await linkCriteria(ctx, { about: args.about });
    criteria.between = await sides(ctx, a!, b!);
    const [conflicts, agreements] = await Promise.all([links(ctx, 'CONTRADICTS', criteria), links(ctx, 'CORROBORATES', criteria)]);
    return { a: a!, b: b!, conflicts: pairs(conflicts), agreements: pairs(agreements) };
  },
};

async function claimantsOf(ctx: Context, claims: ClaimRecord[]) {
  const found = await Promise.all(claims.map((c) => ctx.loaders.edge('Claim.claimant').load(c.id)));
  return [...new Map(found.flat().map((n) => [n.node.id, n.node as ActorRecord | SourceRecord])).values()];
}

export const ClaimPair: ClaimPairResolvers = {};

export const Position: PositionResolvers = {
  holders: (p, _, ctx) => claimantsOf(ctx, p.claims),
  sources: async (p, _, ctx) => {
    const found = await Promise.all(p.claims.map((c) => ctx.loaders.edge('Claim.source').load(c.id)));
    return [...new Map(found.flat().map((n) => [n.node.id, n.node as SourceRecord])).values()];
  },
};

export const Dispute: DisputeResolvers = {};

export const Agreement: AgreementResolvers = {
  agreeing: (x) => x.agreements.length,
  // Independence belongs to the two claims, so every reason of a pair says the same.
  independentAgreements: (x) => x.agreements.filter((p) => p.reasons.some((r) => r.independent === true)).length,
  conflicting: (x) => x.conflicts.length,
};
