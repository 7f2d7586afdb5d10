/** One bad argument fails its own field, not the whole answer: fields that take arguments are nullable. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('a bad argument in one field', () => {
  it('leaves a sibling root field its data when a filter names an unknown source', async () => {
    const res = await server.query(`{
      good: claims(filter: { about: "Kursk" }, first: 2) { totalCount nodes { id } }
      bad: claims(filter: { source: ["The Daily Nowhere"] }) { totalCount }
    }`);
    expect(res.status).toBe(200);
    expect(res.data?.good.totalCount).toBe(22);
    expect(res.data?.good.nodes).toHaveLength(2);
    expect(res.data?.bad).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({ path: ['bad'], message: 'filter.source: no source is named "The Daily Nowhere"', extensions: { code: 'NOT_FOUND' } });
  });

  it('leaves a sibling root field its data when first is over the maximum', async () => {
    const res = await server.query('{ actors(first: 2) { nodes { id } } places(first: 101) { totalCount } sources { totalCount } }');
    expect(res.status).toBe(200);
    expect(res.data?.actors.nodes).toHaveLength(2);
    expect(res.data?.sources.totalCount).toBe(5);
    expect(res.data?.places).toBeNull();
    expect(res.errors).toEqual([
      expect.objectContaining({ path: ['places'], message: 'first must be between 0 and 100; got 101', extensions: { code: 'BAD_USER_INPUT', argument: 'first' } }),
    ]);
  });

  it('fails only the claims of an object, keeping the object and its other fields', async () => {
    const res = await server.query(`{ place(name: "Kursk") {
      name
      parts { name }
      claims(first: 101) { totalCount }
      newest: claims(first: 1) { nodes { id } }
    } }`);
    expect(res.data?.place.name).toMatch(/Kursk/);
    expect(res.data?.place.parts.length).toBeGreaterThan(0);
    expect(res.data?.place.claims).toBeNull();
    expect(res.data?.place.newest.nodes).toHaveLength(1);
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['place', 'claims'], 'BAD_USER_INPUT']]);
  });

  it('fails only the analysis field whose subject is unknown', async () => {
    const res = await server.query('{ disputes(about: "Atlantis") { topic } agreement(a: "Russia", b: "Ukraine") { agreeing conflicting } }');
    expect(res.data?.disputes).toBeNull();
    expect(typeof res.data?.agreement.conflicting).toBe('number');
    expect(res.errors?.map((e) => e.path)).toEqual([['disputes']]);
  });
});

describe('a bad argument to the audit trail', () => {
  it('fails changes alone, keeping a sibling root field', async () => {
    const res = await server.query('{ changes(since: "yesterday") { totalCount } sources { totalCount } }');
    expect(res.data?.changes).toBeNull();
    expect(res.data?.sources.totalCount).toBe(5);
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['changes'], 'BAD_USER_INPUT']]);
  });

  it("fails only one claim's history, keeping the page of claims", async () => {
    const res = await server.query('{ claims(filter: { about: "Sudzha" }, first: 2) { nodes { id history(first: 101) { operation } } } }');
    const nodes = res.data?.claims.nodes as Array<{ id: string; history: unknown }>;
    expect(nodes).toHaveLength(2);
    expect(nodes.map((n) => n.history)).toEqual([null, null]);
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['claims', 'nodes', 0, 'history'], 'BAD_USER_INPUT'],
      [['claims', 'nodes', 1, 'history'], 'BAD_USER_INPUT'],
    ]);
  });
});
