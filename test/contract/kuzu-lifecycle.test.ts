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
  // Three databases opened, written and closed, one after another: without the fix (OpenDatabase.exec
  // closing its results) the first one already crashed the worker, three times in three runs.
  it('survives the garbage collector after each, and a closed database can be opened again', { timeout: 120_000 }, async () => {
    for (let i = 0; i < 3; i++) {
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

describe('a Kuzu data folder written by an older version', () => {
  it('gains the properties added since when the store starts, and keeps its data', async () => {
    const kuzu = (await import('kuzu')).default;
    const { kuzuDdl } = await import('../../src/store/kuzu/ddl.js');
    const dataDir = tempDir('upgrade');
    // The tables as they were before descriptions had a basis, quantities a vague flag, claims references.
    const added = /, (basisKind|basisSource|basisQuote|shortName|quantityVague|independent|dependence) (STRING|BOOLEAN)/g;
    const old = kuzuDdl().filter((s) => s.startsWith('CREATE') && !s.includes('REFERS_TO')).map((s) => s.replace(added, ''));
    expect(old.join(' ')).not.toMatch(/basisKind|shortName|quantityVague|independent|dependence/);
    const db = new kuzu.Database(`${dataDir}/claimgraph.kuzu`, 64 * 2 ** 20, true, false, 2 ** 30);
    const c = new kuzu.Connection(db);
    for (const s of old) (await c.query(s) as { close(): void }).close();
    (await c.query("CREATE (:Place {id: 'place:kursk-oblast', name: 'Kursk Oblast', kind: 'REGION', names: ['Kursk Oblast'], nameKeys: ['kursk oblast']})") as { close(): void }).close();
    await c.close();
    await db.close();

    const store = await openKuzuStore({ dataDir, bufferPoolMb: 64, queryTimeoutMs: 10_000, maxSizeGib: 1 });
    await store.init();
    expect(await store.getNodes('Place', ['place:kursk-oblast'])).toEqual([
      { label: 'Place', id: 'place:kursk-oblast', name: 'Kursk Oblast', kind: 'REGION', aliases: [], descriptionBasis: null },
    ]);
    await store.importGraph(fixtureGraph());
    expect((await store.counts()).relationships.REFERS_TO).toBe(1);
    await store.close();
  });
});
