/**
 * A crash during an import (kill -9) leaves the store as it was before it, never between: the
 * import CLI runs in a child process on a Kuzu folder, is killed once its progress says it has
 * written a batch of claims inside its transaction, and the folder, opened again, holds exactly
 * what it held before (node and relationship counts, links, the audit trail).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Curator } from '../../src/ingest/curate.js';
import { fileLines, importNdjson } from '../../src/ingest/import-ndjson.js';
import type { GraphStore } from '../../src/store/GraphStore.js';
import { openKuzuStore } from '../../src/store/createStore.js';
import { tempDir } from '../support/temp.js';
import { writeImportFile } from './import-file.js';

const open = async (dataDir: string) => {
  const store = await openKuzuStore({ dataDir, bufferPoolMb: 256, queryTimeoutMs: 60_000, maxSizeGib: 1 });
  await store.init();
  return store;
};

async function state(store: GraphStore) {
  const changes = await store.changes(null, 0, { offset: 0, limit: 1_000 });
  return { counts: await store.counts(), changes: changes.items.map((c) => c.id) };
}

describe('an import killed mid-way (Kuzu)', () => {
  let store: GraphStore | undefined;
  afterAll(async () => {
    await store?.close();
  });

  it('leaves the store as it was before the import', async () => {
    const dir = tempDir('import-crash');
    const dataDir = path.join(dir, 'db');
    store = await open(dataDir);
    await importNdjson(new Curator(store, { tolerance: 0.05 }), { name: 'before', role: 'editor' }, fileLines(writeImportFile(path.join(dir, 'small.ndjson'), 'before', 20, 4)));
    const before = await state(store);
    await store.close();
    store = undefined;

    // Two batches of claims: the child is killed once the first is written and the second begins.
    const file = writeImportFile(path.join(dir, 'big.ndjson'), 'crash', 2_500, 50);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/import-cli.ts', file], {
      env: { ...process.env, DATA_DIR: dataDir, KUZU_BUFFER_POOL_MB: '256' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (/writing: line 2000 of/.test(stderr)) resolve();
      });
      child.on('exit', () => reject(new Error(`the import ended before it was killed:\n${stderr}`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    store = await open(dataDir);
    expect(await state(store)).toEqual(before);
    expect((await store.getNodes('Claim', ['claim:crash-1', 'claim:crash-1000']))).toEqual([null, null]);
  }, 60_000);
});
