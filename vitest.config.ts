import fs from 'node:fs';
import { configDefaults, defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest, longest first (measured: `npx vitest run --reporter=json`). Started
 * first, they run beside the many short files instead of after them; a clean clone has no timing
 * cache, so without this list vitest would order by file size.
 */
const SLOW_FIRST = [
  'test/contract/kuzu.test.ts',
  'test/typecheck.test.ts',
  'test/bench/bench-smoke.test.ts',
  'test/contract/neo4j-cypher.test.ts',
  'test/contract/digests.test.ts',
  'test/contract/kuzu-lifecycle.test.ts',
  'test/api/start.test.ts',
  'test/seed/seed-command.test.ts',
  'test/contract/derived-links.test.ts',
  'test/api/store-unavailable.test.ts',
  'test/api/curation.test.ts',
  'test/ingest/import-crash.test.ts',
  'test/contract/kuzu-migration.test.ts',
  'test/ingest/curate-consistency.test.ts',
  'test/contract/neo4j.test.ts',
];

class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // `--sequence.shuffle` still shuffles files (vitest's own shuffling applies only to its default sequencer).
    const { shuffle, seed } = this.ctx.config.sequence;
    if (shuffle) return seededShuffle(files, seed);
    const rank = (f: TestSpecification) => {
      const i = SLOW_FIRST.findIndex((name) => f.moduleId.endsWith(name));
      return i < 0 ? SLOW_FIRST.length : i;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

function seededShuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const ALL = ['test/**/*.test.ts'];
/** API files that never use the Neo4j database under test (a fake Bolt peer, or NEO4J_URI cleared). */
const NOT_ON_NEO4J = ['start.test.ts', 'store-unavailable.test.ts'];
/**
 * With NEO4J_URI set, these files write to the one database it names (test/support/server.ts, the
 * Neo4j contract): they run one at a time, after the others, which keep running three at a time.
 */
const ON_NEO4J = [
  ...fs.readdirSync(new URL('test/api', import.meta.url)).filter((f) => f.endsWith('.test.ts') && !NOT_ON_NEO4J.includes(f)).map((f) => `test/api/${f}`),
  'test/contract/neo4j.test.ts',
];
const onNeo4j = Boolean(process.env.NEO4J_URI?.trim());

const project = {
  resolve: {
    // Node loads graphql's CommonJS build (Apollo does too); Vite would pick its ESM build for our
    // imports, and two copies of graphql cannot share a schema. Use the one Node uses.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    // Kuzu's databases are native: forks keep them out of the runner's own process.
    pool: 'forks' as const,
    // Each worker process runs file after file without loading every module again: a fresh one per
    // file spent some 40 s of the run's CPU importing (Apollo, graphql, Kuzu, the server), and the
    // run went from about 200 s to about 155 s on two cores. Files share no state: every test
    // server, store and folder is a test's own, closed and removed by it (test/support), and no test
    // mocks a module or changes the environment.
    isolate: false,
    // Every test folder lives in one folder per run, removed when the run ends.
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/cleanup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
};

export default defineConfig({
  resolve: project.resolve,
  test: {
    ...project.test,
    include: ALL,
    // vitest's default is one worker less than the cores: one on a 2-core machine. Most files
    // wait on HTTP, child processes or timers: with two at a time the cores still idled about a
    // sixth of the run (283 s of CPU in 165 s), with three the run took 151 s against 165 s
    // (2026-11-28, this 2-core machine, same tree).
    maxWorkers: 3,
    sequence: { sequencer: SlowFirstSequencer },
    // Projects do not extend this config (vitest would add their include to this one).
    projects: onNeo4j
      ? [
          { ...project, test: { ...project.test, name: 'neo4j', include: ON_NEO4J, fileParallelism: false } },
          { ...project, test: { ...project.test, name: 'local', include: ALL, exclude: [...configDefaults.exclude, ...ON_NEO4J] } },
        ]
      : undefined,
  },
});
