/**
 * Kuzu 0.11.3 segfaulted when the garbage collector finalized a query result whose transaction had
 * ended: a process that wrote to several databases crashed (vitest: "Worker exited unexpectedly").
 * This file does what triggered it, deterministically before the fix: if it regresses, its worker dies.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { openKuzuStore } from '../../src/store/createStore.js';
import { fixtureGraph } from '../support/fixture-graph.js';
import { tempDir } from '../support/temp.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

describe('Kuzu databases opened, written and closed in one process', () => {
  it('survives the garbage collector after each, and a closed database can be opened again', async () => {
    for (let i = 0; i < 12; i++) {
      const dataDir = tempDir('lifecycle');
      const options = { dataDir, bufferPoolMb: 64, queryTimeoutMs: 10_000, maxSizeGib: 1 };
      const store = await openKuzuStore(options);
      await store.init();
      await store.importGraph(fixtureGraph());
      await store.close();
      const again = await openKuzuStore(options);
      expect((await again.counts()).nodes.Claim).toBe(5);
      await again.close();
      gc();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  });
});
