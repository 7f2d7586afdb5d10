/**
 * GET /metrics on the real server: operations counted by type, name and outcome, store calls, the
 * answer cache, the graph's version and writes; client-chosen names bounded; no query text or key
 * in the output; METRICS=false leaves no route. Each test reads differences, or has its own server,
 * so the tests pass alone and in any order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_OPERATION_NAMES } from '../../src/server/metrics.js';
import { fixtureGraph } from '../support/fixture-graph.js';
import { startTestServer, type TestServer } from '../support/server.js';

const EDITOR_KEY = 'editor-key-metrics-0001';

interface Sample {
  labels: Record<string, string>;
  value: number;
}

/** The samples of one metric in Prometheus's text format. */
function samples(text: string, name: string): Sample[] {
  const found: Sample[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1]!, l[2]!]));
    found.push({ labels, value: Number(m[3]) });
  }
  return found;
}

/** The value of the sample of `name` whose labels include `labels`; 0 when there is none. */
function value(text: string, name: string, labels: Record<string, string> = {}): number {
  const match = samples(text, name).filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  expect(match.length, `${name} ${JSON.stringify(labels)} matches ${match.length} samples`).toBeLessThanOrEqual(1);
  return match[0]?.value ?? 0;
}

async function scrape(server: TestServer): Promise<string> {
  const res = await fetch(`${server.origin}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

describe('GET /metrics', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { API_KEYS: `ed:editor:${EDITOR_KEY}` } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('counts operations by type, name and outcome, with their store calls and the cache hits', async () => {
    const before = await scrape(server);
    const places = 'query MetricsPlaces { places(first: 3) { nodes { id name } } }';
    const first = await server.query(places);
    const again = await server.query(places);
    expect(again.headers.get('x-cache')).toBe('hit');
    const failed = await server.query('query MetricsTooMany { places(first: 100000) { nodes { id } } }');
    const code = failed.errors?.[0]?.extensions?.code as string;
    expect(code).toMatch(/^[A-Z_]+$/);
    await server.query('{ __typename }');
    const after = await scrape(server);

    const count = (text: string, labels: Record<string, string>) => value(text, 'claimgraph_graphql_request_duration_seconds_count', labels);
    const diff = (labels: Record<string, string>) => count(after, labels) - count(before, labels);
    expect(diff({ operation_type: 'query', operation_name: 'MetricsPlaces', outcome: 'ok' })).toBe(2);
    expect(diff({ operation_type: 'query', operation_name: 'MetricsTooMany', outcome: code })).toBe(1);
    expect(diff({ operation_type: 'query', operation_name: 'MetricsTooMany', outcome: 'ok' })).toBe(0);
    expect(diff({ operation_type: 'query', operation_name: 'anonymous', outcome: 'ok' })).toBe(1);

    // The first answer made store calls, the cached one none.
    const calls = { operation_type: 'query', operation_name: 'MetricsPlaces' };
    expect(value(after, 'claimgraph_store_calls_per_operation_count', calls)).toBe(2);
    expect(value(after, 'claimgraph_store_calls_per_operation_sum', calls)).toBe(first.storeCalls);
    expect(first.storeCalls).toBeGreaterThan(0);
    expect(value(after, 'claimgraph_store_calls_per_operation_bucket', { ...calls, le: '0' })).toBe(1);

    expect(value(after, 'claimgraph_answer_cache_hits_total') - value(before, 'claimgraph_answer_cache_hits_total')).toBe(1);
    expect(value(after, 'claimgraph_answer_cache_misses_total') - value(before, 'claimgraph_answer_cache_misses_total')).toBeGreaterThanOrEqual(2);
    expect(value(after, 'claimgraph_answer_cache_entries')).toBeGreaterThanOrEqual(1);
    expect(value(after, 'claimgraph_answer_cache_bytes')).toBeGreaterThan(0);
  });

  it('shows the graph version rising and the write counted after a mutation', async () => {
    const before = await scrape(server);
    expect(value(before, 'claimgraph_store_up')).toBe(1);
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${EDITOR_KEY}` },
      body: JSON.stringify({ query: 'mutation MetricsAddActor { addActor(input: { name: "Metrics Test Group", kind: GROUP }) { id } }' }),
    });
    const body = (await res.json()) as { errors?: unknown };
    expect(body.errors).toBeUndefined();
    const after = await scrape(server);

    expect(value(after, 'claimgraph_graph_version')).toBeGreaterThan(value(before, 'claimgraph_graph_version'));
    expect(value(after, 'claimgraph_graph_version')).toBe(await server.store.version());
    const writes = (text: string) => value(text, 'claimgraph_writes_total', { operation: 'addActor' });
    expect(writes(after) - writes(before)).toBe(1);
    const mutations = (text: string) =>
      value(text, 'claimgraph_graphql_request_duration_seconds_count', { operation_type: 'mutation', operation_name: 'MetricsAddActor', outcome: 'ok' });
    expect(mutations(after) - mutations(before)).toBe(1);
  });

  it('shows no query text, variables or key', async () => {
    await server.query('query MetricsSecretive($q: String!) { search(text: $q, first: 1) { pageInfo { hasNextPage } } }', { q: 'variable-text-xyzzy' });
    const text = await scrape(server);
    expect(text).toContain('operation_name="MetricsSecretive"');
    for (const leak of ['variable-text-xyzzy', 'hasNextPage', '__typename', 'places(', EDITOR_KEY, 'Metrics Test Group']) {
      expect(text).not.toContain(leak);
    }
  });

  it('includes the process metrics, prefixed', async () => {
    const text = await scrape(server);
    expect(value(text, 'claimgraph_process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(value(text, 'claimgraph_nodejs_heap_size_limit_bytes')).toBeGreaterThan(value(text, 'claimgraph_nodejs_heap_size_used_bytes'));
  });
});

describe('GET /metrics, bounded', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ graph: fixtureGraph() });
  });
  afterAll(async () => {
    await server?.close();
  });

  it(`keeps the first ${MAX_OPERATION_NAMES} operation names and counts later ones as "other"`, async () => {
    for (let i = 0; i < 150; i++) await server.query(`query Name${i} { __typename }`);
    // A document that does not validate takes no place, even under a new name.
    await server.query('query NeverValid { noSuchField }');
    const text = await scrape(server);
    const counts = samples(text, 'claimgraph_graphql_request_duration_seconds_count');
    const names = new Set(counts.map((s) => s.labels.operation_name));
    expect(names.size).toBeLessThanOrEqual(MAX_OPERATION_NAMES + 2);
    expect(names.has('Name0')).toBe(true);
    expect(names.has(`Name${MAX_OPERATION_NAMES - 1}`)).toBe(true);
    expect(names.has(`Name${MAX_OPERATION_NAMES}`)).toBe(false);
    expect(names.has('NeverValid')).toBe(false);
    expect(value(text, 'claimgraph_graphql_request_duration_seconds_count', { operation_name: 'other', outcome: 'ok' })).toBe(150 - MAX_OPERATION_NAMES);
    expect(value(text, 'claimgraph_graphql_request_duration_seconds_count', { operation_type: 'unknown', operation_name: 'other', outcome: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
  });
});

describe('METRICS=false', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ graph: fixtureGraph(), env: { METRICS: 'false' } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers /metrics 404', async () => {
    expect((await server.query('{ __typename }')).status).toBe(200);
    const res = await fetch(`${server.origin}/metrics`);
    expect(res.status).toBe(404);
  });
});

describe('METRICS_TOKEN', () => {
  const TOKEN = 'scrape-token-metrics-0001';
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ graph: fixtureGraph(), env: { METRICS_TOKEN: TOKEN, API_KEYS: `ed:editor:${EDITOR_KEY}` } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers a scrape with the token, 401 to one without it or with another token', async () => {
    const withToken = await fetch(`${server.origin}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(withToken.status).toBe(200);
    expect(await withToken.text()).toContain('claimgraph_graph_version ');
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, `Bearer ${EDITOR_KEY}`]) {
      const res = await fetch(`${server.origin}/metrics`, { headers: authorization ? { authorization } : {} });
      expect(res.status, String(authorization)).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      expect(await res.text()).not.toContain('claimgraph_');
    }
    // The token guards the metrics only: queries take no notice of it.
    expect((await server.query('{ __typename }')).status).toBe(200);
  });
});
