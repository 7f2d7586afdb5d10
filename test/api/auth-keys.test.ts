/**
 * API keys over real HTTP, on a server with ANONYMOUS_READ=false: a known key gets in, a missing,
 * unknown or malformed one answers UNAUTHENTICATED with status 401 (on /graphql and /export
 * alike), and no key or token ever reaches the log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/server/logging.js';
import { fixtureGraph } from '../support/fixture-graph.js';
import { startTestServer, type TestServer } from '../support/server.js';

const READER_KEY = 'reader-key-7f3a9c21d4e8';
const EDITOR_KEY = 'editor:key:with:colons:0b5e';
const UNKNOWN_KEY = 'not-a-key-of-this-server-1234';
const QUERY = '{ places(first: 1) { totalCount } }';

const lines: string[] = [];
let server: TestServer;
beforeAll(async () => {
  const logger = createLogger('trace', { write: (line: string) => void lines.push(line) });
  server = await startTestServer({
    graph: fixtureGraph(),
    logger,
    env: { API_KEYS: `ana:reader:${READER_KEY},ed:editor:${EDITOR_KEY}`, ANONYMOUS_READ: 'false' },
  });
});
afterAll(async () => {
  await server?.close();
});

async function post(authorization?: string) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
    body: JSON.stringify({ query: QUERY }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as { data?: unknown; errors?: Array<{ message: string; extensions: Record<string, unknown> }> } };
}

describe('API keys', () => {
  it('lets a request with a known key query', async () => {
    for (const key of [READER_KEY, EDITOR_KEY]) {
      const res = await post(`Bearer ${key}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ data: { places: { totalCount: expect.any(Number) } } });
    }
    expect((await post(`bearer   ${READER_KEY}  `)).status).toBe(200);
  });

  it('answers an unknown key with UNAUTHENTICATED and 401, as a GraphQL error', async () => {
    const res = await post(`Bearer ${UNKNOWN_KEY}`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="claimgraph", error="invalid_token"');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body).toEqual({ errors: [{ message: 'The token is not a known API key.', extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('answers a header that is not "Bearer <token>" with UNAUTHENTICATED', async () => {
    for (const header of [READER_KEY, `Basic ${Buffer.from(`ana:${READER_KEY}`).toString('base64')}`, 'Bearer', `Bearer ${READER_KEY} extra`]) {
      const res = await post(header);
      expect(res.status, header).toBe(401);
      expect(res.body.errors).toEqual([{ message: 'The Authorization header must read "Bearer <token>".', extensions: { code: 'UNAUTHENTICATED' } }]);
    }
  });
});

describe('ANONYMOUS_READ=false', () => {
  it('answers a query without a token with UNAUTHENTICATED and 401, naming what to send', async () => {
    for (const authorization of [undefined, '']) {
      const res = await post(authorization);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="claimgraph"');
      expect(res.body).toEqual({
        errors: [{
          message: 'This needs the reader role, and the request carries no token: send "Authorization: Bearer <token>" with an API key or a JWT.',
          extensions: { code: 'UNAUTHENTICATED' },
        }],
      });
    }
  });

  it('refuses a GET query without a token the same way', async () => {
    const res = await fetch(`${server.url}?query=${encodeURIComponent(QUERY)}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('applies to /export too: 401 without a token or with an unknown one, the export with a known one', async () => {
    const url = `${server.origin}/export/graph.cyjs`;
    for (const headers of [{}, { authorization: `Bearer ${UNKNOWN_KEY}` }] as Array<Record<string, string>>) {
      const res = await fetch(url, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="claimgraph"/);
      expect(((await res.json()) as { errors: Array<{ extensions: unknown }> }).errors[0]!.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    }
    const ok = await fetch(url, { headers: { authorization: `Bearer ${READER_KEY}` } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { elements: { nodes: unknown[] } }).elements.nodes.length).toBeGreaterThan(0);
  });

  it('keeps /health and /ready open', async () => {
    expect((await fetch(`${server.origin}/health`)).status).toBe(200);
    expect((await fetch(`${server.origin}/ready`)).status).toBe(200);
  });
});

describe('the log', () => {
  it('records refusals with their reason, and never a key or token', async () => {
    lines.length = 0;
    await post(`Bearer ${READER_KEY}`);
    await post(`Bearer ${EDITOR_KEY}`);
    await post(`Bearer ${UNKNOWN_KEY}`);
    await post(UNKNOWN_KEY);
    await fetch(`${server.origin}/export/graph.cyjs`, { headers: { authorization: `Bearer ${UNKNOWN_KEY}` } });
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged.filter((l) => l.msg === 'graphql operation')).toHaveLength(2);
    expect(logged.filter((l) => l.msg === 'request refused').map((l) => l.reason)).toEqual([
      'The token is not a known API key.', 'The Authorization header must read "Bearer <token>".', 'The token is not a known API key.',
    ]);
    const text = lines.join('');
    for (const secret of [READER_KEY, EDITOR_KEY, UNKNOWN_KEY, 'editor:key']) expect(text).not.toContain(secret);
  });
});
