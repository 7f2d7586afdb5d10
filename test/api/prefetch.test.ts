/**
 * PREFETCH changes how many statements an operation sends, never its answer: the README's
 * queries, the benchmark's, and queries that reach the look-ahead through fragments, aliases,
 * interfaces and nested lists answer byte for byte the same with it off and on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KURSK_QUERY, PEER_QUERIES, TRAVERSAL_QUERY } from '../../bench/queries.js';
import { exampleQueries } from '../../src/server/example-queries.js';
import { encodeCursor } from '../../src/graphql/pagination.js';
import { startTestServer, type TestServer } from '../support/server.js';

const LOOK_AHEAD = [
  `{ claim(id: "claim:isw-752km2-2024") { id
      claimant { ... on Actor { name memberOf { name } } ... on Source { title } }
      contradictedBy { id claimant { ... on Actor { name } } contradictedBy { id } }
      contradictions { kind rule from { id } to { id } claim { id } }
      source { title publisher { name } }
      about { ... on Place { name partOf { name } } ... on Actor { name } } } }`,
  `{ place(id: "place:kursk-oblast") { name partOf { name }
      parts { name parts { name } events { name places { name } }
        claims(first: 3) { totalCount edges { cursor node { id source { title } corroboratedBy { id } } } } } } }`,
  '{ actor(id: "actor:isw") { claims(first: 3) { nodes { ...F } } members { name } memberOf { name } } } fragment F on Claim { id contradicts { id source { title } } referredBy { relation claim { id } } refersTo { relation } }',
  '{ node(id: "actor:russia") { ... on Actor { name events { name participants { name } } published { title } } } }',
  '{ nodes(ids: ["event:kursk-incursion", "source:003-russian-advances-kursk"]) { ... on Event { name place { name } participants { name } } ... on Source { title text publisher { name } claims(first: 2) { nodes { id about { __typename } } } } } }',
  '{ claims(first: 10, filter: { about: "Ukraine" }) { totalCount nodes { id claimant { ... on Actor { name } } s: source { title } about { ... on Node { id } } contradicts { id claimant { ... on Actor { name } } } } } }',
  '{ actors(first: 50) { nodes { name claims(first: 2) { nodes { id contradictedBy { id } } } } } }',
  // A later page, and one past the end: its total still comes back with no claims read.
  `{ place(id: "place:sudzha") { claims(first: 1, after: "${encodeCursor(0)}") { totalCount nodes { id claimant { __typename } } pageInfo { hasNextPage } } } }`,
  `{ place(id: "place:sudzha") { claims(first: 5, after: "${encodeCursor(50)}") { totalCount nodes { id claimant { __typename } } } } }`,
];

const QUERIES = [...exampleQueries.map((q) => q.query), ...PEER_QUERIES.map((q) => q.query), KURSK_QUERY, TRAVERSAL_QUERY, ...LOOK_AHEAD];

let off: TestServer;
let on: TestServer;
beforeAll(async () => {
  // The answer cache off: each answer is computed, and the statement counts compared are the query's own.
  [off, on] = await Promise.all([
    startTestServer({ env: { PREFETCH: 'off', RESPONSE_CACHE_MB: '0', MAX_COST: '1000000' } }),
    startTestServer({ env: { PREFETCH: 'on', RESPONSE_CACHE_MB: '0', MAX_COST: '1000000' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([off?.close(), on?.close()]);
});

describe('PREFETCH', () => {
  it.each(QUERIES.map((q) => [q.replace(/\s+/g, ' ').slice(0, 70), q]))('answers %s the same off and on', async (_name, query) => {
    const [a, b] = await Promise.all([off.query(query), on.query(query)]);
    expect(a.errors).toBeUndefined();
    expect(JSON.stringify(b.data)).toBe(JSON.stringify(a.data));
    // Reading along never costs more statements than the loaders would send.
    expect(b.storeCalls).toBeLessThanOrEqual(a.storeCalls);
  });
});
