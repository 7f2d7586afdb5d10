/** config -> store -> (seed if empty) -> server -> listen. Every message goes through the one pino logger. */
import { ensureSeeded } from '../seed/load-seed.js';
import { loadConfig } from './config.js';
import { startServer } from './server/app.js';
import { createLogger, type Logger } from './server/logging.js';
import { createStore } from './store/createStore.js';

/** Replaced by one at LOG_LEVEL once the configuration is read; until then, what fails to start is logged here. */
let logger: Logger = createLogger('info');

async function main(): Promise<void> {
  const config = loadConfig();
  logger = createLogger(config.logLevel);
  const store = await createStore(config);
  await store.init();
  if (store.kind === 'kuzu' && config.seedIfEmpty) await ensureSeeded(store, { tolerance: config.approximateTolerance });
  const server = await startServer(config, store, { logger });
  logger.info({ store: store.kind, url: server.url }, `claimgraph serving the ${store.kind} store at ${server.url}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${signal}: finishing in-flight requests`);
    await server.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  logger.fatal(`claimgraph could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
