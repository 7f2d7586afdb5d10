/** config -> store -> (seed if empty) -> server -> listen; SIGTERM/SIGINT -> bounded graceful shutdown. */
import { loadConfig } from './config.js';
import { ensureSeeded } from './ingest.js';
import { startServer } from './server/app.js';
import { createLogger, type Logger } from './server/logging.js';
import { tuneGarbageCollection } from './server/runtime.js';
import { exitOnTerminationSignals } from './server/shutdown.js';
import { createStore } from './store/createStore.js';

/** Replaced by one at LOG_LEVEL once the configuration is read; until then, what fails to start is logged here. */
let logger: Logger = createLogger('info');

async function main(): Promise<void> {
  const config = loadConfig();
  logger = createLogger(config.logLevel);
  const store = await createStore(config);
  await store.init();
  if (store.kind === 'kuzu' && config.seedIfEmpty) {
    const outcome = await ensureSeeded(store, config.seedDir, { tolerance: config.approximateTolerance });
    if (outcome === 'seeded') logger.info({ seedDir: config.seedDir }, `seeded the empty store from ${config.seedDir}`);
    if (outcome === 'no-folder') logger.warn({ seedDir: config.seedDir }, `SEED_DIR ${config.seedDir} holds no graph/ folder: serving an empty store`);
  }
  // Once the seed is in: a load is where pretenuring pays, serving is where it costs (server/runtime.ts).
  tuneGarbageCollection();
  const server = await startServer(config, store, { logger });
  exitOnTerminationSignals({ server, store, logger, timeoutMs: config.shutdownTimeoutMs });
  logger.info({ store: store.kind, url: server.url }, `claimgraph serving the ${store.kind} store at ${server.url}`);
}

main().catch((error: unknown) => {
  logger.fatal(`claimgraph could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
