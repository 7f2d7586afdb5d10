/**
 * PREFETCH changes how many statements an operation sends, never its answer: the README's
 * queries, the benchmark's, and queries that reach the look-ahead through fragments, aliases,
 * interfaces and nested lists answer byte for byte the same with it off and on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KURSK_QUERY, PEER_QUERIES, TRAVERSAL_QUERY } from '../../bench/queries.js';
import { exampleQueries } from '../../src/server/example-queries.js';
import { LOOK_AHEAD } from '../support/queries.js';
import { startTestServer, type TestServer } from '../support/server.js';


const QUERIES = [...exampleQueries.map((q) => q.query), ...PEER_QUERIES.map((q) => q.query), KURSK_QUERY, TRAVERSAL_QUERY, ...LOOK_AHEAD];

let off: TestServer;
let on: TestServer;
beforeAll(async () => {
  // The answer cache off: each answer is computed, and the statement counts compared are the query's own.
  [off, on] = await Promise.all([
    startTestServer({ env: { PREFETCH: 'off', RESPONSE_CACHE_MB: '0', MAX_COST: '1000000' } }),
    startTestServer({ env: { PREFETCH: 'on', RESPONSE_CACHE_MB: '0', MAX_COST: '1000000' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([off?.close(), on?.close()]);
});

describe('PREFETCH', () => {
  it.each(QUERIES.map((q) => [q.replace(/\s+/g, ' ').slice(0, 70), q]))('answers %s the same off and on', async (_name, query) => {
    const [a, b] = await Promise.all([off.query(query), on.query(query)]);
    expect(a.errors).toBeUndefined();
    expect(JSON.stringify(b.data)).toBe(JSON.stringify(a.data));
    // Reading along never costs more statements than the loaders would send.
    expect(b.storeCalls).toBeLessThanOrEqual(a.storeCalls);
  });
});
