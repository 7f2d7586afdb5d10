/**
 * Streamed: the importer's memory does not grow with the file. The same import of 2,000 and of
 * 40,000 claims (both passes, over a transaction that keeps nothing) peaks at about the same heap:
 * claims are read a batch at a time and only their ids are kept.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.js';

function peakHeap(claims: number): number {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/ingest/import-memory-probe.ts', tempDir('import-memory'), String(claims)], { encoding: 'utf8' });
  return (JSON.parse(out) as { peak: number }).peak;
}

describe('bulk import memory', () => {
  it('peaks at about the same heap for a file twenty times larger', () => {
    const small = peakHeap(2_000);
    const large = peakHeap(40_000);
    // The ids of 38,000 more claims (~30 bytes each, in a Map) are allowed; the records themselves (~600 bytes each, 23 MB) are not.
    expect(large - small).toBeLessThan(8 * 1024 * 1024);
  }, 60_000);
});
