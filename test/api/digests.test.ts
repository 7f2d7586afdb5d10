/**
 * Claim digests through the API (CLAIM_DIGEST_MIN=0: every subject with a claim has one): after
 * each kind of curated write, a subject's default list (served from its digest) is the list a
 * filter the digest does not hold reads from the claims themselves (every topic: the same claims).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPICS } from '../../src/domain/model.js';
import { startTestServer, type TestServer } from '../support/server.js';

const KEYS = { editor: 'editor-key-0002-abcdef', admin: 'admin-key-0003-abcdefg' };
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { CLAIM_DIGEST_MIN: '0', RESPONSE_CACHE_MB: '0', API_KEYS: `ed:editor:${KEYS.editor},ad:admin:${KEYS.admin}` } });
});
afterAll(async () => {
  await server?.close();
});

async function gql(query: string, key?: string): Promise<{ data?: any; errors?: unknown[]; calls: number }> {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { ...((await res.json()) as object), calls: Number(res.headers.get('x-store-calls')) };
}

const SUBJECTS = ['Kursk', 'Sudzha', 'Russia', 'Ukraine', 'Donbas', 'Avdiivka', 'event:kursk-counteroffensive'];

/** Each subject's list both ways, newest and oldest first: [from the digest, from the claims]. */
async function bothWays(): Promise<Array<[unknown, unknown]>> {
  const out: Array<[unknown, unknown]> = [];
  for (const about of SUBJECTS) {
    for (const order of ['STATED_DESC', 'STATED_ASC']) {
      const list = (filter: string) => `claims(first: 30, orderBy: ${order}, filter: { about: ${JSON.stringify(about)}${filter} }) { totalCount pageInfo { hasNextPage } nodes { id } }`;
      const r = await gql(`{ digest: ${list('')} claims: ${list(`, topic: [${TOPICS.join(', ')}]`)} }`);
      expect(r.errors).toBeUndefined();
      out.push([r.data.digest, r.data.claims]);
    }
  }
  const parts = await gql(`{ place(id: "place:donbas") { parts { id claims(first: 5) { totalCount nodes { id } } } } }`);
  const each = await Promise.all(parts.data.place.parts.map(async (p: { id: string }) =>
    (await gql(`{ claims(first: 5, filter: { about: ${JSON.stringify(p.id)}, topic: [${TOPICS.join(', ')}] }) { totalCount nodes { id } } }`)).data.claims));
  out.push([parts.data.place.parts.map((p: any) => p.claims), each]);
  return out;
}

function expectAgree(lists: Array<[unknown, unknown]>): void {
  for (const [digest, claims] of lists) expect(digest).toEqual(claims);
}

describe('claim digests through the API', () => {
  it('answers every list of the seed graph as the claims do', async () => {
    const lists = await bothWays();
    expectAgree(lists);
    expect((lists[0]![0] as { totalCount: number }).totalCount).toBeGreaterThan(15);
  });

  it('follows every kind of curated write: a claim added, edited to another place and date, deprecated; a place added inside another; actors merged', async () => {
    const kursk = async () => (await gql('{ claims(filter: { about: "Kursk" }) { totalCount } }')).data.claims.totalCount as number;
    const before = await kursk();
    const source = await gql(`mutation { addSource(input: { id: "source:digest-test", title: "Digest test", text: "Fighting went on near Sudzha and in the village beyond it.", publishedOn: "2025-03-01" }) { id } }`, KEYS.editor);
    expect(source.errors).toBeUndefined();
    const place = await gql(`mutation { addPlace(input: { id: "place:digest-village", name: "Digest village", kind: VILLAGE, partOf: ["place:sudzha"] }) { id } }`, KEYS.editor);
    expect(place.errors).toBeUndefined();
    const claim = (id: string, about: string, quote: string) => `{ id: "${id}", source: "source:digest-test", claimant: "source:digest-test", quote: "${quote}", statement: "${quote}.", about: ["${about}"], topic: OPERATIONS }`;
    const added = await gql(`mutation { addClaims(input: [${claim('claim:digest-a', 'place:digest-village', 'in the village beyond it')}, ${claim('claim:digest-b', 'place:sudzha', 'Fighting went on near Sudzha')}]) { claims { id } } }`, KEYS.editor);
    expect(added.errors).toBeUndefined();
    expect(await kursk()).toBe(before + 2);
    expectAgree(await bothWays());

    const edited = await gql(`mutation { editClaim(id: "claim:digest-b", input: { about: ["place:avdiivka"], statedAt: "2021-05" }, reason: "Another place.") { id } }`, KEYS.editor);
    expect(edited.errors).toBeUndefined();
    expect(await kursk()).toBe(before + 1);
    const ranked = await gql(`mutation { setClaimRank(id: "claim:digest-a", rank: DEPRECATED, reason: "Test.") { id } }`, KEYS.editor);
    expect(ranked.errors).toBeUndefined();
    expect(await kursk()).toBe(before);
    const merged = await gql(`mutation { mergeActors(from: "actor:north-korea", into: "actor:russia", reason: "Test of a merge.") { id } }`, KEYS.admin);
    expect(merged.errors).toBeUndefined();
    expectAgree(await bothWays());
  });
});
