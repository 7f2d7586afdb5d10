import neo4j from 'neo4j-driver';
import { describe, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { connectNeo4jStore } from '../../src/store/createStore.js';
import { defineGraphStoreContract } from './graph-store-contract.js';

const config = loadConfig();

if (config.neo4j) {
  // The suite needs an empty database and writes to it: point NEO4J_DATABASE at a scratch database.
  const target = config.neo4j;
  defineGraphStoreContract(`Neo4j at ${target.uri}`, async () => {
    const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.user, target.password));
    try {
      await driver.executeQuery('MATCH (n) DETACH DELETE n', {}, { database: target.database });
    } finally {
      await driver.close();
    }
    return connectNeo4jStore({ ...target, queryTimeoutMs: 10_000 });
  });
} else {
  console.log('Neo4j contract suite skipped: set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) to run it.');
  describe.skip('GraphStore contract: Neo4j (set NEO4J_URI to run)', () => {
    it('runs against a real Neo4j server', () => undefined);
  });
}
