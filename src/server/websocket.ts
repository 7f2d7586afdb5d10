/**
 * Subscriptions over WebSocket (graphql-ws, subprotocol `graphql-transport-ws`) on the HTTP
 * server's port and path (/graphql). A connection is authenticated once, in `connection_init`,
 * exactly as an HTTP request is: `connectionParams.authorization` is the Authorization header
 * ("Bearer <token>"), then ANONYMOUS_READ applies. A refusal closes the socket with 4401
 * (UNAUTHENTICATED), 4403 (FORBIDDEN) or 4503 (the token could not be verified now), its reason
 * the error's message.
 *
 * Each event runs in a fresh context (createContext): its own loaders, so nothing cached for one
 * event is served for the next, and its own REQUEST_TIMEOUT_MS deadline, which a context made at
 * subscribe time would have passed long before the events come.
 */
import type http from 'node:http';
import {
  createSourceEventStream, execute, GraphQLError, specifiedRules, validate,
  type ExecutionResult, type GraphQLSchema, type ValidationRule,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Viewer } from '../auth/index.js';
import type { Config } from '../config.js';
import { createContext } from '../graphql/context.js';
import type { LiveContext, LiveUpdates } from '../graphql/LiveUpdates.js';
import type { Curator } from '../ingest/curate.js';
import type { GraphStore } from '../store/GraphStore.js';
import { requestId, type Logger } from './logging.js';

const CLOSE_CODES: Record<string, number> = { UNAUTHENTICATED: 4401, FORBIDDEN: 4403, SERVICE_UNAVAILABLE: 4503 };

export interface WebSocketParts {
  schema: GraphQLSchema;
  store: GraphStore;
  config: Config;
  curator: Curator;
  live: LiveUpdates;
  /** The HTTP server's check: the caller, or a GraphQLError whose code says why not (logged there). */
  admit(authorization: string | undefined, id: string): Promise<Viewer>;
  /** The depth, alias and directive limits HTTP operations get (limits.ts). */
  validationRules: readonly ValidationRule[];
  /** How long closing sockets may take at shutdown before they are cut. */
  closeGraceMs: number;
  /** One line when a subscription starts (it is then listening), is refused, and ends. */
  logger: Logger;
}

/** What the endpoint has served, for /metrics: open sockets and subscriptions now, and subscriptions since start. */
export interface SocketStats {
  sockets: number;
  subscriptions: number;
  started: number;
  refused: number;
}

export interface WebSocketEndpoint {
  /** Closes every socket (1001, then cut after the grace period) and stops accepting new ones. */
  close(): Promise<void>;
  stats(): SocketStats;
}

/** Whether a WebSocket handshake's Origin may connect: any without CORS_ORIGINS; else those listed, the server's own, or none sent. */
function originAllowed(origin: string | undefined, host: string | undefined, corsOrigins: readonly string[]): boolean {
  if (corsOrigins.length === 0 || !origin) return true;
  // "null" (a sandboxed frame, a file) parses to nothing and is refused.
  const url = URL.parse(origin);
  if (!url) return false;
  return corsOrigins.includes(url.origin) || (host !== undefined && url.host === host.toLowerCase());
}

export function attachWebSockets(httpServer: http.Server, parts: WebSocketParts): WebSocketEndpoint {
  const { schema, store, config, curator, live } = parts;
  const wss = new WebSocketServer({
    server: httpServer, path: '/graphql', maxPayload: config.maxBodyBytes,
    // CORS does not cover WebSockets: with CORS_ORIGINS set, a page of another origin must not
    // read over a socket what it may not read over HTTP. Browsers always send Origin; other clients
    // need not, and are not browsers' pages.
    verifyClient: (info, done) => (originAllowed(info.origin, info.req.headers.host, config.corsOrigins) ? done(true) : done(false, 403, 'Origin not allowed')),
  });
  const viewers = new WeakMap<object, { viewer: Viewer; id: string }>();
  const contextFor = (viewer: Viewer, id: string): LiveContext => ({ ...createContext(store, config, id, viewer, curator), live });
  const counts = { subscriptions: 0, started: 0, refused: 0 };

  useServer<Record<string, unknown>>({
    schema,
    validate: (s, document) => validate(s, document, [...specifiedRules, ...parts.validationRules]),
    onConnect: async (ctx) => {
      const id = requestId(ctx.extra.request.headers['x-request-id'] as string | undefined);
      const authorization = ctx.connectionParams?.authorization;
      try {
        viewers.set(ctx, { viewer: await parts.admit(typeof authorization === 'string' ? authorization : undefined, id), id });
        return true;
      } catch (error) {
        const code = error instanceof GraphQLError ? String(error.extensions.code) : '';
        // Closed here with the code that says why; graphql-ws's own 4403 after it is then a no-op.
        ctx.extra.socket.close(CLOSE_CODES[code] ?? 4500, error instanceof GraphQLError ? error.message.slice(0, 120) : 'Internal server error');
        return false;
      }
    },
    context: (ctx) => {
      const { viewer, id } = viewers.get(ctx)!;
      return contextFor(viewer, id);
    },
    subscribe: async (args) => {
      const { viewer, requestId: id } = args.contextValue as LiveContext;
      const fields = { requestId: id, operationName: args.operationName ?? null };
      const stream = await createSourceEventStream(args);
      if (!(Symbol.asyncIterator in stream)) {
        const errorCodes = [...new Set((stream.errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))];
        parts.logger.info({ ...fields, outcome: 'rejected', errorCodes }, 'subscription refused');
        counts.refused++;
        return stream;
      }
      parts.logger.info({ ...fields, viewer: viewer?.name ?? null }, 'subscription started');
      counts.started++;
      counts.subscriptions++;
      return perEvent(
        stream[Symbol.asyncIterator](),
        (payload) => execute({ ...args, rootValue: payload, contextValue: contextFor(viewer, id) }),
        () => {
          counts.subscriptions--;
          parts.logger.info(fields, 'subscription ended');
        },
      );
    },
  }, wss);

  return {
    stats: () => ({ sockets: wss.clients.size, ...counts }),
    async close() {
      live.close();
      for (const socket of wss.clients) socket.close(1001, 'The server is shutting down');
      // A client that never answers the close would hold the socket for ws's 30 s close timeout.
      const cut = setTimeout(() => {
        for (const socket of wss.clients) socket.terminate();
      }, parts.closeGraceMs);
      try {
        await new Promise<void>((resolve, reject) => wss.close((error) => (error ? reject(error) : resolve())));
      } finally {
        clearTimeout(cut);
      }
    },
  };
}

/**
 * The source stream mapped through `run`, as graphql's subscribe does, but with `return()` passed
 * straight to the source: an async generator would wait for the next event before ending.
 */
function perEvent(
  source: AsyncIterator<unknown>,
  run: (payload: unknown) => ExecutionResult | Promise<ExecutionResult>,
  ended: () => void,
): AsyncIterableIterator<ExecutionResult> {
  let open = true;
  const end = async () => {
    if (!open) return;
    open = false;
    await source.return?.(undefined);
    ended();
  };
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      let item: IteratorResult<unknown>;
      try {
        item = await source.next();
      } catch (error) {
        await end();
        throw error;
      }
      if (item.done) {
        await end();
        return { done: true, value: undefined };
      }
      return { done: false, value: await run(item.value) };
    },
    async return() {
      await end();
      return { done: true, value: undefined };
    },
    async throw(error: unknown) {
      await end();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
