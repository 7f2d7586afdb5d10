/**
 * The one way claims enter the graph (seed, and later bulk import): the rules run over the stored
 * claims together with the new ones, and the graph is written with every derived link replaced,
 * in one transaction, so stored links always equal a fresh recomputation. Every corroboration,
 * derived or stated, is written with whether its claims come from independent origins.
 */
import { deriveLinks } from '../domain/analysis.js';
import { independenceOf } from '../domain/independence.js';
import type { GraphData, LinkData } from '../domain/model.js';
import { validateGraph } from '../domain/validate.js';
import type { AnalysisInput, GraphStore } from '../store/GraphStore.js';

export interface IngestOptions {
  /** Relative half-width of an approximate figure (APPROXIMATE_TOLERANCE). */
  tolerance: number;
}

const linkKey = (l: LinkData) => `${l.from}|${l.to}|${l.kind}`;
const stated = (links: LinkData[]) => links.filter((l) => l.rule === null);

/** What analysis needs of a graph on its own. */
function inputOf(graph: GraphData): AnalysisInput {
  const some = <T extends { id: string }>(items: T[], values: (item: T) => string[]) =>
    new Map(items.flatMap((i) => (values(i).length > 0 ? [[i.id, values(i)] as const] : [])));
  return {
    claims: graph.claims,
    parentOf: some(graph.places, (p) => p.partOf),
    nameOf: new Map([
      ...[...graph.actors, ...graph.places].map((n) => [n.id, n.name] as const),
      ...graph.sources.map((s) => [s.id, s.shortName ?? s.title] as const),
    ]),
    memberOf: some(graph.actors, (a) => a.memberOf),
    publisherOf: new Map(graph.sources.flatMap((s) => (s.publisher ? [[s.id, s.publisher] as const] : []))),
    restates: some(graph.claims, (c) => (c.refersTo ?? []).filter((r) => r.relation === 'RESTATES').map((r) => r.claim)),
    originOf: new Map(graph.claims.map((c) => [c.id, { claimant: c.claimant, source: c.source }])),
    statedCorroborations: stated(graph.corroborations),
  };
}

/**
 * What the store will hold once the graph is imported: a node's properties are replaced, and its
 * relationships merged with those stored (importGraph adds PART_OF, MEMBER_OF, REFERS_TO ... and
 * never removes one), so hierarchies and restatements are the union of both.
 */
function merged(stored: AnalysisInput, graph: AnalysisInput): AnalysisInput {
  const union = (a: Map<string, string[]>, b: Map<string, string[]>) => {
    const out = new Map(a);
    for (const [k, v] of b) out.set(k, [...new Set([...(out.get(k) ?? []), ...v])].sort());
    return out;
  };
  const byKey = (...lists: LinkData[][]) => [...new Map(lists.flat().map((l) => [linkKey(l), l])).values()];
  return {
    claims: [...new Map([...stored.claims, ...graph.claims].map((c) => [c.id, c])).values()],
    parentOf: union(stored.parentOf, graph.parentOf),
    nameOf: new Map([...stored.nameOf, ...graph.nameOf]),
    memberOf: union(stored.memberOf, graph.memberOf),
    publisherOf: new Map([...stored.publisherOf, ...graph.publisherOf]),
    restates: union(stored.restates, graph.restates),
    originOf: new Map([...stored.originOf, ...graph.originOf]),
    statedCorroborations: byKey(stored.statedCorroborations, graph.statedCorroborations),
  };
}

/**
 * The links the rules derive over `input`, and every corroboration (derived, and stated in
 * `input.statedCorroborations`) with its independence; contradictions have none.
 */
export function analyse(input: AnalysisInput, tolerance: number): { contradictions: LinkData[]; corroborations: LinkData[]; stated: LinkData[] } {
  const derived = deriveLinks(input.claims, { tolerance, parentOf: input.parentOf, nameOf: input.nameOf });
  const independence = independenceOf(input);
  const assessed = (l: LinkData): LinkData => ({ ...l, ...independence(l.from, l.to) });
  const links = (type: 'CONTRADICTS' | 'CORROBORATES'): LinkData[] =>
    derived.filter((l) => l.type === type).map(({ from, to, kind, explanation, rule }) => ({ from, to, kind, explanation, rule, independent: null, dependence: null }));
  return { contradictions: links('CONTRADICTS'), corroborations: links('CORROBORATES').map(assessed), stated: input.statedCorroborations.map(assessed) };
}

/** Stated contradictions as given, without an independence (it is a property of corroborations). */
const statedContradictions = (graph: GraphData) => stated(graph.contradictions).map((l) => ({ ...l, independent: null, dependence: null }));

/**
 * Upserts a graph and replaces every derived link, in one serialised write transaction
 * (GraphStore.transact): the stored graph is read inside it, before anything is written, so a
 * concurrent write can neither slip between the read and the write nor be overwritten by a
 * recomputation that did not see it.
 */
export async function ingestGraph(store: GraphStore, graph: GraphData, options: IngestOptions): Promise<void> {
  validateGraph(graph);
  const own = inputOf(graph);
  await store.transact(async (tx) => {
    const stored = await tx.analysisInput({ measures: [], subjects: [], all: true });
    const { contradictions, corroborations, stated: assessed } = analyse(merged(stored, own), options.tolerance);
    // The graph's stated corroborations are written; a stored one is rewritten only when the new
    // graph changed its independence (a new membership, a restatement).
    const given = new Set(own.statedCorroborations.map(linkKey));
    const before = new Map(stored.statedCorroborations.map((l) => [linkKey(l), l]));
    const changed = (l: LinkData) => before.get(linkKey(l))?.independent !== l.independent || before.get(linkKey(l))?.dependence !== l.dependence;
    await tx.deleteDerivedLinks('all');
    await tx.upsert({
      ...graph,
      // Links a source states are kept as given; derived ones are recomputed every time.
      contradictions: [...statedContradictions(graph), ...contradictions],
      corroborations: [...assessed.filter((l) => given.has(linkKey(l)) || changed(l)), ...corroborations],
    });
  });
}

/**
 * The bulk path for a graph that is the whole store (bench corpora, a first import): the same
 * validation and rules, then the store's bulk loader, which requires the store to be empty.
 */
export async function bulkIngest(store: GraphStore, graph: GraphData, options: IngestOptions): Promise<{ derived: number }> {
  validateGraph(graph);
  const { contradictions, corroborations, stated: assessed } = analyse(inputOf(graph), options.tolerance);
  await store.bulkLoad({ ...graph, contradictions: [...statedContradictions(graph), ...contradictions], corroborations: [...assessed, ...corroborations] });
  return { derived: contradictions.length + corroborations.length };
}
