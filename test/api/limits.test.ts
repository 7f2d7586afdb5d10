/**
 * Operation limits: each names the limit it enforces, with a code, and reveals nothing of the schema.
 * What the cost limit lets through on the seed graph is in cost.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { fixtureGraph } from '../support/fixture-graph.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ graph: fixtureGraph(), env: { MAX_DEPTH: '8', MAX_ALIASES: '5' } });
});
afterAll(async () => {
  await server?.close();
});

function nested(depth: number): string {
  let q = 'id';
  for (let i = 0; i < depth; i++) q = `memberOf { ${q} }`;
  return `{ actor(id: "actor:belousov") { ${q} } }`;
}

describe('operation limits', () => {
  it('reject a query nested too deep, saying which limit', async () => {
    const res = await server.query(nested(10));
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors).toEqual([{ message: 'Query depth limit of 8 exceeded, found 12.', extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'MAX_DEPTH' } }]);
    expect((await server.query(nested(2))).errors).toBeUndefined();
  });

  it('reject an alias bomb', async () => {
    const aliases = Array.from({ length: 6 }, (_, i) => `a${i}: actors { totalCount }`).join(' ');
    const res = await server.query(`{ ${aliases} }`);
    expect(res.errors?.[0]).toMatchObject({ message: 'Aliases limit of 5 exceeded, found 6.', extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'MAX_ALIASES' } });
  });

  it('count a connection without first at the default page size, and a plain list at the size the schema states', async () => {
    const capped = await startTestServer({ graph: fixtureGraph(), env: { MAX_COST: '420' } });
    try {
      // claims: 1 + 20 x (node 1 + contradictedBy 10 x 1) = 221; 1 + 40 x 11 = 441 with first: 40.
      expect((await capped.query('{ claims { nodes { contradictedBy { id } } } }')).errors).toBeUndefined();
      const res = await capped.query('{ claims(first: 40) { nodes { contradictedBy { id } } } }');
      expect(res.errors?.[0]?.message).toMatch(/^The query costs 441; the limit is 420 \(MAX_COST\)/);
    } finally {
      await capped.close();
    }
  });

  it('reject documents with too many tokens, and leave syntax errors to the parser', async () => {
    const fields = Array.from({ length: 2100 }, () => '__typename').join(' ');
    const res = await server.query(`{ ${fields} }`);
    expect(res.status).toBe(400);
    expect(res.errors).toEqual([{ message: 'Token limit of 2000 exceeded.', extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'MAX_TOKENS' } }]);
    const broken = await server.query('{ actors(');
    expect(broken.status).toBe(400);
    expect(broken.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^Syntax Error: /), extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
  });

  it('do not suggest field names when introspection is off', async () => {
    const closed = await startTestServer({ graph: fixtureGraph(), env: { INTROSPECTION: 'false' } });
    try {
      const res = await closed.query('{ actorz { totalCount } }');
      expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors?.[0]?.message).not.toMatch(/Did you mean/);
      const intro = await closed.query('{ __schema { types { name } } }');
      expect(intro.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const open = await server.query('{ actorz { totalCount } }');
      expect(open.errors?.[0]?.message).toMatch(/Did you mean "actors?"/);
    } finally {
      await closed.close();
    }
  });
});

describe('request time limit', () => {
  it('stops an operation that outlives REQUEST_TIMEOUT_MS, with a code, and keeps serving', async () => {
    // 1 ms: the first level alone takes longer (three Kuzu queries), so the deeper levels' store
    // calls find the deadline passed and fail before reaching the database.
    const hurried = await startTestServer({ graph: fixtureGraph(), env: { REQUEST_TIMEOUT_MS: '1' } });
    try {
      const res = await hurried.query('{ claims { nodes { id source { title publisher { name memberOf { name } } } } } }');
      expect(res.status).toBe(200);
      expect(res.errors?.length).toBeGreaterThan(0);
      for (const e of res.errors!) {
        expect(e).toMatchObject({ message: 'The query took too long and was cancelled.', extensions: { code: 'QUERY_TIMEOUT' } });
      }
      expect(JSON.stringify(res.errors)).not.toMatch(/Kuzu|stack|Interrupt/i);
      const cheap = await hurried.query('{ __typename }');
      expect(cheap.data).toEqual({ __typename: 'Query' });
    } finally {
      await hurried.close();
    }
    // The same operation within the default limit answers in full.
    const res = await server.query('{ claims { nodes { id source { title publisher { name memberOf { name } } } } } }');
    expect(res.errors).toBeUndefined();
  });
});
