/** The graph-shaped API: a neighbourhood as nodes and edges, for visualization tools. */
import type { EdgeResolvers, LinkKind, QueryResolvers, ReferenceRelation } from '../../generated/graphql.js';
import { MAX_PATH_LENGTH, NODE_LABELS, RELATIONSHIP_TYPES } from '../../domain/model.js';
import { badInput } from '../errors.js';
import { resolveEach, resolveReference } from '../references.js';

export const MAX_DEPTH = 3;
/** The most nodes one neighbourhood returns: enough to draw, few enough to bound one answer. */
export const MAX_NODES = 2000;

/** The most paths one `paths` call returns. */
export const MAX_PATHS = 20;

export const Query: Pick<QueryResolvers, 'neighbourhood' | 'paths'> = {
  neighbourhood: async (_, args, ctx) => {
    const depth = args.depth ?? 1;
    const limit = args.limit ?? 500;
    if (!Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH) throw badInput(`depth must be 1 to ${MAX_DEPTH}; got ${depth}`, 'depth');
    if (limit < 1 || limit > MAX_NODES) throw badInput(`limit must be 1 to ${MAX_NODES}; got ${limit}`, 'limit');
    if (args.relationships?.length === 0) throw badInput('relationships must list at least one type, or be left out for all', 'relationships');
    if (args.of.length === 0) throw badInput('of must list at least one id or name', 'of');
    const starts = (await Promise.all(args.of.map((v) => resolveEach(ctx, v, NODE_LABELS, 'of')))).flat();
    return ctx.store.subgraph({ ids: [...new Set(starts.map((n) => n.id))], depth, types: args.relationships ?? RELATIONSHIP_TYPES, limit });
  },
  paths: async (_, args, ctx) => {
    const maxLength = args.maxLength ?? 4;
    const first = args.first ?? 5;
    if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > MAX_PATH_LENGTH) {
      throw badInput(`maxLength must be 1 to ${MAX_PATH_LENGTH}; got ${maxLength}`, 'maxLength');
    }
    if (first < 1 || first > MAX_PATHS) throw badInput(`first must be 1 to ${MAX_PATHS}; got ${first}`, 'first');
    if (args.relationships?.length === 0) throw badInput('relationships must list at least one type, or be left out for all', 'relationships');
    const [from, to] = await Promise.all([resolveReference(ctx, args.from, NODE_LABELS, 'from'), resolveReference(ctx, args.to, NODE_LABELS, 'to')]);
    if (from.id === to.id) throw badInput(`from and to are the same node (${from.id}); a path joins two`, 'to');
    return ctx.store.paths({ from: from.id, to: to.id, maxLength, types: args.relationships ?? RELATIONSHIP_TYPES, first });
  },
};

const LINKS = new Set(['CONTRADICTS', 'CORROBORATES']);

export const Edge: EdgeResolvers = {
  kind: (e) => (LINKS.has(e.type) ? (e.kind as LinkKind | null) : null),
  relation: (e) => (e.type === 'REFERS_TO' ? (e.kind as ReferenceRelation | null) : null),
};
