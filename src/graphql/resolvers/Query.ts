import type { GraphQLResolveInfo } from 'graphql';
import type { NodeLabel } from '../../domain/model.js';
import { labelOfId } from '../../domain/model.js';
import type { QueryResolvers } from '../../generated/graphql.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { pageRequest, toConnection, type ConnectionArgs } from '../pagination.js';
import { toCriteria } from '../claim-filter.js';
import { resolveReference } from '../references.js';
import { prefetchOfClaims, prefetchOfNodes } from '../prefetch.js';
import { selects } from '../selection.js';

function nodeById(ctx: Context, id: string, info: GraphQLResolveInfo) {
  const label = labelOfId(id);
  if (!label) throw badInput(`"${id}" is not an id of this API (ids look like "place:sudzha")`, 'id');
  return ctx.loaders.node(label, prefetchOfNodes(info, label)).load(id);
}

/** `thing(id:, name:)`: exactly one of the two. */
function lookup<L extends Exclude<NodeLabel, 'Claim'>>(label: L, nameArg: 'name' | 'title') {
  return (_: unknown, args: { id?: string | null; name?: string | null; title?: string | null }, ctx: Context, info: GraphQLResolveInfo) => {
    const id = args.id ?? null;
    const name = args[nameArg] ?? null;
    if ((id === null) === (name === null)) throw badInput(`give exactly one of id and ${nameArg}`, id === null ? nameArg : 'id');
    return resolveReference(ctx, (id ?? name)!, [label], id !== null ? 'id' : nameArg, prefetchOfNodes(info, label));
  };
}

function list<L extends Exclude<NodeLabel, 'Claim'>>(label: L) {
  return async (_: unknown, args: ConnectionArgs, ctx: Context, info: GraphQLResolveInfo) => {
    const request = pageRequest(args, ctx.config, selects(info, 'totalCount'));
    return toConnection(await ctx.store.listNodes(label, request), request);
  };
}

export const Query: QueryResolvers = {
  node: (_, { id }, ctx, info) => nodeById(ctx, id, info),
  nodes: (_, { ids }, ctx, info) => Promise.all(ids.map((id) => nodeById(ctx, id, info))),
  actor: lookup('Actor', 'name'),
  place: lookup('Place', 'name'),
  event: lookup('Event', 'name'),
  source: lookup('Source', 'title'),
  claim: (_, { id }, ctx, info) => resolveReference(ctx, id, ['Claim'], 'id', prefetchOfNodes(info, 'Claim')),
  actors: list('Actor'),
  places: list('Place'),
  events: list('Event'),
  sources: list('Source'),
  claims: async (_, args, ctx, info) => {
    const request = pageRequest(args, ctx.config, selects(info, 'totalCount'));
    const criteria = await toCriteria(ctx, args.filter);
    const page = await ctx.loaders.walking(prefetchOfClaims(info), (walk) => ctx.store.findClaims(criteria, args.orderBy ?? 'STATED_DESC', request, walk));
    return toConnection(page, request);
  },
};
