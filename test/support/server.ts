/**
 * Starts the real server on a free port over a real Kuzu database in a temporary folder,
 * and talks to it over HTTP.
 */
import { loadConfig } from '../../src/config.js';
import type { GraphData } from '../../src/domain/model.js';
import { startServer, type RunningServer } from '../../src/server/app.js';
import type { Logger } from '../../src/server/logging.js';
import type { GraphStore } from '../../src/store/GraphStore.js';
import { openKuzuStore } from '../../src/store/createStore.js';
import { readSeedGraph } from '../../seed/load-seed.js';
import { ingestGraph } from '../../src/ingest.js';
import { tempDir } from './temp.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  storeCalls: number;
}

export interface TestServer {
  url: string;
  origin: string;
  store: GraphStore;
  query<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export async function startTestServer(
  options: { graph?: GraphData; env?: Record<string, string>; logger?: Logger } = {},
): Promise<TestServer> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: tempDir('api'), LOG_LEVEL: 'silent', ...options.env });
  const store = await openKuzuStore({ dataDir: config.dataDir, bufferPoolMb: 256, queryTimeoutMs: config.queryTimeoutMs });
  await store.init();
  await ingestGraph(store, options.graph ?? readSeedGraph(), { tolerance: config.approximateTolerance });
  const server: RunningServer = await startServer(config, store, { logger: options.logger });
  const origin = new URL(server.url).origin;
  return {
    url: server.url,
    origin,
    store,
    async query(query, variables) {
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: any; errors?: any[] };
      return { status: res.status, headers: res.headers, ...body, storeCalls: Number(res.headers.get('x-store-calls')) };
    },
    async close() {
      await server.close();
      await store.close();
    },
  };
}
