/**
 * Derived links stay consistent as claims are added and changed: after every ingest, the links stored
 * with a rule are exactly what the rules compute afresh over the whole stored graph.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveLinks } from '../../src/domain/analysis.js';
import type { ClaimData, GraphData } from '../../src/domain/model.js';
import { ingestGraph } from '../../src/ingest.js';
import type { GraphStore } from '../../src/store/GraphStore.js';
import { openKuzuStore } from '../../src/store/createStore.js';
import { fixtureGraph } from '../support/fixture-graph.js';
import { tempDir } from '../support/temp.js';

const TOLERANCE = 0.05;

function withIswFigure(value: number): GraphData {
  const g = fixtureGraph();
  const template = g.claims[1]!;
  const isw: ClaimData = {
    ...template, id: 'claim:isw-figure', claimant: 'actor:isw', statedAt: { value: '2024-05-31', precision: 'DAY' },
    period: { start: { value: '2024', precision: 'YEAR' }, end: { value: '2024-05-31', precision: 'DAY' } },
    quantity: { value, unit: 'SQUARE_KILOMETERS', qualifier: 'APPROXIMATELY', text: `about ${value} square kilometers` },
  };
  g.claims.push(isw);
  return g;
}

async function storedDerived(store: GraphStore) {
  const rows = [...(await store.findLinks('CONTRADICTS', {})).map((l) => ({ ...l, type: 'CONTRADICTS' })),
    ...(await store.findLinks('CORROBORATES', {})).map((l) => ({ ...l, type: 'CORROBORATES' }))];
  return rows.filter((l) => l.rule !== null).map((l) => [l.type, l.a.id, l.b.id, l.kind, l.rule, l.explanation]).sort();
}

async function recomputed(store: GraphStore) {
  const input = await store.analysisInput();
  return deriveLinks(input.claims, { tolerance: TOLERANCE, parentOf: input.parentOf, nameOf: input.nameOf })
    .map((l) => [l.type, l.from, l.to, l.kind, l.rule, l.explanation]).sort();
}

describe('derived links', () => {
  let store: GraphStore;
  beforeAll(async () => {
    store = await openKuzuStore({ dataDir: tempDir('derived'), bufferPoolMb: 128, queryTimeoutMs: 10_000 });
    await store.init();
  });
  afterAll(async () => {
    await store?.close();
  });

  it('are written when claims are loaded', async () => {
    await ingestGraph(store, withIswFigure(752), { tolerance: TOLERANCE });
    const stored = await storedDerived(store);
    expect(stored.map((l) => l.slice(0, 5))).toEqual([['CONTRADICTS', 'claim:isw-figure', 'claim:belousov-880', 'NUMERIC', 'cumulative-nested']]);
    expect(stored).toEqual(await recomputed(store));
  });

  it('are replaced, never left stale, when a claim changes', async () => {
    await ingestGraph(store, withIswFigure(1000), { tolerance: TOLERANCE });
    expect(await storedDerived(store)).toEqual([]);
    expect(await recomputed(store)).toEqual([]);
    // Source-stated links are untouched by recomputation.
    expect((await store.findLinks('CONTRADICTS', {})).filter((l) => l.rule === null)).toHaveLength(2);
  });

  it('equal a fresh recomputation after loading the same graph again', async () => {
    await ingestGraph(store, withIswFigure(752), { tolerance: TOLERANCE });
    await ingestGraph(store, withIswFigure(752), { tolerance: TOLERANCE });
    const stored = await storedDerived(store);
    expect(stored).toHaveLength(1);
    expect(stored).toEqual(await recomputed(store));
  });
});
