import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The folders this process made and has not removed yet. */
const made = new Set<string>();
let listening = false;

/**
 * A fresh folder for one test: under the run's own folder (global-setup.ts), which the run removes
 * at its end, or under the OS temp dir when run outside vitest. Removed when the process exits too.
 */
export function tempDir(prefix: string): string {
  const base = process.env.CLAIMGRAPH_TEST_TMP && fs.existsSync(process.env.CLAIMGRAPH_TEST_TMP) ? process.env.CLAIMGRAPH_TEST_TMP : os.tmpdir();
  const dir = fs.mkdtempSync(path.join(base, `claimgraph-${prefix}-`));
  if (!listening) process.on('exit', removeTempDirs);
  listening = true;
  made.add(dir);
  return dir;
}

/**
 * Removes them: after each test file (support/cleanup.ts: a worker runs file after file, so they
 * would pile up until it exits), and at exit.
 */
export function removeTempDirs(): void {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  made.clear();
}
