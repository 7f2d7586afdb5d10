/** config -> store -> (seed if empty) -> server -> listen. */
import { ensureSeeded } from '../seed/load-seed.js';
import { loadConfig } from './config.js';
import { startServer } from './server/app.js';
import { createStore } from './store/createStore.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const store = await createStore(config);
  await store.init();
  if (store.kind === 'kuzu' && config.seedIfEmpty) await ensureSeeded(store, { tolerance: config.approximateTolerance });
  const server = await startServer(config, store);
  console.log(`claimgraph serving the ${store.kind} store at ${server.url}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing in-flight requests`);
    await server.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`claimgraph could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
