/** `npm run seed` as a user runs it: a separate process, against a real data folder. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openKuzuStore } from '../../src/store/createStore.js';
import { tempDir } from '../support/temp.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

function seed(dataDir: string) {
  return run(tsx, ['seed/seed.ts'], { cwd: root, env: { ...process.env, DATA_DIR: dataDir, NEO4J_URI: '' } });
}

describe('npm run seed', () => {
  // Two runs of the command, each its own process: 8 to 12 s beside two other files.
  it('loads the seed graph and is idempotent', { timeout: 90_000 }, async () => {
    const dataDir = tempDir('seed-cmd');
    const first = await seed(dataDir);
    expect(first.stdout).toMatch(/^Seeded kuzu store: \{"Actor":\d+,"Place":\d+,"Event":\d+,"Source":5,"Claim":\d+\}$/m);
    const second = await seed(dataDir);
    expect(second.stdout).toBe(first.stdout);
  });

  it('fails with a clear message while another process holds the database', async () => {
    const dataDir = tempDir('seed-locked');
    const holder = await openKuzuStore({ dataDir, bufferPoolMb: 128, queryTimeoutMs: 10_000 });
    try {
      const error = await seed(dataDir).then(() => null, (e: { code: number; stderr: string }) => e);
      expect(error?.code).toBe(1);
      expect(error?.stderr).toContain('is in use by another process (is the server running?)');
      expect(error?.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await holder.close();
    }
  });

  it('says so when the data folder cannot be created', async () => {
    const file = path.join(tempDir('seed-file'), 'a-file');
    fs.writeFileSync(file, 'not a folder');
    const error = await seed(path.join(file, 'data')).then(() => null, (e: { code: number; stderr: string }) => e);
    expect(error?.code).toBe(1);
    expect(error?.stderr).toContain('cannot be created or written');
  });
});
