/** Claim analysis through the API, on the fixture graph. The seed's cases are in seed-analysis.test.ts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { fixtureGraph } from '../support/fixture-graph.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ graph: fixtureGraph() });
});
afterAll(async () => {
  await server?.close();
});

describe('analysis API', () => {
  it('lists conflicting pairs once, filtered by sides', async () => {
    const res = await server.query(`{
      all: contradictions { totalCount nodes { a { id } b { id } reasons { kind explanation rule } } }
      sides: contradictions(filter: { between: ["Russia", "ISW"] }) { totalCount nodes { a { id } b { id } } }
      none: contradictions(filter: { between: ["Russia", "Ukraine"] }) { totalCount }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data?.all).toEqual({
      totalCount: 2,
      nodes: [
        { a: { id: 'claim:syrskyi-denies' }, b: { id: 'claim:isw-sudzha' }, reasons: [{ kind: 'DENIAL', explanation: 'A denial.', rule: null }] },
        { a: { id: 'claim:isw-sudzha' }, b: { id: 'claim:belousov-880' }, reasons: [{ kind: 'EXPLICIT', explanation: 'ISW says less.', rule: null }] },
      ],
    });
    expect(res.data?.sides).toEqual({ totalCount: 1, nodes: [{ a: { id: 'claim:isw-sudzha' }, b: { id: 'claim:belousov-880' } }] });
    expect(res.data?.none).toEqual({ totalCount: 0 });
  });

  it('rejects a between that does not name two actors', async () => {
    const res = await server.query(`{ contradictions(filter: { between: ["Russia"] }) { totalCount } }`);
    expect(res.errors?.[0]).toMatchObject({ message: 'filter.between takes exactly two actors; got 1', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('gives every actor its side', async () => {
    const res = await server.query(`{ actors(first: 10) { nodes { id side { id } } } }`);
    const sides = Object.fromEntries(res.data?.actors.nodes.map((a: { id: string; side: { id: string } | null }) => [a.id, a.side?.id ?? null]));
    expect(sides).toEqual({
      'actor:belousov': 'actor:russia', 'actor:isw': null, 'actor:syrskyi': 'actor:ukraine', 'actor:russia': 'actor:russia',
      'actor:ru-mod': 'actor:russia', 'actor:ukraine': 'actor:ukraine', 'actor:ua-mod': 'actor:ukraine',
    });
  });

  it('counts agreement and conflict between two sides', async () => {
    const res = await server.query(`{ agreement(a: "ISW", b: "Russia") { a { name } b { name } agreeing conflicting conflicts { a { id } b { id } } } }`);
    expect(res.data?.agreement).toEqual({
      a: { name: 'Institute for the Study of War' }, b: { name: 'Russia' }, agreeing: 0, conflicting: 1,
      conflicts: [{ a: { id: 'claim:isw-sudzha' }, b: { id: 'claim:belousov-880' } }],
    });
  });

  it('marks a corroboration whose claim restates the other as not independent, saying so', async () => {
    const res = await server.query(`{
      claim(id: "claim:ukraine-vovchansk") { corroborations { kind rule independent dependence claim { id } } refersTo { relation claim { id } } }
    }`);
    expect(res.errors).toBeUndefined();
    const dependence = 'The claim of Ukraine restates that of the article "Paper A", as its article says.';
    expect(res.data?.claim).toEqual({
      corroborations: [{ kind: 'EXPLICIT', rule: null, independent: false, dependence, claim: { id: 'claim:paper-pokrovsk' } }],
      refersTo: [{ relation: 'RESTATES', claim: { id: 'claim:paper-pokrovsk' } }],
    });
  });

  it('groups linked claims into disputes with positions and holders', async () => {
    const res = await server.query(`{ disputes(about: "Russia") { topic contested positions { summary independentSources holders { name } sources { title } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data?.disputes).toHaveLength(1);
    expect(res.data?.disputes[0].contested).toBe(true);
    expect(res.data?.disputes[0].positions).toContainEqual({
      summary: '880 km² from 1 January 2024 to 29 April 2024', independentSources: 1, holders: [{ name: 'Andrey Belousov' }], sources: [{ title: 'Paper A' }],
    });
  });
});
