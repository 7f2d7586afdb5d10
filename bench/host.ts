/**
 * One server under test, in its own process apart from the load generator: opens a
 * fresh Kuzu database, loads the seed or a synthetic corpus (timing the load), then serves the
 * GraphQL server and the bare endpoint over the same store and reports to the harness over IPC.
 * Usage (by run.ts): tsx bench/host.ts '{"dataDir": "...", "corpus": "seed" | 100000}'
 */
import fs from 'node:fs';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import { bulkIngest } from '../src/ingest.js';
import { startServer } from '../src/server/app.js';
import { tuneGarbageCollection } from '../src/server/runtime.js';
import { createStore } from '../src/store/createStore.js';
import { readSeedGraph } from '../seed/load-seed.js';
import { startBareServer } from './bare.js';
import { isFullCollection } from './open-loop.js';
import { syntheticCorpus } from './corpus.js';
import type { LoadFigures } from './report.js';

/**
 * What held the server's JavaScript thread since the last ask: its longest event-loop delay and
 * garbage-collection pause, ms, and how many full (mark-compact) collections ran: each one also
 * marks on V8's background threads, which take a core from the requests in flight.
 */
export interface Holds {
  eventLoopMaxMs: number;
  gcMaxMs: number;
  fullGcs: number;
  /** Share of the time since the last ask the JavaScript thread was busy (event-loop utilization, 0 to 1). */
  eventLoopBusy: number;
  /** CPU the whole process used since the last ask (its JavaScript, Kuzu's and V8's threads), in cores. */
  serverCores: number;
}

/**
 * Watches the event loop and the collector, answering `{ holds: true }` over IPC with what held
 * the thread since the last ask: whether a tail comes from the JavaScript thread being held or
 * from requests waiting elsewhere.
 */
function watchHolds(): void {
  const delay = monitorEventLoopDelay({ resolution: 2 });
  delay.enable();
  let gcMaxMs = 0;
  let fullGcs = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcMaxMs = Math.max(gcMaxMs, entry.duration);
      if (isFullCollection(entry)) fullGcs++;
    }
  }).observe({ entryTypes: ['gc'] });
  let busySince = performance.eventLoopUtilization();
  let cpuSince = process.cpuUsage();
  let askedAt = performance.now();
  process.on('message', (m: { holds?: boolean }) => {
    if (!m?.holds) return;
    const [busy, cpu, now] = [performance.eventLoopUtilization(), process.cpuUsage(), performance.now()];
    const used = process.cpuUsage(cpuSince);
    const holds: Holds = {
      eventLoopMaxMs: delay.max / 1e6, gcMaxMs, fullGcs,
      eventLoopBusy: performance.eventLoopUtilization(busy, busySince).utilization,
      serverCores: (used.user + used.system) / 1000 / Math.max(1, now - askedAt),
    };
    [busySince, cpuSince, askedAt] = [busy, cpu, now];
    delay.reset();
    gcMaxMs = 0;
    fullGcs = 0;
    process.send?.({ holds });
  });
}

export interface HostReady extends LoadFigures {
  graphqlUrl: string;
  bareUrl: string;
}

function peakRssMb(): number {
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function main(): Promise<void> {
  const { dataDir, corpus } = JSON.parse(process.argv[2] ?? '{}') as { dataDir: string; corpus: 'seed' | number };
  const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_IF_EMPTY: 'false' });
  // Always the embedded store, configured as the server would configure it (PREFETCH included).
  const store = await createStore({ ...config, neo4j: undefined });
  await store.init();

  let generateMs = 0;
  let loadMs = 0;
  let derivedLinks = 0;
  let graph;
  if (corpus === 'seed') {
    graph = readSeedGraph();
    const t = performance.now();
    // As a first start seeds the empty store (ingest/graph-folder.ts ensureSeeded): the bulk path.
    await bulkIngest(store, graph, { tolerance: config.approximateTolerance });
    loadMs = performance.now() - t;
  } else {
    let t = performance.now();
    graph = syntheticCorpus({ claims: corpus });
    generateMs = performance.now() - t;
    t = performance.now();
    derivedLinks = (await bulkIngest(store, graph, { tolerance: config.approximateTolerance })).derived;
    loadMs = performance.now() - t;
  }
  const sizes = { claims: graph.claims.length, sources: graph.sources.length, places: graph.places.length };
  graph = undefined;
  (globalThis as { gc?: () => void }).gc?.();

  // As main.ts does, once the corpus is in.
  tuneGarbageCollection();
  watchHolds();
  const server = await startServer(config, store);
  const bare = await startBareServer(store);
  const ready: HostReady = {
    graphqlUrl: server.url, bareUrl: bare.url, ...sizes, derivedLinks, generateMs, loadMs,
    rssMb: process.memoryUsage().rss / 1024 / 1024, peakRssMb: peakRssMb(),
  };
  process.send?.({ ready });
  const stop = async () => {
    await bare.close();
    await server.close();
    await store.close();
    process.exit(0);
  };
  process.on('disconnect', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.send?.({ error: error instanceof Error ? error.stack ?? error.message : String(error) });
  process.exit(1);
});
