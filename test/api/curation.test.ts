/**
 * Curated writes over real HTTP on the seeded store: an analyst adds a source and a claim that
 * contradicts stored ones and sees the contradiction, deprecates the claim and reads its history;
 * every rejected write (bad input, no token, too low a role) answers its code and leaves the
 * store's content byte for byte as it was; the audit trail filters by time and pages.
 */
import { readFileSync } from 'node:fs';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, type Fingerprint } from '../support/fingerprint.js';
import { expectConsistent } from '../support/links.js';
import { startTestServer, type TestServer } from '../support/server.js';

const KEYS = { reader: 'reader-key-0001-abcdef', editor: 'editor-key-0002-abcdef', admin: 'admin-key-0003-abcdefg' };
/** Tokens are accepted as keys and as JWTs at once: a JWT of the reader role is refused as a reader's key is. */
const JWT_SECRET = 'a-curation-secret-of-at-least-32-chars';
let server: TestServer;
let readerJwt: string;

beforeAll(async () => {
  server = await startTestServer({
    env: { API_KEYS: `ana:reader:${KEYS.reader},ed:editor:${KEYS.editor},ad:admin:${KEYS.admin}`, JWT_SECRET },
  });
  readerJwt = await new SignJWT({ role: 'reader' }).setProtectedHeader({ alg: 'HS256' }).setSubject('rita').setExpirationTime('10m')
    .sign(new TextEncoder().encode(JWT_SECRET));
});
afterAll(async () => {
  await server?.close();
});

interface Answer {
  status: number;
  data?: any;
  errors?: Array<{ message: string; extensions: Record<string, any> }>;
}

async function gql(query: string, variables: Record<string, unknown> = {}, key?: string): Promise<Answer> {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as object) };
}

const ARTICLE = 'Kyiv, 2025. A new estimate says Russian forces captured only about 3,000 square kilometers of Ukraine in 2024, far less than others reported.';
const CLAIM = {
  source: 'source:round-trip', claimant: 'source:round-trip', quote: 'captured only about 3,000 square kilometers of Ukraine in 2024',
  statement: 'Russian forces captured about 3,000 km² of Ukraine in 2024.', about: ['place:ukraine'], topic: 'TERRITORY',
  period: { start: '2024', end: '2024' },
  quantity: { value: 3000, unit: 'SQUARE_KILOMETERS', qualifier: 'APPROXIMATELY', text: 'only about 3,000 square kilometers' },
  measure: { kind: 'TERRITORY_CAPTURED', side: 'actor:russia', place: 'place:ukraine' },
};

const ADD_SOURCE = `mutation($input: AddSourceInput!) { addSource(input: $input) { id title url publishedOn { value precision } } }`;
const ADD_CLAIMS = `mutation($input: [AddClaimInput!]!) {
  addClaims(input: $input) {
    claims { id quoteStart quoteEnd rank }
    newLinks { type kind rule from { id } to { id } claim { id } explanation }
    removedLinks { kind }
    change { seq who role operation summary }
  }
}`;

describe('the analyst\'s round trip', () => {
  it('adds a source and a contradicting claim, sees the contradiction, deprecates the claim and reads its history', async () => {
    const source = await gql(ADD_SOURCE, {
      input: { id: 'source:round-trip', title: 'A new estimate of Russian gains in 2024', text: ARTICLE, publishedOn: '2025', url: 'https://example.org/estimate' },
    }, KEYS.editor);
    expect(source.errors).toBeUndefined();
    expect(source.data.addSource).toEqual({
      id: 'source:round-trip', title: 'A new estimate of Russian gains in 2024', url: 'https://example.org/estimate', publishedOn: { value: '2025', precision: 'YEAR' },
    });

    const added = await gql(ADD_CLAIMS, { input: [{ ...CLAIM, id: 'claim:round-trip-3000km2-2024' }] }, KEYS.editor);
    expect(added.errors).toBeUndefined();
    const payload = added.data.addClaims;
    expect(payload.claims).toEqual([{ id: 'claim:round-trip-3000km2-2024', quoteStart: ARTICLE.indexOf(CLAIM.quote), quoteEnd: ARTICLE.indexOf(CLAIM.quote) + CLAIM.quote.length, rank: 'NORMAL' }]);
    expect(payload.change).toMatchObject({ who: 'ed', role: 'editor', operation: 'addClaims' });
    const contradicted = payload.newLinks.filter((l: any) => l.type === 'CONTRADICTS').map((l: any) => [l.from.id, l.to.id].sort());
    expect(contradicted).toContainEqual(['claim:isw-4200km2-2024', 'claim:round-trip-3000km2-2024']);
    // Other tests may have added figures this one agrees with: only the contradictions are checked.
    expect(payload.newLinks.filter((l: any) => l.type === 'CONTRADICTS').every((l: any) => l.rule === 'same-scope-disjoint' && l.kind === 'NUMERIC')).toBe(true);
    expect(payload.removedLinks).toEqual([]);

    const CONTRA = `{ claim(id: "claim:round-trip-3000km2-2024") { contradictedBy { id } } contradictions(first: 100, filter: { about: "Ukraine" }) { nodes { a { id } b { id } } }
      search(text: "captured only about 3,000 square kilometers", types: [CLAIM], first: 100) { nodes { node { id } } } }`;
    const seen = (await gql(CONTRA)).data;
    expect(seen.claim.contradictedBy.map((c: any) => c.id)).toContain('claim:isw-4200km2-2024');
    expect(seen.contradictions.nodes.some((p: any) => [p.a.id, p.b.id].includes('claim:round-trip-3000km2-2024'))).toBe(true);
    expect(seen.search.nodes.map((h: any) => h.node.id)).toContain('claim:round-trip-3000km2-2024');

    const ranked = await gql(`mutation { setClaimRank(id: "claim:round-trip-3000km2-2024", rank: DEPRECATED, reason: "The estimate counts only part of the front.") { id rank rankReason } }`, {}, KEYS.editor);
    expect(ranked.data.setClaimRank).toEqual({ id: 'claim:round-trip-3000km2-2024', rank: 'DEPRECATED', rankReason: 'The estimate counts only part of the front.' });
    const after = (await gql(CONTRA)).data;
    expect(after.claim.contradictedBy).toEqual([]);
    expect(after.contradictions.nodes.some((p: any) => [p.a.id, p.b.id].includes('claim:round-trip-3000km2-2024'))).toBe(false);
    expect(after.search.nodes.map((h: any) => h.node.id)).not.toContain('claim:round-trip-3000km2-2024');
    const lists = (await gql(`{ all: claims(first: 100, filter: { source: ["source:round-trip"] }) { totalCount } deprecated: claims(filter: { source: ["source:round-trip"], rank: [DEPRECATED] }) { nodes { id } } }`)).data;
    expect(lists.all.totalCount).toBe(0);
    expect(lists.deprecated.nodes).toEqual([{ id: 'claim:round-trip-3000km2-2024' }]);

    const history = (await gql(`{ claim(id: "claim:round-trip-3000km2-2024") { history { operation who reason before after linksAdded { type } linksRemoved { type from to } } } }`)).data.claim.history;
    expect(history.map((h: any) => h.operation)).toEqual(['setClaimRank', 'addClaims']);
    expect(history[0]).toMatchObject({ who: 'ed', reason: 'The estimate counts only part of the front.', before: JSON.stringify({ rank: 'NORMAL', rankReason: null }) });
    expect(history[0].linksRemoved.length).toBe(contradicted.length + payload.newLinks.filter((l: any) => l.type === 'CORROBORATES').length);
    expect(history[1].linksAdded.length).toBe(payload.newLinks.length);
  });

  it('keeps the previous version in the history when a claim is edited, and re-runs analysis on it', async () => {
    await gql(ADD_SOURCE, { input: { id: 'source:edit-test', title: 'Edit test', text: 'ISW said Russia captured Vuhledar in October 2024.' } }, KEYS.editor);
    const added = await gql(ADD_CLAIMS, {
      input: [{ id: 'claim:edit-test', source: 'source:edit-test', claimant: 'actor:isw', quote: 'Russia captured Vuhledar', statement: 'Russia captured Vuhledar.', about: ['place:ukraine'], topic: 'TERRITORY' }],
    }, KEYS.editor);
    expect(added.errors).toBeUndefined();
    const edited = await gql(`mutation { editClaim(id: "claim:edit-test", input: { statement: "Russia captured Vuhledar in October 2024.", statedAt: "2024-10" }, reason: "Date from the text.") { statement statedAt { value } quote } }`, {}, KEYS.editor);
    expect(edited.data.editClaim).toEqual({ statement: 'Russia captured Vuhledar in October 2024.', statedAt: { value: '2024-10' }, quote: 'Russia captured Vuhledar' });
    const history = (await gql(`{ claim(id: "claim:edit-test") { history(first: 1) { operation reason before after } } }`)).data.claim.history;
    expect(history).toHaveLength(1);
    expect(history[0].operation).toBe('editClaim');
    expect(JSON.parse(history[0].before)).toMatchObject({ statement: 'Russia captured Vuhledar.', statedAt: null });
    expect(JSON.parse(history[0].after)).toMatchObject({ statement: 'Russia captured Vuhledar in October 2024.' });
  });

  it('records a stated link with its explanation, and an alias an admin adds', async () => {
    const linked = await gql(`mutation { linkClaims(from: "claim:source001-4168km2-2024", to: "claim:isw-4200km2-2024", type: CORROBORATES, explanation: "Same report.") { id corroborations { claim { id } kind explanation from { id } to { id } type independent } } }`, {}, KEYS.editor);
    expect(linked.errors).toBeUndefined();
    expect(linked.data.linkClaims.corroborations).toContainEqual({
      claim: { id: 'claim:isw-4200km2-2024' }, kind: 'EXPLICIT', explanation: 'Same report.', from: { id: 'claim:source001-4168km2-2024' }, to: { id: 'claim:isw-4200km2-2024' },
      type: 'CORROBORATES', independent: true,
    });
    const alias = await gql(`mutation { addAlias(id: "place:sudzha", name: "Sudža") { id ... on Place { aliases } } }`, {}, KEYS.admin);
    expect(alias.data.addAlias.aliases).toContain('Sudža');
    expect((await gql(`{ place(name: "Sudža") { id } }`)).data.place.id).toBe('place:sudzha');
  });

  it('pages the audit trail oldest first, each write with its own number', async () => {
    await gql(`mutation { addActor(input: { id: "actor:audit-test", name: "Audit test", kind: GROUP }) { id } }`, {}, KEYS.editor);
    const page = (await gql('{ changes(first: 100) { totalCount nodes { seq operation who } } }')).data.changes;
    expect(page.totalCount).toBe(page.nodes.length);
    const seqs = page.nodes.map((n: any) => n.seq);
    expect(seqs).toEqual([...seqs].sort((a: number, b: number) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(page.nodes.at(-1)).toMatchObject({ operation: 'addActor', who: 'ed' });
  });
});

describe('the audit trail\'s changes(since:, first:, after:)', () => {
  const PAGE = `query($since: String, $first: Int, $after: String) { changes(since: $since, first: $first, after: $after) {
    totalCount nodes { seq at targets } edges { cursor } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;
  const addActor = async (id: string) => {
    const added = await gql(`mutation($input: AddActorInput!) { addActor(input: $input) { history(first: 1) { seq at } } }`, { input: { id, name: id, kind: 'GROUP' } }, KEYS.editor);
    expect(added.errors).toBeUndefined();
    return added.data.addActor.history[0] as { seq: number; at: string };
  };
  /** Until the clock is past `at`: the next write is then committed at a later instant. */
  const after = async (at: string) => {
    while (Date.now() <= Date.parse(at) + 1) await new Promise((resolve) => setTimeout(resolve, 2));
  };

  it('lists the changes committed at or after `since`, the same instant however it is written', async () => {
    const first = await addActor('actor:since-first');
    await after(first.at);
    const second = await addActor('actor:since-second');
    const third = await addActor('actor:since-third');
    const at = new Date(second.at);
    // The same instant two hours ahead of UTC, as a client in Kyiv might write it.
    const kyiv = `${new Date(at.getTime() + 2 * 3_600_000).toISOString().slice(0, -1)}+02:00`;
    for (const since of [second.at, kyiv]) {
      const page = (await gql(PAGE, { since, first: 100 })).data.changes;
      expect(page.nodes.map((n: any) => n.targets)).toEqual([['actor:since-second'], ['actor:since-third']]);
      expect(page.nodes.map((n: any) => n.seq)).toEqual([second.seq, third.seq]);
      expect(page.totalCount).toBe(2);
    }
    const all = (await gql(PAGE, { first: 0 })).data.changes.totalCount;
    expect((await gql(PAGE, { since: '2000-01-01', first: 0 })).data.changes.totalCount).toBe(all);
    expect((await gql(PAGE, { since: '2999-01-01' })).data.changes).toMatchObject({ totalCount: 0, nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it.each(['yesterday', '2024-13-01', '', '1', '2024-02-30', '2026-11-27T10:00:00'])('refuses a since that is no date or instant (%j) with BAD_USER_INPUT', async (since) => {
    const answer = await gql(PAGE, { since });
    expect(answer.data?.changes ?? null).toBeNull();
    expect(answer.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', argument: 'since' } })]);
  });

  it('pages oldest first from each page\'s endCursor, every change once, and within `since` too', async () => {
    const mark = await addActor('actor:paging-1');
    await addActor('actor:paging-2');
    await addActor('actor:paging-3');
    const whole = (await gql(PAGE, { first: 100 })).data.changes;
    expect(whole.pageInfo.hasNextPage).toBe(false);
    for (const since of [null, mark.at]) {
      const expected = whole.nodes.filter((n: any) => since === null || n.at >= since).map((n: any) => n.seq);
      const seen: number[] = [];
      let cursor: string | null = null;
      for (let pages = 0; ; pages++) {
        const page: any = (await gql(PAGE, { since, first: 2, after: cursor })).data.changes;
        expect(page.totalCount).toBe(expected.length);
        expect(page.pageInfo.hasPreviousPage).toBe(pages > 0);
        expect(page.nodes.length).toBe(page.pageInfo.hasNextPage ? 2 : expected.length - seen.length);
        expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
        seen.push(...page.nodes.map((n: any) => n.seq));
        if (!page.pageInfo.hasNextPage) break;
        cursor = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(expected);
      expect(expected.length).toBeGreaterThanOrEqual(3);
    }
    // An edge's cursor in the middle of a page continues right after that edge.
    const firstPage = (await gql(PAGE, { first: 3 })).data.changes;
    const rest = (await gql(PAGE, { first: 2, after: firstPage.edges[0].cursor })).data.changes;
    expect(rest.nodes.map((n: any) => n.seq)).toEqual(whole.nodes.slice(1, 3).map((n: any) => n.seq));
  });

  it('refuses a cursor it did not make, and a page larger than the maximum', async () => {
    for (const [variables, argument] of [[{ after: 'not-a-cursor' }, 'after'], [{ first: 101 }, 'first']] as const) {
      const answer = await gql(PAGE, variables);
      expect(answer.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', argument } })]);
    }
  });
});

describe('a claim restating another', () => {
  it('records what the source says it restates, and its agreement with that claim is not independent', async () => {
    const text = 'ISW found that Russian forces captured only about 752 square kilometers in 2024. Separately, a monitor counted only about 752 square kilometers.';
    expect((await gql(ADD_SOURCE, { input: { id: 'source:relay', title: 'Relay of ISW', text } }, KEYS.editor)).errors).toBeUndefined();
    const figure = {
      source: 'source:relay', claimant: 'source:relay', statement: 'Russian forces captured about 752 km² of Ukraine in 2024.', about: ['place:ukraine'], topic: 'TERRITORY',
      period: { start: '2024', end: '2024-05-31' },
      quantity: { value: 752, unit: 'SQUARE_KILOMETERS', qualifier: 'APPROXIMATELY', text: 'only about 752 square kilometers' },
      measure: { kind: 'TERRITORY_CAPTURED', side: 'actor:russia', place: 'place:ukraine' },
    };
    const added = await gql(ADD_CLAIMS, { input: [
      { ...figure, id: 'claim:relay-752', quote: 'ISW found that Russian forces captured only about 752 square kilometers in 2024',
        refersTo: [{ claim: 'claim:isw-752km2-2024', relation: 'RESTATES', explanation: 'The source reports what ISW found.' }] },
      { ...figure, id: 'claim:monitor-752', quote: 'a monitor counted only about 752 square kilometers' },
    ] }, KEYS.editor);
    expect(added.errors).toBeUndefined();
    const read = await gql(`{ relay: claim(id: "claim:relay-752") { refersTo { relation explanation claim { id } } corroborations { claim { id } independent dependence } }
      monitor: claim(id: "claim:monitor-752") { corroborations { claim { id } independent } } }`);
    expect(read.data.relay.refersTo).toEqual([{ relation: 'RESTATES', explanation: 'The source reports what ISW found.', claim: { id: 'claim:isw-752km2-2024' } }]);
    expect(read.data.relay.corroborations.find((l: any) => l.claim.id === 'claim:isw-752km2-2024')).toMatchObject({ independent: false, dependence: expect.any(String) });
    // The same figure with no restatement stated: an independent agreement.
    expect(read.data.monitor.corroborations.find((l: any) => l.claim.id === 'claim:isw-752km2-2024')).toMatchObject({ independent: true });
    await expectConsistent(server.store);
  });

  it('refuses a reference to no claim, to itself, or without an explanation, writing nothing', async () => {
    expect((await gql(ADD_SOURCE, { input: { id: 'source:relay-bad', title: 'Bad relay', text: ARTICLE } }, KEYS.editor)).errors).toBeUndefined();
    const before = await fingerprint(server);
    const answer = await gql(ADD_CLAIMS, { input: [{ ...CLAIM, id: 'claim:relay-bad', source: 'source:relay-bad', claimant: 'source:relay-bad', refersTo: [
      { claim: 'claim:nowhere', relation: 'RESTATES', explanation: 'x' },
      { claim: 'claim:relay-bad', relation: 'QUALIFIES', explanation: ' ' },
    ] }] }, KEYS.editor);
    expect(answer.errors?.[0]?.extensions.problems).toEqual([
      expect.objectContaining({ index: 0, field: 'refersTo[0].claim' }),
      expect.objectContaining({ index: 0, field: 'refersTo[1].claim' }),
      expect.objectContaining({ index: 0, field: 'refersTo[1].explanation' }),
    ]);
    expect(await fingerprint(server)).toEqual(before);
  });
});

describe('merging an actor recorded twice', () => {
  it('moves its claims, memberships and names to the other, keeps it by id, and re-assesses corroborations', async () => {
    const text = 'The blogger Rybar said Russian forces captured about 3,000 square kilometers of Ukraine in 2024. Rybar, writing as Rybar Z, repeated it.';
    for (const [id, name] of [['actor:rybar', 'Rybar'], ['actor:rybar-z', 'Rybar Z']] as const) {
      const added = await gql(`mutation($input: AddActorInput!) { addActor(input: $input) { id } }`, { input: { id, name, kind: 'MEDIA', memberOf: id === 'actor:rybar-z' ? ['actor:russia'] : [] } }, KEYS.editor);
      expect(added.errors).toBeUndefined();
    }
    await gql(ADD_SOURCE, { input: { id: 'source:rybar', title: 'Rybar', text } }, KEYS.editor);
    const claim = (id: string, claimant: string) => ({
      ...CLAIM, id, source: 'source:rybar', claimant, quote: 'Russian forces captured about 3,000 square kilometers of Ukraine in 2024',
    });
    const added = await gql(ADD_CLAIMS, { input: [claim('claim:rybar-3000', 'actor:rybar'), claim('claim:rybar-z-3000', 'actor:rybar-z')] }, KEYS.editor);
    expect(added.errors).toBeUndefined();
    const BETWEEN = `{ claim(id: "claim:rybar-z-3000") { claimant { ... on Actor { id } } corroborations { claim { id } independent dependence } } }`;
    const agreeing = (await gql(BETWEEN)).data.claim.corroborations.find((l: any) => l.claim.id === 'claim:rybar-3000');
    expect(agreeing.independent).toBe(true);

    const merge = await gql(`mutation { mergeActors(from: "actor:rybar-z", into: "actor:rybar", reason: "One blogger under two names.") { id aliases memberOf { id } } }`, {}, KEYS.admin);
    expect(merge.errors).toBeUndefined();
    expect(merge.data.mergeActors).toEqual({ id: 'actor:rybar', aliases: ['Rybar Z'], memberOf: [{ id: 'actor:russia' }] });
    const after = (await gql(BETWEEN)).data.claim;
    expect(after.claimant.id).toBe('actor:rybar');
    expect(after.corroborations.find((l: any) => l.claim.id === 'claim:rybar-3000')).toMatchObject({ independent: false });
    const lookups = (await gql(`{ byName: actor(name: "Rybar Z") { id } byId: actor(id: "actor:rybar-z") { mergedInto { id } history { operation reason } } actors(first: 100) { nodes { id } } }`)).data;
    expect(lookups.byName.id).toBe('actor:rybar');
    expect(lookups.byId.mergedInto.id).toBe('actor:rybar');
    expect(lookups.byId.history[0]).toEqual({ operation: 'mergeActors', reason: 'One blogger under two names.' });
    expect(lookups.actors.nodes.map((n: any) => n.id)).not.toContain('actor:rybar-z');
    await expectConsistent(server.store);
  });

  it('refuses later writes that name the merged actor, naming the one to use, and writes nothing', async () => {
    for (const [id, name] of [['actor:milblog', 'Milblog'], ['actor:milblog-2', 'Milblog Two']] as const) {
      expect((await gql(`mutation($input: AddActorInput!) { addActor(input: $input) { id } }`, { input: { id, name, kind: 'MEDIA' } }, KEYS.editor)).errors).toBeUndefined();
    }
    const merged = await gql('mutation { mergeActors(from: "actor:milblog-2", into: "actor:milblog", reason: "One channel.") { id } }', {}, KEYS.admin);
    expect(merged.errors).toBeUndefined();
    const source = await gql(ADD_SOURCE, { input: { id: 'source:milblog', title: 'Milblog post', text: 'Russian forces captured about 3,000 square kilometers of Ukraine in 2024.' } }, KEYS.editor);
    expect(source.errors).toBeUndefined();
    const claim = { ...CLAIM, id: 'claim:milblog-3000', source: 'source:milblog', claimant: 'actor:milblog-2', quote: 'Russian forces captured about 3,000 square kilometers of Ukraine in 2024' };
    const attempts: Array<[string, Record<string, unknown>, string, string]> = [
      [ADD_CLAIMS, { input: [claim] }, KEYS.editor, 'claimant'],
      ['mutation($input: AddActorInput!) { addActor(input: $input) { id } }', { input: { name: 'Milblog fan club', kind: 'GROUP', memberOf: ['actor:milblog-2'] } }, KEYS.editor, 'memberOf'],
      ['mutation { addAlias(id: "actor:milblog-2", name: "MB2") { id } }', {}, KEYS.admin, 'id'],
    ];
    for (const [query, variables, key, field] of attempts) {
      const before = await fingerprint(server);
      const answer = await gql(query, variables, key);
      expect(answer.errors?.[0]?.extensions.code, field).toBe('BAD_USER_INPUT');
      expect(answer.errors![0]!.extensions.problems).toEqual([expect.objectContaining({ field, message: expect.stringContaining('was merged into actor:milblog') })]);
      expect(await fingerprint(server)).toEqual(before);
    }
  });
});

describe('concurrent writes', () => {
  it('serialises 20 concurrent addClaims: each its own change, and the stored links equal a full recomputation', async () => {
    const added = await gql(ADD_SOURCE, { input: { id: 'source:concurrent', title: 'Concurrent', text: ARTICLE } }, KEYS.editor);
    expect(added.errors).toBeUndefined();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => gql(ADD_CLAIMS, {
      input: [{
        ...CLAIM, id: `claim:concurrent-${i}`, source: 'source:concurrent', claimant: i % 2 ? 'source:concurrent' : 'actor:isw',
        quantity: { ...CLAIM.quantity, value: 2000 + 250 * i },
      }],
    }, KEYS.editor)));
    expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
    const seqs = answers.map((a) => a.data.addClaims.change.seq);
    expect(new Set(seqs).size).toBe(20);
    await expectConsistent(server.store);
  });
});

describe('rejected writes change nothing', () => {
  const EDIT = 'mutation($id: ID!, $input: EditClaimInput!) { editClaim(id: $id, input: $input, reason: "A correction.") { id } }';
  const LINK = 'mutation($from: ID!, $to: ID!, $explanation: String!) { linkClaims(from: $from, to: $to, type: CONTRADICTS, explanation: $explanation) { id } }';
  const ADD_ACTOR = 'mutation($input: AddActorInput!) { addActor(input: $input) { id } }';
  /** Stands for the reader's JWT in the table, which is signed once the server is up. */
  const READER_JWT = 'reader-jwt';
  /** The HTTP status each code answers with (README, "Who may write"). */
  const STATUS: Record<string, number> = { BAD_USER_INPUT: 200, UNAUTHENTICATED: 401, FORBIDDEN: 403 };
  const rejected = { ...CLAIM, source: 'source:rejection-test', claimant: 'source:rejection-test' };
  beforeAll(async () => {
    const added = await gql(ADD_SOURCE, { input: { id: 'source:rejection-test', title: 'Rejection test', text: ARTICLE } }, KEYS.editor);
    expect(added.errors).toBeUndefined();
  });
  const rejections: Array<[string, string, Record<string, unknown>, string | undefined, string, Array<Record<string, unknown>>?]> = [
    ['a quote that is not in the text', ADD_CLAIMS, { input: [{ ...rejected, quote: 'captured 9,999 square kilometers' }] }, KEYS.editor, 'BAD_USER_INPUT',
      [{ index: 0, field: 'quote' }]],
    ['unknown ids, an invalid date and a negative quantity, each named with its index', ADD_CLAIMS, {
      input: [rejected, { ...rejected, claimant: 'actor:nobody', about: ['place:atlantis'], statedAt: '2024-13', quantity: { ...CLAIM.quantity, value: -1 } }],
    }, KEYS.editor, 'BAD_USER_INPUT', [
      { index: 1, field: 'claimant' }, { index: 1, field: 'about[0]' }, { index: 1, field: 'statedAt' }, { index: 1, field: 'quantity.value' },
    ]],
    ['a period that ends before it starts', ADD_CLAIMS, { input: [{ ...rejected, period: { start: '2024-06', end: '2024-01' } }] }, KEYS.editor, 'BAD_USER_INPUT',
      [{ index: 0, field: 'period.end' }]],
    ['a source id that exists', ADD_SOURCE, { input: { id: 'source:002-every-kilometer-102-soldiers', title: 'x', text: 'y' } }, KEYS.editor, 'BAD_USER_INPUT', [{ index: null, field: 'id' }]],
    ['a rank without a reason', 'mutation { setClaimRank(id: "claim:isw-4200km2-2024", rank: DEPRECATED, reason: " ") { id } }', {}, KEYS.editor, 'BAD_USER_INPUT',
      [{ index: null, field: 'reason' }]],
    ['a write without a token', ADD_CLAIMS, { input: [rejected] }, undefined, 'UNAUTHENTICATED'],
    ['a write with a reader\'s key', ADD_CLAIMS, { input: [rejected] }, KEYS.reader, 'FORBIDDEN'],
    ['an alias from an editor', 'mutation { addAlias(id: "place:sudzha", name: "Suja") { id } }', {}, KEYS.editor, 'FORBIDDEN'],
    ['a merge from an editor', 'mutation { mergeActors(from: "actor:isw", into: "actor:russia", reason: "x") { id } }', {}, KEYS.editor, 'FORBIDDEN'],
    ['a merge of an actor into itself', 'mutation { mergeActors(from: "actor:isw", into: "actor:isw", reason: "x") { id } }', {}, KEYS.admin, 'BAD_USER_INPUT',
      [{ index: null, field: 'into' }]],
    ['a merge of an actor that does not exist', 'mutation { mergeActors(from: "actor:nobody", into: "actor:isw", reason: "x") { id } }', {}, KEYS.admin, 'BAD_USER_INPUT',
      [{ index: null, field: 'from' }]],
    ['claims on a source that does not exist', ADD_CLAIMS, { input: [rejected, { ...rejected, source: 'source:nowhere' }] }, KEYS.editor, 'BAD_USER_INPUT',
      [{ index: 1, field: 'source' }]],
    ['an edit to a negative quantity', EDIT, { id: 'claim:isw-4200km2-2024', input: { quantity: { ...CLAIM.quantity, value: -3000 } } }, KEYS.editor, 'BAD_USER_INPUT',
      [{ index: null, field: 'input.quantity.value' }]],
    ['an edit to a period that ends before it starts', EDIT, { id: 'claim:isw-4200km2-2024', input: { period: { start: '2024-06', end: '2024-01' } } }, KEYS.editor,
      'BAD_USER_INPUT', [{ index: null, field: 'input.period.end' }]],
    ['an edit to a period with no date in it', EDIT, { id: 'claim:isw-4200km2-2024', input: { period: { start: '2024-13' } } }, KEYS.editor, 'BAD_USER_INPUT',
      [{ index: null, field: 'input.period.start' }]],
    ['an edit of a claim that does not exist', EDIT, { id: 'claim:nothing-like-it', input: { statement: 'Anything.' } }, KEYS.editor, 'BAD_USER_INPUT',
      [{ index: null, field: 'id' }]],
    ['an edit onto a source that does not exist', EDIT, { id: 'claim:isw-4200km2-2024', input: { source: 'source:nowhere' } }, KEYS.editor, 'BAD_USER_INPUT',
      [{ index: null, field: 'input.source' }]],
    ['a link from a claim that does not exist', LINK, { from: 'claim:nothing-like-it', to: 'claim:isw-4200km2-2024', explanation: 'x' }, KEYS.editor, 'BAD_USER_INPUT',
      [{ index: null, field: 'from' }]],
    ['a link to a claim that does not exist', LINK, { from: 'claim:isw-4200km2-2024', to: 'claim:nothing-like-it', explanation: 'x' }, KEYS.editor, 'BAD_USER_INPUT',
      [{ index: null, field: 'to' }]],
    ['a link of a claim to itself', LINK, { from: 'claim:isw-4200km2-2024', to: 'claim:isw-4200km2-2024', explanation: 'x' }, KEYS.editor, 'BAD_USER_INPUT',
      [{ index: null, field: 'to' }]],
    ['a link without an explanation', LINK, { from: 'claim:isw-4200km2-2024', to: 'claim:isw-752km2-2024', explanation: ' ' }, KEYS.editor, 'BAD_USER_INPUT',
      [{ index: null, field: 'explanation' }]],
    ['an actor member of an organisation that does not exist', ADD_ACTOR, { input: { name: 'Rejected actor', kind: 'GROUP', memberOf: ['actor:russia', 'actor:nobody'] } },
      KEYS.editor, 'BAD_USER_INPUT', [{ index: null, field: 'memberOf[1]' }]],
    ['an actor member of a place', ADD_ACTOR, { input: { name: 'Rejected actor', kind: 'GROUP', memberOf: ['place:ukraine'] } }, KEYS.editor, 'BAD_USER_INPUT',
      [{ index: null, field: 'memberOf' }]],
    ['an actor without a name', ADD_ACTOR, { input: { id: 'actor:rejected', name: ' ', kind: 'GROUP' } }, KEYS.editor, 'BAD_USER_INPUT', [{ index: null, field: 'name' }]],
    ['an actor id that exists', ADD_ACTOR, { input: { id: 'actor:isw', name: 'ISW again', kind: 'THINK_TANK' } }, KEYS.editor, 'BAD_USER_INPUT',
      [{ index: null, field: 'id' }]],
    ['a place inside a place that does not exist', 'mutation { addPlace(input: { name: "Rejected place", kind: TOWN, partOf: ["place:atlantis"] }) { id } }', {},
      KEYS.editor, 'BAD_USER_INPUT', [{ index: null, field: 'partOf' }]],
    ['a place without a name', 'mutation { addPlace(input: { name: "", kind: TOWN }) { id } }', {}, KEYS.editor, 'BAD_USER_INPUT', [{ index: null, field: 'name' }]],
    ['an event in a place and with an actor that do not exist', 'mutation { addEvent(input: { name: "Rejected event", kind: OFFENSIVE, occurredIn: ["place:atlantis"], participants: ["actor:nobody"] }) { id } }',
      {}, KEYS.editor, 'BAD_USER_INPUT', [{ index: null, field: 'occurredIn' }, { index: null, field: 'participants' }]],
    ['an event that ends before it starts', 'mutation { addEvent(input: { name: "Rejected event", kind: OFFENSIVE, start: "2024-08", end: "2024-01" }) { id } }', {},
      KEYS.editor, 'BAD_USER_INPUT', [{ index: null, field: 'end' }]],
    ['an event without a name', 'mutation { addEvent(input: { name: " ", kind: OFFENSIVE }) { id } }', {}, KEYS.editor, 'BAD_USER_INPUT', [{ index: null, field: 'name' }]],
    ['an alias of a place that does not exist', 'mutation { addAlias(id: "place:atlantis", name: "Atlantis") { id } }', {}, KEYS.admin, 'BAD_USER_INPUT',
      [{ index: null, field: 'id' }]],
    ['an alias of a claim', 'mutation { addAlias(id: "claim:isw-4200km2-2024", name: "The ISW figure") { id } }', {}, KEYS.admin, 'BAD_USER_INPUT',
      [{ index: null, field: 'id' }]],
    ['an empty alias', 'mutation { addAlias(id: "place:sudzha", name: " ") { id } }', {}, KEYS.admin, 'BAD_USER_INPUT', [{ index: null, field: 'name' }]],
    ['a rank of a claim that does not exist', 'mutation { setClaimRank(id: "claim:nothing-like-it", rank: PREFERRED, reason: "x") { id } }', {}, KEYS.editor,
      'BAD_USER_INPUT', [{ index: null, field: 'id' }]],
    ['an edit of a claim that does not exist, without a reason: both named', 'mutation { editClaim(id: "claim:nothing-like-it", input: {}, reason: " ") { id } }', {},
      KEYS.editor, 'BAD_USER_INPUT', [{ index: null, field: 'reason' }, { index: null, field: 'id' }]],
    ['a rank of a claim that does not exist, without a reason: both named', 'mutation { setClaimRank(id: "claim:nothing-like-it", rank: PREFERRED, reason: "") { id } }', {},
      KEYS.editor, 'BAD_USER_INPUT', [{ index: null, field: 'reason' }, { index: null, field: 'id' }]],
    ['an empty alias of a place that does not exist: both named', 'mutation { addAlias(id: "place:atlantis", name: " ") { id } }', {}, KEYS.admin, 'BAD_USER_INPUT',
      [{ index: null, field: 'name' }, { index: null, field: 'id' }]],
    ['a write with a JWT of the reader role', 'mutation { setClaimRank(id: "claim:isw-4200km2-2024", rank: PREFERRED, reason: "x") { id } }', {}, READER_JWT,
      'FORBIDDEN'],
  ];

  // The fingerprint a refusal left, with the graph's version then: a refusal that follows with the
  // version unchanged starts from it instead of exporting the whole graph again.
  let last: { version: number; print: Fingerprint } | undefined;
  it.each(rejections)('refuses %s', async (_name, query, variables, key, code, problems) => {
    const version = await server.store.version();
    const before = last?.version === version ? last.print : await fingerprint(server);
    const answer = await gql(query, variables, key === READER_JWT ? readerJwt : key);
    expect(answer.status).toBe(STATUS[code]);
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors?.[0]?.extensions.code).toBe(code);
    if (problems) expect(answer.errors![0]!.extensions.problems).toEqual(problems.map((p) => expect.objectContaining(p)));
    expect(JSON.stringify(answer)).not.toMatch(/at .*\.ts:|Kuzu|Neo4j|Cypher/);
    const after = await fingerprint(server);
    expect(after).toEqual(before);
    last = { version: await server.store.version(), print: after };
  });
});

describe('the README\'s curation round trip', () => {
  /** The JSON bodies of the curl commands in "Curating the graph", in order, and whether each sends the key. */
  function readmeRequests(): Array<{ body: string; withKey: boolean }> {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Curating the graph'), readme.indexOf('## Who may write'));
    return [...section.matchAll(/curl -s [^\n]*?(-H "Authorization: Bearer \$KEY")? \\\n\s+-d '([^']+)'/g)].map((m) => ({ withKey: Boolean(m[1]), body: m[2]! }));
  }

  it('runs as written: the claim contradicts ISW\'s, is deprecated, and its history says so', async () => {
    const requests = readmeRequests();
    expect(requests.map((r) => r.withKey)).toEqual([true, true, false, true, false]);
    const answers: any[] = [];
    for (const { body, withKey } of requests) {
      const res = await fetch(server.url, {
        method: 'POST', headers: { 'content-type': 'application/json', ...(withKey ? { authorization: `Bearer ${KEYS.editor}` } : {}) }, body,
      });
      const answer = (await res.json()) as { data: any; errors?: unknown };
      expect(answer.errors).toBeUndefined();
      answers.push(answer.data);
    }
    expect(answers[1].addClaims.newLinks).toContainEqual(expect.objectContaining({ type: 'CONTRADICTS', kind: 'NUMERIC', from: { id: 'claim:isw-4200km2-2024' }, to: { id: 'claim:new-estimate-3000km2' } }));
    expect(answers[2].claim.contradictions.map((l: any) => l.claim.id)).toContain('claim:isw-4200km2-2024');
    expect(answers[3].setClaimRank).toEqual({ id: 'claim:new-estimate-3000km2', rank: 'DEPRECATED' });
    expect(answers[4].claim.rank).toBe('DEPRECATED');
    expect(answers[4].claim.history.map((h: any) => [h.operation, h.who])).toEqual([['setClaimRank', 'ed'], ['addClaims', 'ed']]);
    expect(answers[4].claim.history[0].linksRemoved).toContainEqual({ type: 'CONTRADICTS', from: 'claim:isw-4200km2-2024', to: 'claim:new-estimate-3000km2' });
  });
});
