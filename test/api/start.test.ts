/**
 * `npm start` as a user runs it: an empty data folder is created, seeded and served; SIGTERM (sent to
 * npm) stops it within SHUTDOWN_TIMEOUT_MS, closing the store, on Kuzu and on Neo4j (a minimal Bolt peer).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createStore } from '../../src/store/createStore.js';
import { startFakeBolt, type FakeBolt } from '../support/fake-bolt.js';
import { tempDir } from '../support/temp.js';

const root = path.resolve(import.meta.dirname, '../..');
const SHUTDOWN_TIMEOUT_MS = 5000;

interface Started {
  child: ChildProcess;
  /** Every JSON log line written so far. */
  lines: Array<Record<string, any>>;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Started {
  // `npm start` itself, so that the signal takes the path it takes in production: npm forwards it to
  // its child, which must be the server (`exec`; a shell between them would die and orphan it), and
  // the server runs under node with tsx's loader, not the tsx CLI, which SIGKILLs a child that has not
  // acknowledged a relayed signal within 30 ms (a busy event loop).
  const child = spawn('npm', ['start', '--silent'], {
    cwd: root,
    // NODE_ENV as in production: vitest sets it to "test", which changes what Apollo Server does on signals.
    env: { ...process.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', NEO4J_URI: '', SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, any>> = [];
  let pending = '';
  child.stdout!.on('data', (d) => {
    pending += d;
    const complete = pending.split('\n');
    pending = complete.pop()!;
    for (const line of complete) if (line.startsWith('{')) lines.push(JSON.parse(line));
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  void exited.then(() => {
    if (stderr) lines.push({ stderr });
  });
  return { child, lines, exited };
}

/** The URL from the line saying what it serves; fails if the process exits first. */
async function serving(started: Started, kind: 'kuzu' | 'neo4j'): Promise<string> {
  const pattern = new RegExp(`^claimgraph serving the ${kind} store at (http://\\S+)$`);
  for (;;) {
    const line = started.lines.find((l) => pattern.test(l.msg));
    if (line) return pattern.exec(line.msg)![1]!;
    const code = await Promise.race([started.exited, new Promise((r) => setTimeout(() => r('running'), 50))]);
    if (code !== 'running') throw new Error(`server exited early (${code}):\n${JSON.stringify(started.lines, null, 1)}`);
  }
}

/** SIGTERM, then how it ended and how long it took. */
async function terminate(started: Started): Promise<{ code: number | null; ms: number }> {
  const t0 = performance.now();
  started.child.kill('SIGTERM');
  const code = await started.exited;
  return { code, ms: performance.now() - t0 };
}

async function graphql(url: string, query: string): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return res.json();
}

let running: Started | undefined;
let bolt: FakeBolt | undefined;
afterEach(async () => {
  if (running && running.child.exitCode === null) running.child.kill('SIGKILL');
  running = undefined;
  await bolt?.close();
  bolt = undefined;
});

describe('npm start', () => {
  it('seeds an empty embedded store on first start, serves it, and stops on SIGTERM, closing the store', async () => {
    running = start({ DATA_DIR: path.join(tempDir('start'), 'data') });
    const url = await serving(running, 'kuzu');
    expect(running.lines).toContainEqual(expect.objectContaining({ msg: `seeded the empty store from ${path.join(root, 'seed')}` }));
    const body = await graphql(url, '{ claims(filter: { about: "Kursk" }) { totalCount } sources { totalCount } }');
    expect(body.data.sources.totalCount).toBe(5);
    expect(body.data.claims.totalCount).toBeGreaterThan(5);

    const { code, ms } = await terminate(running);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    expect(running.lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['HTTP server closed', 'store closed; exiting']));
  });

  it('starts with an empty store, and says so, when SEED_DIR holds no graph', async () => {
    running = start({ DATA_DIR: path.join(tempDir('start-unseeded'), 'data'), SEED_DIR: tempDir('no-seed') });
    const url = await serving(running, 'kuzu');
    expect(running.lines).toContainEqual(expect.objectContaining({ level: 40, msg: expect.stringMatching(/^SEED_DIR .+ holds no graph\/ folder: serving an empty store$/) }));
    expect((await graphql(url, '{ sources { totalCount } }')).data).toEqual({ sources: { totalCount: 0 } });
    expect((await terminate(running)).code).toBe(0);
  });

  it('stops on SIGTERM on Neo4j too, within the bound, closing the driver', async () => {
    bolt = await startFakeBolt();
    running = start({ NEO4J_URI: `bolt://127.0.0.1:${bolt.port}`, NEO4J_CONNECT_TIMEOUT_MS: '2000' });
    const url = await serving(running, 'neo4j');
    // A request through the store leaves the driver's Bolt connection open, and fetch a keep-alive
    // HTTP connection: neither may hold the process up.
    const log = () => JSON.stringify(running?.lines, null, 1);
    expect((await fetch(url.replace(/\/graphql$/, '/ready'))).status, log()).toBe(200);
    expect((await graphql(url, '{ __typename }')).data).toEqual({ __typename: 'Query' });

    const { code, ms } = await terminate(running);
    expect(code, log()).toBe(0);
    expect(ms, log()).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    const messages = running.lines.map((l) => l.msg);
    expect(messages).toEqual(expect.arrayContaining(['SIGTERM: finishing in-flight requests, then closing the store', 'HTTP server closed', 'store closed; exiting']));
  });

  it('says clearly why it cannot start when another process holds the database', async () => {
    const dataDir = tempDir('start-locked');
    const holder = await createStore(loadConfig({ DATA_DIR: dataDir, KUZU_BUFFER_POOL_MB: '128' }));
    try {
      running = start({ DATA_DIR: dataDir });
      expect(await running.exited).toBe(1);
      const last = running.lines.at(-1)!;
      expect(last.level).toBe(60);
      expect(last.msg).toContain('claimgraph could not start: The embedded database');
      expect(last.msg).toContain('is in use by another process (is the server running?)');
      expect(JSON.stringify(running.lines)).not.toMatch(/\\n\s+at /);
    } finally {
      await holder.close();
    }
  });
});
