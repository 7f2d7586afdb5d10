/**
 * Open-loop load at a fixed rate, for latency at a given share of the maximum rate.
 *
 * autocannon's `overallRate` cannot measure that: each connection sends its share of the second's
 * requests back to back as soon as the second starts, then waits for the next one, so the server
 * sees a burst at full concurrency followed by idle time; and its latency correction for rate-limited
 * runs records a synthetic sample for every millisecond of each response's duration. Here request
 * `i` is due at `start + i / rate` whatever happened to the ones before it, it goes out on a free
 * keep-alive connection (a new one if none is free), and its latency counts from when it was due,
 * so a server that falls behind shows its queue instead of slowing the generator down.
 */
import http from 'node:http';
import { constants, monitorEventLoopDelay, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import type { LoadRun } from './report.js';

export interface OpenLoopTarget {
  url: string;
  method: 'GET' | 'POST';
  body?: string;
  /** Why a 2xx answer's body is still a failure (a GraphQL error, say), or undefined if it is not. */
  validate?: (body: string) => string | undefined;
}

/** A GraphQL answer is a success when it has data and no errors. */
export function graphqlFailure(body: string): string | undefined {
  try {
    const json = JSON.parse(body) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
    if (json.errors?.length) return `GraphQL ${json.errors[0]?.extensions?.code ?? 'error'}`;
    return json.data ? undefined : 'GraphQL answer without data';
  } catch {
    return 'not JSON';
  }
}

/** Whether a `gc` performance entry is a full (mark-compact) collection. */
export function isFullCollection(entry: PerformanceEntry): boolean {
  return (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR;
}

/** The p-th percentile of sorted values (nearest rank); 0 for none. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface LeadIn {
  /** Seconds of requests sent at the same rate before the measured ones, their latencies not counted. */
  seconds: number;
  /** Called as the first measured request goes out: where the server's own counters start. */
  onMeasuring?: () => void;
}

/**
 * `rate` requests a second for `seconds`, after an optional lead-in at the same rate in the same
 * stream: the measured requests then meet a server already at that load, not one coming out of
 * idleness or out of a saturating run, whose heap and threads take a while to settle. The
 * lead-in's answers are checked like the others and a failure among them counts in `non2xx` and
 * `failures` (a failure is never discarded); only their latencies are left out, and `requests`
 * counts the measured ones.
 */
export async function openLoop(target: OpenLoopTarget, rate: number, seconds: number, leadIn: LeadIn = { seconds: 0 }): Promise<LoadRun> {
  const url = new URL(target.url);
  // Idle sockets close after 2 s, before the server's 5 s keep-alive timeout (Node's default) can
  // close one just as a request goes out on it, which would count as a failure of the server.
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, timeout: 2_000 });
  const headers: Record<string, string | number> = target.body
    ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(target.body) }
    : {};
  const measured = Math.max(1, Math.round(rate * seconds));
  const skipped = Math.max(0, Math.round(rate * leadIn.seconds));
  const total = skipped + measured;
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let measuredFailures = 0;
  const fail = (why: string, counted: boolean) => {
    failures[why] = (failures[why] ?? 0) + 1;
    if (counted) measuredFailures++;
  };

  const send = (due: number, counted: boolean) =>
    new Promise<void>((resolve) => {
      const req = http.request(
        { host: url.hostname, port: url.port, path: url.pathname + url.search, method: target.method, headers, agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => target.validate && chunks.push(chunk));
          res.on('end', () => {
            const done = performance.now();
            const invalid = target.validate?.(Buffer.concat(chunks).toString('utf8'));
            if (res.statusCode === undefined || res.statusCode < 200 || res.statusCode >= 300) fail(`HTTP ${res.statusCode}`, counted);
            else if (invalid) fail(invalid, counted);
            else if (counted) latencies.push(done - due);
            resolve();
          });
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
      req.on('error', (error: NodeJS.ErrnoException) => {
        fail(error.code ?? error.message, counted);
        resolve();
      });
      req.end(target.body);
    });

  // The generator's own event-loop delay: if it stalls, its late reads would show as server latency.
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const start = performance.now() + 10;
  // Where the measured requests start: after the lead-in, if there is one.
  let measuredFrom = start;
  // And its full collections: their marking runs on background threads, on the cores the server shares.
  // Entries arrive some time after a collection, so they are told apart by when it started, not by
  // when they arrive (one that started in the lead-in may arrive after it).
  let fullGcs = 0;
  const collections = new PerformanceObserver((list) => {
    fullGcs += list.getEntries().filter((e) => isFullCollection(e) && e.startTime >= measuredFrom).length;
  });
  collections.observe({ entryTypes: ['gc'] });
  const inFlight: Array<Promise<void>> = [];
  let next = 0;
  await new Promise<void>((done) => {
    const tick = () => {
      // Everything that is due goes out now, so a late timer does not thin the arrivals out.
      const now = performance.now();
      while (next < total && start + (next * 1000) / rate <= now) {
        if (next === skipped) {
          // The generator's own figures, like the server's, cover the measured requests only.
          if (skipped > 0) {
            lag.reset();
            measuredFrom = now;
          }
          leadIn.onMeasuring?.();
        }
        inFlight.push(send(start + (next * 1000) / rate, next >= skipped));
        next++;
      }
      if (next >= total) return done();
      setTimeout(tick, Math.max(0, start + (next * 1000) / rate - performance.now()));
    };
    setTimeout(tick, 10);
  });
  await Promise.all(inFlight);
  const failed = Object.values(failures).reduce((a, b) => a + b, 0);
  const elapsed = (performance.now() - measuredFrom) / 1000;
  agent.destroy();
  lag.disable();
  collections.disconnect();
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    requests: latencies.length + measuredFailures,
    non2xx: failed,
    failures,
    // The histogram's samples include its own 10 ms resolution.
    generatorLagP99: Math.max(0, lag.percentile(99) / 1e6 - 10),
    generatorFullGcs: fullGcs,
  };
}
