/**
 * HTTP: Express 5 with Apollo Server 5 at /graphql, /health and /ready. Apollo's CSRF prevention
 * stays on (its default). Unless introspection is off, `/` lists the explorers and a browser opening
 * /graphql gets GraphiQL, served from this server (explorer.ts); Apollo's own landing page, which
 * loads from Apollo's CDN, is off. /export/graph.graphml and /export/graph.cyjs stream the graph (export.ts).
 * GET /metrics answers Prometheus (metrics.ts) unless METRICS is false.
 *
 * Every /graphql and /export request is authenticated from its Authorization header before
 * anything else is done for it (src/auth): a refused token answers 401 in the GraphQL error shape,
 * and so does a request without one when ANONYMOUS_READ is false. CORS never lets a page of an
 * origin outside CORS_ORIGINS send an Authorization header.
 *
 * Subscriptions: graphql-ws on the same port and path (websocket.ts), authenticated the same way in
 * `connection_init`; events come from this server's curator (graphql/LiveUpdates.ts).
 */
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type RequestHandler, type Response } from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { acceptsTokens, createAuthenticator, requireReadAccess, type Viewer } from '../auth/index.js';
import type { Config } from '../config.js';
import { createContext, type Context } from '../graphql/context.js';
import { fieldsRead } from '../graphql/fields.js';
import { LiveUpdates } from '../graphql/LiveUpdates.js';
import { Curator } from '../ingest/curate.js';
import { resolvers } from '../graphql/resolvers/index.js';
import type { GraphStore } from '../store/GraphStore.js';
import { createFormatError, httpErrors, notFound } from './errors.js';
import { explorerRouter, GRAPHIQL, VISUAL } from './explorer.js';
import { exportRouter } from './export.js';
import { importRouter } from './import.js';
import { createHttpServer } from './http-server.js';
import { createLogger, operationLog, requestId, type Logger } from './logging.js';
import { createMetrics } from './metrics.js';
import { costLimitPlugin } from './cost.js';
import { responseCache } from './response-cache.js';
import { armorProtection } from './limits.js';
import { loadTypeDefs } from './schema.js';
import { attachWebSockets } from './websocket.js';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Reports how many store calls an operation made, so clients and tests can see batching at work. */
const storeCallsHeader: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        response.http.headers.set('x-store-calls', String(contextValue.storeCalls()));
      },
    };
  },
};

/** Before a query runs, tells its context that it only reads, and its store view what it reads of each label (graphql/fields.ts). */
function readsOf(schema: GraphQLSchema, fetchSelected: boolean): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation }) {
          if (operation?.operation === 'query') contextValue.readOnly(fetchSelected ? fieldsRead(schema, document) : undefined);
        },
      };
    },
  };
}

/** Headers any cross-origin page may send: enough to query (JSON bodies, Apollo's CSRF check), no credentials. */
const CORS_HEADERS = ['content-type', 'x-request-id', 'apollo-require-preflight', 'x-apollo-operation-name'];

/**
 * Without CORS_ORIGINS, any origin may query, but a preflight never allows Authorization, so no
 * page elsewhere can act with a token (an anonymous write is refused anyway). With it, only the
 * origins listed get CORS answers, and they may send Authorization. Cookies are never allowed.
 */
function corsPolicy(origins: readonly string[]): RequestHandler {
  return origins.length === 0
    ? cors({ origin: '*', allowedHeaders: CORS_HEADERS })
    : cors({ origin: [...origins], allowedHeaders: [...CORS_HEADERS, 'authorization'] });
}

/** Answers an error raised before GraphQL runs (a refused token on /export) in the API's JSON shape. */
function sendError(res: Response, error: GraphQLError): void {
  const http = error.extensions.http as { status?: number; headers?: Map<string, string> } | undefined;
  for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
  const { http: _dropped, ...extensions } = error.extensions;
  res.status(http?.status ?? 500).json({ errors: [{ message: error.message, extensions }] });
}

export interface ServerOptions {
  /** The write side; by default one over `store`. */
  curator?: Curator;
  /** Where logs go; by default a pino logger on stdout at LOG_LEVEL. */
  logger?: Logger;
}

export async function startServer(config: Config, store: GraphStore, options: ServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const app = express();
  const httpServer = createHttpServer(app);
  const armor = armorProtection(config);
  const authenticate = createAuthenticator(config);
  // One per server: writes queue in the store (GraphStore.transact); subscriptions listen here.
  const curator = options.curator ?? new Curator(store, { tolerance: config.approximateTolerance, bulkTimeoutMs: config.importTimeoutMs });
  if (!acceptsTokens(config)) logger.info('no API_KEYS, JWT_SECRET or JWKS_URL: every caller is anonymous and every write is refused');
  if (config.jwksUrl && !config.jwtAudience) {
    logger.warn('JWKS_URL is set without JWT_AUDIENCE: tokens its issuer made for other applications are accepted too');
  }

  /**
   * The caller of a request, once its token is checked and ANONYMOUS_READ allows it in. A refusal
   * is logged (its reason, never the token) and thrown as the GraphQL error to answer with.
   */
  const admit = async (authorization: string | undefined, id: string): Promise<Viewer> => {
    try {
      return requireReadAccess(await authenticate(authorization), config);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      const code = error.extensions.code;
      if (code === 'SERVICE_UNAVAILABLE') logger.warn({ requestId: id, err: error.originalError }, 'could not verify a token');
      else logger.info({ requestId: id, outcome: 'refused', errorCodes: [code], reason: error.message }, 'request refused');
      throw error;
    }
  };
  const readers: RequestHandler = async (req, res, next) => {
    const id = requestId(req.get('x-request-id'));
    try {
      await admit(req.get('authorization'), id);
    } catch (error) {
      if (!(error instanceof GraphQLError)) return next(error);
      res.setHeader('x-request-id', id);
      return sendError(res, error);
    }
    next();
  };

  // One executable schema for HTTP and WebSocket operations.
  const schema = makeExecutableSchema<Context>({ typeDefs: loadTypeDefs(), resolvers });
  const live = new LiveUpdates(store, {
    timeoutMs: config.requestTimeoutMs,
    onError: (err) => logger.warn({ err }, 'a live update could not be read; its subscriptions were ended'),
  }).listen(curator);
  const graceMs = Math.floor(config.shutdownTimeoutMs / 2);
  const sockets = attachWebSockets(httpServer, { schema, store, config, curator, live, admit, validationRules: armor.validationRules, closeGraceMs: graceMs, logger });

  const answers = responseCache(store, { maxBytes: config.responseCacheMb * 1024 * 1024, cacheControl: config.cacheControl });
  const metrics = config.metrics ? createMetrics({ store, answers, curator, sockets: () => sockets.stats() }, { token: config.metricsToken }) : undefined;
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    // main.ts handles SIGTERM and SIGINT (server/shutdown.ts): two handlers calling stop() hang.
    stopOnTerminationSignals: false,
    logger,
    formatError: createFormatError(logger),
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: config.maxTokens },
    plugins: [
      ...armor.plugins,
      costLimitPlugin(config),
      // Requests in flight get half of the shutdown bound; the store's close gets the rest (shutdown.ts).
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: graceMs }),
      // WebSockets are not HTTP requests in flight: the drain above would wait on them. Subscriptions end first.
      { async serverWillStart() { return { drainServer: () => sockets.close() }; } },
      ApolloServerPluginLandingPageDisabled(),
      // The schema declares no @cacheControl hints and Cache-Control comes from the answer cache
      // (CACHE_CONTROL): Apollo's default cache-control plugin would only cost a hook around every
      // field resolved (a third of the memory a query allocates, and the GC pauses that follow).
      ApolloServerPluginCacheControlDisabled(),
      // After the limits: a refused operation is never answered from the cache.
      answers.plugin,
      storeCallsHeader,
      readsOf(schema, config.fetchSelected),
      operationLog(logger),
      ...(metrics ? [metrics.plugin] : []),
    ],
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    try {
      await store.ping();
      res.json({ status: 'ready', store: store.kind });
    } catch {
      res.status(503).json({ status: 'unavailable', store: store.kind });
    }
  });
  if (metrics) app.get('/metrics', metrics.handler);
  // GraphiQL without introspection could show no schema: both go together. The visual explorer
  // needs no introspection, but it is a browser tool like GraphiQL, so the same switch turns the pages off.
  // Before the explorer pages: GraphiQL's GET /graphql route would have Express answer a preflight
  // itself, with no CORS headers.
  app.use(['/graphql', '/export', '/import'], corsPolicy(config.corsOrigins));
  app.use(explorerRouter(config.introspection ? [GRAPHIQL, VISUAL] : []));
  app.use('/export', readers, exportRouter(store, config, logger));
  app.use('/import', importRouter(curator, admit, logger, requestId, config.importMaxBytes));
  app.use(
    '/graphql',
    express.json({ limit: config.maxBodyBytes }),
    expressMiddleware(apollo, {
      // A refusal thrown here reaches the client as a GraphQL error with the status it carries (401).
      context: async ({ req, res }) => {
        const id = requestId(req.get('x-request-id'));
        res.setHeader('x-request-id', id);
        return createContext(store, config, id, await admit(req.get('authorization'), id), curator);
      },
    }),
  );

  app.use(notFound);
  app.use(httpErrors(config.maxBodyBytes, logger));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen({ port: config.port, host: config.host }, resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host && config.host !== '0.0.0.0' && config.host !== '::' ? config.host : 'localhost';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/graphql`,
    port,
    close: () => apollo.stop(),
  };
}
