/**
 * Live updates over a real WebSocket (graphql-ws's client on `ws`) against the real server on the
 * seeded store: a write over HTTP that contradicts a stored claim reaches the subscribers of its
 * place, and of the places that contain it, and no one else; connections are authenticated in
 * connection_init as HTTP requests are.
 */
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LiveUpdates } from '../../src/graphql/LiveUpdates.js';
import type { CommitListener } from '../../src/ingest/curate.js';
import { createLogger } from '../../src/server/logging.js';
import { startTestServer, type TestServer } from '../support/server.js';

const KEYS = { reader: 'reader-key-0001-abcdef', editor: 'editor-key-0002-abcdef' };
const API_KEYS = `ana:reader:${KEYS.reader},ed:editor:${KEYS.editor}`;
let server: TestServer;
const logs: Array<Record<string, any>> = [];
const logger = createLogger('info', { write: (line: string) => void logs.push(JSON.parse(line)) });
const clients: Client[] = [];

beforeAll(async () => {
  server = await startTestServer({ env: { API_KEYS }, logger });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await server?.close();
});

function wsUrl(target: TestServer): string {
  return target.url.replace(/^http/, 'ws');
}

function client(target: TestServer, authorization?: string): Client {
  const c = createClient({
    url: wsUrl(target), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true,
    connectionParams: authorization ? { authorization } : {},
  });
  clients.push(c);
  return c;
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Feed {
  results: Array<{ data?: any; errors?: any[] }>;
  error: unknown;
  completed: boolean;
}

/** Subscribes and resolves once the server says the subscription is listening. */
async function subscribe(c: Client, query: string): Promise<Feed> {
  const feed: Feed = { results: [], error: undefined, completed: false };
  const started = logs.filter((l) => l.msg === 'subscription started').length;
  c.subscribe({ query }, {
    next: (r) => void feed.results.push(r as Feed['results'][number]),
    error: (e) => void (feed.error = e),
    complete: () => void (feed.completed = true),
  });
  await until(() => feed.error !== undefined || logs.filter((l) => l.msg === 'subscription started').length > started, 'the subscription to start');
  return feed;
}

async function gql(query: string, variables: Record<string, unknown>, key: string): Promise<any> {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

const ADD_SOURCE = `mutation($input: AddSourceInput!) { addSource(input: $input) { id } }`;
const ADD_CLAIMS = `mutation($input: [AddClaimInput!]!) { addClaims(input: $input) { claims { id } newLinks { type from { id } to { id } } } }`;

/** A source and a claim on it about the place, quoting `quote`, which the source's text contains. */
async function addSourceAndClaim(key: string, text: string, claim: Record<string, unknown> & { source: string; quote: string }): Promise<any> {
  await gql(ADD_SOURCE, { input: { id: claim.source, title: `Report ${claim.source}`, text, publishedOn: '2025' } }, key);
  return gql(ADD_CLAIMS, { input: [{ claimant: claim.source, topic: 'TERRITORY', ...claim }] }, key);
}

const CONTRADICTION = `subscription($about: String) { contradictionFound(about: $about) { type kind from { id } to { id } claim { id } explanation } }`;
const ADDED = `subscription($about: String) { claimAdded(about: $about) { id statement about { ... on Place { id } } source { id } } }`;

function withAbout(query: string, about: string): string {
  return query.replace('($about: String)', '').replace('(about: $about)', `(about: ${JSON.stringify(about)})`);
}

describe('contradictionFound', () => {
  it('delivers a new contradiction to a subscriber of its place, and nothing to a subscriber of another place', async () => {
    const ukraine = await subscribe(client(server, `Bearer ${KEYS.reader}`), withAbout(CONTRADICTION, 'Ukraine'));
    const kursk = await subscribe(client(server, `Bearer ${KEYS.reader}`), withAbout(CONTRADICTION, 'place:kursk-oblast'));
    const added = await subscribe(client(server, `Bearer ${KEYS.reader}`), withAbout(ADDED, 'Ukraine'));

    const text = 'Kyiv, 2025. A new estimate says Russian forces captured only about 3,000 square kilometers of Ukraine in 2024, far less than others reported.';
    const quote = 'captured only about 3,000 square kilometers of Ukraine in 2024';
    const written = await addSourceAndClaim(KEYS.editor, text, {
      id: 'claim:live-3000km2-2024', source: 'source:live-estimate', quote,
      statement: 'Russian forces captured about 3,000 km² of Ukraine in 2024.', about: ['place:ukraine'],
      period: { start: '2024', end: '2024' },
      quantity: { value: 3000, unit: 'SQUARE_KILOMETERS', qualifier: 'APPROXIMATELY', text: 'only about 3,000 square kilometers' },
      measure: { kind: 'TERRITORY_CAPTURED', side: 'actor:russia', place: 'place:ukraine' },
    });
    const contradicts = written.addClaims.newLinks.filter((l: any) => l.type === 'CONTRADICTS');
    expect(contradicts.map((l: any) => [l.from.id, l.to.id])).toContainEqual(['claim:isw-4200km2-2024', 'claim:live-3000km2-2024']);

    await until(() => ukraine.results.length >= contradicts.length && added.results.length >= 1, 'the events');
    expect(ukraine.error).toBeUndefined();
    const links = ukraine.results.map((r) => r.data!.contradictionFound);
    expect(links).toContainEqual(expect.objectContaining({
      type: 'CONTRADICTS', from: { id: 'claim:isw-4200km2-2024' }, to: { id: 'claim:live-3000km2-2024' }, claim: { id: 'claim:live-3000km2-2024' },
    }));
    expect(links.map((l) => [l.from.id, l.to.id]).sort()).toEqual(contradicts.map((l: any) => [l.from.id, l.to.id]).sort());
    expect(links.every((l) => l.explanation.length > 0)).toBe(true);
    expect(added.results.map((r) => r.data!.claimAdded)).toEqual([{
      id: 'claim:live-3000km2-2024', statement: 'Russian forces captured about 3,000 km² of Ukraine in 2024.',
      about: [{ id: 'place:ukraine' }], source: { id: 'source:live-estimate' },
    }]);

    // The subscriber of Kursk Oblast had the same time and more to get an event: it got none.
    await new Promise((r) => setTimeout(r, 300));
    expect(kursk.results).toEqual([]);
    expect(kursk.error).toBeUndefined();
  });
});

describe('claimAdded', () => {
  it('includes the places inside the place subscribed to, and leaves out the others', async () => {
    const kursk = await subscribe(client(server, `Bearer ${KEYS.reader}`), withAbout(ADDED, 'Kursk Oblast'));
    const ukraine = await subscribe(client(server, `Bearer ${KEYS.reader}`), withAbout(ADDED, 'place:ukraine'));
    const everything = await subscribe(client(server), ADDED);

    const text = 'Kursk, 2025. Local officials said Ukrainian units had withdrawn from the centre of Sudzha by mid-March.';
    await addSourceAndClaim(KEYS.editor, text, {
      id: 'claim:live-sudzha-withdrawal', source: 'source:live-sudzha', quote: 'Ukrainian units had withdrawn from the centre of Sudzha',
      statement: 'Ukrainian units withdrew from the centre of Sudzha.', about: ['place:sudzha'],
    });

    await until(() => kursk.results.length >= 1 && everything.results.length >= 1, 'the new claim');
    expect(kursk.results.map((r) => r.data!.claimAdded.id)).toEqual(['claim:live-sudzha-withdrawal']);
    expect(everything.results.map((r) => r.data!.claimAdded.id)).toEqual(['claim:live-sudzha-withdrawal']);
    await new Promise((r) => setTimeout(r, 300));
    expect(ukraine.results).toEqual([]);
  });

  it('stops listening when the client completes', async () => {
    const c = client(server, `Bearer ${KEYS.reader}`);
    const started = logs.filter((l) => l.msg === 'subscription started').length;
    const ended = logs.filter((l) => l.msg === 'subscription ended').length;
    const unsubscribe = c.subscribe({ query: ADDED }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    await until(() => logs.filter((l) => l.msg === 'subscription started').length > started, 'the subscription to start');
    unsubscribe();
    await until(() => logs.filter((l) => l.msg === 'subscription ended').length > ended, 'the subscription to end');
  });

  it('counts sockets and subscriptions in /metrics: open now, and started and refused since start', async () => {
    const scrape = async () => {
      const text = await (await fetch(`${server.origin}/metrics`)).text();
      return (name: string, labels = '') => Number(new RegExp(`^claimgraph_${name}${labels.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
    };
    const before = await scrape();
    for (const [name, labels] of [['subscriptions_active', ''], ['subscriptions_total', '{outcome="started"}'], ['subscriptions_total', '{outcome="refused"}']]) {
      expect(before(name!, labels), `${name}${labels}`).toBeGreaterThanOrEqual(0);
    }
    const c = client(server, `Bearer ${KEYS.reader}`);
    const ended = logs.filter((l) => l.msg === 'subscription ended').length;
    const feed = await subscribe(c, withAbout(ADDED, 'Ukraine'));
    expect(feed.error).toBeUndefined();
    const refused: Feed = { results: [], error: undefined, completed: false };
    c.subscribe({ query: withAbout(ADDED, 'Atlantis') }, { next: (r) => void refused.results.push(r as never), error: () => undefined, complete: () => void (refused.completed = true) });
    await until(() => refused.completed, 'the refusal');
    const during = await scrape();
    expect(during('subscriptions_active')).toBe(before('subscriptions_active') + 1);
    expect(during('subscriptions_total', '{outcome="started"}')).toBe(before('subscriptions_total', '{outcome="started"}') + 1);
    expect(during('subscriptions_total', '{outcome="refused"}')).toBe(before('subscriptions_total', '{outcome="refused"}') + 1);
    expect(during('websocket_connections')).toBeGreaterThanOrEqual(1);
    await c.dispose();
    await until(() => logs.filter((l) => l.msg === 'subscription ended').length > ended, 'the subscription to end');
    expect((await scrape())('subscriptions_active')).toBe(before('subscriptions_active'));
  });

  it('answers an unknown place with NOT_FOUND and does not start', async () => {
    const c = client(server, `Bearer ${KEYS.reader}`);
    const feed: Feed = { results: [], error: undefined, completed: false };
    c.subscribe({ query: withAbout(ADDED, 'Atlantis') }, {
      next: (r) => void feed.results.push(r as Feed['results'][number]), error: (e) => void (feed.error = e), complete: () => void (feed.completed = true),
    });
    await until(() => feed.completed || feed.error !== undefined, 'the refusal');
    expect(feed.results).toHaveLength(1);
    expect(feed.results[0]!.errors![0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });
});

describe('over HTTP', () => {
  it('a subscription is refused with BAD_REQUEST, pointing to WebSocket', async () => {
    const res = await server.query(withAbout(ADDED, 'Ukraine'));
    expect(res.data).toBeNull();
    expect(res.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_REQUEST' }) })]);
    expect(res.errors![0]!.message).toContain('WebSocket');
  });
});

describe('connection_init', () => {
  /** The close code of a connection that offers these connectionParams. */
  async function closeCode(target: TestServer, authorization?: string): Promise<{ code: number; reason: string }> {
    const c = client(target, authorization);
    return new Promise((resolve) => {
      c.on('closed', (event) => {
        const { code, reason } = event as { code: number; reason: string };
        resolve({ code, reason });
      });
      c.subscribe({ query: ADDED }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    });
  }

  it('refuses a bad token with 4401', async () => {
    const closed = await closeCode(server, 'Bearer not-a-key-of-this-server');
    expect(closed.code).toBe(4401);
    expect(closed.reason).not.toContain('not-a-key-of-this-server');
  });

  it('refuses a connection without a token with 4401 when ANONYMOUS_READ is false, and admits one with a token', async () => {
    const closed = await startTestServer({ env: { API_KEYS, ANONYMOUS_READ: 'false' } });
    try {
      expect((await closeCode(closed)).code).toBe(4401);
      const c = client(closed, `Bearer ${KEYS.reader}`);
      const answer = await new Promise<any>((resolve, reject) => {
        c.subscribe({ query: '{ place(id: "place:sudzha") { name } }' }, { next: resolve, error: reject, complete: () => undefined });
      });
      expect(answer.data).toEqual({ place: { name: 'Sudzha' } });
      await c.dispose();
    } finally {
      await closed.close();
    }
  }, 60_000);
});

describe("the handshake's Origin", () => {
  /** The HTTP status a WebSocket handshake sent with this Origin gets: 101 when the socket opens. */
  function handshake(target: TestServer, origin?: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(wsUrl(target), 'graphql-transport-ws', origin ? { origin } : {});
      socket.on('open', () => {
        socket.close();
        resolve(101);
      });
      socket.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        socket.terminate();
      });
      socket.on('error', reject);
    });
  }

  it('is not checked without CORS_ORIGINS, as pages of any origin may query over HTTP', async () => {
    expect(await handshake(server, 'https://elsewhere.example')).toBe(101);
  });

  it('with CORS_ORIGINS, admits those origins, the server\'s own and clients that send none; refuses others with 403', async () => {
    const guarded = await startTestServer({ env: { CORS_ORIGINS: 'https://analyst.example.org' } });
    try {
      expect(await handshake(guarded, 'https://analyst.example.org')).toBe(101);
      expect(await handshake(guarded, guarded.origin)).toBe(101);
      expect(await handshake(guarded)).toBe(101);
      for (const origin of ['https://elsewhere.example', 'http://analyst.example.org', 'https://analyst.example.org:8443', 'null']) {
        expect(await handshake(guarded, origin), origin).toBe(403);
      }
    } finally {
      await guarded.close();
    }
  }, 60_000);
});

describe('shutdown', () => {
  it('closes open subscriptions (1001) and does not wait on them', async () => {
    const other = await startTestServer({ env: { API_KEYS }, logger });
    try {
      const c = client(other, `Bearer ${KEYS.reader}`);
      const closedWith = new Promise<number>((resolve) => c.on('closed', (event) => resolve((event as { code: number }).code)));
      await subscribe(c, ADDED);
      const t0 = performance.now();
      await other.close();
      // Well within the grace period in-flight requests get (half of SHUTDOWN_TIMEOUT_MS: 5 s).
      expect(performance.now() - t0).toBeLessThan(3000);
      expect(await closedWith).toBe(1001);
    } finally {
      await other.close().catch(() => undefined);
    }
  }, 60_000);
});

describe('a subscriber that falls behind', () => {
  it('is ended with SUBSCRIBER_TOO_SLOW once more events wait than its bound, and stops listening', async () => {
    let commit!: CommitListener;
    const live = new LiveUpdates(server.store, { timeoutMs: 5_000, maxPending: 2 }).listen({
      onCommit: (listener) => {
        commit = listener;
        return () => undefined;
      },
    });
    const events = live.subscribe('claimAdded', ['place:ukraine']);
    // What the curator hands its listeners after an addClaims, as far as the hub reads it.
    const added = { claims: [{ id: 'claim:isw-4200km2-2024', about: ['place:ukraine'] }], change: { operation: 'addClaims', linksAdded: [] } };
    for (let i = 0; i < 3; i++) commit(added as unknown as Parameters<CommitListener>[0]);
    await until(() => live.size === 0, 'the subscriber to be dropped');
    await expect(events.next()).rejects.toMatchObject({ extensions: { code: 'SUBSCRIBER_TOO_SLOW', limit: 2 } });
    expect(await events.next()).toEqual({ done: true, value: undefined });
  });

  it('gets every event, in commit order, while it keeps up', async () => {
    let commit!: CommitListener;
    const live = new LiveUpdates(server.store, { timeoutMs: 5_000, maxPending: 2 }).listen({
      onCommit: (listener) => {
        commit = listener;
        return () => undefined;
      },
    });
    const events = live.subscribe('claimAdded', null);
    const ids = ['claim:isw-4200km2-2024', 'claim:russian-bloggers-reached-sudzha', 'claim:isw-4200km2-2024'];
    const read: string[] = [];
    for (const id of ids) {
      commit({ claims: [{ id, about: [] }], change: { operation: 'addClaims', linksAdded: [] } } as unknown as Parameters<CommitListener>[0]);
      const next = await events.next();
      read.push((next.value as { claim: { id: string } }).claim.id);
    }
    expect(read).toEqual(ids);
    live.close();
    expect(await events.next()).toEqual({ done: true, value: undefined });
  });
});
