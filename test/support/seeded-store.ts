/**
 * A Kuzu store of its own holding the seed graph, for tests that write to a store directly (no
 * server): a copy of the folder the run's global setup loaded (global-setup.ts), which opens in
 * a few hundred milliseconds, where loading the seed again takes seconds. A property test that
 * needs a fresh graph for every run of its property can afford one per run.
 */
import fs from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { ingestGraph } from '../../src/ingest.js';
import { Curator } from '../../src/ingest/curate.js';
import { CypherStore } from '../../src/store/cypher/CypherStore.js';
import type { GraphStore } from '../../src/store/GraphStore.js';
import { KuzuEngine } from '../../src/store/kuzu/KuzuEngine.js';
import { readSeedGraph } from '../../seed/load-seed.js';
import { copySeededKuzu } from './seeded-template.js';
import { tempDir } from './temp.js';

export interface SeededStore {
  store: GraphStore;
  /** The store's engine, for what only Kuzu does (a checkpoint of its own). */
  engine: KuzuEngine;
  dataDir: string;
  /** Whether the folder is a copy of the one global setup loaded (opened again, its data checkpointed), not loaded afresh. */
  copied: boolean;
  /** Closes the store and removes its folder at once (runs of a property would otherwise pile up 100 MB each until the file ends). */
  dispose(): Promise<void>;
}

/** The seed graph as global setup loaded it, with analysis at `tolerance`; loaded afresh when there is no copy to take. */
export async function openSeededStore(tolerance: number, options: { bufferPoolMb?: number; walLimitMb?: number } = {}): Promise<SeededStore> {
  const dataDir = tempDir('seeded');
  const copied = copySeededKuzu(dataDir, tolerance);
  const engine = await KuzuEngine.open({ dataDir, bufferPoolMb: options.bufferPoolMb ?? 128, walLimitMb: options.walLimitMb, queryTimeoutMs: 30_000, maxSizeGib: 1 });
  const store = new CypherStore(engine);
  try {
    await store.init();
    if (!copied) await ingestGraph(store, readSeedGraph(), { tolerance });
  } catch (error) {
    await store.close();
    throw error;
  }
  return {
    store,
    engine,
    dataDir,
    copied,
    async dispose() {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A seeded store and a Curator over it for the tests of a describe block: opened before them,
 * disposed of after. Its fields are set once the block's first hook has run.
 */
export function seededCurator(tolerance: number, options: { walLimitMb?: number } = {}): { seeded: SeededStore; curator: Curator } {
  const context = {} as { seeded: SeededStore; curator: Curator };
  beforeAll(async () => {
    context.seeded = await openSeededStore(tolerance, options);
    context.curator = new Curator(context.seeded.store, { tolerance });
  });
  afterAll(async () => {
    await context.seeded?.dispose();
  });
  return context;
}
