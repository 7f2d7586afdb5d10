import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest, longest first (measured: `npx vitest run --reporter=json`). Started
 * first, they run beside the many short files instead of after them; a clean clone has no timing
 * cache, so without this list vitest would order by file size.
 */
const SLOW_FIRST = [
  'test/bench/bench-smoke.test.ts',
  'test/contract/neo4j-cypher.test.ts',
  'test/contract/neo4j.test.ts',
  'test/contract/kuzu.test.ts',
  'test/seed/seed-command.test.ts',
  'test/api/start.test.ts',
  'test/api/store-unavailable.test.ts',
  'test/support/cypher-lint.test.ts',
  'test/bench/open-loop.test.ts',
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

export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS build (Apollo does too); Vite would pick its ESM build for our
    // imports, and two copies of graphql cannot share a schema. Use the one Node uses.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Kuzu holds a native database per test file; forks keep each in its own process.
    pool: 'forks',
    // vitest's default is one worker less than the cores: one on a 2-core machine. Most files
    // wait on HTTP, child processes or timers, so two at a time use both cores.
    maxWorkers: 2,
    sequence: { sequencer: SlowFirstSequencer },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
