import type { GraphQLResolveInfo } from 'graphql';
import type { NodeLabel } from '../../domain/model.js';
import { labelOfId } from '../../domain/model.js';
import type { QueryResolvers } from '../../generated/graphql.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { pageRequest, toConnection, type ConnectionArgs } from '../pagination.js';
import { toCriteria } from '../claim-filter.js';
import { resolveReference } from '../references.js';
import { selects } from '../selection.js';

function nodeById(ctx: Context, id: string) {
  const label = labelOfId(id);
  if (!label) throw badInput(`"${id}" is not an id of this API (ids look like "place:sudzha")`, 'id');
  return ctx.loaders.node(label).load(id);
}

/** `thing(id:, name:)`: exactly one of the two. */
function lookup<L extends Exclude<NodeLabel, 'Claim'>>(label: L, nameArg: 'name' | 'title') {
  return (_: unknown, args: { id?: string | null; name?: string | null; title?: string | null }, ctx: Context) => {
    const id = args.id ?? null;
    const name = args[nameArg] ?? null;
    if ((id === null) === (name === null)) throw badInput(`give exactly one of id and ${nameArg}`, id === null ? nameArg : 'id');
    return resolveReference(ctx, (id ?? name)!, [label], id !== null ? 'id' : nameArg);
  };
}

function list<L extends Exclude<NodeLabel, 'Claim'>>(label: L) {
  return async (_: unknown, args: ConnectionArgs, ctx: Context, info: GraphQLResolveInfo) => {
    const request = pageRequest(args, ctx.config, selects(info, 'totalCount'));
    return toConnection(await ctx.store.listNodes(label, request), request);
  };
}

export const Query: QueryResolvers = {
  node: (_, { id }, ctx) => nodeById(ctx, id),
  nodes: (_, { ids }, ctx) => Promise.all(ids.map((id) => nodeById(ctx, id))),
  actor: lookup('Actor', 'name'),
  place: lookup('Place', 'name'),
  event: lookup('Event', 'name'),
  source: lookup('Source', 'title'),
  claim: (_, { id }, ctx) => resolveReference(ctx, id, ['Claim'], 'id'),
  actors: list('Actor'),
  places: list('Place'),
  events: list('Event'),
  sources: list('Source'),
  claims: async (_, args, ctx, info) => {
    const request = pageRequest(args, ctx.config, selects(info, 'totalCount'));
    const criteria = await toCriteria(ctx, args.filter);
    return toConnection(await ctx.store.findClaims(criteria, args.orderBy ?? 'STATED_DESC', request), request);
  },
};
