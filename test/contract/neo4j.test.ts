import { describe, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { Neo4jStore } from '../../src/store/neo4j/Neo4jStore.js';
import { defineGraphStoreContract } from './graph-store-contract.js';

const config = loadConfig();

if (config.neo4j) {
  // Runs against the database NEO4J_DATABASE names: use a scratch database, the suite writes to it.
  const neo4j = config.neo4j;
  defineGraphStoreContract(`Neo4j at ${neo4j.uri}`, () => Neo4jStore.connect({ ...neo4j, queryTimeoutMs: 10_000 }));
} else {
  console.log('Neo4j contract suite skipped: set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) to run it.');
  describe.skip('GraphStore contract: Neo4j (set NEO4J_URI to run)', () => {
    it('runs against a real Neo4j server', () => undefined);
  });
}
