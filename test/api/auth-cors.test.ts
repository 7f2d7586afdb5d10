/**
 * CORS, by real preflight requests as a browser sends them. Without CORS_ORIGINS any origin may
 * query but no page elsewhere may send an Authorization header; with it, only the origins listed
 * get CORS answers, and they may send one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureGraph } from '../support/fixture-graph.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ANALYST = 'https://analyst.example.org';
const ELSEWHERE = 'https://elsewhere.example.net';
const KEY = 'editor-key-for-cors-0123';

/** The preflight a browser sends before a cross-origin POST with a JSON body and a token. */
async function preflight(url: string, origin: string, headers = 'content-type,authorization') {
  const res = await fetch(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': headers },
  });
  const allowedHeaders = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(',').map((h) => h.trim()).filter(Boolean);
  return {
    status: res.status,
    allowOrigin: res.headers.get('access-control-allow-origin'),
    allowedHeaders,
    credentials: res.headers.get('access-control-allow-credentials'),
  };
}

async function crossOriginQuery(server: TestServer, origin: string) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ places(first: 1) { totalCount } }' }),
  });
  return { status: res.status, allowOrigin: res.headers.get('access-control-allow-origin') };
}

describe('without CORS_ORIGINS', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ graph: fixtureGraph(), env: { API_KEYS: `ed:editor:${KEY}` } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('lets any origin query, without a token', async () => {
    const res = await preflight(server.url, ELSEWHERE, 'content-type');
    expect(res).toMatchObject({ status: 204, allowOrigin: '*', credentials: null });
    expect(res.allowedHeaders).toContain('content-type');
    expect(await crossOriginQuery(server, ELSEWHERE)).toEqual({ status: 200, allowOrigin: '*' });
  });

  it('never lets a page of another origin send an Authorization header, to /graphql or /export', async () => {
    for (const url of [server.url, `${server.origin}/export/graph.cyjs`]) {
      const res = await preflight(url, ELSEWHERE);
      expect(res.allowOrigin).toBe('*');
      expect(res.allowedHeaders).not.toContain('authorization');
      expect(res.credentials).toBeNull();
    }
  });
});

describe('with CORS_ORIGINS', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ graph: fixtureGraph(), env: { API_KEYS: `ed:editor:${KEY}`, CORS_ORIGINS: `${ANALYST},http://localhost:5173` } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('lets the origins listed send an Authorization header, to /graphql and /export', async () => {
    for (const url of [server.url, `${server.origin}/export/graph.cyjs`]) {
      const res = await preflight(url, ANALYST);
      expect(res).toMatchObject({ status: 204, allowOrigin: ANALYST, credentials: null });
      expect(res.allowedHeaders).toEqual(expect.arrayContaining(['authorization', 'content-type']));
    }
    expect((await preflight(server.url, 'http://localhost:5173')).allowOrigin).toBe('http://localhost:5173');
  });

  it('gives no other origin a CORS answer, so its pages can neither write nor read', async () => {
    const res = await preflight(server.url, ELSEWHERE);
    expect(res.allowOrigin).toBeNull();
    expect((await crossOriginQuery(server, ELSEWHERE)).allowOrigin).toBeNull();
    expect(await crossOriginQuery(server, ANALYST)).toEqual({ status: 200, allowOrigin: ANALYST });
  });

  it('still serves clients that are not browsers, from anywhere', async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: JSON.stringify({ query: '{ places(first: 1) { totalCount } }' }),
    });
    expect(res.status).toBe(200);
  });
});
