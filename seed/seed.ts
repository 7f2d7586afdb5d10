/** `npm run seed`: loads the seed graph into the configured store (idempotent). */
import { loadConfig } from '../src/config.js';
import { createStore } from '../src/store/createStore.js';
import { ensureSeeded, ingestGraph } from '../src/ingest.js';
import { readSeedGraph, SEED_DIR } from './load-seed.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const store = await createStore(config);
  try {
    await store.init();
    const options = { tolerance: config.approximateTolerance };
    // An empty embedded store takes the bulk path, as on first start; a store holding a graph, and
    // Neo4j (which other processes may write meanwhile), get it upserted in one transaction.
    // Either way the folder is read (and validated) once, before anything is written.
    if (store.kind !== 'kuzu' || (await ensureSeeded(store, SEED_DIR, options)) !== 'seeded') await ingestGraph(store, readSeedGraph(), options);
    const counts = await store.counts();
    console.log(`Seeded ${store.kind} store: ${JSON.stringify(counts.nodes)}`);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(`seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
