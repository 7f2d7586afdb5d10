/**
 * A first start seeds the empty embedded store by the bulk path (ensureSeeded); `npm run seed`
 * upserts the same folder row by row in one transaction (ingestGraph). Both must leave the same
 * graph: every node with every property, every relationship with its own, and the name keys.
 */
import { describe, expect, it } from 'vitest';
import { NODE_LABELS, RANKS } from '../../src/domain/model.js';
import { ensureSeeded, ingestGraph } from '../../src/ingest.js';
import { loadConfig } from '../../src/config.js';
import { openKuzuStore } from '../../src/store/createStore.js';
import type { GraphStore } from '../../src/store/GraphStore.js';
import { REL_TYPES } from '../../src/store/schema.js';
import { readSeedGraph, SEED_DIR } from '../../seed/load-seed.js';
import { tempDir } from '../support/temp.js';

const ALL = { offset: 0, limit: 10_000, count: false } as const;
const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

/** The whole graph as the store reads it back, in a stable order. */
async function snapshot(store: GraphStore) {
  const nodes: Record<string, unknown[]> = {};
  for (const label of NODE_LABELS) {
    const page = label === 'Claim' ? await store.findClaims({ ranks: [...RANKS] }, 'STATED_ASC', ALL) : await store.listNodes(label, ALL);
    nodes[label] = [...page.items].sort(byId);
  }
  const relationships: Record<string, string[]> = {};
  for (const type of REL_TYPES) relationships[type] = (await store.relationships(type, ALL)).items.map((e) => JSON.stringify(e)).sort();
  const names = (await store.nameIndex(['Actor', 'Place', 'Event', 'Source'])).map((n) => ({ ...n, keys: [...n.keys].sort() })).sort(byId);
  return { counts: await store.counts(), nodes, relationships, names };
}

describe('the seed graph on first start', () => {
  it('is the graph npm run seed writes, node for node and relationship for relationship', { timeout: 60_000 }, async () => {
    const tolerance = loadConfig({}).approximateTolerance;
    const open = async () => {
      const store = await openKuzuStore({ dataDir: tempDir('first-start'), bufferPoolMb: 128, queryTimeoutMs: 30_000, maxSizeGib: 4 });
      await store.init();
      return store;
    };
    const [bulk, upserted] = await Promise.all([open(), open()]);
    try {
      expect(await ensureSeeded(bulk, SEED_DIR, { tolerance })).toBe('seeded');
      await ingestGraph(upserted, readSeedGraph(), { tolerance });
      const [a, b] = await Promise.all([snapshot(bulk), snapshot(upserted)]);
      // Something to compare: the seed's claims, their derived contradictions and corroborations.
      expect(a.nodes.Claim!.length).toBe(readSeedGraph().claims.length);
      expect(a.relationships.CONTRADICTS!.length).toBeGreaterThan(0);
      expect(a.relationships.CORROBORATES!.length).toBeGreaterThan(0);
      expect(a).toEqual(b);
      // A second start finds the graph and leaves it alone.
      expect(await ensureSeeded(bulk, SEED_DIR, { tolerance })).toBe('not-empty');
    } finally {
      await Promise.all([bulk.close(), upserted.close()]);
    }
  });
});
