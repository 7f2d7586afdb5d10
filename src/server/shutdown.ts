/**
 * Graceful shutdown within a bound. On SIGTERM or SIGINT the server stops accepting connections,
 * closes idle keep-alive connections at once, lets requests in flight finish for half of
 * SHUTDOWN_TIMEOUT_MS (app.ts gives Apollo's drain that grace period, then cuts them off), and
 * closes the store (the Neo4j driver, the Kuzu database). Done: exit code 0. Still not done when
 * SHUTDOWN_TIMEOUT_MS has passed, or a step failed: 1.
 *
 * These are the only signal handlers: app.ts turns off Apollo Server's own
 * (`stopOnTerminationSignals`). With both, Apollo's handler began stopping first, and ours, calling
 * stop() again, waited on a barrier that Apollo never releases when a stop succeeds. The process
 * then lived on as long as any socket did: on Neo4j the driver's Bolt connection kept it up, and
 * Driver.close() was never reached (on Kuzu nothing was left open, so it happened to exit).
 */
import type { Logger } from './logging.js';

export interface Closable {
  close(): Promise<void>;
}

export interface ShutdownParts {
  server: Closable;
  store: Closable;
  logger: Logger;
  timeoutMs: number;
}

/** Stops the server, then the store; resolves to the exit code. */
export async function shutdown({ server, store, logger, timeoutMs }: ShutdownParts, signal: string): Promise<number> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  logger.info({ signal, timeoutMs }, `${signal}: finishing in-flight requests, then closing the store`);
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<number>((resolve) => {
    timer = setTimeout(() => {
      logger.error({ elapsedMs: elapsed() }, `shutdown did not finish within ${timeoutMs} ms (SHUTDOWN_TIMEOUT_MS); exiting anyway`);
      resolve(1);
    }, timeoutMs);
  });
  const steps = (async () => {
    try {
      await server.close();
      logger.info({ elapsedMs: elapsed() }, 'HTTP server closed');
      await store.close();
      logger.info({ elapsedMs: elapsed() }, 'store closed; exiting');
      return 0;
    } catch (error) {
      logger.error({ err: error, elapsedMs: elapsed() }, 'shutdown failed');
      return 1;
    }
  })();
  try {
    return await Promise.race([steps, bound]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs shutdown once on the first SIGTERM or SIGINT, then exits with its code. */
export function exitOnTerminationSignals(parts: ShutdownParts): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      parts.logger.warn({ signal }, `${signal} again: already shutting down`);
      return;
    }
    stopping = true;
    void shutdown(parts, signal).then((code) => process.exit(code));
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
