/**
 * FETCH_SELECTED changes what the store reads of each node, never an answer: every field
 * graphql/fields.ts lists, asked of every node of its type and of nodes reached along each walk,
 * answers byte for byte the same with whole nodes (off) and with the selected properties only (on),
 * with PREFETCH off (the loaders' walks) and on (walks in the reading statement). And it does read
 * less: a query's read names only what its fields need, and the store returns no more.
 */
import { buildSchema, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KURSK_QUERY, PEER_QUERIES, TRAVERSAL_QUERY } from '../../bench/queries.js';
import { FIELD_PROPERTIES, fieldsRead } from '../../src/graphql/fields.js';
import { loadTypeDefs } from '../../src/server/schema.js';
import { exampleQueries } from '../../src/server/example-queries.js';
import { NODE_PROPERTIES } from '../../src/store/schema.js';
import { LOOK_AHEAD } from '../support/queries.js';
import { startTestServer, type TestServer } from '../support/server.js';

const DATE = '{ value precision earliest latest }';
const BASIS = '{ kind quote source { id title } }';
/** Every field of each node type that fields.ts lists, the relationship fields with a small selection. */
const ALL: Record<string, string> = {
  Claim: `id statement quote quoteStart quoteEnd topic stance hedged statedAt ${DATE} period { start ${DATE} end ${DATE} }
    quantity { value unit qualifier text vague } rank rankReason
    claimant { __typename ... on Actor { id name } ... on Source { id title } } source { id title } about { __typename ... on Node { id } }
    contradicts { id statement } contradictedBy { id statement } corroboratedBy { id }
    contradictions { kind explanation rule direction independent dependence type from { id } to { id } claim { id statement } }
    corroborations { kind independent dependence claim { id } } refersTo { relation explanation claim { id } } referredBy { relation claim { id } }`,
  Actor: `id name actorKind: kind aliases description descriptionBasis ${BASIS} mergedInto { id name } memberOf { id name } members { id name }
    claims(first: 3) { totalCount nodes { id statement } } claimsAbout(first: 3) { totalCount nodes { id } } events { id name } published { id title } side { id name }`,
  Place: `id name placeKind: kind aliases descriptionBasis ${BASIS} partOf { id name } ancestors { id name } parts { id name }
    claims(first: 3) { totalCount nodes { id statement } } events { id name }`,
  Event: `id name eventKind: kind aliases description descriptionBasis ${BASIS} start ${DATE} end ${DATE} place { id name } places { id name }
    participants { id name } claims(first: 3) { totalCount nodes { id } }`,
  Source: `id title name shortName text file language publishedOn ${DATE} description descriptionBasis ${BASIS} url publisher { id name }
    claims(first: 3) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } }`,
};

const EVERY_FIELD = [
  `{ claims(first: 100) { totalCount nodes { ${ALL.Claim} } } }`,
  `{ actors(first: 100) { nodes { ${ALL.Actor} } } }`,
  `{ places(first: 100) { nodes { ${ALL.Place} } } }`,
  `{ events(first: 100) { nodes { ${ALL.Event} } } }`,
  `{ sources(first: 100) { nodes { ${ALL.Source} } } }`,
  // Nodes reached along walks, each read with everything its type lists, and again with one field.
  `{ claims(first: 100) { nodes { id claimant { ... on Actor { ${ALL.Actor} } ... on Source { ${ALL.Source} } } source { ${ALL.Source} }
    about { ... on Place { ${ALL.Place} } ... on Actor { ${ALL.Actor} } ... on Event { ${ALL.Event} } } } } }`,
  `{ claims(first: 100) { nodes { id contradictedBy { ${ALL.Claim} } corroboratedBy { ${ALL.Claim} } } } }`,
  '{ claims(first: 100) { nodes { statement claimant { ... on Actor { name } ... on Source { name } } source { title } about { ... on Place { kind } } } } }',
  '{ places(first: 100) { nodes { name parts { aliases claims(first: 5) { nodes { quote quantity { value vague } claimant { ... on Actor { description } } } } } } } }',
  '{ place(name: "Kursk") { name claims(first: 5) { nodes { statedAt { value } period { start { value } } } } } }',
  '{ actor(name: "ISW") { description claims(first: 5) { nodes { topic stance hedged source { publishedOn { value } url shortName publisher { kind } } } } } }',
  '{ node(id: "claim:isw-752km2-2024") { ... on Claim { rank rankReason contradictions { claim { quote claimant { ... on Node { id } } } } } } }',
];

const QUERIES = [...EVERY_FIELD, ...exampleQueries.map((q) => q.query), ...PEER_QUERIES.map((q) => q.query), KURSK_QUERY, TRAVERSAL_QUERY, ...LOOK_AHEAD];

const LIMITS = { RESPONSE_CACHE_MB: '0', MAX_COST: '100000000', MAX_DEPTH: '20', MAX_PAGE_SIZE: '1000' };
let whole: TestServer;
let loaders: TestServer;
let along: TestServer;
beforeAll(async () => {
  [whole, loaders, along] = await Promise.all([
    startTestServer({ env: { ...LIMITS, FETCH_SELECTED: 'false' } }),
    startTestServer({ env: { ...LIMITS, FETCH_SELECTED: 'true', PREFETCH: 'off' } }),
    startTestServer({ env: { ...LIMITS, FETCH_SELECTED: 'true', PREFETCH: 'on' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([whole?.close(), loaders?.close(), along?.close()]);
});

describe('FETCH_SELECTED', () => {
  it.each(QUERIES.map((q) => [q.replace(/\s+/g, ' ').slice(0, 80), q]))('answers %s as with whole nodes', async (_name, query) => {
    const [a, b, c] = await Promise.all([whole.query(query), loaders.query(query), along.query(query)]);
    expect(a.errors).toBeUndefined();
    expect(JSON.stringify(a.data)).not.toBe('{}');
    expect(JSON.stringify(b.data)).toBe(JSON.stringify(a.data));
    expect(JSON.stringify(c.data)).toBe(JSON.stringify(a.data));
  });

  it("answers every claim's contradictions as its CONTRADICTS relationships say, without walking from the claims none joins", async () => {
    const query = '{ claims(first: 200) { totalCount nodes { id contradictedBy { id } contradicts { id } contradictions { claim { id } } } } }';
    const res = await loaders.query<{ claims: { totalCount: number; nodes: Array<{ id: string; contradictedBy: Array<{ id: string }>; contradicts: Array<{ id: string }>; contradictions: Array<{ claim: { id: string } }> }> } }>(query);
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.claims.nodes;
    expect(nodes.length).toBe(res.data!.claims.totalCount);
    const ids = nodes.map((c) => c.id);
    const [both, out] = await Promise.all([whole.store.neighbours('Claim.conflicts', ids), whole.store.neighbours('Claim.contradicts', ids)]);
    const distinct = (list: string[]) => [...new Set(list)];
    expect(nodes.map((c) => [c.id, c.contradictedBy.map((x) => x.id), c.contradicts.map((x) => x.id), c.contradictions.map((x) => x.claim.id)])).toEqual(
      ids.map((id) => [id, distinct((both.get(id) ?? []).map((n) => n.node.id)), distinct((out.get(id) ?? []).map((n) => n.node.id)), (both.get(id) ?? []).map((n) => n.node.id)]),
    );
    // Most claims have none: those answered with no walk. The walks that remain are for the contested ones.
    const quiet = ids.filter((id) => (both.get(id) ?? []).length === 0);
    expect(quiet.length).toBeGreaterThan(0);
    expect(quiet.length).toBeLessThan(ids.length);
    const loud = ids.find((id) => !quiet.includes(id))!;
    const ask = (id: string) => loaders.query(`{ claim(id: "${id}") { id contradictedBy { id } contradictions { kind } } }`);
    const [a, b] = await Promise.all([ask(quiet[0]!), ask(loud)]);
    // The claim itself, then (for the contested one only) its CONTRADICTS.
    expect([a.storeCalls, b.storeCalls]).toEqual([1, 2]);
  });

  it('asks every field the table lists, so a field added to it is compared too', () => {
    for (const [label, fields] of Object.entries(FIELD_PROPERTIES)) {
      for (const field of Object.keys(fields)) expect(ALL[label], `${label}.${field}`).toMatch(new RegExp(`(^|[\\s:])${field}\\b`));
    }
  });

  it('lists only properties the store has', () => {
    for (const [label, fields] of Object.entries(FIELD_PROPERTIES)) {
      const stored = new Set(NODE_PROPERTIES[label as keyof typeof NODE_PROPERTIES].map(([name]) => name));
      for (const p of Object.values(fields).flat()) expect(stored, `${label}: ${p}`).toContain(p);
    }
  });
});

describe('what a query reads', () => {
  const schema = buildSchema(loadTypeDefs().join('\n'));

  it('names the properties behind the fields the README query selects, and the id and name of every label', () => {
    expect(fieldsRead(schema, parse(KURSK_QUERY))).toEqual({
      Claim: ['id', 'statement', 'quote', 'claimantId', 'sourceId', 'contested'],
      Actor: ['id', 'name'],
      Place: ['id', 'name'],
      Event: ['id', 'name'],
      Source: ['id', 'title', 'shortName'],
    });
  });

  it('reads a label whole for a field of it the table does not list, and only that label', () => {
    const fields = fieldsRead(schema, parse('{ claims { nodes { measure { kind } } } }'));
    expect(fields).toBeUndefined();
    const whole = fieldsRead(schema, parse('{ actors { nodes { history { totalCount } } } }'));
    expect(whole).toBeUndefined();
  });

  it('reads whole nodes for analyses, the audit trail and mutations', () => {
    expect(fieldsRead(schema, parse('{ contradictions(first: 3) { nodes { a { id } } } }'))).toBeUndefined();
    expect(fieldsRead(schema, parse('mutation { setClaimRank(id: "claim:x", rank: DEPRECATED, reason: "r") { id } }'))).toBeUndefined();
  });

  it('follows fragments and interfaces to the labels they reach', () => {
    const fields = fieldsRead(schema, parse('{ node(id: "actor:isw") { ... on Node { id } ...A } } fragment A on Actor { description aliases }'));
    expect(fields?.Actor).toEqual(['id', 'name', 'description', 'names']);
    expect(fields?.Claim).toEqual(['id']);
  });

  it('has the store return only those properties', async () => {
    const view = whole.store.withDeadline(Date.now() + 60_000, undefined, () => ({ Source: ['id', 'title'] }));
    const [narrow] = await view.getNodes('Source', ['source:003-russian-advances-kursk']);
    const [full] = await whole.store.getNodes('Source', ['source:003-russian-advances-kursk']);
    expect(full?.description).toBeTruthy();
    expect(narrow).toMatchObject({ id: 'source:003-russian-advances-kursk', title: full?.title, description: null, file: null });
  });
});
