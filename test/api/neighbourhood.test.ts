/**
 * neighbourhood over real HTTP on the real store: the graph as nodes and edges for a visualization
 * tool, bounded by `limit` and by a fixed number of store round trips whatever it returns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_LABELS, type GraphData } from '../../src/domain/model.js';
import { REL_TYPES } from '../../src/store/schema.js';
import { fixtureGraph } from '../support/fixture-graph.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** The fixture plus `extra` claims about Sudzha, each by its own new actor within Russia, each contradicting the last. */
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

const NEIGHBOURHOOD = `query($of: [String!]!, $depth: Int, $relationships: [RelationshipType!], $limit: Int) {
  neighbourhood(of: $of, depth: $depth, relationships: $relationships, limit: $limit) {
    nodes { __typename id }
    edges { id type source target kind relation explanation rule independent dependence }
    truncated
  }
}`;

interface Answer {
  neighbourhood: {
    nodes: Array<{ __typename: string; id: string }>;
    edges: Array<{ id: string; type: string; source: string; target: string; kind: string | null; relation: string | null; explanation: string | null }>;
    truncated: boolean;
  } | null;
}

let server: TestServer;
let wide: TestServer;
beforeAll(async () => {
  [server, wide] = await Promise.all([startTestServer({ graph: fixtureGraph() }), startTestServer({ graph: widened(60) })]);
});
afterAll(async () => {
  await Promise.all([server?.close(), wide?.close()]);
});

const ask = (s: TestServer, variables: Record<string, unknown>) => s.query<Answer>(NEIGHBOURHOOD, variables);

describe('neighbourhood', () => {
  it('answers the nodes around a name, and the edges between them in their stored direction', async () => {
    const res = await ask(server, { of: ['Sudzha'] });
    expect(res.errors).toBeUndefined();
    const g = res.data!.neighbourhood!;
    expect(g.nodes).toEqual([
      { __typename: 'Place', id: 'place:sudzha' },
      { __typename: 'Claim', id: 'claim:belousov-880' },
      { __typename: 'Claim', id: 'claim:isw-sudzha' },
      { __typename: 'Place', id: 'place:kursk-oblast' },
    ]);
    expect(g.edges).toContainEqual(expect.objectContaining({ id: 'ABOUT:claim:isw-sudzha->place:sudzha', type: 'ABOUT', source: 'claim:isw-sudzha', target: 'place:sudzha', kind: null }));
    expect(g.edges).toContainEqual(expect.objectContaining({ id: 'PART_OF:place:sudzha->place:kursk-oblast', source: 'place:sudzha', target: 'place:kursk-oblast' }));
    expect(g.edges).toContainEqual({
      id: 'CONTRADICTS:claim:isw-sudzha->claim:belousov-880:EXPLICIT', type: 'CONTRADICTS', source: 'claim:isw-sudzha', target: 'claim:belousov-880',
      kind: 'EXPLICIT', relation: null, explanation: 'ISW says less.', rule: null, independent: null, dependence: null,
    });
    expect(g.truncated).toBe(false);
  });

  it('walks only the relationship types asked for, as deep as asked', async () => {
    const res = await ask(server, { of: ['Belousov'], depth: 2, relationships: ['MEMBER_OF'] });
    expect(res.data?.neighbourhood?.nodes.map((n) => n.id)).toEqual(['actor:belousov', 'actor:ru-mod', 'actor:russia']);
    expect(res.data?.neighbourhood?.edges.map((e) => e.id)).toEqual(['MEMBER_OF:actor:belousov->actor:ru-mod', 'MEMBER_OF:actor:ru-mod->actor:russia']);
  });

  it('gives a reference its relation and explanation, and no link kind', async () => {
    const res = await ask(server, { of: ['claim:paper-pokrovsk'], relationships: ['REFERS_TO'] });
    expect(res.data?.neighbourhood?.edges).toEqual([{
      id: 'REFERS_TO:claim:ukraine-vovchansk->claim:paper-pokrovsk:RESTATES', type: 'REFERS_TO', source: 'claim:ukraine-vovchansk', target: 'claim:paper-pokrovsk',
      kind: null, relation: 'RESTATES', explanation: 'Paper B repeats what Paper A says.', rule: null, independent: null, dependence: null,
    }]);
  });

  it('gives stable ids, so two expansions merge', async () => {
    const [a, b] = await Promise.all([ask(server, { of: ['place:sudzha'] }), ask(server, { of: ['claim:isw-sudzha'] })]);
    const shared = a.data!.neighbourhood!.edges.filter((e) => b.data!.neighbourhood!.edges.some((f) => f.id === e.id));
    expect(shared.map((e) => e.id)).toContain('ABOUT:claim:isw-sudzha->place:sudzha');
    for (const e of shared) expect(b.data!.neighbourhood!.edges.find((f) => f.id === e.id)).toEqual(e);
  });

  it('bounds a walk that would reach the whole graph by limit, and still answers', async () => {
    const res = await ask(wide, { of: ['actor:russia'], depth: 3, limit: 7 });
    expect(res.errors).toBeUndefined();
    const g = res.data!.neighbourhood!;
    expect(g.nodes).toHaveLength(7);
    expect(g.truncated).toBe(true);
    const kept = new Set(g.nodes.map((n) => n.id));
    for (const e of g.edges) expect(kept.has(e.source) && kept.has(e.target)).toBe(true);
    const all = await ask(wide, { of: ['actor:russia'], depth: 3, limit: 2000 });
    expect(all.data?.neighbourhood?.truncated).toBe(false);
    expect(all.data!.neighbourhood!.nodes.length).toBeGreaterThan(120);
  });

  it('starts from every node a name stands for, one of each label: Russia the state and the country', async () => {
    const res = await ask(server, { of: ['Russia'], depth: 1, relationships: ['PART_OF', 'MEMBER_OF'], limit: 100 });
    expect(res.errors).toBeUndefined();
    const ids = res.data!.neighbourhood!.nodes.map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining(['actor:russia', 'place:russia', 'actor:ru-mod', 'place:kursk-oblast']));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('sends as many statements at a depth whatever the size of the answer', async () => {
    for (const depth of [1, 2, 3]) {
      const variables = { of: ['Sudzha', 'actor:russia'], depth, limit: 2000 };
      const [small, large] = [await ask(server, variables), await ask(wide, variables)];
      expect(large.data!.neighbourhood!.nodes.length).toBeGreaterThan(small.data!.neighbourhood!.nodes.length + 50);
      expect(large.storeCalls).toBe(small.storeCalls);
      // Bounded by the depth: one statement per relationship type and direction per hop, and one
      // more walk among the last hop's nodes; the names; the nodes, one statement per label.
      expect(large.storeCalls).toBeLessThanOrEqual((depth + 1) * 2 * REL_TYPES.length + 2 + NODE_LABELS.length);
    }
  });

  it.each([
    [{ of: ['Sudzha'], depth: 0 }, 'BAD_USER_INPUT', 'depth must be 1 to 3; got 0'],
    [{ of: ['Sudzha'], depth: 4 }, 'BAD_USER_INPUT', 'depth must be 1 to 3; got 4'],
    [{ of: ['Sudzha'], limit: 0 }, 'BAD_USER_INPUT', 'limit must be 1 to 2000; got 0'],
    [{ of: ['Sudzha'], limit: 2001 }, 'BAD_USER_INPUT', 'limit must be 1 to 2000; got 2001'],
    [{ of: [] }, 'BAD_USER_INPUT', 'of must list at least one'],
    [{ of: ['Atlantis'] }, 'NOT_FOUND', 'of: no actor, place, event or source is named "Atlantis"'],
    [{ of: ['Sudzha'], relationships: [] }, 'BAD_USER_INPUT', 'relationships must list at least one type'],
  ])('refuses %j with %s', async (variables, code, message) => {
    const res = await ask(server, variables);
    expect(res.data?.neighbourhood).toBeNull();
    expect(res.errors?.[0]).toMatchObject({ path: ['neighbourhood'], extensions: { code } });
    expect(res.errors?.[0]?.message).toContain(message);
  });
});
