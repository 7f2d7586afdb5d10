/**
 * Claim digests (src/store/cypher/digests.ts): a subject's default list read from its digest is the
 * list read from its claims, on the seed graph and after every kind of write that changes it, and
 * a read really comes from the digest while one stands.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_GRAPH as EMPTY, type GraphData } from '../../src/domain/model.js';
import { CypherStore } from '../../src/store/cypher/CypherStore.js';
import { DIGEST_HEAD, pageOfDigest, rebuildDigests } from '../../src/store/cypher/digests.js';
import { kuzuDialect } from '../../src/store/cypher/dialect.js';
import { syntheticCorpus } from '../../bench/corpus.js';
import type { ClaimAnchor, ClaimOrder, GraphStore, PageRequest, Subject } from '../../src/store/GraphStore.js';
import { KuzuEngine } from '../../src/store/kuzu/KuzuEngine.js';
import { readSeedGraph } from '../../seed/load-seed.js';
import { tempDir } from '../support/temp.js';

const ORDERS: ClaimOrder[] = ['STATED_DESC', 'STATED_ASC'];
const PAGES: PageRequest[] = [{ offset: 0, limit: 20 }, { offset: 2, limit: 3, count: false }, { offset: 0, limit: 0 }];
const ANCHOR: Record<Subject['label'], ClaimAnchor> = { Place: 'aboutPlace', Actor: 'aboutActor', Event: 'aboutEvent' };

async function open(digestMin: number): Promise<{ store: GraphStore; engine: KuzuEngine }> {
  const engine = await KuzuEngine.open({ dataDir: tempDir('digests'), bufferPoolMb: 128, queryTimeoutMs: 30_000, maxSizeGib: 1 });
  const store = new CypherStore(engine, { digestMin });
  await store.init();
  return { store, engine };
}

function subjectsOf(graph: GraphData): Subject[] {
  return [
    ...graph.places.map((p) => ({ label: 'Place' as const, id: p.id })),
    ...graph.actors.map((a) => ({ label: 'Actor' as const, id: a.id })),
    ...graph.events.map((e) => ({ label: 'Event' as const, id: e.id })),
  ];
}

/** Every subject's default list, each order and page, as findClaims and findClaimsFor give it: ids, totals, whether more follow. */
async function lists(store: GraphStore, subjects: Subject[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const order of ORDERS) {
    for (const page of PAGES) {
      for (const s of subjects) {
        const p = await store.findClaims({ about: [s] }, order, page);
        out.push([s.id, order, page, p.total, p.hasMore, p.items.map((c) => c.id)]);
      }
      for (const label of ['Place', 'Actor', 'Event'] as const) {
        const ids = subjects.filter((s) => s.label === label).map((s) => s.id);
        const pages = await store.findClaimsFor(ANCHOR[label], ids, {}, order, page);
        for (const id of ids) out.push([id, order, page, 'for', pages.get(id)?.total, pages.get(id)?.hasMore, pages.get(id)?.items.map((c) => c.id)]);
      }
    }
  }
  return out;
}

async function digestTotals(engine: KuzuEngine): Promise<Map<string, number>> {
  const rows = await engine.read((run) => run({ text: "MATCH (g:ClaimDigest) WHERE g.id <> '#settings' RETURN g.id AS id, g.total AS total", params: {} }));
  return new Map(rows.map((r) => [String(r.id), Number(r.total)]));
}

describe('claim digests', () => {
  const graph = readSeedGraph();
  let subjects: Subject[];
  let digested: { store: GraphStore; engine: KuzuEngine };
  let plain: { store: GraphStore; engine: KuzuEngine };

  beforeAll(async () => {
    digested = await open(0);
    plain = await open(1_000_000);
    // Bulk-loaded (COPY), as the benchmark's corpora and a first import are: on such a database
    // Kuzu 0.11.3 reads inside a write could return a relationship the write created ending at
    // another node, and digests computed there came out wrong (Engine.seesOwnWrites).
    await digested.store.bulkLoad(graph);
    await plain.store.bulkLoad(graph);
    subjects = subjectsOf(graph);
  }, 60_000);
  afterAll(async () => {
    await digested?.store.close();
    await plain?.store.close();
  });

  it('keeps a digest for every subject with a claim, with its count, and none where the threshold is not reached', async () => {
    const totals = await digestTotals(digested.engine);
    const kursk = await plain.store.findClaims({ about: [{ label: 'Place', id: 'place:kursk-oblast' }] }, 'STATED_DESC', { offset: 0, limit: 0 });
    expect(totals.get('place:kursk-oblast')).toBe(kursk.total);
    expect(totals.get('actor:ukraine')).toBeGreaterThan(0);
    expect([...totals.values()].every((n) => n > 0)).toBe(true);
    expect((await digestTotals(plain.engine)).size).toBe(0);
  });

  it('are written by a bulk load from the graph as the statements that rebuild them compute them, row for row', async () => {
    // A corpus whose largest subjects pass DIGEST_HEAD, with deprecated and undated claims, dates of
    // other precisions, ties, and claims about two places at once.
    const corpus = syntheticCorpus({ claims: 3_000, seed: 7 });
    const claims = corpus.claims.map((c, i) => ({
      ...c,
      ...(i % 17 === 0 ? { rank: 'DEPRECATED' as const, rankReason: 'test' } : {}),
      ...(i % 13 === 0 ? { statedAt: null } : i % 7 === 0 && c.statedAt ? { statedAt: { value: c.statedAt.value.slice(0, 7), precision: 'MONTH' as const } } : {}),
      ...(i % 11 === 0 ? { about: [...new Set([...c.about, corpus.places[i % corpus.places.length]!.id])] } : {}),
    }));
    const own = await open(0);
    try {
      await own.store.bulkLoad({ ...corpus, claims });
      const rows = () => own.engine.read((run) => run({ text: 'MATCH (g:ClaimDigest) RETURN g.id AS id, g.total AS total, g.newest AS newest, g.oldest AS oldest ORDER BY id', params: {} }));
      const loaded = await rows();
      await own.engine.write((run) => rebuildDigests(run, kuzuDialect, 0));
      const rebuilt = await rows();
      expect(loaded).toEqual(rebuilt);
      expect(loaded.length).toBeGreaterThan(100);
      expect(Math.max(...loaded.map((r) => Number(r.total)))).toBeGreaterThan(DIGEST_HEAD);
    } finally {
      await own.store.close();
    }
  }, 120_000);

  it('gives every list of the seed graph as the claims do', async () => {
    const [fromDigests, fromClaims] = await Promise.all([lists(digested.store, subjects), lists(plain.store, subjects)]);
    expect(fromDigests).toEqual(fromClaims);
  }, 60_000);

  it('gives the same lists after writes that move, deprecate, add and re-parent claims and places, and merge actors', async () => {
    await Promise.all([digested, plain].map(({ store }) =>
      store.transact(async (tx) => {
        const [moved, deprecated] = await tx.claimsWithRelations(['claim:source003-russia-reclaiming-kursk', 'claim:uk-mod-five-fold-decrease-kursk']);
        // A claim about Kursk moves to Donetsk Oblast and to another date; another is deprecated.
        await tx.replaceClaim({ ...moved!, about: ['place:donetsk-oblast'], statedAt: { value: '2020-01-01', precision: 'DAY' } });
        await tx.replaceClaim({ ...deprecated!, rank: 'DEPRECATED', rankReason: 'test' });
        const template = graph.claims.find((c) => c.about.includes('place:sudzha'))!;
        const village = { ...graph.places.find((p) => p.id === 'place:sudzha')!, id: 'place:test-village', name: 'Test village', aliases: [], partOf: ['place:sudzha'] };
        // A new place inside Sudzha with a claim about it (counted for Sudzha, Kursk Oblast, Russia),
        // and Avdiivka given a second parent: its claims join Kharkiv's list.
        const avdiivka = { ...graph.places.find((p) => p.id === 'place:avdiivka')! };
        await tx.upsert({
          ...EMPTY,
          places: [village, { ...avdiivka, partOf: [...avdiivka.partOf, 'place:kharkiv'] }],
          claims: [{ ...template, id: 'claim:test-village', about: ['place:test-village'], refersTo: [] }],
        });
        await tx.moveActor('actor:north-korea', 'actor:russia');
        await tx.recordChange({
          id: `change:test-${Math.random()}`, seq: tx.seq, at: new Date().toISOString(), who: 'test', role: 'ADMIN', operation: 'TEST', reason: null,
          summary: 'digest test', targets: ['claim:test-village'], before: null, after: null, linksAdded: [], linksRemoved: [],
        });
      })));
    const all = [...subjects, { label: 'Place' as const, id: 'place:test-village' }];
    const [fromDigests, fromClaims] = await Promise.all([lists(digested.store, all), lists(plain.store, all)]);
    expect(fromDigests).toEqual(fromClaims);
    const totals = await digestTotals(digested.engine);
    expect(totals.get('place:test-village')).toBe(1);
    expect(totals.has('actor:north-korea')).toBe(false);
  }, 120_000);

  it('reads a subject with a digest from it, not from its claims', async () => {
    // A store of its own: the digest it alters must not reach the other tests, whatever their order.
    const own = await open(0);
    try {
      await own.store.bulkLoad(graph);
      // A digest written by hand, out of step with the claims: the answer shows where it came from.
      await own.engine.write((run) => run({ text: "MATCH (g:ClaimDigest) WHERE g.id = 'place:kursk-oblast' SET g.total = 999", params: {} }));
      await own.store.transact(async () => undefined); // a new version: the process re-reads which subjects have digests
      const page = await own.store.findClaims({ about: [{ label: 'Place', id: 'place:kursk-oblast' }] }, 'STATED_DESC', { offset: 0, limit: 5 });
      expect(page.total).toBe(999);
      const listed = await own.store.findClaims({ about: [{ label: 'Place', id: 'place:kursk-oblast' }], ranks: ['NORMAL', 'PREFERRED'] }, 'STATED_DESC', { offset: 0, limit: 5 });
      expect(listed.total).toBe(999);
      const pages = await own.store.findClaimsFor('aboutPlace', ['place:kursk-oblast', 'place:sudzha'], {}, 'STATED_ASC', { offset: 0, limit: 5 });
      expect(pages.get('place:kursk-oblast')?.total).toBe(999);
      // A filter the digest does not hold reads the claims.
      const filtered = await own.store.findClaims({ about: [{ label: 'Place', id: 'place:kursk-oblast' }], topics: ['TERRITORY'] }, 'STATED_DESC', { offset: 0, limit: 5 });
      expect(filtered.total).toBeLessThan(999);
    } finally {
      await own.store.close();
    }
  }, 60_000);

  it('rebuilds the digests when the threshold changes, and keeps one for every subject with a claim by default on Kuzu', async () => {
    const dataDir = tempDir('digests-threshold');
    const first = new CypherStore(await KuzuEngine.open({ dataDir, bufferPoolMb: 64, queryTimeoutMs: 30_000, maxSizeGib: 1 }), { digestMin: 1_000_000 });
    await first.init();
    await first.bulkLoad(graph);
    await first.close();
    const engine = await KuzuEngine.open({ dataDir, bufferPoolMb: 64, queryTimeoutMs: 30_000, maxSizeGib: 1 });
    const second = new CypherStore(engine, { digestMin: 10 });
    try {
      await second.init();
      const totals = await digestTotals(engine);
      expect(totals.get('place:kursk-oblast')).toBeGreaterThanOrEqual(10);
      expect([...totals.values()].every((n) => n >= 10)).toBe(true);
      expect(totals.has('place:sudzha')).toBe(false);
    } finally {
      await second.close();
    }
    // No threshold given: the engine's default, every subject with a claim on Kuzu.
    const third = await KuzuEngine.open({ dataDir, bufferPoolMb: 64, queryTimeoutMs: 30_000, maxSizeGib: 1 });
    const byDefault = new CypherStore(third);
    try {
      await byDefault.init();
      const totals = await digestTotals(third);
      expect(totals.get('place:sudzha')).toBe(2);
      // Every place, actor and event a claim not deprecated is about, and every place holding such a place.
      const parents = new Map(graph.places.map((p) => [p.id, p.partOf]));
      const about = new Set<string>();
      const add = (id: string): void => {
        if (about.has(id)) return;
        about.add(id);
        for (const parent of parents.get(id) ?? []) add(parent);
      };
      for (const c of graph.claims) if (c.rank !== 'DEPRECATED') c.about.forEach(add);
      expect(new Set(totals.keys())).toEqual(about);
    } finally {
      await byDefault.close();
    }
  }, 60_000);
});

describe('pageOfDigest', () => {
  const ids = Array.from({ length: DIGEST_HEAD }, (_, i) => `claim:${i}`);
  it('serves a page inside the ids it keeps, and says whether more follow from the total', () => {
    expect(pageOfDigest({ total: 5000, ids }, { offset: 0, limit: 20 })).toEqual({ ids: ids.slice(0, 20), total: 5000, hasMore: true });
    expect(pageOfDigest({ total: 5000, ids }, { offset: DIGEST_HEAD - 10, limit: 10 })?.ids).toEqual(ids.slice(-10));
    expect(pageOfDigest({ total: 3, ids: ids.slice(0, 3) }, { offset: 0, limit: 100 })).toEqual({ ids: ids.slice(0, 3), total: 3, hasMore: false });
    expect(pageOfDigest({ total: 3, ids: ids.slice(0, 3) }, { offset: 10, limit: 100 })).toEqual({ ids: [], total: 3, hasMore: false });
  });
  it('declines a page reaching past them', () => {
    expect(pageOfDigest({ total: 5000, ids }, { offset: DIGEST_HEAD - 10, limit: 11 })).toBeNull();
    expect(pageOfDigest({ total: 5000, ids }, { offset: 1000, limit: 20 })).toBeNull();
  });
});

/** A Kuzu store holding the seed graph, for `work`, closed after. */
async function withSeed(work: (store: GraphStore, engine: KuzuEngine, graph: GraphData) => Promise<void>): Promise<void> {
  const { store, engine } = await open(500);
  try {
    const graph = readSeedGraph();
    await store.bulkLoad(graph);
    await work(store, engine, graph);
  } finally {
    await store.close();
  }
}

describe("a claim's claimant and source ids (schema.ts INTERNAL_PROPERTIES)", () => {
  it('are given at start to claims written before the store kept them', () => withSeed(async (store, engine, graph) => {
    // As a data folder from before: the migration added the properties, null on every claim.
    await engine.write((run) => run({ text: 'MATCH (c:Claim) SET c.claimantId = NULL, c.sourceId = NULL', params: {} }));
    expect((await store.getNodes('Claim', [graph.claims[0]!.id]))[0]?.claimantId).toBeNull();
    await store.init();
    const claims = await store.getNodes('Claim', graph.claims.map((c) => c.id));
    expect(claims.map((c) => [c?.claimantId, c?.sourceId])).toEqual(graph.claims.map((c) => [c.claimant, c.source]));
  }), 60_000);
});

describe('whether a CONTRADICTS joins a claim (schema.ts INTERNAL_PROPERTIES)', () => {
  it('is settled by every write for the claims it wrote, and marked by every link it creates', () => withSeed(async (store, engine, graph) => {
    const contested = async (ids: string[]) => (await store.getNodes('Claim', ids)).map((c) => c?.contested);
    const quiet = graph.claims.filter((c) => !graph.contradictions.some((l) => l.from === c.id || l.to === c.id));
    const loud = graph.claims.find((c) => graph.contradictions.some((l) => l.from === c.id || l.to === c.id))!;
    // A new claim no link joins; an existing contested claim rewritten (its flag reset, then settled from its links).
    await store.transact(async (tx) => {
      await tx.insert({ ...EMPTY, claims: [{ ...quiet[0]!, id: 'claim:new-quiet', refersTo: [] }] });
      await tx.replaceClaim({ ...loud, statement: `${loud.statement} (edited)` });
    });
    expect(await contested(['claim:new-quiet', loud.id])).toEqual([false, true]);
    // A link created between two quiet claims, one of them written in another write.
    await store.transact((tx) => tx.writeLinks([{ type: 'CONTRADICTS', from: 'claim:new-quiet', to: quiet[1]!.id, kind: 'EXPLICIT', explanation: 'test', rule: null, independent: null, dependence: null }]));
    expect(await contested(['claim:new-quiet', quiet[1]!.id])).toEqual([true, true]);
    // A data folder from before: unknown everywhere, settled at start.
    await engine.write((run) => run({ text: 'MATCH (c:Claim) SET c.contested = NULL', params: {} }));
    await store.init();
    const conflicts = await store.neighbours('Claim.conflicts', graph.claims.map((c) => c.id));
    expect(await contested(graph.claims.map((c) => c.id))).toEqual(graph.claims.map((c) => (conflicts.get(c.id)?.length ?? 0) > 0));
  }), 60_000);
});
