/** Resolvers that walk one allow-listed edge through its per-request loader. */
import type { EdgeName, NodeRecord } from '../../store/GraphStore.js';
import type { Context } from '../context.js';

export function many<T extends NodeRecord>(edge: EdgeName) {
  return async (parent: { id: string }, _: unknown, ctx: Context): Promise<T[]> =>
    (await ctx.loaders.edge(edge).load(parent.id)).map((n) => n.node as T);
}

export function one<T extends NodeRecord>(edge: EdgeName) {
  return async (parent: { id: string }, _: unknown, ctx: Context): Promise<T | null> =>
    ((await ctx.loaders.edge(edge).load(parent.id))[0]?.node as T | undefined) ?? null;
}
