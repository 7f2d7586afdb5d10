/**
 * Repeated queries are answered from memory, and never with an answer from before a write: over
 * real HTTP, a repeated query costs no store call, a write makes the next answer fresh, a GET with
 * the answer's ETag gets 304 until the graph changes, and with the cache off every answer is computed.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ByteBoundedLru } from '../../src/server/response-cache.js';
import { fixtureGraph } from '../support/fixture-graph.js';
import { startTestServer, type TestServer } from '../support/server.js';

const EDITOR = 'editor-key-cache-0123456';
const QUERY = '{ claim(id: "claim:isw-sudzha") { id rank rankReason contradictedBy { id } } }';

async function post(server: TestServer, query: string, key?: string) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { res, body: (await res.json()) as { data?: any; errors?: unknown[] } };
}

/**
 * A GET as a CDN or browser revalidating sends it. Not fetch: a request with If-None-Match gets
 * `Cache-Control: no-cache` added by fetch (the Fetch standard's cache mode), which tells any
 * server to answer in full.
 */
function get(server: TestServer, query: string, etag?: string): Promise<{ status: number; headers: Headers }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${server.url}?query=${encodeURIComponent(query)}`, {
      headers: { 'apollo-require-preflight': 'true', ...(etag ? { 'if-none-match': etag } : {}) },
    }, (res) => {
      res.resume();
      res.on('end', () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
        resolve({ status: res.statusCode!, headers });
      });
    });
    req.on('error', reject);
  });
}

describe('the response cache', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ graph: fixtureGraph(), env: { API_KEYS: `ed:editor:${EDITOR}` } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers a repeated query from memory, with no store call, and a write makes the next answer fresh', async () => {
    const first = await post(server, QUERY);
    expect(first.res.headers.get('x-cache')).toBe('miss');
    expect(Number(first.res.headers.get('x-store-calls'))).toBeGreaterThan(0);
    const again = await post(server, QUERY);
    expect(again.res.headers.get('x-cache')).toBe('hit');
    expect(again.res.headers.get('x-store-calls')).toBe('0');
    expect(again.body).toEqual(first.body);
    expect(first.body.data.claim.rank).toBe('NORMAL');

    const ranked = await post(server, 'mutation { setClaimRank(id: "claim:isw-sudzha", rank: PREFERRED, reason: "Cache test.") { rank } }', EDITOR);
    expect(ranked.body.errors).toBeUndefined();
    const after = await post(server, QUERY);
    expect(after.res.headers.get('x-cache')).toBe('miss');
    expect(after.body.data.claim).toMatchObject({ rank: 'PREFERRED', rankReason: 'Cache test.' });
  });

  it('answers 304 Not Modified to a GET with the answer\'s ETag until the graph changes', async () => {
    const query = '{ places(first: 5) { nodes { id name } } }';
    const first = await get(server, query);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"\d+:[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const same = await get(server, query, etag);
    expect(same.status).toBe(304);
    expect(same.headers.get('x-store-calls')).toBe('0');

    const added = await post(server, 'mutation { addPlace(input: { id: "place:cache-test", name: "Cache test", kind: VILLAGE }) { id } }', EDITOR);
    expect(added.body.errors).toBeUndefined();
    const changed = await get(server, query, etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('takes automatic persisted queries over GET: the hash alone once the server has seen the text', async () => {
    const query = '{ actors(first: 3) { nodes { id } } }';
    const hash = createHash('sha256').update(query).digest('hex');
    const extensions = encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }));
    const byHash = () => fetch(`${server.url}?extensions=${extensions}`, { headers: { 'apollo-require-preflight': 'true' } });
    const unknown = (await (await byHash()).json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(unknown.errors[0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await fetch(`${server.url}?query=${encodeURIComponent(query)}&extensions=${extensions}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(registered.status).toBe(200);
    const known = await byHash();
    expect(known.status).toBe(200);
    expect(((await known.json()) as { data: { actors: { nodes: unknown[] } } }).data.actors.nodes).toHaveLength(3);
    expect(known.headers.get('x-cache')).toBe('hit');
  });

  it('keeps no answer with errors, and no mutation', async () => {
    const bad = '{ place(name: "Atlantis") { id } }';
    expect((await post(server, bad)).body.errors).toBeDefined();
    const again = await post(server, bad);
    expect(again.res.headers.get('x-cache')).toBe('miss');
    const mutation = await post(server, 'mutation { addActor(input: { name: "Cache actor", kind: GROUP }) { id } }', EDITOR);
    expect(mutation.res.headers.get('x-cache')).toBeNull();
  });
});

describe('with RESPONSE_CACHE_MB=0', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ graph: fixtureGraph(), env: { RESPONSE_CACHE_MB: '0' } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('computes every answer', async () => {
    await post(server, QUERY);
    const again = await post(server, QUERY);
    expect(again.res.headers.get('x-cache')).toBe('off');
    expect(Number(again.res.headers.get('x-store-calls'))).toBeGreaterThan(0);
    // Nothing revalidates a POST: without a cache to key, the graph's version is not read for it
    // (what ETag there is, is Express's digest of the body).
    expect(again.res.headers.get('etag') ?? '').not.toMatch(/^"\d+:/);
  });

  it('still answers 304 Not Modified to a GET with the answer\'s ETag while the graph is unchanged', async () => {
    const query = '{ places(first: 2) { nodes { id } } }';
    const first = await get(server, query);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-cache')).toBe('off');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"\d+:[\w-]+"$/);
    expect((await get(server, query, etag)).status).toBe(304);
  });
});

describe('ByteBoundedLru', () => {
  it('lets the least recently used go once the bytes pass the bound', () => {
    const lru = new ByteBoundedLru<string>(100);
    lru.set('a', 'A', 40);
    lru.set('b', 'B', 40);
    expect(lru.get('a')).toBe('A');
    lru.set('c', 'C', 40);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe('A');
    expect(lru.get('c')).toBe('C');
    lru.set('huge', 'H', 101);
    expect(lru.get('huge')).toBeUndefined();
    expect(lru.size).toEqual({ entries: 2, bytes: 80 });
  });
});
