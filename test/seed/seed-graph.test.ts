/** The seed graph is the project's reference data: these tests prove its integrity. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelOfId } from '../../src/domain/model.js';
import { openKuzuStore } from '../../src/store/createStore.js';
import type { GraphStore } from '../../src/store/GraphStore.js';
import { readSeedGraph, SEED_DIR } from '../../seed/load-seed.js';
import { tempDir } from '../support/temp.js';

const graph = readSeedGraph();

describe('the seed graph', () => {
  it('ships the five corpus articles, byte for byte', () => {
    const articles = path.join(SEED_DIR, 'articles');
    const files = fs.readdirSync(articles).filter((f) => f.endsWith('.txt')).sort();
    expect(files).toHaveLength(5);
    expect(graph.sources.map((s) => s.file).sort()).toEqual(files);
    // The names end in an id that is not a hash of the text, so the folder carries a manifest
    // (`sha256sum -c SHA256SUMS` checks it too); a changed byte in an article fails here.
    const manifest = fs.readFileSync(path.join(articles, 'SHA256SUMS'), 'utf8').trimEnd().split('\n').map((line) => {
      const [, sum, file] = /^([0-9a-f]{64}) [ *](.+)$/.exec(line) ?? [];
      return { file, sum };
    });
    expect(manifest.map((m) => m.file)).toEqual(files);
    for (const { file, sum } of manifest) {
      expect(createHash('sha256').update(fs.readFileSync(path.join(articles, file!))).digest('hex'), file).toBe(sum);
    }
    // Where the corpus as it was delivered sits beside the repository, compare with it as well.
    const shared = path.resolve(SEED_DIR, '../../shared/seeds');
    if (fs.existsSync(shared)) {
      for (const f of files) expect(fs.readFileSync(path.join(articles, f)).equals(fs.readFileSync(path.join(shared, f))), f).toBe(true);
    }
  });

  it('quotes every claim verbatim at its offsets in its source text', () => {
    const texts = new Map(graph.sources.map((s) => [s.id, s.text]));
    for (const c of graph.claims) {
      const text = texts.get(c.source)!;
      expect(text.slice(c.quoteStart, c.quoteEnd), c.id).toBe(c.quote);
      expect(c.quote.length, c.id).toBeGreaterThan(8);
    }
  });

  it('resolves every reference', () => {
    const ids = new Set([...graph.actors, ...graph.places, ...graph.events, ...graph.sources, ...graph.claims].map((n) => n.id));
    const refs = [
      ...graph.claims.flatMap((c) => [c.source, c.claimant, ...c.about, c.measure?.side, c.measure?.place]),
      ...graph.actors.flatMap((a) => a.memberOf),
      ...graph.places.map((p) => p.partOf),
      ...graph.events.flatMap((e) => [...e.occurredIn, ...e.participants]),
      ...graph.sources.map((s) => s.publisher),
      ...[...graph.contradictions, ...graph.corroborations].flatMap((l) => [l.from, l.to]),
    ].filter((r): r is string => typeof r === 'string');
    expect(refs.filter((r) => !ids.has(r))).toEqual([]);
  });

  it('covers every article with at least 45 claims in all', () => {
    expect(graph.claims.length).toBeGreaterThanOrEqual(45);
    for (const s of graph.sources) expect(graph.claims.filter((c) => c.source === s.id).length, s.id).toBeGreaterThanOrEqual(4);
  });

  it('has the actors, places and hierarchy the claims need', () => {
    const actor = (id: string) => graph.actors.find((a) => a.id === id);
    const place = (id: string) => graph.places.find((p) => p.id === id);
    for (const id of ['actor:russia', 'actor:ukraine', 'actor:isw', 'actor:syrskyi', 'actor:belousov']) expect(actor(id), id).toBeDefined();
    expect(place('place:sudzha')?.partOf).toContain('place:kursk-oblast');
    expect(place('place:kursk-oblast')?.partOf).toContain('place:russia');
    expect(place('place:pokrovsk')?.partOf).toContain('place:donetsk-oblast');
    expect(place('place:donetsk-oblast')?.partOf).toContain('place:ukraine');
    const chain = (id: string): string[] => {
      const a = actor(id);
      return a ? [id, ...a.memberOf.flatMap(chain)] : [];
    };
    expect(chain('actor:syrskyi')).toContain('actor:ukraine');
    expect(chain('actor:belousov')).toContain('actor:russia');
  });

  it('records the conflicts the articles state as EXPLICIT contradictions', () => {
    const explicit = graph.contradictions.filter((l) => l.kind === 'EXPLICIT');
    const pair = (a: string, b: string) => explicit.find((l) => (l.from === a && l.to === b) || (l.from === b && l.to === a));
    expect(pair('claim:isw-752km2-2024', 'claim:belousov-880km2-jan-apr-2024')?.explanation).toMatch(/752/);
    expect(pair('claim:syrskyi-denies-encirclement-kursk', 'claim:encirclement-risk-kursk')?.explanation).toMatch(/encircle/i);
    const denial = graph.claims.find((c) => c.id === 'claim:syrskyi-denies-encirclement-kursk');
    expect(denial).toMatchObject({ claimant: 'actor:syrskyi', stance: 'DENIES' });
  });

  it('never dates a claim more precisely than its text allows', () => {
    // Article 004 never states a year; none of its claims may carry one.
    const source004 = graph.sources.find((s) => s.file?.startsWith('004_'))!;
    expect(graph.claims.filter((c) => c.source === source004.id && c.statedAt !== null).map((c) => c.id)).toEqual([]);
    // Sources carry no invented publication dates; only UNN is named as a publisher in the texts.
    expect(graph.sources.filter((s) => s.publishedOn !== null)).toEqual([]);
    expect(graph.sources.filter((s) => s.publisher !== null).map((s) => s.publisher)).toEqual(['actor:unn']);
  });

  it('gives a source as claimant only of its own claims', () => {
    for (const c of graph.claims) if (labelOfId(c.claimant) === 'Source') expect(c.claimant, c.id).toBe(c.source);
  });
});

describe('loading the seed graph', () => {
  let store: GraphStore;
  const dataDir = tempDir('seed');
  beforeAll(async () => {
    store = await openKuzuStore({ dataDir, bufferPoolMb: 256, queryTimeoutMs: 10_000 });
    await store.init();
  });
  afterAll(async () => {
    await store?.close();
  });

  it('writes every node, and a second load leaves the same counts', async () => {
    await store.importGraph(graph);
    const first = await store.counts();
    expect(first.nodes).toEqual({
      Actor: graph.actors.length, Place: graph.places.length, Event: graph.events.length,
      Source: graph.sources.length, Claim: graph.claims.length,
    });
    expect(first.relationships.MADE).toBe(graph.claims.length);
    expect(first.relationships.CONTRADICTS).toBe(graph.contradictions.length);
    await store.importGraph(graph);
    expect(await store.counts()).toEqual(first);
  });
});
