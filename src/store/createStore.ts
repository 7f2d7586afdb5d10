/** The one place that knows which adapter runs: Neo4j when NEO4J_URI is set, embedded Kuzu otherwise. */
import type { Config } from '../config.js';
import type { GraphStore } from './GraphStore.js';
import { KuzuStore } from './kuzu/KuzuStore.js';
import { Neo4jStore } from './neo4j/Neo4jStore.js';

export async function createStore(config: Config): Promise<GraphStore> {
  if (config.neo4j) return Neo4jStore.connect({ ...config.neo4j, queryTimeoutMs: config.queryTimeoutMs });
  return KuzuStore.open({
    dataDir: config.dataDir, bufferPoolMb: config.kuzuBufferPoolMb, queryTimeoutMs: config.queryTimeoutMs,
  });
}
