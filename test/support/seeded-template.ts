/**
 * The Kuzu folder this run's global setup loaded with the seed graph (global-setup.ts), copied for
 * a test of its own: opening a copy takes a few hundred milliseconds where loading the seed again
 * takes seconds.
 */
import fs from 'node:fs';
import { loadConfig } from '../../src/config.js';

/**
 * Copies the seeded folder into `dataDir` when there is one and it was analysed at `tolerance`
 * (the default); false when the caller must load the seed itself.
 */
export function copySeededKuzu(dataDir: string, tolerance: number): boolean {
  const template = process.env.CLAIMGRAPH_SEEDED_KUZU;
  if (!template || !fs.existsSync(template) || tolerance !== loadConfig({}).approximateTolerance) return false;
  copySparse(template, dataDir);
  return true;
}

/**
 * Copies a Kuzu folder leaving its zero blocks as holes. Seven in ten of the seeded database's
 * 105 MB are zero (Kuzu gives each table's primary-key index 256 pages from its first row), and
 * some forty servers a run start from a copy: writing only the rest spares the disk most of it.
 */
function copySparse(from: string, to: string): void {
  const BLOCK = 64 * 1024;
  const buffer = Buffer.alloc(BLOCK);
  const zero = Buffer.alloc(BLOCK);
  fs.mkdirSync(to, { recursive: true });
  for (const name of fs.readdirSync(from)) {
    const source = fs.openSync(`${from}/${name}`, 'r');
    const target = fs.openSync(`${to}/${name}`, 'w');
    try {
      let position = 0;
      for (let n; (n = fs.readSync(source, buffer, 0, BLOCK, position)) > 0; position += n) {
        const block = buffer.subarray(0, n);
        if (!block.equals(zero.subarray(0, n))) fs.writeSync(target, block, 0, n, position);
      }
      fs.ftruncateSync(target, position);
    } finally {
      fs.closeSync(source);
      fs.closeSync(target);
    }
  }
}
