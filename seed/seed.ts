/** `npm run seed`: loads the seed graph into the configured store (idempotent). */
import { loadConfig } from '../src/config.js';
import { createStore } from '../src/store/createStore.js';
import { ingestGraph } from '../src/ingest.js';
import { readSeedGraph } from './load-seed.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const graph = readSeedGraph();
  const store = await createStore(config);
  try {
    await store.init();
    await ingestGraph(store, graph, { tolerance: config.approximateTolerance });
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
