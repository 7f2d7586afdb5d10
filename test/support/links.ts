/**
 * Whether the links a store holds are what a fresh recomputation over its whole graph finds: the
 * invariant every write (curated, imported, concurrent) must keep.
 */
import { expect } from 'vitest';
import { analyse } from '../../src/ingest/ingest-graph.js';
import type { GraphStore } from '../../src/store/GraphStore.js';

const TOLERANCE = 0.05;

/** Every stored link of both types, as `type|from|to|kind|rule|explanation|independent|dependence`. */
async function storedLinks(store: GraphStore): Promise<string[]> {
  const out: string[] = [];
  for (const type of ['CONTRADICTS', 'CORROBORATES'] as const) {
    for (let offset = 0; ; offset += 500) {
      const page = await store.relationships(type, { offset, limit: 500, count: false });
      for (const e of page.items) out.push([type, e.source, e.target, e.kind, e.rule, e.explanation, e.independent, e.dependence].join('|'));
      if (!page.hasMore) break;
    }
  }
  return out.sort();
}

/** What a recomputation over the whole stored graph says the derived links, and the stated corroborations, should be. */
async function recomputed(store: GraphStore, stated: string[]): Promise<string[]> {
  const { contradictions, corroborations, stated: assessed } = analyse(await store.analysisInput(), TOLERANCE);
  const row = (type: string) => (l: { from: string; to: string; kind: string; rule: string | null; explanation: string; independent?: boolean | null; dependence?: string | null }) =>
    [type, l.from, l.to, l.kind, l.rule, l.explanation, l.independent ?? null, l.dependence ?? null].join('|');
  // Stated contradictions carry no assessment: take them as stored.
  const statedContradictions = stated.filter((l) => l.startsWith('CONTRADICTS|') && l.split('|')[4] === '');
  return [...contradictions.map(row('CONTRADICTS')), ...corroborations.map(row('CORROBORATES')), ...assessed.map(row('CORROBORATES')), ...statedContradictions].sort();
}

export async function expectConsistent(store: GraphStore): Promise<void> {
  const stored = await storedLinks(store);
  expect(stored).toEqual(await recomputed(store, stored));
}

