/** The read API over real HTTP, on the small fixture graph whose answers are known exactly. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type GraphQLResponse, type TestServer } from '../support/server.js';
import { fixtureGraph } from '../support/fixture-graph.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ graph: fixtureGraph() });
});
afterAll(async () => {
  await server?.close();
});

describe('look-ups', () => {
  it('finds a node by global id through node()', async () => {
    const res = await server.query(`{ node(id: "place:sudzha") { id __typename ... on Place { name partOf { name } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data?.node).toEqual({ id: 'place:sudzha', __typename: 'Place', name: 'Sudzha', partOf: [{ name: 'Kursk Oblast' }] });
  });

  it('returns null from node() for a well-formed unknown id, and BAD_USER_INPUT for a malformed one', async () => {
    expect((await server.query(`{ node(id: "place:atlantis") { id } }`)).data?.node).toBeNull();
    const bad = await server.query(`{ node(id: "not an id") { id } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toContain('"not an id"');
  });

  it('finds actors and places by any spelling, case and diacritics', async () => {
    const res = await server.query(`{
      a: actor(name: "syrsky") { id }
      b: place(name: "VOLCHANSK") { id }
      c: place(name: "Vovchans’k") { id }
      d: place(name: "kursk region") { id ancestors { id } }
      e: actor(id: "actor:isw") { name }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      a: { id: 'actor:syrskyi' }, b: { id: 'place:vovchansk' }, c: { id: 'place:vovchansk' },
      d: { id: 'place:kursk-oblast', ancestors: [{ id: 'place:russia' }] }, e: { name: 'Institute for the Study of War' },
    });
  });

  it('says which candidates an ambiguous name could mean', async () => {
    const res = await server.query(`{ actor(name: "ministry of defence") { id } }`);
    expect(res.data?.actor).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toBe(
      'name: "ministry of defence" is ambiguous; it could be Actor "Russian Ministry of Defence" (actor:ru-mod), Actor "Ukrainian Ministry of Defence" (actor:ua-mod). Use an id or a fuller name.',
    );
  });

  it('answers NOT_FOUND with the bad value for unknown ids and names', async () => {
    const res = await server.query(`{ actor(name: "Napoleon") { id } }`);
    expect(res.errors?.[0]).toMatchObject({ message: 'name: no actor is named "Napoleon"', extensions: { code: 'NOT_FOUND' } });
    const byId = await server.query(`{ claim(id: "claim:nope") { id } }`);
    expect(byId.errors?.[0]).toMatchObject({ message: 'id: no claim has the id "claim:nope"', extensions: { code: 'NOT_FOUND' } });
  });

  it('says a claim can only be found by id', async () => {
    const res = await server.query(`{ claim(id: "the one about Sudzha") { id } }`);
    expect(res.errors?.[0]).toMatchObject({ message: 'id: "the one about Sudzha" is not a claim id (ids look like "claim:isw-752km2-2024")', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('insists on exactly one of id and name', async () => {
    const res = await server.query(`{ place(id: "place:sudzha", name: "Sudzha") { id } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('claims', () => {
  it('filters about a place including the places inside it, with claimant, source and conflicts', async () => {
    const res = await server.query(`{
      claims(filter: { about: "Kursk" }) {
        totalCount
        nodes {
          id
          claimant { __typename name }
          source { title }
          contradictedBy { id }
          contradictions { claim { id } kind explanation rule direction }
        }
      }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data?.claims.totalCount).toBe(3);
    expect(res.data?.claims.nodes).toEqual([
      {
        id: 'claim:syrskyi-denies', claimant: { __typename: 'Actor', name: 'Oleksandr Syrskyi' }, source: { title: 'Paper B' },
        contradictedBy: [{ id: 'claim:isw-sudzha' }],
        contradictions: [{ claim: { id: 'claim:isw-sudzha' }, kind: 'DENIAL', explanation: 'A denial.', rule: null, direction: 'OUTGOING' }],
      },
      {
        id: 'claim:isw-sudzha', claimant: { __typename: 'Actor', name: 'Institute for the Study of War' }, source: { title: 'Paper A' },
        contradictedBy: [{ id: 'claim:belousov-880' }, { id: 'claim:syrskyi-denies' }],
        contradictions: [
          { claim: { id: 'claim:belousov-880' }, kind: 'EXPLICIT', explanation: 'ISW says less.', rule: null, direction: 'OUTGOING' },
          { claim: { id: 'claim:syrskyi-denies' }, kind: 'DENIAL', explanation: 'A denial.', rule: null, direction: 'INCOMING' },
        ],
      },
      {
        id: 'claim:belousov-880', claimant: { __typename: 'Actor', name: 'Andrey Belousov' }, source: { title: 'Paper A' },
        contradictedBy: [{ id: 'claim:isw-sudzha' }],
        contradictions: [{ claim: { id: 'claim:isw-sudzha' }, kind: 'EXPLICIT', explanation: 'ISW says less.', rule: null, direction: 'INCOMING' }],
      },
    ]);
  });

  it('shows a source as the claimant of what it says in its own voice', async () => {
    const res = await server.query(`{ claim(id: "claim:paper-pokrovsk") { claimant { __typename name ... on Source { title } } } }`);
    expect(res.data?.claim.claimant).toEqual({ __typename: 'Source', name: 'Paper A', title: 'Paper A' });
  });

  it("answers a source's full text wherever the source is reached, reading it only when asked for", async () => {
    const full = fixtureGraph().sources.find((s) => s.id === 'source:a')!.text;
    const res = await server.query(`{ source(id: "source:a") { text } claim(id: "claim:paper-pokrovsk") { source { text } claimant { ... on Source { text } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ source: { text: full }, claim: { source: { text: full }, claimant: { text: full } } });
    // The text is one statement more, for every source of the operation at once.
    const titles = await server.query(`{ source(id: "source:a") { title } claim(id: "claim:paper-pokrovsk") { source { title } claimant { ... on Source { title } } } }`);
    expect(res.storeCalls).toBe(titles.storeCalls + 1);
  });

  it('exposes dates, periods and quantities with their precision', async () => {
    const res = await server.query(`{ claim(id: "claim:belousov-880") {
      statedAt { value precision earliest latest }
      period { start { value precision } end { value } }
      quantity { value unit qualifier text }
      about { __typename ... on Place { name } ... on Actor { name } }
    } }`);
    expect(res.data?.claim).toEqual({
      statedAt: { value: '2024', precision: 'YEAR', earliest: '2024-01-01', latest: '2024-12-31' },
      period: { start: { value: '2024-01-01', precision: 'DAY' }, end: { value: '2024-04-29' } },
      quantity: { value: 880, unit: 'SQUARE_KILOMETERS', qualifier: 'EXACT', text: '880 square kilometers' },
      about: [{ __typename: 'Actor', name: 'Russia' }, { __typename: 'Place', name: 'Kursk Oblast' }, { __typename: 'Place', name: 'Sudzha' }],
    });
  });

  it('combines filters: claimant by name, topic, stated range, contested', async () => {
    const ids = async (filter: string) =>
      (await server.query(`{ claims(filter: ${filter}, orderBy: STATED_ASC) { nodes { id } } }`)).data?.claims.nodes.map((n: { id: string }) => n.id);
    expect(await ids('{ claimant: ["ISW", "Paper A"] }')).toEqual(['claim:isw-sudzha', 'claim:paper-pokrovsk']);
    expect(await ids('{ topic: [OPERATIONS] }')).toEqual(['claim:syrskyi-denies', 'claim:paper-pokrovsk']);
    expect(await ids('{ statedBetween: { from: "2025" } }')).toEqual(['claim:syrskyi-denies']);
    expect(await ids('{ contested: false, source: ["source:b"] }')).toEqual(['claim:ukraine-vovchansk']);
    expect(await ids('{ about: "Kursk incursion" }')).toEqual(['claim:syrskyi-denies']);
    // A name shared by a state and a country means both.
    expect(await ids('{ about: "Russia" }')).toEqual(['claim:belousov-880', 'claim:isw-sudzha', 'claim:syrskyi-denies']);
  });

  it('rejects bad filter values with BAD_USER_INPUT naming the value', async () => {
    const cases: Array<[string, string]> = [
      ['{ statedBetween: { from: "May 2024" } }', '"May 2024" is not a date'],
      ['{ statedBetween: { from: "2025", to: "2024" } }', 'starts (2025) after it ends (2024)'],
      ['{ topic: [] }', 'filter.topic must list at least one topic'],
      ['{ about: "source:a" }', '"source:a" is the id of a source'],
    ];
    for (const [filter, message] of cases) {
      const res = await server.query(`{ claims(filter: ${filter}) { totalCount } }`);
      expect(res.errors?.[0]?.extensions?.code, filter).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message, filter).toContain(message);
    }
    const missing = await server.query(`{ claims(filter: { about: "Atlantis" }) { totalCount } }`);
    expect(missing.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' }, message: 'filter.about: no place, actor or event is named "Atlantis"' });
  });
});

describe('connections', () => {
  it('pages with cursors until the end', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const res: GraphQLResponse = await server.query(`query($after: String) { claims(first: 2, after: $after) {
        totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`, { after });
      const c: any = res.data?.claims;
      seen.push(...c.edges.map((e: { node: { id: string } }) => e.node.id));
      expect(c.pageInfo.hasPreviousPage).toBe(after !== null);
      after = c.pageInfo.endCursor;
      if (!c.pageInfo.hasNextPage) break;
    }
    expect(seen).toEqual(['claim:syrskyi-denies', 'claim:isw-sudzha', 'claim:ukraine-vovchansk', 'claim:belousov-880', 'claim:paper-pokrovsk']);
  });

  it('knows whether another page follows without counting, and counts through fragments', async () => {
    const uncounted = await server.query(`{
      claims(first: 4) { nodes { id } pageInfo { hasNextPage } }
      last: claims(first: 4, after: "${Buffer.from('cg:0').toString('base64url')}") { pageInfo { hasNextPage } }
      places(first: 8) { pageInfo { hasNextPage } }
      place(id: "place:russia") { claims(first: 2) { pageInfo { hasNextPage } } }
      contradictions(first: 1) { pageInfo { hasNextPage } }
    }`);
    expect(uncounted.errors).toBeUndefined();
    expect(uncounted.data).toMatchObject({
      claims: { pageInfo: { hasNextPage: true } }, last: { pageInfo: { hasNextPage: false } },
      places: { pageInfo: { hasNextPage: false } }, place: { claims: { pageInfo: { hasNextPage: true } } },
      contradictions: { pageInfo: { hasNextPage: true } },
    });
    const counted = await server.query(`
      query { claims(first: 1) { ...Total } contradictions(first: 0) { ... on ClaimPairConnection { totalCount } } }
      fragment Total on ClaimConnection { totalCount }`);
    expect(counted.errors).toBeUndefined();
    expect(counted.data).toEqual({ claims: { totalCount: 5 }, contradictions: { totalCount: 2 } });
  });

  it('caps first and rejects foreign cursors', async () => {
    const big = await server.query(`{ places(first: 1000) { totalCount } }`);
    expect(big.errors?.[0]).toMatchObject({ message: 'first must be between 0 and 100; got 1000', extensions: { code: 'BAD_USER_INPUT' } });
    const neg = await server.query(`{ places(first: -1) { totalCount } }`);
    expect(neg.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const cursor = await server.query(`{ places(after: "bm9wZQ") { totalCount } }`);
    expect(cursor.errors?.[0]?.message).toContain('"bm9wZQ" is not a cursor');
  });

  it('lists every kind of node with totals', async () => {
    const res = await server.query(`{ actors { totalCount } places(first: 2) { totalCount nodes { name } } events { totalCount } sources { totalCount nodes { title } } }`);
    expect(res.data).toEqual({
      actors: { totalCount: 7 }, places: { totalCount: 8, nodes: [{ name: 'Donbas' }, { name: 'Donetsk Oblast' }] },
      events: { totalCount: 1 }, sources: { totalCount: 2, nodes: [{ title: 'Paper A' }, { title: 'Paper B' }] },
    });
  });
});

describe('several parents, seasons, vague amounts, references', () => {
  it('gives a place all its parents, and every ancestor once', async () => {
    const res = await server.query(`{ place(name: "Pokrovsk") { partOf { name } ancestors { name } } donbas: place(name: "Донбас") { claims { totalCount } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data?.place.partOf).toEqual([{ name: 'Donetsk Oblast' }]);
    expect(res.data?.place.ancestors.map((p: { name: string }) => p.name).sort()).toEqual(['Donbas', 'Donetsk Oblast', 'Ukraine']);
    expect(res.data?.donbas.claims.totalCount).toBe(1);
  });

  it('shows that a vague amount gave no number, a season as a season, and what a claim restates', async () => {
    const res = await server.query(`{
      pokrovsk: claim(id: "claim:paper-pokrovsk") { quantity { value qualifier text vague } referredBy { relation claim { id } } }
      vovchansk: claim(id: "claim:ukraine-vovchansk") { period { start { value precision earliest latest } } refersTo { relation explanation claim { id } } }
      source(id: "source:a") { name shortName descriptionBasis { kind quote source { id } } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      pokrovsk: {
        quantity: { value: 24, qualifier: 'AT_LEAST', text: 'dozens of square kilometers', vague: true },
        referredBy: [{ relation: 'RESTATES', claim: { id: 'claim:ukraine-vovchansk' } }],
      },
      vovchansk: {
        period: { start: { value: '2024-spring', precision: 'SEASON', earliest: '2024-03-01', latest: '2024-05-31' } },
        refersTo: [{ relation: 'RESTATES', explanation: 'Paper B repeats what Paper A says.', claim: { id: 'claim:paper-pokrovsk' } }],
      },
      source: { name: 'Paper A', shortName: 'Paper A', descriptionBasis: { kind: 'ARTICLE', quote: 'ISW said', source: { id: 'source:a' } } },
    });
  });
});

describe('relationships both ways', () => {
  it('walks actors, places, events and sources', async () => {
    const res = await server.query(`{
      belousov: actor(id: "actor:belousov") { memberOf { name memberOf { name } } claims { totalCount } }
      ukraine: actor(name: "Ukraine") { members { name } events { name } }
      isw: actor(name: "ISW") { published { title } claims { nodes { id } } }
      russia: actor(name: "Russian Federation") { claimsAbout { nodes { id } } }
      kursk: place(name: "Kursk") { parts { name } events { name } claims(first: 1) { totalCount nodes { id } } }
      event(name: "Kursk offensive") { place { name } participants { name } claims { nodes { id } } start { value } }
      source(title: "paper a") { publisher { name } claims(filter: { claimant: ["Paper A"] }) { nodes { id } } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      belousov: { memberOf: [{ name: 'Russian Ministry of Defence', memberOf: [{ name: 'Russia' }] }], claims: { totalCount: 1 } },
      ukraine: { members: [{ name: 'Oleksandr Syrskyi' }, { name: 'Ukrainian Ministry of Defence' }], events: [{ name: 'Kursk incursion' }] },
      isw: { published: [{ title: 'Paper A' }], claims: { nodes: [{ id: 'claim:isw-sudzha' }] } },
      russia: { claimsAbout: { nodes: [{ id: 'claim:belousov-880' }] } },
      kursk: { parts: [{ name: 'Sudzha' }], events: [{ name: 'Kursk incursion' }], claims: { totalCount: 3, nodes: [{ id: 'claim:syrskyi-denies' }] } },
      event: { place: { name: 'Kursk Oblast' }, participants: [{ name: 'Russia' }, { name: 'Ukraine' }], claims: { nodes: [{ id: 'claim:syrskyi-denies' }] }, start: { value: '2024-08' } },
      source: { publisher: { name: 'Institute for the Study of War' }, claims: { nodes: [{ id: 'claim:paper-pokrovsk' }] } },
    });
  });
});

describe('HTTP', () => {
  it('answers /health and /ready', async () => {
    const health = await fetch(`${server.origin}/health`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${server.origin}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', store: 'kuzu' });
  });

  it('serves GraphiQL, not Apollo Sandbox, to a browser opening /graphql (test/api/explorer.test.ts has more)', async () => {
    const res = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('/assets/graphiql/graphiql.min.js');
    expect(html).not.toContain('embeddable-sandbox');
  });

  it('never shows a stack trace or a store message', async () => {
    const res = await server.query(`{ claims(first: 1, filter: { statedBetween: { from: "2024-02-30" } }) { totalCount } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res.errors)).not.toMatch(/stacktrace|at .*\.ts:|Kuzu|Binder|Cypher/i);
  });
});
