/**
 * No N+1: the store calls an operation makes grow with its depth, never with the number of results.
 * The count comes from the x-store-calls header the server sets for every operation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphData } from '../../src/domain/model.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { fixtureGraph } from '../support/fixture-graph.js';

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

let server: TestServer;
beforeAll(async () => {
  // Wide queries on purpose: the cost limit is raised so that batching is what is measured.
  server = await startTestServer({ graph: widened(60), env: { MAX_COST: '1000000' } });
});
afterAll(async () => {
  await server?.close();
});

describe('store calls per operation', () => {
  it('do not grow with the number of claims returned by the Kursk query', async () => {
    const calls: number[] = [];
    // Whether any claim is deprecated is read once per version of the graph: not by the operations measured.
    await server.query(KURSK, { first: 2 });
    for (const first of [1, 10, 60]) {
      const res = await server.query(KURSK, { first });
      expect(res.errors).toBeUndefined();
      expect(res.data?.claims.nodes).toHaveLength(first);
      calls.push(res.storeCalls);
    }
    expect(calls[0]).toBeGreaterThan(0);
    expect(new Set(calls).size).toBe(1);
    // Statements: the name; the claims (page and count, nodes: no claim is deprecated, so none to
    // leave out); claimant; source; contradictedBy (one walk each way); their claimants.
    expect(calls[0]).toBe(8);
  });

  it('batch relationship lists across parents at every level', async () => {
    const query = `query($first: Int) { actors(first: $first) { nodes { name memberOf { name members { name } } claims(first: 3) { totalCount nodes { about { __typename } } } } } }`;
    const small = await server.query(query, { first: 2 });
    const large = await server.query(query, { first: 60 });
    expect(small.errors).toBeUndefined();
    expect(large.data?.actors.nodes).toHaveLength(60);
    expect(large.storeCalls).toBe(small.storeCalls);
    // actors (page, nodes), memberOf, members, claims (pages and nodes)
    expect(large.storeCalls).toBe(6);
  });
});
