/**
 * How long Neo4j lets a write transaction run is sent with it (Bolt BEGIN's tx_timeout), and the
 * server ends the transaction when it is up. A write is bounded by QUERY_TIMEOUT_MS; an import
 * asks for IMPORT_TIMEOUT_MS instead, since it is one transaction of many statements. Checked on
 * the wire, against the minimal Bolt peer (no Neo4j server here).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Neo4jEngine } from '../../src/store/neo4j/Neo4jEngine.js';
import { integerAfter, SIGNATURE, startFakeBolt, type FakeBolt } from '../support/fake-bolt.js';

let bolt: FakeBolt;
let engine: Neo4jEngine;
beforeAll(async () => {
  bolt = await startFakeBolt();
  engine = Neo4jEngine.connect({ uri: `bolt://127.0.0.1:${bolt.port}`, user: 'neo4j', password: 'x', database: 'neo4j', queryTimeoutMs: 10_000 });
});
afterAll(async () => {
  await engine?.close();
  await bolt?.close();
});

/** The tx_timeout of the transaction a write begins. */
async function timeoutOfWrite(write: () => Promise<unknown>): Promise<number | undefined> {
  const before = bolt.received.length;
  await write();
  const begin = bolt.received.slice(before).find((m) => m.signature === SIGNATURE.BEGIN);
  expect(begin, 'the write began a transaction').toBeDefined();
  return integerAfter(begin!.fields, 'tx_timeout');
}

describe('a Neo4j write transaction', () => {
  it('runs under QUERY_TIMEOUT_MS by default', async () => {
    expect(await timeoutOfWrite(() => engine.write((run) => run({ text: 'RETURN 1 AS ok', params: {} })))).toBe(10_000);
  });

  it('runs under the timeout a long write asks for, however long past QUERY_TIMEOUT_MS', async () => {
    expect(await timeoutOfWrite(() => engine.write((run) => run({ text: 'RETURN 1 AS ok', params: {} }), undefined, { timeoutMs: 3_600_000 }))).toBe(3_600_000);
  });
});
