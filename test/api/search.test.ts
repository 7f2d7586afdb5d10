/** `search` over real HTTP on the seed graph: ranked by the store's full-text index, stemmed, highlighted. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

interface Hit { node: { id: string; __typename: string }; score: number; highlights: string[] }

describe('search', () => {
  it('finds words in any form the index stems, best first, with the matches highlighted, in one read: the hits and their count', async () => {
    const res = await server.query(`{ search(text: "encircled", types: [CLAIM], first: 10) {
      totalCount nodes { node { id __typename } score highlights } pageInfo { hasNextPage } } }`);
    expect(res.errors).toBeUndefined();
    const hits = res.data?.search.nodes as Hit[];
    const ids = hits.map((h) => h.node.id);
    expect(ids).toEqual(expect.arrayContaining(['claim:syrskyi-denies-encirclement-kursk']));
    expect(res.data?.search.totalCount).toBe(hits.length);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
    const denial = hits.find((h) => h.node.id === 'claim:syrskyi-denies-encirclement-kursk')!;
    expect(denial.highlights.some((f) => f.includes('<em>encirclement</em>'))).toBe(true);
    expect(res.storeCalls).toBe(2);
  });

  it('looks in every kind of node unless told, and pages', async () => {
    const all = await server.query('{ search(text: "Sudzha", first: 50) { totalCount nodes { node { __typename id } } } }');
    const kinds = new Set((all.data?.search.nodes as Hit[]).map((h) => h.node.__typename));
    expect(kinds).toContain('Place');
    expect(kinds).toContain('Claim');
    const page = await server.query('{ search(text: "Sudzha", first: 2) { nodes { node { id } } pageInfo { hasNextPage endCursor } } }');
    const next = await server.query(`{ search(text: "Sudzha", first: 2, after: "${page.data?.search.pageInfo.endCursor}") { nodes { node { id } } } }`);
    const seen = [...page.data?.search.nodes, ...next.data?.search.nodes].map((h: Hit) => h.node.id);
    expect(new Set(seen).size).toBe(4);
    expect(seen).toEqual((all.data?.search.nodes as Hit[]).slice(0, 4).map((h) => h.node.id));
  });

  it('sends one statement per type searched, and one more per type for totalCount', async () => {
    const hits = await server.query('{ search(text: "Sudzha") { nodes { node { id } } } }');
    expect(hits.errors).toBeUndefined();
    expect(hits.storeCalls).toBe(5);
    const counted = await server.query('{ search(text: "Sudzha", types: [CLAIM, PLACE]) { totalCount nodes { node { id } } } }');
    expect(counted.storeCalls).toBe(4);
  });

  it('refuses empty words and empty types, naming the argument', async () => {
    const res = await server.query('{ a: search(text: "  ") { totalCount } b: search(text: "Kursk", types: []) { totalCount } }');
    expect(res.data).toEqual({ a: null, b: null });
    expect(res.errors?.map((e) => e.extensions?.argument).sort()).toEqual(['text', 'types']);
  });
});
