/** HTTP as clients we do not control use it: the GraphQL-over-HTTP audits, and bodies that are wrong. */
import { serverAudits } from 'graphql-http';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { fixtureGraph } from '../support/fixture-graph.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ graph: fixtureGraph() });
});
afterAll(async () => {
  await server?.close();
});

async function post(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const res = await fetch(server.url, { method: 'POST', headers, body });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
}

describe('GraphQL over HTTP (graphql-http serverAudits)', () => {
  it('passes every MUST audit', async () => {
    const audits = serverAudits({ url: () => server.url, fetchFn: fetch });
    const must = audits.filter((a) => a.name.startsWith('MUST'));
    expect(must.length).toBeGreaterThan(10);
    const failed: string[] = [];
    for (const audit of must) {
      const result = await audit.fn();
      if (result.status !== 'ok') failed.push(`${audit.name}: ${result.reason}`);
    }
    expect(failed).toEqual([]);
  });
});

describe('bad requests', () => {
  it('answers malformed JSON with a coded JSON error, no stack trace', async () => {
    const res = await post('{"query": ');
    expect(res).toEqual({
      status: 400, type: 'application/json; charset=utf-8',
      body: JSON.stringify({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] }),
    });
  });

  it('refuses bodies over MAX_BODY_BYTES with 413', async () => {
    const res = await post(JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(120_000) }));
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({ errors: [{ message: 'The request body is larger than 102400 bytes (MAX_BODY_BYTES).', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  });

  it('keeps CSRF prevention on: a simple text/plain POST is refused', async () => {
    const res = await post('{ __typename }', { 'content-type': 'text/plain' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('Cross-Site Request Forgery');
  });

  it('answers unknown routes with JSON', async () => {
    const res = await fetch(`${server.origin}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ errors: [{ message: 'No route for GET /nope; GraphQL is served at /graphql', extensions: { code: 'NOT_FOUND' } }] });
  });

  it('rejects wrong variable types before running anything', async () => {
    const res = await server.query('query($n: Int) { places(first: $n) { totalCount } }', { n: 'ten' });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.storeCalls).toBe(0);
  });
});

describe('requests and responses are born with Express\'s prototypes (server/http-server.ts)', () => {
  it('no request or response of a query has its prototype changed on the way through', async () => {
    // Express 5 calls Object.setPrototypeOf(req, app.request) for every request; it must find the
    // prototype already in place, since a real change makes every request's objects outlive the
    // young generation (http-server.ts).
    const message = (target: unknown) => target instanceof http.IncomingMessage || target instanceof http.ServerResponse;
    const changed: string[] = [];
    const original = Object.setPrototypeOf;
    const spy = vi.spyOn(Object, 'setPrototypeOf').mockImplementation((target: object, proto: object | null) => {
      if (message(target) && Object.getPrototypeOf(target) !== proto) changed.push(target.constructor.name);
      return original(target, proto);
    });
    try {
      const res = await server.query('{ __typename }');
      expect(res.data).toEqual({ __typename: 'Query' });
      const missing = await fetch(`${server.origin}/nope`);
      expect(missing.status).toBe(404);
      // The spy saw Express's calls: two a request (req and res), found already in place.
      expect(spy.mock.calls.filter(([target]) => message(target))).toHaveLength(4);
    } finally {
      spy.mockRestore();
    }
    expect(changed).toEqual([]);
  });
});
