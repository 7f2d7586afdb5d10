/**
 * Mutations: each checks the caller's role, hands its input to the Curator (src/ingest/curate.ts),
 * which writes in one transaction, and turns a rejected input into BAD_USER_INPUT with every
 * problem in `extensions.problems`.
 */
import { GraphQLError } from 'graphql';
import { requireRole, type Role } from '../../auth/roles.js';
import { InputError } from '../../domain/curation.js';
import type { MutationResolvers } from '../../generated/graphql.js';
import type { Curator, Writer } from '../../ingest/curate.js';
import type { ClaimRecord, TypedLink } from '../../store/GraphStore.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import type { ClaimLinkModel } from '../models.js';

/** Largest addClaims batch: one transaction; bulk loads go through import. */
export const MAX_CLAIMS_PER_WRITE = 100;

function writing(ctx: Context, role: Role): { curator: Curator; writer: Writer } {
  const viewer = requireRole(ctx.viewer, role);
  if (!ctx.curator) throw new Error('this context serves reads only');
  return { curator: ctx.curator, writer: { name: viewer.name, role: viewer.role } };
}

/** Runs a write; an InputError (nothing was written) becomes BAD_USER_INPUT naming each field. */
async function checked<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InputError) {
      throw new GraphQLError(`Nothing was written: ${error.message}`, { extensions: { code: 'BAD_USER_INPUT', problems: error.problems } });
    }
    throw error;
  }
}

/** Links as ClaimLink, each seen from its `from` claim. */
async function asClaimLinks(ctx: Context, links: readonly TypedLink[]): Promise<ClaimLinkModel[]> {
  const ids = [...new Set(links.flatMap((l) => [l.from, l.to]))];
  const claims = new Map((await ctx.store.getNodes('Claim', ids)).flatMap((c) => (c ? [[c.id, c] as const] : [])));
  return links.flatMap((l) => {
    const [self, claim] = [claims.get(l.from), claims.get(l.to)];
    if (!self || !claim) return [];
    return [{
      self, claim, type: l.type, direction: 'OUTGOING' as const, kind: l.kind, explanation: l.explanation, rule: l.rule,
      independent: l.independent ?? null, dependence: l.dependence ?? null,
    }];
  });
}

export const Mutation: MutationResolvers = {
  addSource: async (_, { input }, ctx) => {
    const { curator, writer } = writing(ctx, 'editor');
    return (await checked(() => curator.addSource(writer, input))).value;
  },
  addClaims: async (_, { input }, ctx) => {
    const { curator, writer } = writing(ctx, 'editor');
    if (input.length > MAX_CLAIMS_PER_WRITE) {
      throw badInput(`addClaims takes at most ${MAX_CLAIMS_PER_WRITE} claims at once; got ${input.length}: use bulk import for more`, 'input');
    }
    const { value, change } = await checked(() => curator.addClaims(writer, input));
    return {
      claims: value.claims as ClaimRecord[], change,
      newLinks: await asClaimLinks(ctx, value.links.added), removedLinks: await asClaimLinks(ctx, value.links.removed),
    };
  },
  addActor: async (_, { input }, ctx) => {
    const { curator, writer } = writing(ctx, 'editor');
    return (await checked(() => curator.addActor(writer, input))).value;
  },
  addPlace: async (_, { input }, ctx) => {
    const { curator, writer } = writing(ctx, 'editor');
    return (await checked(() => curator.addPlace(writer, input))).value;
  },
  addEvent: async (_, { input }, ctx) => {
    const { curator, writer } = writing(ctx, 'editor');
    return (await checked(() => curator.addEvent(writer, input))).value;
  },
  addAlias: async (_, { id, name }, ctx) => {
    const { curator, writer } = writing(ctx, 'admin');
    return (await checked(() => curator.addAlias(writer, id, name))).value;
  },
  mergeActors: async (_, { from, into, reason }, ctx) => {
    const { curator, writer } = writing(ctx, 'admin');
    return (await checked(() => curator.mergeActors(writer, from, into, reason))).value;
  },
  linkClaims: async (_, { from, to, type, explanation }, ctx) => {
    const { curator, writer } = writing(ctx, 'editor');
    return (await checked(() => curator.linkClaims(writer, from, to, type, explanation))).value;
  },
  setClaimRank: async (_, { id, rank, reason }, ctx) => {
    const { curator, writer } = writing(ctx, 'editor');
    return (await checked(() => curator.setClaimRank(writer, id, rank, reason))).value;
  },
  editClaim: async (_, { id, input, reason }, ctx) => {
    const { curator, writer } = writing(ctx, 'editor');
    return (await checked(() => curator.editClaim(writer, id, input, reason))).value;
  },
};
