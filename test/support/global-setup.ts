/**
 * One temporary folder per test run, holding every test's databases and files, removed when the
 * run ends. A worker that is killed rather than exiting never runs its own clean-up (each Kuzu
 * test database takes about 100 MB), so the run as a whole cleans up after its workers.
 *
 * It also holds a Kuzu folder with the seed graph loaded, once: a test server on the seed graph
 * starts from a copy of it (support/server.ts) instead of loading the seed again, which took
 * some 1.5 s of the 2 s a server took to start, some forty times a run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import { ensureSeeded } from '../../src/ingest.js';
import { openKuzuStore } from '../../src/store/createStore.js';
import { SEED_DIR } from '../../seed/load-seed.js';

async function seededKuzuFolder(root: string): Promise<string> {
  const dataDir = path.join(root, 'seeded-kuzu');
  fs.mkdirSync(dataDir);
  const store = await openKuzuStore({ dataDir, bufferPoolMb: 256, queryTimeoutMs: 60_000, maxSizeGib: 4 });
  try {
    await store.init();
    // As a first start loads it (main.ts): test servers serve the graph `npm start` serves.
    await ensureSeeded(store, SEED_DIR, { tolerance: loadConfig({}).approximateTolerance });
  } finally {
    await store.close();
  }
  return dataDir;
}

export default async function setup(): Promise<() => void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-tests-'));
  // Workers are forked after global setup and inherit the environment.
  process.env.CLAIMGRAPH_TEST_TMP = root;
  process.env.CLAIMGRAPH_SEEDED_KUZU = await seededKuzuFolder(root);
  return () => fs.rmSync(root, { recursive: true, force: true });
}
