/**
 * On Kuzu what a write derives (claims' contested flags, claim digests, name keys) is computed in a
 * write of its own right after it (CypherStore.writeDeriving). If that one never commits (it fails,
 * or the process stops in between) the store derives everything again: at the next write's
 * derivation, and at the next start.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_GRAPH as EMPTY } from '../../src/domain/model.js';
import { CypherStore } from '../../src/store/cypher/CypherStore.js';
import type { Engine, Run } from '../../src/store/cypher/Engine.js';
import { StoreQueryError } from '../../src/store/errors.js';
import { KuzuEngine } from '../../src/store/kuzu/KuzuEngine.js';
import { fixtureGraph } from '../support/fixture-graph.js';
import { tempDir } from '../support/temp.js';

const options = (dataDir: string) => ({ dataDir, bufferPoolMb: 64, queryTimeoutMs: 30_000, maxSizeGib: 1 });

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

/** The real engine, whose writes fail at the first statement touching name keys once `fail.armed` is set. */
function failingOnce(real: KuzuEngine): { engine: Engine; fail: { armed: boolean } } {
  const fail = { armed: false };
  const engine = new Proxy(real, {
    get(target, property) {
      if (property === 'write') {
        return <T>(work: (run: Run) => Promise<T>, deadline?: number) => target.write((run) => work((s) => {
          if (fail.armed && s.text.includes('NameKey')) {
            fail.armed = false;
            return Promise.reject(new StoreQueryError('injected failure'));
          }
          return run(s);
        }), deadline);
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { engine, fail };
}

const deriving = async (engine: Engine) => (await engine.read((run) => run({ text: "MATCH (l:ChangeLog) RETURN l.deriving AS d", params: {} })))[0]?.d;
const found = async (store: CypherStore, key: string) => ((await store.findByNameKeys(['Place'], [key])).get(key) ?? []).map((n) => n.id);

describe('derived data computed apart from its write (Kuzu)', () => {
  const graph = fixtureGraph();
  const kursk = graph.places.find((p) => p.id === 'place:kursk-oblast')!;

  it('is derived again by the next write when a derivation fails, and the write itself stands', async () => {
    const real = await KuzuEngine.open(options(tempDir('derivations')));
    const { engine, fail } = failingOnce(real);
    const store = new CypherStore(engine);
    open.push(store);
    await store.init();
    await store.importGraph(graph);
    expect(await deriving(engine)).toBe(false);

    fail.armed = true;
    await expect(store.transact((tx) => tx.upsert({ ...EMPTY, places: [{ ...kursk, aliases: [...kursk.aliases, 'Kurshchyna'] }] })))
      .rejects.toBeInstanceOf(StoreQueryError);
    // The write is in; what it derives is not, and the graph says so.
    expect((await store.getNodes('Place', [kursk.id]))[0]?.name).toBe(kursk.name);
    expect(await found(store, 'kurshchyna')).toEqual([]);
    expect(await deriving(engine)).toBe(true);

    // A write about something else derives everything again.
    const sudzha = graph.places.find((p) => p.id === 'place:sudzha')!;
    await store.transact((tx) => tx.upsert({ ...EMPTY, places: [{ ...sudzha, aliases: ['Sudža'] }] }));
    expect(await found(store, 'kurshchyna')).toEqual([kursk.id]);
    expect(await found(store, 'sudza')).toEqual([sudzha.id]);
    expect(await deriving(engine)).toBe(false);
  });

  it('is derived again at start when the process stopped between a write and its derivation', async () => {
    const dataDir = tempDir('derivations');
    const first = new CypherStore(await KuzuEngine.open(options(dataDir)), { digestMin: 0 });
    open.push(first);
    await first.init();
    await first.importGraph(graph);
    const listed = (s: CypherStore) => s.findClaims({ about: [{ label: 'Place', id: kursk.id }] }, 'STATED_DESC', { offset: 0, limit: 50 });
    const before = await listed(first);
    expect(before.total).toBeGreaterThan(1);
    const dropped = before.items[0]!.id;
    await first.close();
    open.length = 0;

    // What a write leaves when its process stops before the derivation: its changes and the mark.
    const engine = await KuzuEngine.open(options(dataDir));
    await engine.write(async (run) => {
      await run({ text: "MATCH (n:Place) WHERE n.id = $id SET n.nameKeys = ['kursk oblast', 'kurshchyna']", params: { id: kursk.id } });
      await run({ text: "MATCH (c:Claim) WHERE c.id = $id SET c.rank = 'DEPRECATED'", params: { id: dropped } });
      await run({ text: "MATCH (l:ChangeLog) SET l.deriving = true", params: {} });
    });
    await engine.close();

    const second = new CypherStore(await KuzuEngine.open(options(dataDir)), { digestMin: 0 });
    open.push(second);
    await second.init();
    expect(await found(second, 'kurshchyna')).toEqual([kursk.id]);
    expect(await found(second, 'kursk')).toEqual([]);
    const after = await listed(second);
    expect(after.total).toBe(before.total! - 1);
    expect(after.items.map((c) => c.id)).toEqual(before.items.map((c) => c.id).filter((id) => id !== dropped));
  });
});
