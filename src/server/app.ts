/**
 * HTTP: Express 5 with Apollo Server 5 at /graphql, /health and /ready. Apollo's CSRF prevention
 * stays on (its default). Unless introspection is off, `/` lists the explorers and a browser opening
 * /graphql gets GraphiQL, served from this server (explorer.ts); Apollo's own landing page, which
 * loads from Apollo's CDN, is off. /export/graph.graphml and /export/graph.cyjs stream the graph (export.ts).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import type { Config } from '../config.js';
import { createContext, type Context } from '../graphql/context.js';
import { resolvers } from '../graphql/resolvers/index.js';
import type { GraphStore } from '../store/GraphStore.js';
import { createFormatError, httpErrors, notFound } from './errors.js';
import { explorerRouter, GRAPHIQL, VISUAL } from './explorer.js';
import { exportRouter } from './export.js';
import { createLogger, operationLog, requestId, type Logger } from './logging.js';
import { costLimitPlugin } from './cost.js';
import { armorProtection } from './limits.js';
import { loadTypeDefs } from './schema.js';

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

export interface ServerOptions {
  /** Where logs go; by default a pino logger on stdout at LOG_LEVEL. */
  logger?: Logger;
}

export async function startServer(config: Config, store: GraphStore, options: ServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const app = express();
  const httpServer = http.createServer(app);
  const armor = armorProtection(config);
  const apollo = new ApolloServer<Context>({
    typeDefs: loadTypeDefs(),
    resolvers,
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
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: Math.floor(config.shutdownTimeoutMs / 2) }),
      ApolloServerPluginLandingPageDisabled(),
      storeCallsHeader,
      operationLog(logger),
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
  // GraphiQL without introspection could show no schema: both go together. The visual explorer
  // needs no introspection, but it is a browser tool like GraphiQL, so the same switch turns the pages off.
  app.use(explorerRouter(config.introspection ? [GRAPHIQL, VISUAL] : []));
  app.use('/export', cors(), exportRouter(store, config, logger));
  app.use(
    '/graphql',
    cors(),
    express.json({ limit: config.maxBodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ req }) => createContext(store, config, requestId(req.get('x-request-id'))),
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
