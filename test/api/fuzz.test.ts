/**
 * Property-based: random filters, ids, cursors and page sizes thrown at the API always get a
 * well-formed answer or a coded error, never a 500, a stack trace or a store message.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPICS } from '../../src/domain/model.js';
import { encodeCursor } from '../../src/graphql/pagination.js';
import { startTestServer, type GraphQLResponse, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'QUERY_TOO_COMPLEX', 'GRAPHQL_VALIDATION_FAILED']);

function wellFormed(res: GraphQLResponse): void {
  expect([200, 400]).toContain(res.status);
  expect(res.data !== undefined || res.errors !== undefined).toBe(true);
  for (const error of res.errors ?? []) {
    expect(CODES, JSON.stringify(error)).toContain(error.extensions?.code);
    expect(JSON.stringify(error)).not.toMatch(/stacktrace|\bat .+:\d+:\d+|Kuzu|Binder|Cypher|Neo4j/);
  }
}

const names = fc.oneof(
  fc.constantFrom('Kursk', 'kursk region', 'Russia', 'ISW', 'Syrsky', 'Ministry of Defence', 'place:sudzha', 'actor:isw', 'claim:isw-752km2-2024', 'source:000-unn-isw-752km2', 'event:kursk-incursion', 'place:', 'claim:nope'),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const partialDates = fc.oneof(fc.constantFrom('2024', '2024-05', '2024-05-31', '2024-02-30', '1999-13', ''), fc.string({ maxLength: 12 }));
const filters = fc.record(
  {
    about: names,
    claimant: fc.array(names, { maxLength: 3 }),
    source: fc.array(names, { maxLength: 2 }),
    topic: fc.subarray([...TOPICS]),
    statedBetween: fc.record({ from: partialDates, to: partialDates }, { requiredKeys: [] }),
    contested: fc.boolean(),
  },
  { requiredKeys: [] },
);
const cursors = fc.oneof(fc.constant(null), fc.nat(200).map(encodeCursor), fc.string({ maxLength: 16 }), fc.base64String({ maxLength: 16 }));
const pageSizes = fc.oneof(fc.constant(null), fc.integer({ min: -5, max: 150 }), fc.constantFrom(2147483647, -2147483648));

describe('random input', () => {
  it('claims(filter, first, after) always answers well-formed', async () => {
    await fc.assert(
      fc.asyncProperty(filters, pageSizes, cursors, fc.constantFrom('STATED_DESC', 'STATED_ASC'), async (filter, first, after, orderBy) => {
        const res = await server.query(
          `query($filter: ClaimFilter, $first: Int, $after: String, $orderBy: ClaimOrder) {
            claims(filter: $filter, first: $first, after: $after, orderBy: $orderBy) { totalCount nodes { id claimant { name } } pageInfo { hasNextPage endCursor } }
          }`,
          { filter, first, after, orderBy },
        );
        wellFormed(res);
      }),
      { numRuns: 120 },
    );
  });

  it('look-ups and node() by any id or name always answer well-formed', async () => {
    await fc.assert(
      fc.asyncProperty(names, names, async (id, name) => {
        const res = await server.query(
          `query($id: ID!, $name: String) {
            node(id: $id) { id } claim(id: $id) { id } actor(name: $name) { id side { id } }
            place(name: $name) { id } contradictions(filter: { about: $name }) { totalCount }
          }`,
          { id, name },
        );
        wellFormed(res);
      }),
      { numRuns: 120 },
    );
  });
});
