/**
 * `npm run bench:profile`: where the Kursk query's time goes at each corpus size, store call by
 * store call. The scale benchmark gives one p50 per size; this says which part of the query grows.
 * Usage: npm run bench:profile -- --sizes 10000,1000000 [--runs 11] [--keep DIR]
 * With --keep (one size) the database is built in DIR and left there, and a later run with the
 * same DIR profiles it again without generating and loading it anew.
 *
 * Each size is generated and bulk-loaded into a fresh Kuzu database in a temporary folder, as the
 * bench host does, then the query is sent `runs` times, one at a time, through the real server.
 * Printed per size: the operation's p50, and for each store method the median over the runs of its
 * time in one operation (several calls of a method in one operation are added up). Walks to
 * neighbours run side by side, so "walks, wall time" is the span from the first to the last.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.js';
import { bulkIngest } from '../src/ingest.js';
import { startServer } from '../src/server/app.js';
import type { GraphStore } from '../src/store/GraphStore.js';
import { createStore } from '../src/store/createStore.js';
import { syntheticCorpus } from './corpus.js';
import { KURSK_QUERY } from './queries.js';
import { median } from './report.js';

interface Call {
  method: string;
  start: number;
  end: number;
}

/** A view of the store that records every call through the port, including per-request views. */
function timedStore(store: GraphStore, calls: Call[]): GraphStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const fn = value as (...a: unknown[]) => unknown;
      if (property === 'withDeadline') return (...a: unknown[]) => timedStore(fn.apply(target, a) as GraphStore, calls);
      return async (...args: unknown[]) => {
        // The first argument says which: a label, an edge, an anchor.
        const method = typeof args[0] === 'string' ? `${String(property)}(${args[0]})` : String(property);
        const start = performance.now();
        try {
          return await fn.apply(target, args);
        } finally {
          calls.push({ method, start, end: performance.now() });
        }
      };
    },
  });
}

async function profile(size: number, runs: number, keep?: string): Promise<void> {
  const reuse = keep !== undefined && fs.existsSync(path.join(keep, 'claimgraph.kuzu'));
  const dataDir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-profile-'));
  if (keep) fs.mkdirSync(keep, { recursive: true });
  // The answer cache is off unless asked for: the profile is of computing the answer.
  const env = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_IF_EMPTY: 'false', LOG_LEVEL: 'silent', RESPONSE_CACHE_MB: process.env.RESPONSE_CACHE_MB ?? '0' };
  // The same page cache as the scale benchmark: 2 GiB from 500k claims up.
  const config = loadConfig(size >= 500_000 ? { KUZU_BUFFER_POOL_MB: '2048', ...env } : env);
  // The embedded store as the server configures it (PREFETCH included), whatever NEO4J_URI says.
  const store = await createStore({ ...config, neo4j: undefined });
  try {
    await store.init();
    if (!reuse) await bulkIngest(store, syntheticCorpus({ claims: size }), { tolerance: config.approximateTolerance });
    const calls: Call[] = [];
    const server = await startServer(config, timedStore(store, calls));
    try {
      const perRun: Array<{ total: number; byMethod: Map<string, number>; walks: number }> = [];
      let totalCount = 0;
      for (let i = 0; i <= runs; i++) {
        calls.length = 0;
        const t = performance.now();
        const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: KURSK_QUERY }) });
        const json = (await res.json()) as { data?: { claims: { totalCount: number } }; errors?: unknown[] };
        const total = performance.now() - t;
        if (!res.ok || json.errors || !json.data) throw new Error(`the Kursk query failed at ${size} claims: ${JSON.stringify(json).slice(0, 300)}`);
        totalCount = json.data.claims.totalCount;
        if (i === 0) continue; // warm-up: statement preparation and first reads
        const byMethod = new Map<string, number>();
        for (const c of calls) byMethod.set(c.method, (byMethod.get(c.method) ?? 0) + (c.end - c.start));
        const walks = calls.filter((c) => c.method.startsWith('neighbours'));
        const span = walks.length ? Math.max(...walks.map((c) => c.end)) - Math.min(...walks.map((c) => c.start)) : 0;
        perRun.push({ total, byMethod, walks: span });
      }
      const fmt = (x: number) => x.toFixed(1).padStart(8);
      console.log(`\n${size.toLocaleString('en')} claims: Kursk totalCount ${totalCount.toLocaleString('en')}, median of ${runs} runs, ms`);
      console.log(`${'operation (through HTTP)'.padEnd(40)}${fmt(median(perRun.map((r) => r.total)))}`);
      for (const method of [...perRun[0]!.byMethod.keys()].sort()) {
        console.log(`${`  ${method}`.padEnd(40)}${fmt(median(perRun.map((r) => r.byMethod.get(method) ?? 0)))}`);
      }
      console.log(`${'  walks (neighbours), wall time'.padEnd(40)}${fmt(median(perRun.map((r) => r.walks)))}`);
    } finally {
      await server.close();
    }
  } finally {
    await store.close();
    if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const argv = process.argv.slice(2);
const value = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const sizes = (value('--sizes') ?? '10000,1000000').split(',').map(Number);
const runs = Number(value('--runs') ?? 11);
const keep = value('--keep');
if (sizes.some((n) => !Number.isInteger(n) || n < 100) || !Number.isInteger(runs) || runs < 1) {
  throw new Error('usage: npm run bench:profile -- --sizes 10000,1000000 [--runs 11]');
}
if (keep !== undefined && sizes.length !== 1) throw new Error('--keep takes one size');
if (sizes.length === 1) {
  await profile(sizes[0]!, runs, keep);
  process.exit(0);
}
// One process per size, as the bench hosts: a second large Kuzu database in the same process
// crashed it (segmentation fault after the 10k one, loading 1M).
for (const size of sizes) {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--sizes', String(size), '--runs', String(runs)], { stdio: 'inherit' });
  if (child.status !== 0) throw new Error(`profiling ${size} claims failed (${child.signal ?? `exit code ${child.status}`})`);
}
