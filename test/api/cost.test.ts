/**
 * The cost limit on the seed graph with the default limits, as an analyst meets it: ordinary
 * listing and drawing queries pass, a query that could fetch the whole graph is refused. (Apart
 * from limits.test.ts, whose fixture graph would share Neo4j's one database with this one.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readmeQueries } from '../support/readme.js';
import { startTestServer, type TestServer } from '../support/server.js';

let seeded: TestServer;
beforeAll(async () => {
  seeded = await startTestServer();
});
afterAll(async () => {
  await seeded?.close();
});

/** Queries analysts wrote that the first cost limit refused (issue 9), each with the cost it has now. */
const ANALYSTS_QUERIES: Record<string, [string, number]> = {
  'contradictions with their claimants': [
    '{ contradictions(first: 100) { nodes { a { id claimant { name } } b { id claimant { name } } reasons { kind rule } } } }', 1001,
  ],
  'a page of claims with their links': [
    '{ claims(first: 100) { nodes { id claimant { id } source { id } about { ... on Node { id } } contradicts { id } } } }', 2301,
  ],
  'the 2-hop neighbourhood of Kursk': [
    `{ place(name: "Kursk") {
        name partOf { name partOf { name } }
        parts { name claims(first: 50) { nodes { id statement claimant { name } source { title } } } }
        claims(first: 50) { totalCount nodes { id statement claimant { name } source { title } } }
      } }`, 4714,
  ],
  'actors, places and events in one query': [
    `{ actors(first: 100) { totalCount nodes { id name kind memberOf { id } } }
       places(first: 100) { totalCount nodes { id name kind partOf { id } } }
       events(first: 100) { totalCount nodes { id name kind places { id } participants { id } } } }`, 3903,
  ],
};

/** Nested connections that could walk the whole graph. Claimant has no claims field, hence `... on Actor`. */
const WHOLE_GRAPH = `query($n: Int) { actors(first: $n) { nodes { claims(first: 100) { nodes {
  contradictedBy { claimant { ... on Actor { claims(first: 100) { nodes { id } } } } } } } } } }`;

describe('the cost limit', () => {
  it('lets the queries analysts write through, with the default MAX_COST', async () => {
    for (const [name, [query]] of Object.entries(ANALYSTS_QUERIES)) {
      const res = await seeded.query(query);
      expect(res.status, name).toBe(200);
      expect(res.errors, name).toBeUndefined();
    }
    const kursk = await seeded.query(ANALYSTS_QUERIES['the 2-hop neighbourhood of Kursk']![0]);
    expect(kursk.data?.place.parts.length).toBeGreaterThan(0);
  });

  it('lets every README example through, with the default MAX_COST', async () => {
    const examples = readmeQueries();
    expect(examples.size).toBeGreaterThan(0);
    for (const [name, query] of examples) {
      const res = await seeded.query(query);
      expect(res.status, name).toBe(200);
      expect(res.errors, name).toBeUndefined();
    }
  });

  it('refuses nested connections that could fetch the whole graph, stating the cost and the limit', async () => {
    const res = await seeded.query(WHOLE_GRAPH, { n: 100 });
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors).toEqual([{
      message: 'The query costs 10310201; the limit is 10000 (MAX_COST). A connection counts its selection once per item of `first`, '
        + 'a list once per item it may hold: ask for fewer with first, or nest fewer lists.',
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'MAX_COST' },
    }]);
    expect(res.storeCalls).toBe(0);
    // The cost follows the variables: one actor and smaller pages pass.
    const small = await seeded.query(WHOLE_GRAPH.replaceAll('first: 100', 'first: 5'), { n: 1 });
    expect(small.errors).toBeUndefined();
  });

});
