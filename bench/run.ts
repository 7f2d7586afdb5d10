/**
 * `npm run bench`: throughput and latency against two baselines, store calls per operation, and
 * scale on synthetic corpora, measured side by side in one run. Writes RESULTS.md and
 * results.json (to bench/, or to --out). `--quick` shrinks everything for the smoke test.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { Holds, HostReady } from './host.js';
import { graphqlFailure, openLoop, percentile } from './open-loop.js';
import { ask, fireMixed, fresh, mixedBodies, sendAll } from './mixed.js';
import { KURSK_QUERY, PEER_QUERIES, TRAVERSAL_QUERY, TYPENAME_QUERY, depthQuery } from './queries.js';
import { median, renderResults, V8_POOL_DEFAULT, type BenchResults, type LoadRun, type SeventyPercent, type Summary, type WriteRound } from './report.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);

export interface BenchOptions {
  quick: boolean;
  out: string;
  sizes: number[];
  /** Seconds per measured load run. */
  duration: number;
  rounds: number;
  /**
   * Rounds at 70% load, whose median is the tail figure: more than the other sections' because
   * one stall in a 10 s round sets its p99, and the rounds of one run spread from about 1.9x to
   * 3.2x (docs/performance.md): a median of three moved with a single round.
   */
  tailRounds: number;
  connections: number;
  log: (line: string) => void;
}

export function parseArgs(argv: string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const sizes = value('--sizes')?.split(',').map(Number) ?? (quick ? [1_000, 3_000] : [10_000, 100_000, 1_000_000]);
  if (sizes.some((n) => !Number.isInteger(n) || n < 100)) throw new Error('--sizes takes claim counts of at least 100, comma-separated');
  return {
    quick,
    out: path.resolve(value('--out') ?? HERE),
    sizes,
    duration: Number(value('--duration') ?? (quick ? 1 : 10)),
    rounds: quick ? 1 : 3,
    tailRounds: quick ? 1 : 5,
    connections: 10,
    log: (line) => process.stderr.write(`${line}\n`),
  };
}

interface Host {
  ready: HostReady;
  /** Durations (ms) of the operations the server logged since the last call: its own view of latency. */
  loggedDurations(): number[];
  /** What held the server's JavaScript thread since the last call (host.ts watchHolds). */
  holds(): Promise<Holds>;
  /** Stops the server and removes its data; a second call waits for the first. */
  stop(): Promise<void>;
}

/**
 * The Node.js flags `npm start` gives the server (package.json), so that the server under test runs
 * as deployed: those between `node` and the entry script.
 */
export function serverNodeFlags(): string[] {
  const start = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const words = start.split(/\s+/);
  const from = words.indexOf('node') + 1;
  const to = words.findIndex((w, i) => i >= from && w.endsWith('.ts'));
  if (from === 0 || to < 0) throw new Error(`cannot read the node flags of the start script: ${start}`);
  return words.slice(from, to);
}

/** The flag giving V8 its own default number of background threads, for the comparison with the server's setting. */
const V8_DEFAULT_POOL_FLAG = `--v8-pool-size=${V8_POOL_DEFAULT}`;

async function startHost(corpus: 'seed' | number, heapMb: number, env: Record<string, string> = {}, nodeFlags = serverNodeFlags()): Promise<Host> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-bench-'));
  const child: ChildProcess = fork(path.join(HERE, 'host.ts'), [JSON.stringify({ dataDir, corpus })], {
    execArgv: [...nodeFlags, `--max-old-space-size=${heapMb}`, '--expose-gc'],
    // The server logs one line per operation, as in production; the harness reads their durations.
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    // The million-claim corpus gets a 2 GiB page cache (KUZU_BUFFER_POOL_MB) rather than the default 512 MiB.
    // The answer cache is off unless asked for: these sections measure the work a query costs, and
    // the load repeats the same few queries, which the cache would answer from memory.
    env: {
      ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info', RESPONSE_CACHE_MB: process.env.RESPONSE_CACHE_MB ?? '0',
      ...(typeof corpus === 'number' && corpus >= 500_000 ? { KUZU_BUFFER_POOL_MB: '2048' } : {}),
      ...env,
    },
    cwd: ROOT,
  });
  // Always drained, so a full pipe never blocks the server's logging.
  let durations: number[] = [];
  let stopping: Promise<void> | undefined;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const ms = /"durationMs":([\d.]+)/.exec(line)?.[1];
    if (ms) durations.push(Number(ms));
  });
  const ready = await new Promise<HostReady>((resolve, reject) => {
    child.once('message', (m: { ready?: HostReady; error?: string }) => (m.ready ? resolve(m.ready) : reject(new Error(m.error))));
    child.once('exit', (code) => reject(new Error(`bench host exited with code ${code} before it was ready`)));
  });
  return {
    ready,
    loggedDurations() {
      const out = durations;
      durations = [];
      return out;
    },
    holds() {
      return new Promise<Holds>((resolve) => {
        const answer = (m: { holds?: Holds }) => {
          if (!m.holds) return;
          child.off('message', answer);
          resolve(m.holds);
        };
        child.on('message', answer);
        child.send({ holds: true });
      });
    },
    stop() {
      stopping ??= (async () => {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.disconnect();
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        child.kill('SIGKILL');
        fs.rmSync(dataDir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}

interface Target {
  name: string;
  url: string;
  method: 'GET' | 'POST';
  body?: string;
}

function graphqlTarget(name: string, url: string, query: string): Target {
  return { name, url, method: 'POST', body: JSON.stringify({ query }) };
}

/**
 * How much a measured run sends: for so many seconds; or, in a smoke run (--quick), a fixed number
 * of requests: on a slow or busy machine a query can take longer than the smoke run's half second,
 * which would then have measured nothing.
 */
type Length = number | { amount: number };

function measured(options: BenchOptions): Length {
  return options.quick ? { amount: options.connections } : options.duration;
}

/** A closed-loop autocannon run; with `expectBody`, an answer with other bytes counts as a failure. */
async function fire(target: Target, length: Length, connections: number, expectBody?: string): Promise<LoadRun> {
  // autocannon stops only at a sample tick (every second by default): a run shorter than a second
  // samples as often as it lasts, and its per-sample counts are scaled to seconds.
  const sampleMs = typeof length === 'number' ? Math.min(1000, length * 1000) : 1000;
  const result = await autocannon({
    url: target.url,
    method: target.method,
    body: target.body,
    headers: target.body ? { 'content-type': 'application/json' } : {},
    connections,
    ...(typeof length === 'number' ? { duration: length, sampleInt: sampleMs } : { amount: length.amount }),
    ...(expectBody === undefined ? {} : { expectBody }),
  });
  return {
    requestsPerSecond: typeof length === 'number' ? (result.requests.average * 1000) / sampleMs : result.requests.total / Math.max(result.duration, 0.001),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx + result.errors + result.timeouts + result.mismatches,
  };
}

/**
 * Seconds of requests at a round's rate that go before its measured ones, in the same stream
 * (open-loop.ts): before the first round the server ran saturated, and before each other one the
 * other query; its heap and threads take a few seconds to settle at the round's load
 * (docs/performance.md). A smoke run keeps a short one, so that the path runs.
 */
export function leadInSeconds(options: Pick<BenchOptions, 'quick' | 'duration'>): number {
  return options.quick ? options.duration : 5;
}

/** One open-loop round (open-loop.ts) with what the server logged and what held its JavaScript thread meanwhile. */
async function openLoopRound(host: Host, target: Target, rate: number, options: BenchOptions): Promise<LoadRun> {
  // The generator's own full collection, before the round rather than in it: its marking takes a
  // core from the server on the two they share, and one that fell in a round showed as a burst of
  // slow requests (docs/performance.md). `npm run bench` exposes gc(); the smoke test does without.
  (globalThis as { gc?: () => void }).gc?.();
  const measuring = () => {
    // The server's figures start with the measured requests too; a lead-in request still in
    // flight may add its logged duration.
    host.loggedDurations();
    void host.holds();
  };
  const run = await openLoop({ ...target, validate: graphqlFailure }, rate, options.duration, { seconds: leadInSeconds(options), onMeasuring: measuring });
  const logged = host.loggedDurations().sort((a, b) => a - b);
  return { ...run, serverP50: percentile(logged, 50), serverP99: percentile(logged, 99), ...(await host.holds()) };
}

/** A target's open-loop rounds, as the report shows them: the median of the rounds, each round kept. */
function seventy(name: string, rate: number, runs: LoadRun[]): SeventyPercent {
  return { name, rate, ...ofRounds(runs), requests: runs.reduce((n, r) => n + r.requests, 0) };
}

async function body(target: Target): Promise<string> {
  const res = await fetch(target.url, {
    method: target.method, body: target.body, headers: target.body ? { 'content-type': 'application/json' } : {},
  });
  return res.text();
}

/** Each figure the median of the rounds, the failures of all of them, and the rounds themselves. */
function ofRounds(runs: LoadRun[]): Pick<Summary, 'requestsPerSecond' | 'p50' | 'p99' | 'non2xx' | 'runs'> {
  return {
    requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    non2xx: runs.reduce((t, r) => t + r.non2xx, 0),
    runs,
  };
}

function summarise(name: string, runs: LoadRun[], bytes: number): Summary {
  return { name, ...ofRounds(runs), bytes };
}

async function throughput(options: BenchOptions, results: BenchResults): Promise<void> {
  // The server as configured for Kuzu, and the same server with Neo4j's defaults (PREFETCH=on,
  // digests only for subjects of 500 claims or more; Kuzu's: off, and a digest for every
  // subject): Q1-Q3 each way, side by side. Both start at once; each loads the seed before serving.
  // A third, unused until the 70% rounds, runs with V8's default number of background threads
  // instead of the start script's (package.json): the comparison that setting rests on.
  options.log('throughput: starting the seed-graph host, one with PREFETCH=on, one with V8\'s default thread pool');
  const v8Default = [...serverNodeFlags().filter((f) => !f.startsWith('--v8-pool-size')), V8_DEFAULT_POOL_FLAG];
  const [host, along, pooled] = await Promise.all([
    startHost('seed', 2048), startHost('seed', 2048, { PREFETCH: 'on', CLAIM_DIGEST_MIN: '500' }), startHost('seed', 2048, {}, v8Default),
  ]);
  try {
    const { graphqlUrl, bareUrl } = host.ready;
    const targets: Target[] = [
      graphqlTarget('GraphQL: Kursk query', graphqlUrl, KURSK_QUERY),
      { name: 'bare node:http: Kursk query', url: `${bareUrl}/kursk`, method: 'GET' },
      graphqlTarget('GraphQL: 3-level traversal', graphqlUrl, TRAVERSAL_QUERY),
      { name: 'bare node:http: 3-level traversal', url: `${bareUrl}/traversal`, method: 'GET' },
      graphqlTarget('GraphQL: { __typename }', graphqlUrl, TYPENAME_QUERY),
      ...PEER_QUERIES.map((q) => graphqlTarget(`GraphQL: ${q.name}`, graphqlUrl, q.query)),
      graphqlTarget('GraphQL, PREFETCH=on: Kursk query', along.ready.graphqlUrl, KURSK_QUERY),
      ...PEER_QUERIES.map((q) => graphqlTarget(`GraphQL, PREFETCH=on: ${q.name}`, along.ready.graphqlUrl, q.query)),
    ];
    // The baseline must do the same work: same answer, byte for byte.
    const bodies = await Promise.all(targets.map(body));
    results.sameJson = { kursk: bodies[0] === bodies[1], traversal: bodies[2] === bodies[3] };
    if (!results.sameJson.kursk || !results.sameJson.traversal) {
      options.log('warning: the bare endpoint does not answer the same JSON as the GraphQL server');
    }
    // The smoke run (--quick) checks that every section runs, not what it measures: no warm-up.
    for (const t of options.quick ? [] : targets) {
      options.log(`warm-up: ${t.name}`);
      await fire(t, Math.min(3, options.duration), options.connections);
    }
    // Every answer under load must be the one fetched above, byte for byte.
    const expected = new Map(targets.map((t, i) => [t.name, bodies[i]!]));
    const runs = new Map<string, LoadRun[]>(targets.map((t) => [t.name, []]));
    for (let round = 1; round <= options.rounds; round++) {
      for (const t of targets) {
        options.log(`round ${round}/${options.rounds}: ${t.name}`);
        runs.get(t.name)!.push(await fire(t, measured(options), options.connections, expected.get(t.name)));
      }
    }
    results.throughput = targets.map((t, i) => summarise(t.name, runs.get(t.name)!, Buffer.byteLength(bodies[i]!)));
    // Statements each operation sends, once warm (what is read once per version of the graph is read by then).
    results.statements = [];
    for (const t of targets.filter((x) => x.method === 'POST')) {
      const res = await ask(t.url, t.body!);
      if (res.body !== expected.get(t.name)) throw new Error(`${t.name} answered differently after the load`);
      results.statements.push({ name: t.name, statements: res.statements });
    }

    // Latency under a load the server can sustain: 70% of each GraphQL query's measured maximum,
    // arriving evenly (open loop: see open-loop.ts for why not autocannon's overallRate), the two
    // queries' rounds interleaved on one server, then on the one with V8's default pool. Each
    // server's rounds run back to back, and no other server of the harness has just been busy: a
    // Node.js server whose load ends collects its heap some seconds later (V8's memory reducer,
    // tens of ms of marking), and with the servers taking turns one's collection fell inside the
    // other's measured round (docs/performance.md). So the PREFETCH=on server, done with, stops
    // first, and this one before the comparison's rounds.
    const loaded = [targets[0]!, targets[2]!].map((t) => ({
      t, rate: Math.max(1, Math.floor(results.throughput.find((s) => s.name === t.name)!.requestsPerSecond * 0.7)), runs: [] as LoadRun[],
    }));
    // The same queries at the same rates on the host with V8's default pool.
    const compared = loaded.map((l) => ({
      ...l, t: { ...l.t, name: `${l.t.name}, ${V8_DEFAULT_POOL_FLAG} (V8's default)`, url: pooled.ready.graphqlUrl }, runs: [] as LoadRun[],
    }));
    const rounds = async (server: Host, series: typeof loaded) => {
      for (let round = 1; round <= options.tailRounds; round++) {
        for (const l of series) {
          options.log(`70% load, round ${round}/${options.tailRounds}: ${l.t.name} at ${l.rate} req/s`);
          l.runs.push(await openLoopRound(server, l.t, l.rate, options));
        }
      }
    };
    await along.stop();
    await rounds(host, loaded);
    await host.stop();
    // Warmed up as the other host was, before its throughput rounds.
    for (const c of options.quick ? [] : compared) await fire(c.t, Math.min(3, options.duration), options.connections);
    await rounds(pooled, compared);
    results.atSeventyPercent = loaded.map(({ t, rate, runs }) => seventy(t.name, rate, runs));
    results.poolComparison = compared.map(({ t, rate, runs }) => seventy(t.name, rate, runs));
  } finally {
    await Promise.all([host.stop(), along.stop(), pooled.stop()]);
  }
}

/** The editor's key of the answer-cache host, for the writes between rounds. */
const EDITOR_KEY = 'bench-editor-key-0123456789abcdef';
/** A claim about Kursk whose rank the writes toggle: every list of claims about Kursk changes. */
const TOGGLED = 'claim:source003-russia-reclaiming-kursk';

/**
 * The server as deployed: the answer cache on (its default size). The Kursk query and the mixed
 * workload (480 distinct questions drawn at random) against { __typename }; then writes, each
 * followed by every question of the workload once (all cold: the write made every cached answer
 * stale), each answer compared with the same question computed afresh.
 */
async function cached(options: BenchOptions, results: BenchResults): Promise<void> {
  options.log('answer cache: starting the seed-graph host with the cache on');
  const host = await startHost('seed', 2048, { RESPONSE_CACHE_MB: '64', API_KEYS: `bench:editor:${EDITOR_KEY}` });
  try {
    const url = host.ready.graphqlUrl;
    // A smoke run asks every twelfth question: the same kinds, fewer of them.
    const bodies = mixedBodies().filter((_, i) => !options.quick || i % 12 === 0);
    const first = await sendAll(url, bodies, options.connections);
    const broken = first.answers.findIndex((a) => a.status !== 200 || graphqlFailure(a.body));
    if (broken >= 0) throw new Error(`mixed workload question ${broken} failed: ${first.answers[broken]!.body.slice(0, 300)}`);
    const expected = first.answers.map((a) => a.body);
    const kursk = graphqlTarget('GraphQL, answer cache on: Kursk query', url, KURSK_QUERY);
    const typename = graphqlTarget('GraphQL, answer cache on: { __typename }', url, TYPENAME_QUERY);
    const kurskBody = await body(kursk);
    results.cachedStatements = (await ask(url, kursk.body!)).statements;
    const typenameBody = await body(typename);
    if (!options.quick) {
      for (const t of [kursk, typename]) await fire(t, Math.min(3, options.duration), options.connections);
      await fireMixed(url, bodies, expected, Math.min(3, options.duration), options.connections, 99);
    }
    const runs = { kursk: [] as LoadRun[], mixed: [] as LoadRun[], typename: [] as LoadRun[] };
    for (let round = 1; round <= options.rounds; round++) {
      options.log(`answer cache on, round ${round}/${options.rounds}`);
      runs.kursk.push(await fire(kursk, measured(options), options.connections, kurskBody));
      runs.mixed.push(await fireMixed(url, bodies, expected, options.duration, options.connections, round));
      runs.typename.push(await fire(typename, measured(options), options.connections, typenameBody));
    }
    results.cached = {
      distinct: bodies.length,
      nonEmpty: expected.filter((b) => (JSON.parse(b) as { data: { claims: { totalCount: number } } }).data.claims.totalCount > 0).length,
      kursk: summarise(kursk.name, runs.kursk, Buffer.byteLength(kurskBody)),
      mixed: summarise(`GraphQL, answer cache on: mixed workload (${bodies.length} distinct questions)`, runs.mixed, median(expected.map((b) => Buffer.byteLength(b)))),
      typename: summarise(typename.name, runs.typename, Buffer.byteLength(typenameBody)),
    };
    // The control for the tail at 70% load: the same query at the same rate, answered from the
    // cache without a statement: what the machine and the HTTP path add to the tail at that rate.
    const computed = results.atSeventyPercent.find((x) => x.name === 'GraphQL: Kursk query');
    const rate = computed?.rate ?? Math.max(1, Math.floor(results.cached.kursk.requestsPerSecond * 0.7));
    const control: LoadRun[] = [];
    for (let round = 1; round <= options.tailRounds; round++) {
      options.log(`70% load, answer cache on, round ${round}/${options.tailRounds}: Kursk query at ${rate} req/s`);
      control.push(await openLoopRound(host, kursk, rate, options));
    }
    results.cachedAtSeventy = seventy(kursk.name, rate, control);

    results.afterWrite = [];
    let previous = expected;
    const writes = options.quick ? 2 : 6;
    for (let w = 1; w <= writes; w++) {
      const rank = w % 2 === 1 ? 'DEPRECATED' : 'NORMAL';
      const write = await ask(url, JSON.stringify({ query: `mutation { setClaimRank(id: "${TOGGLED}", rank: ${rank}, reason: "benchmark write ${w}") { id rank } }` }), { authorization: `Bearer ${EDITOR_KEY}` });
      if (write.status !== 200 || graphqlFailure(write.body)) throw new Error(`the write failed: ${write.body.slice(0, 300)}`);
      options.log(`after write ${w}/${writes}: every question once, cold`);
      const cold = await sendAll(url, bodies, options.connections);
      const truth = await sendAll(url, bodies.map((b) => fresh(b, w)), options.connections);
      const round: WriteRound = {
        requestsPerSecond: bodies.length / (cold.ms / 1000),
        answered: cold.answers.length,
        fromCache: cold.answers.filter((a) => a.cache === 'hit').length,
        stale: cold.answers.filter((a, i) => a.body !== truth.answers[i]!.body).length,
        changed: cold.answers.filter((a, i) => a.body !== previous[i]).length,
        failed: cold.answers.filter((a) => a.status !== 200 || graphqlFailure(a.body)).length,
      };
      results.afterWrite.push(round);
      previous = cold.answers.map((a) => a.body);
    }
  } finally {
    await host.stop();
  }
}

async function storeCalls(url: string): Promise<BenchResults['storeCalls']> {
  const rows: BenchResults['storeCalls'] = [];
  // What is read once per version of the graph (whether any claim is deprecated) is read here, not in the first row.
  await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: depthQuery(1, 1) }) });
  for (const depth of [1, 2, 3, 4] as const) {
    const calls: number[] = [];
    for (const n of [1, 10, 100]) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: depthQuery(depth, n) }) });
      const json = (await res.json()) as { data?: { claims: { nodes: unknown[] } }; errors?: unknown[] };
      if (!res.ok || json.errors || json.data?.claims.nodes.length !== n) throw new Error(`depth ${depth}, ${n} results: ${JSON.stringify(json).slice(0, 300)}`);
      calls.push(Number(res.headers.get('x-store-calls')));
    }
    rows.push({ depth, query: depthQuery(depth, 10).replace('first: 10', 'first: n'), calls });
  }
  return rows;
}

async function scale(options: BenchOptions, results: BenchResults): Promise<void> {
  for (const [i, size] of options.sizes.entries()) {
    options.log(`scale: generating and loading ${size.toLocaleString('en')} claims`);
    const host = await startHost(size, size >= 500_000 ? 12_288 : 4096);
    try {
      if (i === 0) {
        options.log('store calls per operation');
        results.storeCalls = await storeCalls(host.ready.graphqlUrl);
      }
      const kursk = graphqlTarget('Kursk query', host.ready.graphqlUrl, KURSK_QUERY);
      const bytes = await body(kursk);
      if (graphqlFailure(bytes)) throw new Error(`the Kursk query failed at ${size} claims: ${bytes.slice(0, 300)}`);
      const answer = JSON.parse(bytes) as { data?: { claims: { totalCount: number } } };
      if (!options.quick) await fire(kursk, Math.min(3, options.duration), 1);
      const run = await fire(kursk, measured(options), 1, bytes);
      const { statements } = await ask(kursk.url, kursk.body!);
      const { graphqlUrl: _g, bareUrl: _b, ...figures } = host.ready;
      results.scale.push({
        ...figures,
        kurskTotal: answer.data?.claims.totalCount ?? -1, kurskP50: run.p50, kurskP99: run.p99, non2xx: run.non2xx, kurskStatements: statements,
      });
    } finally {
      await host.stop();
    }
  }
}

async function versionOf(pkg: string): Promise<string> {
  const file = path.join(ROOT, 'node_modules', pkg, 'package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const started = new Date();
  const results: BenchResults = {
    command: `npm run bench${options.quick ? ' -- --quick' : ''}`,
    startedAt: started.toISOString(),
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()}`, node: process.version,
      versions: Object.fromEntries(await Promise.all(['kuzu', '@apollo/server', 'graphql', 'autocannon'].map(async (p) => [p, await versionOf(p)]))),
    },
    settings: { duration: options.duration, rounds: options.rounds, tailRounds: options.tailRounds, connections: options.connections, sizes: options.sizes, leadIn: leadInSeconds(options) },
    sameJson: { kursk: false, traversal: false },
    throughput: [],
    statements: [],
    cached: null,
    cachedStatements: null,
    afterWrite: [],
    atSeventyPercent: [],
    cachedAtSeventy: null,
    poolComparison: [],
    storeCalls: [],
    scale: [],
    durationSeconds: 0,
  };
  await throughput(options, results);
  await cached(options, results);
  await scale(options, results);
  results.durationSeconds = (Date.now() - started.getTime()) / 1000;
  fs.mkdirSync(options.out, { recursive: true });
  fs.writeFileSync(path.join(options.out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(path.join(options.out, 'RESULTS.md'), renderResults(results));
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const options = parseArgs(process.argv.slice(2));
  runBench(options).then(
    (r) => options.log(`done in ${r.durationSeconds.toFixed(0)} s: ${path.join(options.out, 'RESULTS.md')}`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
