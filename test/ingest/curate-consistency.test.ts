/**
 * Incremental analysis never drifts: after any sequence of curated writes (claims added, edited,
 * ranked, linked), and after concurrent ones, the links stored equal a fresh recomputation over the
 * whole graph, and every change took its own number in the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaimData, Rank } from '../../src/domain/model.js';
import { ingestGraph } from '../../src/ingest.js';
import { Curator, type AddClaimInput, type Writer } from '../../src/ingest/curate.js';
import type { GraphStore } from '../../src/store/GraphStore.js';
import { openKuzuStore } from '../../src/store/createStore.js';
import { readSeedGraph } from '../../seed/load-seed.js';
import { tempDir } from '../support/temp.js';
import { expectConsistent } from '../support/links.js';

const TOLERANCE = 0.05;
const editor: Writer = { name: 'test-editor', role: 'editor' };

/** A small deterministic PRNG (mulberry32), so a failing sequence can be replayed from its seed. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]! };
}

describe('curated writes keep analysis consistent (Kuzu)', () => {
  let store: GraphStore;
  let curator: Curator;
  let claims: ClaimData[];

  beforeAll(async () => {
    store = await openKuzuStore({ dataDir: tempDir('curate'), bufferPoolMb: 256, queryTimeoutMs: 30_000, maxSizeGib: 1 });
    await store.init();
    const seed = readSeedGraph();
    await ingestGraph(store, seed, { tolerance: TOLERANCE });
    claims = seed.claims;
    curator = new Curator(store, { tolerance: TOLERANCE });
  }, 60_000);

  afterAll(async () => {
    await store?.close();
  });

  /** A new claim like a stored one (same source and quote), with another claimant, figure, period or stance. */
  function variant(r: ReturnType<typeof random>, n: number): AddClaimInput {
    const template = r.pick(claims.filter((c) => c.measure || c.assertion));
    const claimant = r.pick(['actor:russia', 'actor:ukraine', 'actor:isw', template.claimant]);
    const input: AddClaimInput = {
      id: `claim:random-${n}`, source: template.source, claimant, quote: template.quote, statement: `Variant ${n} of ${template.id}`,
      about: template.about, topic: template.topic, stance: r.next() < 0.2 ? 'DENIES' : 'ASSERTS',
      statedAt: template.statedAt?.value ?? null,
      period: template.period ? { start: template.period.start?.value ?? null, end: template.period.end?.value ?? null } : null,
      quantity: template.quantity ? { ...template.quantity, value: Math.round(template.quantity.value * (0.5 + r.next())) } : null,
      measure: template.measure, assertion: template.assertion ? { ...template.assertion, holds: r.next() < 0.8 } : null,
    };
    return input;
  }

  it('after a random sequence of adds, edits, ranks and links, stored links equal a fresh recomputation', async () => {
    const r = random(20261127);
    const added: string[] = [];
    for (let n = 0; n < 60; n++) {
      const action = r.next();
      if (action < 0.4 || added.length < 2) {
        const result = await curator.addClaims(editor, [variant(r, n)]);
        added.push(result.value.claims[0]!.id);
      } else if (action < 0.6) {
        const id = r.pick(added);
        await curator.editClaim(editor, id, { stance: r.next() < 0.5 ? 'DENIES' : 'ASSERTS', claimant: r.pick(['actor:isw', 'actor:russia']) }, 'test edit');
      } else if (action < 0.8) {
        const rank = r.pick<Rank>(['DEPRECATED', 'NORMAL', 'PREFERRED']);
        await curator.setClaimRank(editor, r.pick([...added, ...claims.map((c) => c.id)]), rank, 'test rank');
      } else {
        const [from, to] = [r.pick(added), r.pick(claims.map((c) => c.id))];
        await curator.linkClaims(editor, from, to, r.pick(['CONTRADICTS', 'CORROBORATES'] as const), 'A source says so.');
      }
    }
    await expectConsistent(store);
  }, 120_000);

  it('keeps them consistent under 20 concurrent addClaims, each with its own change number', async () => {
    const r = random(7);
    const before = (await store.changes(null, 0, { offset: 0, limit: 1000 })).total!;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => curator.addClaims(editor, [variant(r, 100 + i)])));
    const seqs = results.map((x) => x.change.seq).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(20);
    expect((await store.changes(null, 0, { offset: 0, limit: 1000 })).total).toBe(before + 20);
    await expectConsistent(store);
  }, 120_000);
});
