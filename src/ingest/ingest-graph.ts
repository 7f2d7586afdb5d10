/**
 * The one way claims enter the graph (seed, and later bulk import): the rules run over the stored
 * claims together with the new ones, and the graph is written with every derived link replaced,
 * in one transaction, so stored links always equal a fresh recomputation.
 */
import { deriveLinks, type AnalysedClaim } from '../domain/analysis.js';
import type { GraphData, LinkData } from '../domain/model.js';
import { validateGraph } from '../domain/validate.js';
import type { GraphStore } from '../store/GraphStore.js';

export interface IngestOptions {
  /** Relative half-width of an approximate figure (APPROXIMATE_TOLERANCE). */
  tolerance: number;
}

export async function ingestGraph(store: GraphStore, graph: GraphData, options: IngestOptions): Promise<void> {
  validateGraph(graph);
  const stored = await store.analysisInput();
  const claims = new Map<string, AnalysedClaim>(stored.claims.map((c) => [c.id, c]));
  for (const c of graph.claims) claims.set(c.id, c);
  const parentOf = new Map(stored.parentOf);
  for (const p of graph.places) {
    if (p.partOf.length > 0) parentOf.set(p.id, p.partOf);
    else parentOf.delete(p.id);
  }
  const nameOf = new Map(stored.nameOf);
  for (const n of [...graph.actors, ...graph.places]) nameOf.set(n.id, n.name);
  for (const s of graph.sources) nameOf.set(s.id, s.title);

  const derived = deriveLinks([...claims.values()], { tolerance: options.tolerance, parentOf, nameOf });
  const links = (type: 'CONTRADICTS' | 'CORROBORATES'): LinkData[] =>
    derived.filter((l) => l.type === type).map(({ from, to, kind, explanation, rule }) => ({ from, to, kind, explanation, rule }));
  await store.importGraph(
    {
      ...graph,
      // Links a source states are kept as given; derived ones are recomputed every time.
      contradictions: [...graph.contradictions.filter((l) => l.rule === null), ...links('CONTRADICTS')],
      corroborations: [...graph.corroborations.filter((l) => l.rule === null), ...links('CORROBORATES')],
    },
    { replaceDerivedLinks: true },
  );
}

/**
 * The bulk path for a graph that is the whole store (bench corpora, a first import): the same
 * validation and rules, then the store's bulk loader, which requires the store to be empty.
 */
export async function bulkIngest(store: GraphStore, graph: GraphData, options: IngestOptions): Promise<{ derived: number }> {
  validateGraph(graph);
  const parentOf = new Map(graph.places.flatMap((p) => (p.partOf.length > 0 ? [[p.id, p.partOf] as const] : [])));
  const nameOf = new Map<string, string>([...graph.actors, ...graph.places].map((n) => [n.id, n.name]));
  for (const s of graph.sources) nameOf.set(s.id, s.title);
  const derived = deriveLinks(graph.claims, { tolerance: options.tolerance, parentOf, nameOf });
  const links = (type: 'CONTRADICTS' | 'CORROBORATES'): LinkData[] =>
    derived.filter((l) => l.type === type).map(({ from, to, kind, explanation, rule }) => ({ from, to, kind, explanation, rule }));
  await store.bulkLoad({
    ...graph,
    contradictions: [...graph.contradictions.filter((l) => l.rule === null), ...links('CONTRADICTS')],
    corroborations: [...graph.corroborations.filter((l) => l.rule === null), ...links('CORROBORATES')],
  });
  return { derived: derived.length };
}
