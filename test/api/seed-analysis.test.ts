/** Claim analysis on the seed corpus: the cases the rules must get right, through the public API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const links = `{ kind rule explanation direction claim { id } }`;

describe('the seed corpus, analysed', () => {
  it("finds Belousov's 880 km² contradicted by ISW's about 752 km², by rule and as the article states", async () => {
    const res = await server.query(`{ claim(id: "claim:belousov-880km2-jan-apr-2024") { contradictions ${links} } }`);
    const found = res.data?.claim.contradictions.filter((l: { claim: { id: string } }) => l.claim.id === 'claim:isw-752km2-2024');
    expect(found.map((l: { kind: string; rule: string | null }) => [l.kind, l.rule])).toEqual([['EXPLICIT', null], ['NUMERIC', 'cumulative-nested']]);
    expect(found[1].explanation).toBe(
      'On territory captured by Russia: Andrey Belousov gives 880 km² in Ukraine from 1 January 2024 to 29 April 2024, more than Institute for the Study of War gives about 752 km² in Ukraine in 2024 up to 31 May 2024. The first period lies within the second, and territory captured only adds up over time, so both cannot be true.',
    );
  });

  it('lists a claim joined by two links once: the reasons belong to contradictions', async () => {
    const res = await server.query(`{
      isw: claim(id: "claim:isw-752km2-2024") { contradicts { id } contradictions { kind claim { id } } }
      belousov: claim(id: "claim:belousov-880km2-jan-apr-2024") { contradictedBy { id } }
    }`);
    expect(res.errors).toBeUndefined();
    const isw = res.data?.isw;
    expect(isw.contradicts.filter((c: { id: string }) => c.id === 'claim:belousov-880km2-jan-apr-2024')).toHaveLength(1);
    expect(new Set(isw.contradicts.map((c: { id: string }) => c.id)).size).toBe(isw.contradicts.length);
    expect(isw.contradictions.filter((l: { claim: { id: string } }) => l.claim.id === 'claim:belousov-880km2-jan-apr-2024')).toHaveLength(2);
    expect(res.data?.belousov.contradictedBy.filter((c: { id: string }) => c.id === 'claim:isw-752km2-2024')).toHaveLength(1);
  });

  it('shows each comparable claim with its normalised measure or assertion', async () => {
    const res = await server.query(`{
      isw: claim(id: "claim:isw-4200km2-2024") { measure { kind side { name } place { name } period { start { value } end { value } } range { low high lowOpen highOpen } } }
      syrskyi: claim(id: "claim:syrskyi-russian-casualties-420000-2024") { measure { kind range { low high lowOpen highOpen } } }
      denial: claim(id: "claim:syrskyi-denies-encirclement-kursk") { stance assertion { predicate subject { __typename ... on Place { name } } side { name } holds } measure { kind } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data?.isw.measure).toEqual({
      kind: 'TERRITORY_CAPTURED', side: { name: 'Russia' }, place: { name: 'Ukraine' },
      period: { start: { value: '2024' }, end: { value: '2024' } }, range: { low: 3990, high: 4410, lowOpen: false, highOpen: false },
    });
    expect(res.data?.syrskyi.measure).toEqual({ kind: 'PERSONNEL_LOSSES', range: { low: 420000, high: null, lowOpen: true, highOpen: true } });
    expect(res.data?.denial).toEqual({
      stance: 'DENIES', measure: null,
      assertion: { predicate: 'AT_RISK_OF_ENCIRCLEMENT', subject: { __typename: 'Place', name: 'Kursk Oblast' }, side: { name: 'Ukraine' }, holds: true },
    });
  });

  it('finds 4,168 km² and about 4,200 km² for 2024 in agreement', async () => {
    const res = await server.query(`{ claim(id: "claim:source001-4168km2-2024") { corroborations ${links} contradictions { kind } } }`);
    expect(res.data?.claim.contradictions).toEqual([]);
    expect(res.data?.claim.corroborations).toMatchObject([{ kind: 'NUMERIC', rule: 'same-scope-overlap', claim: { id: 'claim:isw-4200km2-2024' } }]);
  });

  it("finds Ukraine's 427,000 Russian losses and Syrskyi's 'exceeded 420,000' in agreement, but as one origin: Syrskyi is within Ukraine", async () => {
    const res = await server.query(`{ claim(id: "claim:ukraine-427000-russian-losses-2024") { corroboratedBy { id } corroborations { kind rule explanation independent dependence claim { id } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data?.claim.corroboratedBy).toEqual([{ id: 'claim:syrskyi-russian-casualties-420000-2024' }]);
    const [link] = res.data?.claim.corroborations ?? [];
    expect(link.explanation).toContain('Ukraine gives 427,000 people in 2024; Oleksandr Syrskyi gives more than 420,000 people in 2024');
    expect(link).toMatchObject({
      kind: 'NUMERIC', rule: 'same-scope-overlap', independent: false,
      dependence: 'Oleksandr Syrskyi and Ukraine are the same side: Oleksandr Syrskyi is within Ukraine, through Armed Forces of Ukraine.',
    });
  });

  it('finds corroborations from independent origins: an article and ISW, ISW and Kastehelmi', async () => {
    const res = await server.query(`{
      territory: claim(id: "claim:source001-4168km2-2024") { corroborations { rule independent dependence claim { id } } }
      breakthrough: claim(id: "claim:kastehelmi-no-major-breakthrough") { corroborations { kind rule independent dependence claim { id } } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data?.territory.corroborations).toEqual([
      { rule: 'same-scope-overlap', independent: true, dependence: null, claim: { id: 'claim:isw-4200km2-2024' } },
    ]);
    // The article states this agreement and the same-assertion rule finds it: both reasons say independent.
    expect(res.data?.breakthrough.corroborations).toEqual([
      { kind: 'CATEGORICAL', rule: 'same-assertion', independent: true, dependence: null, claim: { id: 'claim:isw-no-major-breakthrough' } },
      { kind: 'EXPLICIT', rule: null, independent: true, dependence: null, claim: { id: 'claim:isw-no-major-breakthrough' } },
    ]);
  });

  it("marks the 002 headline's 102 casualties per km² as a restatement of ISW's estimate, not a second origin", async () => {
    const res = await server.query(`{ claim(id: "claim:source002-headline-102-soldiers") { corroborations { rule explanation independent dependence claim { id } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data?.claim.corroborations).toEqual([{
      rule: 'same-scope-overlap',
      explanation: expect.stringContaining(`the article "Article on ISW's 2024 assessment" gives 102 people/km² in Ukraine in 2024`),
      independent: false,
      dependence: `The claim of the article "Article on ISW's 2024 assessment" restates that of Institute for the Study of War, as its article says.`,
      claim: { id: 'claim:isw-102-casualties-per-km2' },
    }]);
  });

  it('names a source speaking in its own voice by its short name in explanations, never by its headline', async () => {
    const res = await server.query(`{ sources(first: 20) { nodes { id title } } contradictions(first: 100) { nodes { reasons { explanation } } } }`);
    const explanations: string[] = res.data?.contradictions.nodes.flatMap((p: { reasons: Array<{ explanation: string }> }) => p.reasons.map((r) => r.explanation));
    for (let after: string | null = null, more = true; more;) {
      const page: { data?: Record<string, any> | null } = await server.query(`query ($after: String) { claims(first: 100, after: $after) { nodes { corroborations { explanation } } pageInfo { hasNextPage endCursor } } }`, { after });
      explanations.push(...page.data?.claims.nodes.flatMap((c: { corroborations: Array<{ explanation: string }> }) => c.corroborations.map((l) => l.explanation)));
      ({ hasNextPage: more, endCursor: after } = page.data?.claims.pageInfo);
    }
    expect(explanations.some((e: string) => e.includes('the article "Review of the war in 2024"'))).toBe(true);
    for (const { title } of res.data?.sources.nodes ?? []) for (const e of explanations) expect(e).not.toContain(title);
  });

  it('finds two claims that Russia captured Avdiivka in 2024 in categorical agreement', async () => {
    const res = await server.query(`{
      claim(id: "claim:isw-captured-avdiivka-selydove-vuhledar-kurakhove") { corroborations { kind rule explanation independent claim { id } } }
      disputes(about: "Avdiivka") { topic contested positions { summary independentSources holders { name } } }
    }`);
    expect(res.errors).toBeUndefined();
    const [link] = res.data?.claim.corroborations ?? [];
    expect(link).toMatchObject({ kind: 'CATEGORICAL', rule: 'same-assertion', independent: true, claim: { id: 'claim:source001-avdiivka-vuhledar-fallen' } });
    expect(link.explanation).toMatch(/^According to the article ".+", Russia captured Avdiivka \(in 2024\); according to Institute for the Study of War, Russia captured Avdiivka \(in 2024\)\. They state the same thing about the same subject at overlapping times\.$/);
    const [dispute] = res.data?.disputes ?? [];
    expect(dispute).toMatchObject({ topic: 'whether Russia captured Avdiivka', contested: false });
    expect(dispute.positions).toHaveLength(1);
    expect(dispute.positions[0]).toMatchObject({ summary: 'yes', independentSources: 2 });
    expect(dispute.positions[0].holders).toHaveLength(2);
  });

  it('counts agreements from independent origins apart from those of one side', async () => {
    const res = await server.query(`{
      oneSide: agreement(a: "Syrskyi", b: "Ukraine") { agreeing independentAgreements }
      independent: agreement(a: "ISW", b: "Kastehelmi") { agreeing independentAgreements }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ oneSide: { agreeing: 1, independentAgreements: 0 }, independent: { agreeing: 1, independentAgreements: 1 } });
  });

  it("finds Syrskyi's denial of the encirclement claims as a DENIAL besides the stated conflict", async () => {
    const res = await server.query(`{ contradictions(filter: { about: "Kursk" }) { totalCount nodes { a { id } b { id } reasons { kind rule } } } }`);
    expect(res.data?.contradictions).toEqual({
      totalCount: 1,
      nodes: [{
        a: { id: 'claim:syrskyi-denies-encirclement-kursk' }, b: { id: 'claim:encirclement-risk-kursk' },
        reasons: [{ kind: 'DENIAL', rule: 'denial' }, { kind: 'EXPLICIT', rule: null }],
      }],
    });
  });

  it('groups territory claims into disputes showing who holds each position', async () => {
    const res = await server.query(`{ disputes(about: "Ukraine", topic: [TERRITORY]) { topic contested positions { summary holders { name } } } }`);
    const [first, second] = res.data?.disputes ?? [];
    expect(first).toEqual({
      topic: 'territory captured by Russia in Ukraine from 1 January 2024 to 31 May 2024',
      contested: true,
      positions: [
        { summary: '880 km² from 1 January 2024 to 29 April 2024', holders: [{ name: 'Andrey Belousov' }] },
        { summary: 'about 752 km² in 2024 up to 31 May 2024', holders: [{ name: 'Institute for the Study of War' }] },
        { summary: 'Andrey Belousov greatly overestimated Russian gains in Ukraine since the beginning of 2024.', holders: [{ name: 'Institute for the Study of War' }] },
      ],
    });
    expect(second).toMatchObject({ topic: 'territory captured by Russia in Ukraine in 2024', contested: false });
  });

  it('counts agreement between sides, with an actor standing for everyone within it', async () => {
    const res = await server.query(`{
      iswRussia: agreement(a: "ISW", b: "Russia") { agreeing conflicting }
      ukraineIsw: agreement(a: "Ukraine", b: "ISW") { agreeing conflicting agreements { a { id } b { id } } }
      russiaUkraine: contradictions(filter: { between: ["Russia", "Ukraine"] }) { totalCount }
    }`);
    expect(res.data?.iswRussia).toEqual({ agreeing: 0, conflicting: 2 });
    expect(res.data?.ukraineIsw).toEqual({ agreeing: 0, conflicting: 0, agreements: [] });
    expect(res.data?.russiaUkraine).toEqual({ totalCount: 0 });
    const sides = await server.query(`{ a: actor(name: "Belousov") { side { name } } b: actor(name: "ISW") { side { name } } c: actor(name: "Syrsky") { side { name } } }`);
    expect(sides.data).toEqual({ a: { side: { name: 'Russia' } }, b: { side: null }, c: { side: { name: 'Ukraine' } } });
  });
});
