/**
 * No N+1: the store calls an operation makes grow with its depth, never with the number of results.
 * The count comes from the x-store-calls header the server sets for every operation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphData } from '../../src/domain/model.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { fixtureGraph } from '../support/fixture-graph.js';
import { PEER_QUERIES } from '../../bench/queries.js';

/** The fixture plus `extra` claims about Sudzha, each by its own new actor, each contradicting the last. */
function widened(extra: number): GraphData {
  const g = fixtureGraph();
  const template = g.claims[0]!;
  for (let i = 0; i < extra; i++) {
    g.actors.push({ id: `actor:extra-${i}`, name: `Extra ${i}`, kind: 'GROUP', aliases: [], description: null, memberOf: ['actor:russia'] });
    g.claims.push({ ...template, id: `claim:extra-${i}`, claimant: `actor:extra-${i}`, about: ['place:sudzha'], statedAt: null });
    g.contradictions.push({ from: `claim:extra-${i}`, to: i ? `claim:extra-${i - 1}` : template.id, kind: 'EXPLICIT', explanation: 'x', rule: null });
  }
  return g;
}

const KURSK = `query Kursk($first: Int) {
  claims(first: $first, filter: { about: "Kursk" }) {
    totalCount
    nodes {
      statement
      quote
      claimant { name }
      source { title }
      contradictedBy { statement claimant { name } }
    }
  }
}`;

/**
 * Statements each operation sends, by PREFETCH: `off` (Kuzu's default) leaves every relationship
 * field to its loader, one statement per field and level; `on` (Neo4j's default) reads the fields
 * a page of claims or a node looked up by id selects in the statement that reads them.
 */
const EXPECTED = {
  off: { kursk: 7, actors: 6, peers: { Q1: 7, Q2: 5, Q3: 5 } },
  on: { kursk: 3, actors: 4, peers: { Q1: 2, Q2: 2, Q3: 2 } },
} as const;

describe.each(['off', 'on'] as const)('store calls per operation, PREFETCH=%s', (prefetch) => {
  let server: TestServer;
  const expected = EXPECTED[prefetch];
  beforeAll(async () => {
    // Wide queries on purpose: the cost limit is raised so that batching is what is measured.
    // Digests at Neo4j's threshold on both engines: the pages here are read from the claims, as
    // Neo4j reads them; a subject's page from its digest is counted in digests.test.ts.
    server = await startTestServer({ graph: widened(60), env: { MAX_COST: '1000000', PREFETCH: prefetch, CLAIM_DIGEST_MIN: '500' } });
    // Whether any claim is deprecated is read once per version of the graph (on Kuzu): here, not
    // by the first operation a test measures, whichever test runs first.
    await server.query(KURSK, { first: 2 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('do not grow with the number of claims returned by the Kursk query', async () => {
    const calls: number[] = [];
    for (const first of [1, 10, 60]) {
      const res = await server.query(KURSK, { first });
      expect(res.errors).toBeUndefined();
      expect(res.data?.claims.nodes).toHaveLength(first);
      calls.push(res.storeCalls);
    }
    expect(calls[0]).toBeGreaterThan(0);
    expect(new Set(calls).size).toBe(1);
    // The name; the claims' page and count (no claim is deprecated, so none to leave out); then
    // off: the page's claims, claimant, source, contradictedBy (one walk each way), their claimants;
    // on: the page's claims with all of that in one statement. Kuzu, its folder's only writer,
    // knows per version of the graph that no claim is deprecated; Neo4j, which other processes may
    // write, looks for deprecated claims each time: one statement more.
    expect(calls[0]).toBe(expected.kursk + (server.store.kind === 'neo4j' ? 1 : 0));
  });

  it('batch relationship lists across parents at every level', async () => {
    const query = `query($first: Int) { actors(first: $first) { nodes { name memberOf { name members { name } } claims(first: 3) { totalCount nodes { about { __typename } } } } } }`;
    const small = await server.query(query, { first: 2 });
    const large = await server.query(query, { first: 60 });
    expect(small.errors).toBeUndefined();
    expect(large.data?.actors.nodes).toHaveLength(60);
    expect(large.storeCalls).toBe(small.storeCalls);
    // actors; memberOf; members; the claims' pages, then (off) their claims and what each is about.
    expect(large.storeCalls).toBe(expected.actors);
  });

  it('for the queries of the comparison with @neo4j/graphql: with PREFETCH on, the root node, then its claims with what is read of them', async () => {
    for (const { name, query } of PEER_QUERIES) {
      // A variable the query does not declare changes the answer cache's key, not the answer.
      await server.query(query, { nonce: 1 });
      const res = await server.query(query, { nonce: 2 });
      expect(res.errors, name).toBeUndefined();
      expect(res.storeCalls, name).toBe(expected.peers[name as 'Q1']);
    }
    const q1 = await server.query(PEER_QUERIES[0]!.query);
    // Sudzha's 60 widened claims each contradict the one before: every one is read with its contradictions.
    const nodes = q1.data?.place.claims.nodes as Array<{ id: string; contradictedBy: Array<{ id: string; claimant: { name: string } }> }>;
    expect(nodes).toHaveLength(50);
    const extra = nodes.find((n) => n.id === 'claim:extra-30')!;
    expect(extra.contradictedBy.map((c) => c.id)).toEqual(['claim:extra-29', 'claim:extra-31']);
    expect(extra.contradictedBy.map((c) => c.claimant.name)).toEqual(['Extra 29', 'Extra 31']);
  });
});
