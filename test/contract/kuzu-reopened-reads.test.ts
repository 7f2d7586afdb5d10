/**
 * Walks answer the same on a Kuzu folder opened again (its data checkpointed) as on the folder that
 * wrote it. Kuzu 0.11.3 answers a scan of several node tables filtered by id wrongly when one of
 * the tables holds a single row, once the data is checkpointed (docs/store.md, "Not worked around
 * yet"): the fixture has one event, and a neighbourhood walk from a frontier of places, actors and
 * that event named a place as `event:kursk-incurs`; with one source, the claims of several
 * claimants at once left out the source's own. Walks and claimant pages therefore name several ids
 * of several labels as key equalities on Kuzu (Dialect.nearIds).
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GraphData } from '../../src/domain/model.js';
import { ingestGraph } from '../../src/ingest.js';
import { openKuzuStore } from '../../src/store/createStore.js';
import type { GraphStore, SubgraphRecord } from '../../src/store/GraphStore.js';
import { REL_TYPES } from '../../src/store/schema.js';
import { fixtureGraph } from '../support/fixture-graph.js';
import { tempDir } from '../support/temp.js';

/** The fixture (one event) and 60 more actors within Russia, each claiming about Sudzha. */
function widened(): GraphData {
  const g = fixtureGraph();
  const template = g.claims[0]!;
  for (let i = 0; i < 60; i++) {
    g.actors.push({ id: `actor:extra-${i}`, name: `Extra ${i}`, kind: 'GROUP', aliases: [], description: null, memberOf: ['actor:russia'] });
    g.claims.push({ ...template, id: `claim:extra-${i}`, claimant: `actor:extra-${i}`, about: ['place:sudzha'], statedAt: null });
  }
  return g;
}

/** The fixture with one source: source:b and its claims left out. */
function oneSource(): GraphData {
  const g = fixtureGraph();
  const dropped = new Set(g.claims.filter((c) => c.source === 'source:b').map((c) => c.id));
  return {
    ...g,
    sources: g.sources.filter((s) => s.id !== 'source:b'),
    claims: g.claims.filter((c) => !dropped.has(c.id)).map((c) => ({ ...c, refersTo: (c.refersTo ?? []).filter((r) => !dropped.has(r.claim)) })),
    contradictions: g.contradictions.filter((l) => !dropped.has(l.from) && !dropped.has(l.to)),
    corroborations: g.corroborations.filter((l) => !dropped.has(l.from) && !dropped.has(l.to)),
  };
}

/** What `ask` answers from a store that ingested `graph`, and from the same folder opened again. */
async function beforeAndAfter<T>(graph: GraphData, ask: (store: GraphStore) => Promise<T>): Promise<[T, T]> {
  const dataDir = tempDir('reopened');
  const options = { dataDir, bufferPoolMb: 64, queryTimeoutMs: 30_000, maxSizeGib: 1 };
  const store = await openKuzuStore(options);
  let before: T;
  try {
    await store.init();
    await ingestGraph(store, graph, { tolerance: 0.05 });
    before = await ask(store);
  } finally {
    await store.close();
  }
  const again = await openKuzuStore(options);
  try {
    await again.init();
    return [before, await ask(again)];
  } finally {
    await again.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const shape = (s: SubgraphRecord) => ({ nodes: s.nodes.map((n) => n.id).sort(), edges: s.edges.map((e) => `${e.type} ${e.source} ${e.target}`).sort() });

describe('reads of several labels on a Kuzu folder opened again', () => {
  it('walk the neighbourhood as they did before it was closed', async () => {
    const graph = widened();
    expect(graph.events).toHaveLength(1);
    const known = new Set([graph.actors, graph.places, graph.events, graph.sources, graph.claims].flatMap((nodes) => nodes.map((n) => n.id)));
    const requests = [2, 3].map((depth) => ({ ids: ['place:sudzha', 'actor:russia'], depth, types: REL_TYPES, limit: 2000 }));
    const [before, after] = await beforeAndAfter(graph, (store) => Promise.all(requests.map(async (r) => shape(await store.subgraph(r)))));
    for (const walked of after) expect(walked.nodes.filter((id) => !known.has(id))).toEqual([]);
    expect(after).toEqual(before);
  }, 60_000);

  it('page the claims of several claimants, a source among them, as they did before it was closed', async () => {
    const graph = oneSource();
    expect(graph.sources).toHaveLength(1);
    const claimants = [...new Set([...graph.claims.map((c) => c.claimant), 'actor:ukraine'])].sort();
    expect(claimants).toContain('source:a');
    const [before, after] = await beforeAndAfter(graph, async (store) => {
      const pages = await store.findClaimsFor('madeBy', claimants, {}, 'STATED_DESC', { offset: 0, limit: 10, count: true });
      return claimants.map((id) => `${id}: ${pages.get(id)?.items.map((c) => c.id).join(' ')} (${pages.get(id)?.total})`);
    });
    expect(before.find((line) => line.startsWith('source:a'))).toMatch(/claim:/);
    expect(after).toEqual(before);
  }, 60_000);
});
