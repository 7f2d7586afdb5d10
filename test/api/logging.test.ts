/** One structured log line per operation, with nothing secret in it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/server/logging.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { fixtureGraph } from '../support/fixture-graph.js';

const PASSWORD = process.env.NEO4J_URI?.trim() ? (process.env.NEO4J_PASSWORD ?? '') : 'hunter2';
const lines: Array<Record<string, unknown>> = [];
let server: TestServer;
beforeAll(async () => {
  const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
  // On Neo4j the real password must stay (the store has to connect); it must not be logged either.
  server = await startTestServer({ graph: fixtureGraph(), logger, env: { NEO4J_PASSWORD: PASSWORD } });
});
afterAll(async () => {
  await server?.close();
});

describe('operation log', () => {
  it('writes one line per operation with request id, name, duration, store calls and outcome', async () => {
    lines.length = 0;
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-42', authorization: 'Bearer secret-token' },
      body: JSON.stringify({ query: 'query Places($n: Int) { places(first: $n) { totalCount } }', variables: { n: 2, password: 'hunter2' } }),
    });
    expect(res.headers.get('x-request-id')).toBe('req-42');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30, msg: 'graphql operation', service: 'claimgraph', requestId: 'req-42', operationName: 'Places', storeCalls: 2, outcome: 'ok',
    });
    expect(typeof lines[0]!.durationMs).toBe('number');
    expect(JSON.stringify(lines)).not.toContain('secret-token');
    expect(JSON.stringify(lines)).not.toContain('hunter2');
    if (PASSWORD.length >= 4) expect(JSON.stringify(lines)).not.toContain(PASSWORD);
  });

  it('records rejected operations with their error codes, and makes up a request id when none is given', async () => {
    lines.length = 0;
    const res = await server.query('{ actor(name: "Napoleon") { id } }');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ operationName: null, outcome: 'rejected', errorCodes: ['NOT_FOUND'] });
    expect(lines[0]!.requestId).toBe(res.headers.get('x-request-id'));
    expect(String(lines[0]!.requestId)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
