/**
 * A Kuzu store of its own holding the seed graph, for tests that write to a store directly (no
 * server): a copy of the folder the run's global setup loaded (global-setup.ts), which opens in
 * a few hundred milliseconds, where loading the seed again takes seconds. A property test that
 * needs a fresh graph for every run of its property can afford one per run.
 */
import fs from 'node:fs';
import { ingestGraph } from '../../src/ingest.js';
import type { GraphStore } from '../../src/store/GraphStore.js';
import { openKuzuStore } from '../../src/store/createStore.js';
import { readSeedGraph } from '../../seed/load-seed.js';
import { copySeededKuzu } from './seeded-template.js';
import { tempDir } from './temp.js';

export interface SeededStore {
  store: GraphStore;
  dataDir: string;
  /** Closes the store and removes its folder at once (runs of a property would otherwise pile up 100 MB each until the file ends). */
  dispose(): Promise<void>;
}

/** The seed graph as global setup loaded it, with analysis at `tolerance`; loaded afresh when there is no copy to take. */
export async function openSeededStore(tolerance: number, options: { bufferPoolMb?: number; walLimitMb?: number } = {}): Promise<SeededStore> {
  const dataDir = tempDir('seeded');
  const copied = copySeededKuzu(dataDir, tolerance);
  const store = await openKuzuStore({ dataDir, bufferPoolMb: options.bufferPoolMb ?? 128, walLimitMb: options.walLimitMb, queryTimeoutMs: 30_000, maxSizeGib: 1 });
  try {
    await store.init();
    if (!copied) await ingestGraph(store, readSeedGraph(), { tolerance });
  } catch (error) {
    await store.close();
    throw error;
  }
  return {
    store,
    dataDir,
    async dispose() {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
