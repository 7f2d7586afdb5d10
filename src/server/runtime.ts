/**
 * Process-wide settings of the server's JavaScript engine, made once at start (main.ts, and the
 * benchmark's host, which measures the server as deployed).
 */
import v8 from 'node:v8';

/**
 * Turns off V8's allocation-site pretenuring. V8 watches which places in the code allocate objects
 * that survive a young-generation collection and, past a threshold, allocates everything from them
 * straight into the old generation. Under steady load a few requests are always in flight when a
 * young collection runs, so the places that build a request's rows and results crossed that
 * threshold and every later request's objects went to the old generation, to be freed only by a
 * full collection; each full collection held the requests in flight back by tens of ms. Measured
 * with the benchmark's open-loop load at 150 req/s (the Kursk query): 16.8 and 16.3 MB promoted
 * in two 10 s rounds with pretenuring, 3.1 and 2.9 MB without (docs/performance.md). What a
 * serving process keeps for long (schema, prepared statements, the answer cache) is built once or
 * slowly, where pretenuring saves little; a bulk load, where it pays, runs before this is called
 * (main.ts, the benchmark's host).
 */
export function tuneGarbageCollection(): void {
  v8.setFlagsFromString('--no-allocation-site-pretenuring');
}
