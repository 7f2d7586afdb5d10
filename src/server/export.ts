/**
 * GET /export/graph.graphml and /export/graph.cyjs: the graph for a visualization tool, whole or
 * around one node (`about`, `depth`, `relationships`, as the API's `neighbourhood`). The whole graph
 * is read a page at a time (listNodes and findClaims per label, relationships per type) and each
 * page is written before the next is read, so memory does not grow with the graph. Every store call
 * shares one deadline (REQUEST_TIMEOUT_MS), as a GraphQL operation's do.
 */
import express, { type Request, type Response, type Router } from 'express';
import { GraphQLError } from 'graphql';
import type { Config } from '../config.js';
import { NODE_LABELS, RANKS } from '../domain/model.js';
import { createContext } from '../graphql/context.js';
import { MAX_DEPTH, MAX_NODES } from '../graphql/resolvers/graph.js';
import { resolveEach } from '../graphql/references.js';
import type { GraphReader } from '../store/GraphStore.js';
import { StoreTimeoutError, StoreUnavailableError } from '../store/errors.js';
import { REL_TYPES, type RelType } from '../store/schema.js';
import { cyjs, graphml, type ExportFormat } from './export-formats.js';
import { requestId, type Logger } from './logging.js';

/** Nodes or relationships per store call when exporting the whole graph. */
export const EXPORT_PAGE = 500;
/** What is held back before the first write, so a failing first page still answers a JSON error. */
const FIRST_FLUSH_BYTES = 64 * 1024;

const FORMATS: Record<string, () => ExportFormat> = { 'graph.graphml': graphml, 'graph.cyjs': cyjs };
const PARAMETERS = new Set(['about', 'depth', 'relationships']);

interface ExportRequest {
  about: string | null;
  depth: number;
  types: readonly RelType[];
}

function badRequest(message: string, argument: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

function parse(query: Request['query']): ExportRequest {
  for (const [name, value] of Object.entries(query)) {
    if (!PARAMETERS.has(name)) throw badRequest(`Unknown parameter "${name}"; an export takes about, depth and relationships`, name);
    if (typeof value !== 'string') throw badRequest(`${name} must be given once, as one value`, name);
  }
  const about = typeof query.about === 'string' ? query.about : null;
  if (about !== null && !about.trim()) throw badRequest('about must not be empty; leave it out for the whole graph', 'about');
  let depth = 1;
  if (typeof query.depth === 'string') {
    if (about === null) throw badRequest('depth needs about: the whole graph has no depth', 'depth');
    depth = /^\d+$/.test(query.depth) ? Number(query.depth) : NaN;
    if (!Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH) throw badRequest(`depth must be 1 to ${MAX_DEPTH}; got "${query.depth}"`, 'depth');
  }
  let types: readonly RelType[] = REL_TYPES;
  if (typeof query.relationships === 'string') {
    const names = query.relationships.split(',').map((s) => s.trim()).filter(Boolean);
    if (names.length === 0) throw badRequest('relationships must list at least one type, or be left out for all', 'relationships');
    const unknown = names.filter((n) => !(REL_TYPES as readonly string[]).includes(n));
    if (unknown.length > 0) throw badRequest(`relationships: unknown type ${unknown.map((n) => `"${n}"`).join(', ')}; expected some of ${REL_TYPES.join(', ')}`, 'relationships');
    types = [...new Set(names)] as RelType[];
  }
  return { about, depth, types };
}

/** The export's text, a piece at a time, read from the store as it is written. */
async function* pieces(store: GraphReader, format: ExportFormat, request: ExportRequest, ids: string[] | null): AsyncGenerator<string> {
  yield format.begin();
  if (ids) {
    const g = await store.subgraph({ ids, depth: request.depth, types: request.types, limit: MAX_NODES });
    for (const n of g.nodes) yield format.node(n);
    yield format.edges();
    for (const e of g.edges) yield format.edge(e);
    yield format.end();
    return;
  }
  for (const label of NODE_LABELS) {
    for (let offset = 0, more = true; more; offset += EXPORT_PAGE) {
      const page = { offset, limit: EXPORT_PAGE, count: false };
      // Every claim, deprecated ones too (with their rank): the whole graph, as neighbourhood draws it.
      const nodes = label === 'Claim' ? await store.findClaims({ ranks: [...RANKS] }, 'STATED_ASC', page) : await store.listNodes(label, page);
      yield nodes.items.map(format.node).join('');
      more = nodes.hasMore;
    }
  }
  yield format.edges();
  for (const type of request.types) {
    for (let offset = 0, more = true; more; offset += EXPORT_PAGE) {
      const edges = await store.relationships(type, { offset, limit: EXPORT_PAGE, count: false });
      yield edges.items.map(format.edge).join('');
      more = edges.hasMore;
    }
  }
  yield format.end();
}

/** An error before anything was sent, in the API's JSON shape and with the status its code means. */
function sendError(res: Response, error: unknown, logger: Logger): void {
  const body = (status: number, message: string, extensions: Record<string, unknown>) =>
    res.status(status).json({ errors: [{ message, extensions }] });
  if (error instanceof StoreUnavailableError) return void body(503, 'The graph store is unavailable; try again shortly.', { code: 'SERVICE_UNAVAILABLE' });
  if (error instanceof StoreTimeoutError) return void body(504, 'The export took too long and was cancelled.', { code: 'QUERY_TIMEOUT' });
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  if (code === 'NOT_FOUND' || code === 'BAD_USER_INPUT') {
    return void body(code === 'NOT_FOUND' ? 404 : 400, (error as GraphQLError).message, (error as GraphQLError).extensions);
  }
  logger.error({ err: error }, 'internal error in an export');
  body(500, 'Internal server error', { code: 'INTERNAL_SERVER_ERROR' });
}

/** Writes a chunk, waiting when the client reads slower than the store answers. */
function write(res: Response, chunk: string): Promise<void> {
  if (res.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => { res.off('drain', done); res.off('close', done); res.destroyed ? reject(new Error('client went away')) : resolve(); };
    res.once('drain', done);
    res.once('close', done);
  });
}

export function exportRouter(store: GraphReader, config: Config, logger: Logger): Router {
  const router = express.Router();
  router.get('/:file', async (req: Request, res: Response, next) => {
    const make = Object.hasOwn(FORMATS, req.params.file as string) ? FORMATS[req.params.file as string] : undefined;
    if (!make) return next();
    const format = make();
    const id = requestId(req.get('x-request-id'));
    let started = false;
    try {
      const request = parse(req.query);
      const ctx = createContext(store, config, id);
      const ids = request.about === null ? null : (await resolveEach(ctx, request.about, NODE_LABELS, 'about')).map((n) => n.id);
      let held: string[] = [];
      let heldBytes = 0;
      const start = () => {
        started = true;
        res.status(200).type(format.contentType);
        res.set('Content-Disposition', `attachment; filename="claimgraph.${format.extension}"`);
        res.set('X-Request-Id', id);
      };
      for await (const piece of pieces(ctx.store, format, request, ids)) {
        if (!started) {
          held.push(piece);
          heldBytes += piece.length;
          if (heldBytes < FIRST_FLUSH_BYTES) continue;
          start();
          const text = held.join('');
          held = [];
          await write(res, text);
        } else if (piece) await write(res, piece);
      }
      if (!started) {
        start();
        res.end(held.join(''));
      } else res.end();
    } catch (error) {
      if (!started) return sendError(res, error, logger);
      if (res.destroyed) return void logger.info({ requestId: id }, 'export abandoned: the client went away');
      // Too late for a status: cut the response short so the client sees it fail, not a truncated file.
      logger.error({ err: error, requestId: id }, 'export failed part-way');
      res.destroy();
    }
  });
  return router;
}
