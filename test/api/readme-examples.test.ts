/** Every GraphQL example of the README, run against the seeded server, with its answer checked. */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readmeQueries } from '../support/readme.js';
import { startTestServer, type TestServer } from '../support/server.js';

const queries = readmeQueries();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

async function run(name: string) {
  const query = queries.get(name);
  expect(query, `README has no query ${name}`).toBeDefined();
  const res = await server.query(query!);
  expect(res.errors).toBeUndefined();
  return res.data as Record<string, any>;
}

describe('README examples', () => {
  it('are all checked here', () => {
    expect([...queries.keys()].sort()).toEqual(['Corroborations', 'Neighbourhood', 'RegionsSeasonsVagueAmounts', 'Spellings', 'TerritoryConflicts', 'TerritoryDisputes', 'WhoClaimedWhatAboutKursk', 'WhoContradictsSyrskyi']);
  });

  it('WhoClaimedWhatAboutKursk: claims about Kursk and the places in it, who made them, where, and who contradicts them', async () => {
    const { claims } = await run('WhoClaimedWhatAboutKursk');
    expect(claims.totalCount).toBe(22);
    expect(claims.nodes).toHaveLength(20);
    const byStatement = new Map(claims.nodes.map((c: any) => [c.statement, c]));
    expect(byStatement.get('Russian troops have reached Sudzha.')).toMatchObject({
      quote: 'Military bloggers associated with the Russian military have confirmed that Moscow’s troops have reached Sudzha',
      claimant: { name: 'Russian military bloggers' },
      source: { title: 'Recent advances by Russian forces in Kursk challenge Ukrainian defensive positions and threaten territorial negotiations.' },
      contradictedBy: [],
    });
    expect(byStatement.get('Ukrainian troops in Kursk are at risk of encirclement.')).toMatchObject({
      contradictedBy: [{ statement: 'Ukrainian troops in Kursk are not at risk of encirclement.', claimant: { name: 'Oleksandr Syrskyi' } }],
    });
    expect(byStatement.get('Ukraine controls about 300 km² in Kursk Oblast.')).toMatchObject({ claimant: { name: 'British Ministry of Defence' } });
  });

  it('TerritoryConflicts: conflicts with their kind and explanation', async () => {
    const { claims } = await run('TerritoryConflicts');
    const ids = claims.nodes.map((c: any) => c.id);
    expect(ids).toEqual(['claim:belousov-880km2-jan-apr-2024', 'claim:isw-752km2-2024', 'claim:isw-belousov-overestimated']);
    const belousov = claims.nodes[0];
    expect(belousov.period).toEqual({ start: { value: '2024-01-01', precision: 'DAY' }, end: { value: '2024-04-29', precision: 'DAY' } });
    expect(belousov.contradictions.map((l: any) => [l.kind, l.direction, l.claim.id])).toEqual([
      ['EXPLICIT', 'INCOMING', 'claim:isw-752km2-2024'],
      ['NUMERIC', 'INCOMING', 'claim:isw-752km2-2024'],
      ['EXPLICIT', 'INCOMING', 'claim:isw-belousov-overestimated'],
    ]);
  });

  it('Spellings: names in any spelling', async () => {
    const data = await run('Spellings');
    expect(data.vovtyansk).toEqual({
      id: 'place:vovchansk', name: 'Vovchansk', aliases: ['Volchansk', 'Vovtyansk', "Vovchans'k", 'Вовчанськ', 'Волчанск'],
      ancestors: [{ name: 'Kharkiv Oblast' }, { name: 'Ukraine' }],
    });
    expect(data.syrsky.memberOf).toEqual([{ name: 'Armed Forces of Ukraine', memberOf: [{ name: 'Ukraine' }] }]);
    expect(data.syrsky.claims.totalCount).toBe(4);
  });

  it('RegionsSeasonsVagueAmounts: the answer shown in the README', async () => {
    const data = await run('RegionsSeasonsVagueAmounts');
    const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const shown = readme.slice(readme.indexOf('query RegionsSeasonsVagueAmounts'));
    const answer = shown.slice(shown.indexOf('```json') + 7, shown.indexOf('```', shown.indexOf('```json') + 7));
    expect(data).toEqual(JSON.parse(answer));
  });

  it("Donbas counts every claim about its oblasts and the places in them, once", async () => {
    const ids = async (about: string) => {
      const res = await server.query(`query($about: String!) { claims(first: 100, filter: { about: $about }) { totalCount nodes { id } } }`, { about });
      return { total: res.data?.claims.totalCount as number, ids: res.data?.claims.nodes.map((n: { id: string }) => n.id) as string[] };
    };
    const [donbas, donetsk, luhansk] = await Promise.all([ids('Donbas'), ids('Donetsk Oblast'), ids('Luhansk Oblast')]);
    expect(new Set(donbas.ids).size).toBe(donbas.ids.length);
    expect(donbas.total).toBe(donbas.ids.length);
    for (const id of [...donetsk.ids, ...luhansk.ids]) expect(donbas.ids).toContain(id);
    expect(donbas.total).toBeGreaterThan(new Set([...donetsk.ids, ...luhansk.ids]).size);
  });

  it('Neighbourhood: walking the graph both ways, with cursors', async () => {
    const data = await run('Neighbourhood');
    expect(data.place.partOf).toContainEqual({ name: 'Ukraine' });
    expect(data.place.parts).toContainEqual({ name: 'Pokrovsk' });
    expect(data.place.claims.totalCount).toBe(10);
    expect(data.place.claims.edges).toHaveLength(3);
    expect(data.place.claims.pageInfo.hasNextPage).toBe(true);
    expect(data.node).toMatchObject({ id: 'actor:belousov', name: 'Andrey Belousov', memberOf: [{ name: 'Russian Ministry of Defence' }] });
  });

  it('WhoContradictsSyrskyi: the nodes and edges shown in the README, each edge between two of the nodes', async () => {
    const { neighbourhood: g } = await run('WhoContradictsSyrskyi');
    expect(g.truncated).toBe(false);
    expect(g.nodes.slice(0, 2)).toEqual([
      { __typename: 'Actor', id: 'actor:syrskyi', name: 'Oleksandr Syrskyi' },
      { __typename: 'Claim', id: 'claim:syrskyi-denies-encirclement-kursk', statement: 'Ukrainian troops in Kursk are not at risk of encirclement.' },
    ]);
    expect(g.nodes).toContainEqual({ __typename: 'Claim', id: 'claim:encirclement-risk-kursk', statement: 'Ukrainian troops in Kursk are at risk of encirclement.' });
    const denial = g.edges.find((e: any) => e.id === 'CONTRADICTS:claim:syrskyi-denies-encirclement-kursk->claim:encirclement-risk-kursk:DENIAL');
    expect(denial).toMatchObject({ type: 'CONTRADICTS', source: 'claim:syrskyi-denies-encirclement-kursk', target: 'claim:encirclement-risk-kursk', kind: 'DENIAL' });
    expect(denial.explanation).toMatch(/^According to Unnamed sources, forces of Ukraine are at risk of encirclement in Kursk Oblast/);
    expect(g.edges.map((e: any) => e.id)).toContain('MADE:actor:syrskyi->claim:syrskyi-denies-encirclement-kursk');
    // who made the denied claim: the third hop
    const made = g.edges.find((e: any) => e.type === 'MADE' && e.target === 'claim:encirclement-risk-kursk');
    expect(made).toBeDefined();
    const ids = new Set(g.nodes.map((n: any) => n.id));
    expect(ids.has(made.source)).toBe(true);
    for (const e of g.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
  });

  it('TerritoryDisputes: the answer shown in the README', async () => {
    const { disputes } = await run('TerritoryDisputes');
    expect(disputes[0].topic).toBe('territory captured by Russia in Ukraine from 1 January 2024 to 31 May 2024');
    expect(disputes[0].positions.map((p: any) => [p.summary, p.holders.map((h: any) => h.name)])).toEqual([
      ['880 km² from 1 January 2024 to 29 April 2024', ['Andrey Belousov']],
      ['about 752 km² in 2024 up to 31 May 2024', ['Institute for the Study of War']],
      ['Andrey Belousov greatly overestimated Russian gains in Ukraine since the beginning of 2024.', ['Institute for the Study of War']],
    ]);
    expect(disputes[1].positions.map((p: any) => p.summary)).toEqual(['about 4,200 km² in 2024', '4,168 km² in 2024']);
  });

  it('Corroborations: the answer shown in the README, one origin or two', async () => {
    const data = await run('Corroborations');
    expect(data).toEqual({
      losses: {
        claimant: { name: 'Ukraine' },
        corroborations: [{
          claim: { claimant: { name: 'Oleksandr Syrskyi' } },
          rule: 'same-scope-overlap',
          independent: false,
          dependence: 'Oleksandr Syrskyi and Ukraine are the same side: Oleksandr Syrskyi is within Ukraine, through Armed Forces of Ukraine.',
        }],
      },
      avdiivka: [{ topic: 'whether Russia captured Avdiivka', positions: [{ summary: 'yes', independentSources: 2 }] }],
      agreement: { agreeing: 1, independentAgreements: 1 },
    });
  });
});
