/**
 * Starts the real server on a free port over the store `createStore` picks, as `npm start` does, and
 * talks to it over HTTP: Kuzu in a temporary folder, or, with NEO4J_URI set (and NEO4J_USER,
 * NEO4J_PASSWORD, NEO4J_DATABASE), the Neo4j database it names, emptied and then loaded.
 *
 * That database is shared. vitest runs the files that use it one at a time (vitest.config.ts), and
 * servers alive at the same time in one file must serve the same graph: they share one load.
 */
import { loadConfig, type Neo4jConfig } from '../../src/config.js';
import type { GraphData } from '../../src/domain/model.js';
import { startServer, type RunningServer } from '../../src/server/app.js';
import type { Logger } from '../../src/server/logging.js';
import type { GraphStore } from '../../src/store/GraphStore.js';
import { createStore } from '../../src/store/createStore.js';
import { readSeedGraph } from '../../seed/load-seed.js';
import { ingestGraph } from '../../src/ingest.js';
import { emptyNeo4jDatabase, neo4jEnvironment } from './neo4j.js';
import { copySeededKuzu } from './seeded-template.js';
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
  const config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', DATA_DIR: tempDir('api'), KUZU_BUFFER_POOL_MB: '256', LOG_LEVEL: 'silent',
    // `PREFETCH=on npx vitest run test/api` runs the API suite on Kuzu reading along, as Neo4j does by default.
    ...(process.env.PREFETCH ? { PREFETCH: process.env.PREFETCH } : {}),
    // `KUZU_CHECKPOINT_MB=0 npx vitest run test/api` checkpoints (and opens the database again) after every write.
    ...(process.env.KUZU_CHECKPOINT_MB ? { KUZU_CHECKPOINT_MB: process.env.KUZU_CHECKPOINT_MB } : {}),
    ...options.env,
    // The database under test is the environment's: a test's own settings cannot point it elsewhere.
    ...neo4jEnvironment(),
  });
  const graph = options.graph ?? readSeedGraph();
  // The seed graph, loaded as this run's global setup loaded it: a copy of that folder (global-setup.ts).
  const copied = !config.neo4j && !options.graph && !options.env?.DATA_DIR && copySeededKuzu(config.dataDir, config.approximateTolerance);
  const store = await createStore(config);
  let release = async (): Promise<void> => undefined;
  try {
    if (config.neo4j) release = await loadShared(store, config.neo4j, graph, config.approximateTolerance);
    else {
      await store.init();
      if (!copied) await ingestGraph(store, graph, { tolerance: config.approximateTolerance });
    }
  } catch (error) {
    await store.close();
    throw error;
  }
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
      await release();
    },
  };
}

/** What the shared Neo4j database holds while servers of this process use it. */
let shared: { graph: string; servers: number } | undefined;
/** Loads run one after another, so two servers started together cannot both empty and load it. */
let turn: Promise<unknown> = Promise.resolve();

/**
 * Empties the shared database and loads `graph`, unless live servers already hold the same graph;
 * resolves to the release that the server's close() calls.
 */
function loadShared(store: GraphStore, target: Neo4jConfig, graph: GraphData, tolerance: number): Promise<() => Promise<void>> {
  const loaded = turn.then(async () => {
    const key = JSON.stringify(graph);
    if (shared && shared.servers > 0) {
      if (shared.graph !== key) {
        throw new Error(
          'The Neo4j database under test is shared, and a server of this file already serves another graph: ' +
            'close it before starting one over a different graph.',
        );
      }
    } else {
      await emptyNeo4jDatabase(target);
      await store.init();
      await ingestGraph(store, graph, { tolerance });
      shared = { graph: key, servers: 0 };
    }
    shared.servers += 1;
    const mine = shared;
    return async () => {
      mine.servers -= 1;
    };
  });
  turn = loaded.catch(() => undefined);
  return loaded;
}
