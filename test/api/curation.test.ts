/**
 * Curated writes over real HTTP on the seeded store: an analyst adds a source and a claim that
 * contradicts stored ones and sees the contradiction, deprecates the claim and reads its history;
 * every rejected write (bad input, no token, too low a role) answers its code and leaves the
 * store's content byte for byte as it was.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectConsistent } from '../support/links.js';
import { startTestServer, type TestServer } from '../support/server.js';

const KEYS = { reader: 'reader-key-0001-abcdef', editor: 'editor-key-0002-abcdef', admin: 'admin-key-0003-abcdefg' };
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    env: { API_KEYS: `ana:reader:${KEYS.reader},ed:editor:${KEYS.editor},ad:admin:${KEYS.admin}` },
  });
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

/** The store's whole content, as the GraphML export streams it, and the audit trail's length. */
async function fingerprint(): Promise<{ graph: string; changes: number; counts: unknown }> {
  const graphml = await (await fetch(`${server.origin}/export/graph.graphml`)).text();
  const changes = (await gql('{ changes(first: 1) { totalCount } }')).data.changes.totalCount;
  return { graph: createHash('sha256').update(graphml).digest('hex'), changes, counts: await server.store.counts() };
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
  ];

  it.each(rejections)('refuses %s', async (_name, query, variables, key, code, problems) => {
    const before = await fingerprint();
    const answer = await gql(query, variables, key);
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors?.[0]?.extensions.code).toBe(code);
    if (problems) expect(answer.errors![0]!.extensions.problems).toEqual(problems.map((p) => expect.objectContaining(p)));
    expect(JSON.stringify(answer)).not.toMatch(/at .*\.ts:|Kuzu|Neo4j|Cypher/);
    expect(await fingerprint()).toEqual(before);
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
