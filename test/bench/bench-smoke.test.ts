/**
 * A small run of `npm run bench` end to end: the harness starts its hosts, loads synthetic
 * corpora, drives load and writes its report. Timing is never asserted here; what is asserted
 * holds on any machine: the baseline answers the same bytes, nothing fails, store calls stay flat.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { leadInSeconds, parseArgs, runBench, serverNodeFlags } from '../../bench/run.js';
import { KURSK_QUERY } from '../../bench/queries.js';
import { judge } from '../../bench/report.js';
import { readmeQueries } from '../support/readme.js';
import { tempDir } from '../support/temp.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('npm run bench (smoke run)', () => {
  it('measures every section and writes RESULTS.md and results.json', { timeout: 180_000 }, async () => {
    const out = tempDir('bench');
    const logged: string[] = [];
    const options = { ...parseArgs(['--quick', '--out', out, '--sizes', '300,900', '--duration', '0.5']), log: (line: string) => void logged.push(line) };
    const results = await runBench(options);

    expect(results.sameJson).toEqual({ kursk: true, traversal: true });
    expect(results.throughput.map((s) => s.name)).toEqual([
      'GraphQL: Kursk query', 'bare node:http: Kursk query', 'GraphQL: 3-level traversal', 'bare node:http: 3-level traversal', 'GraphQL: { __typename }',
      'GraphQL: Q1', 'GraphQL: Q2', 'GraphQL: Q3',
      'GraphQL, PREFETCH=on: Kursk query', 'GraphQL, PREFETCH=on: Q1', 'GraphQL, PREFETCH=on: Q2', 'GraphQL, PREFETCH=on: Q3',
    ]);
    // Statements per operation were read for every GraphQL target; { __typename } sends none.
    expect(results.statements.map((s) => s.name)).toEqual([
      'GraphQL: Kursk query', 'GraphQL: 3-level traversal', 'GraphQL: { __typename }', 'GraphQL: Q1', 'GraphQL: Q2', 'GraphQL: Q3',
      'GraphQL, PREFETCH=on: Kursk query', 'GraphQL, PREFETCH=on: Q1', 'GraphQL, PREFETCH=on: Q2', 'GraphQL, PREFETCH=on: Q3',
    ]);
    const statements = Object.fromEntries(results.statements.map((s) => [s.name.replace('GraphQL', ''), s.statements]));
    expect(statements[': { __typename }']).toBe(0);
    // Kuzu's defaults leave relationship fields to the loaders; Neo4j's (PREFETCH=on, CLAIM_DIGEST_MIN=500) read them along.
    expect([statements[': Q1'], statements[': Q2'], statements[': Q3']]).toEqual([5, 6, 5]);
    expect([statements[', PREFETCH=on: Q1'], statements[', PREFETCH=on: Q2'], statements[', PREFETCH=on: Q3']]).toEqual([2, 2, 2]);
    expect(statements[', PREFETCH=on: Kursk query']).toBe(3);
    // The answer cache on: every answer as before the load, and a cached answer sends no statement.
    for (const s of [results.cached!.kursk, results.cached!.mixed, results.cached!.typename]) {
      expect(s.non2xx).toBe(0);
      expect(s.runs[0]!.requests).toBeGreaterThan(0);
    }
    expect(results.cachedStatements).toBe(0);
    // After each write: every answer cold, none stale, and the write changed some of them.
    expect(results.afterWrite).toHaveLength(2);
    for (const w of results.afterWrite) {
      expect(w).toMatchObject({ fromCache: 0, stale: 0, failed: 0 });
      expect(w.answered).toBe(results.cached!.distinct);
      expect(w.changed).toBeGreaterThan(0);
    }
    for (const s of results.throughput) {
      expect(s.non2xx).toBe(0);
      expect(s.runs[0]!.requests).toBeGreaterThan(0);
    }
    // Latency at 70% load: one open-loop run per GraphQL query, every request answered.
    expect(results.atSeventyPercent.map((s) => s.name)).toEqual(['GraphQL: Kursk query', 'GraphQL: 3-level traversal']);
    // The control: the Kursk query from the answer cache, no statement, at the rate of its 70% rounds.
    expect(results.cachedAtSeventy?.name).toBe('GraphQL, answer cache on: Kursk query');
    expect(results.cachedAtSeventy!.rate).toBe(results.atSeventyPercent[0]!.rate);
    // The comparison: the same queries at the same rates on a server with V8's default thread pool.
    expect(results.poolComparison!.map((s) => s.name)).toEqual(['GraphQL: Kursk query, --v8-pool-size=4 (V8\'s default)', 'GraphQL: 3-level traversal, --v8-pool-size=4 (V8\'s default)']);
    expect(results.poolComparison!.map((s) => s.rate)).toEqual(results.atSeventyPercent.map((s) => s.rate));
    // Each server's 70% rounds back to back, the two queries' interleaved: the comparison server's after the other's.
    expect(logged.filter((l) => l.startsWith('70% load, round')).map((l) => l.slice(l.indexOf(': ') + 2, l.lastIndexOf(' at ')))).toEqual([
      'GraphQL: Kursk query', 'GraphQL: 3-level traversal',
      'GraphQL: Kursk query, --v8-pool-size=4 (V8\'s default)', 'GraphQL: 3-level traversal, --v8-pool-size=4 (V8\'s default)',
    ]);
    for (const s of [...results.atSeventyPercent, results.cachedAtSeventy!, ...results.poolComparison!]) {
      expect(s.runs).toHaveLength(1);
      // The lead-in's requests went out before these and are not among them.
      expect(s.requests).toBe(Math.round(s.rate * options.duration));
      expect(s.non2xx).toBe(0);
      // The server's own log lines of the same requests were read: one duration per operation.
      expect(s.runs![0]!.serverP50).toBeGreaterThan(0);
      expect(s.runs![0]!.serverP99).toBeGreaterThanOrEqual(s.runs![0]!.serverP50!);
      // What held the server's JavaScript thread meanwhile was asked of it (host.ts watchHolds).
      expect(s.runs![0]!.eventLoopMaxMs).toBeGreaterThan(0);
      expect(s.runs![0]!.gcMaxMs).toBeGreaterThanOrEqual(0);
      expect(Number.isInteger(s.runs![0]!.fullGcs)).toBe(true);
      // How busy the server was meanwhile: its JavaScript thread's share of the round, its process's CPU.
      expect(s.runs![0]!.eventLoopBusy).toBeGreaterThan(0);
      expect(s.runs![0]!.eventLoopBusy).toBeLessThanOrEqual(1);
      expect(s.runs![0]!.serverCores).toBeGreaterThan(0);
    }
    expect(results.storeCalls.map((r) => r.calls)).toEqual([[2, 2, 2], [3, 3, 3], [4, 4, 4], [5, 5, 5]]);
    expect(results.scale.map((s) => s.claims)).toEqual([300, 900]);
    // The synthetic corpus has claims about Kursk Oblast and places inside it, more with more claims.
    expect(results.scale[0]!.kurskTotal).toBeGreaterThan(0);
    expect(results.scale[1]!.kurskTotal).toBeGreaterThan(results.scale[0]!.kurskTotal);

    const written = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8'));
    expect(written.command).toBe('npm run bench -- --quick');
    expect(written.settings.leadIn).toBe(options.duration);
    expect(written.settings.tailRounds).toBe(1);
    const markdown = fs.readFileSync(path.join(out, 'RESULTS.md'), 'utf8');
    for (const heading of ['## Targets', '## Throughput and latency', '## With the answer cache on', '### Right after a write', '## Store calls per operation', '## Scale']) expect(markdown).toContain(heading);
    expect(markdown).toContain('| comparison: GraphQL: Kursk query, --v8-pool-size=4 (V8\'s default) |');
    // Each 70% row says how busy the server was: its JavaScript thread's share and its CPU in cores.
    expect(markdown).toMatch(/\n\| GraphQL: 3-level traversal \|[^\n]*\| \d{1,3}% \/ \d+\.\d\d \|/);
    // Every target gets a verdict; the 1M load is not part of a smoke run; the comparison rows are not targets.
    const targets = judge(results);
    expect(targets.filter((t) => t.target.includes('comparison') || t.target.includes('v8-pool'))).toEqual([]);
    expect(targets.find((t) => t.target.startsWith('Loading 1M'))?.pass).toBeNull();
    expect(targets.find((t) => t.target.startsWith('Store calls'))?.pass).toBe(true);
  });
});

describe('bench queries', () => {
  it('measures the README\'s Kursk query, not a copy that drifted from it', () => {
    expect(KURSK_QUERY.trim()).toBe(readmeQueries().get('WhoClaimedWhatAboutKursk')?.trim());
  });
});

describe('bench options', () => {
  it('starts the server under test with the Node.js flags of `npm start`', () => {
    const start = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
    expect(start).toBe(`exec node ${serverNodeFlags().join(' ')} src/main.ts`);
    expect(serverNodeFlags()).toEqual(['--v8-pool-size=1', '--import', 'tsx']);
  });

  it('measures the tail at 70% load in five rounds, the other sections in three (a smoke run: one each)', () => {
    expect([parseArgs([]).rounds, parseArgs([]).tailRounds]).toEqual([3, 5]);
    expect([parseArgs(['--quick']).rounds, parseArgs(['--quick']).tailRounds]).toEqual([1, 1]);
  });

  it('leads each 70% round in with 5 s at its rate (a smoke run: as long as the round)', () => {
    expect(leadInSeconds(parseArgs([]))).toBe(5);
    expect(leadInSeconds(parseArgs(['--quick', '--duration', '0.5']))).toBe(0.5);
  });

  it('rejects sizes that are not claim counts', () => {
    expect(() => parseArgs(['--sizes', '10,abc'])).toThrow(/--sizes/);
  });
});
