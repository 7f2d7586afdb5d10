import { describe } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { connectNeo4jStore } from '../../src/store/createStore.js';
import { emptyNeo4jDatabase } from '../support/neo4j.js';
import { defineGraphStoreContract } from './graph-store-contract.js';

const target = loadConfig().neo4j;

// Without NEO4J_URI every test of the contract is reported as skipped, under a name that says why.
describe.skipIf(!target)(target ? 'Neo4j' : 'Neo4j: skipped, set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) to run', () => {
  // The suite needs an empty database and writes to it: point NEO4J_DATABASE at a scratch database.
  defineGraphStoreContract(`Neo4j at ${target?.uri ?? '(NEO4J_URI not set)'}`, async () => {
    await emptyNeo4jDatabase(target!);
    // Every subject with a claim keeps a digest, so the digests' statements run on Neo4j too.
    return connectNeo4jStore({ ...target!, queryTimeoutMs: 10_000, digestMin: 0 });
  });
});
