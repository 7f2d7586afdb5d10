/** The one place that knows which engine runs: Neo4j when NEO4J_URI is set, embedded Kuzu otherwise. */
import type { Config } from '../config.js';
import { CypherStore, type StoreOptions } from './cypher/CypherStore.js';
import type { GraphStore } from './GraphStore.js';
import { KuzuEngine, type KuzuOptions } from './kuzu/KuzuEngine.js';
import { Neo4jEngine, type Neo4jOptions } from './neo4j/Neo4jEngine.js';

export async function openKuzuStore(options: KuzuOptions & StoreOptions): Promise<GraphStore> {
  return new CypherStore(await KuzuEngine.open(options), options);
}

export function connectNeo4jStore(options: Neo4jOptions & StoreOptions): GraphStore {
  return new CypherStore(Neo4jEngine.connect(options), options);
}

export async function createStore(
  config: Pick<Config, 'neo4j' | 'queryTimeoutMs' | 'dataDir' | 'kuzuBufferPoolMb' | 'kuzuCheckpointMb' | 'prefetch' | 'claimDigestMin'>,
): Promise<GraphStore> {
  const walkAlong = config.prefetch === 'auto' ? undefined : config.prefetch === 'on';
  const digestMin = config.claimDigestMin;
  if (config.neo4j) return connectNeo4jStore({ ...config.neo4j, queryTimeoutMs: config.queryTimeoutMs, walkAlong, digestMin });
  return openKuzuStore({
    dataDir: config.dataDir, bufferPoolMb: config.kuzuBufferPoolMb, walLimitMb: config.kuzuCheckpointMb, queryTimeoutMs: config.queryTimeoutMs, walkAlong, digestMin,
  });
}
