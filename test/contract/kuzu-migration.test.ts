/**
 * Data folders across versions (src/store/kuzu/migrate.ts): a folder written by an older build is
 * migrated and keeps its data; one this build cannot take is refused, with what to do, and left
 * byte for byte as it was. Older folders are made here with the DDL of today's schema, minus what
 * an older build lacked, so the tests follow schema.ts as it grows.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import kuzu from 'kuzu';
import type { QueryResult } from 'kuzu';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CypherStore } from '../../src/store/cypher/CypherStore.js';
import type { Run } from '../../src/store/cypher/Engine.js';
import { StoreIncompatibleError } from '../../src/store/errors.js';
import type { GraphStore } from '../../src/store/GraphStore.js';
import { createTable, kuzuTables, type KuzuTable } from '../../src/store/kuzu/ddl.js';
import { KuzuEngine, type KuzuOptions } from '../../src/store/kuzu/KuzuEngine.js';
import { fingerprint, migrateFolder, RECORD, RECORD_TABLE, SCHEMA_VERSION, thisBuild, type Migration } from '../../src/store/kuzu/migrate.js';
import { fixtureGraph } from '../support/fixture-graph.js';
import { tempDir } from '../support/temp.js';

const FILE = 'claimgraph.kuzu';
const options = (dataDir: string, extra: Partial<KuzuOptions> = {}): KuzuOptions => ({ dataDir, bufferPoolMb: 64, queryTimeoutMs: 10_000, maxSizeGib: 1, ...extra });

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

async function openStore(dataDir: string, extra: Partial<KuzuOptions> = {}): Promise<GraphStore> {
  const store = new CypherStore(await KuzuEngine.open(options(dataDir, extra)));
  open.push(store);
  return store;
}

type Query = (statement: string) => Promise<Array<Record<string, unknown>>>;

/** The folder's database opened by Kuzu itself, as an older build (or a hand) would write it. */
async function withKuzu<T>(dataDir: string, work: (q: Query) => Promise<T>): Promise<T> {
  const db = new kuzu.Database(path.join(dataDir, FILE), 64 * 2 ** 20, true, false, 2 ** 30);
  const c = new kuzu.Connection(db);
  const q: Query = async (statement) => {
    const result = (await c.query(statement)) as QueryResult;
    try {
      return result.getAllSync() as Array<Record<string, unknown>>;
    } finally {
      result.close();
    }
  };
  try {
    return await work(q);
  } finally {
    await c.close();
    await db.close();
  }
}

/** Today's tables without a node table: its rel tables' pairs that reach it go too, and rel tables left with none. */
function withoutLabel(tables: KuzuTable[], label: string): KuzuTable[] {
  return tables
    .filter((t) => t.name !== label)
    .map((t) => (t.kind === 'REL' ? { ...t, pairs: t.pairs!.filter(([f, to]) => f !== label && to !== label) } : t))
    .filter((t) => t.kind === 'NODE' || t.pairs!.length > 0);
}

function change(tables: KuzuTable[], name: string, f: (t: KuzuTable) => KuzuTable): KuzuTable[] {
  return tables.map((t) => (t.name === name ? f(t) : t));
}

async function folderWith(tables: KuzuTable[], statements: string[]): Promise<string> {
  const dataDir = tempDir('migration');
  await withKuzu(dataDir, async (q) => {
    for (const t of tables) await q(createTable(t));
    for (const s of statements) await q(s);
  });
  return dataDir;
}

const DATA = [
  "CREATE (:Actor {id: 'actor:isw', name: 'ISW', kind: 'THINK_TANK', names: ['ISW'], nameKeys: ['isw']})",
  "CREATE (:Source {id: 'source:a', title: 'An article', nameKeys: ['an article'], text: 'ISW said Russian forces reached Sudzha.'})",
  "CREATE (:Place {id: 'place:sudzha', name: 'Sudzha', kind: 'TOWN', names: ['Sudzha'], nameKeys: ['sudzha']})",
  "CREATE (:Claim {id: 'claim:a', statement: 'Russian forces reached Sudzha.', quote: 'Russian forces reached Sudzha', quoteStart: 9, quoteEnd: 38, topic: 'TERRITORY', stance: 'ASSERTS', hedged: false})",
  "MATCH (a:Actor {id: 'actor:isw'}), (c:Claim {id: 'claim:a'}) CREATE (a)-[:MADE]->(c)",
  "MATCH (c:Claim {id: 'claim:a'}), (p:Place {id: 'place:sudzha'}) CREATE (c)-[:ABOUT]->(p)",
  "MATCH (c:Claim {id: 'claim:a'}), (s:Source {id: 'source:a'}) CREATE (c)-[:REPORTED_IN]->(s)",
];

/**
 * What the folder holds, as Kuzu reads it: every table's catalog entry, FROM/TO pairs and rows,
 * with the engine's internal ids (which move when rows are rewritten). Not the file's bytes: a
 * checkpoint may rewrite pages of an unchanged database (seen once in a while under load).
 */
async function contentHash(dataDir: string): Promise<string> {
  return withKuzu(dataDir, async (q) => {
    const hash = createHash('sha256');
    for (const { name, type } of await q('CALL SHOW_TABLES() RETURN name, type ORDER BY name')) {
      const quoted = `\`${String(name)}\``;
      hash.update(JSON.stringify(await q(`CALL TABLE_INFO('${String(name)}') RETURN *`)));
      if (type === 'NODE') hash.update(JSON.stringify(await q(`MATCH (n:${quoted}) RETURN n ORDER BY n.id`)));
      else {
        hash.update(JSON.stringify(await q(`CALL SHOW_CONNECTION('${String(name)}') RETURN *`)));
        hash.update(JSON.stringify(await q(`MATCH (a)-[r:${quoted}]->(b) RETURN a.id AS src, b.id AS dst, r ORDER BY src, dst`)));
      }
    }
    return hash.digest('hex');
  });
}

/** The database file and whatever lies beside it, byte for byte (for a folder Kuzu never opened). */
function folderHash(dataDir: string): string {
  const hash = createHash('sha256');
  for (const name of fs.readdirSync(dataDir).sort()) hash.update(name).update(fs.readFileSync(path.join(dataDir, name)));
  return hash.digest('hex');
}

async function refusal(dataDir: string): Promise<StoreIncompatibleError> {
  const store = await openStore(dataDir);
  const error = await store.init().then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(StoreIncompatibleError);
  return error as StoreIncompatibleError;
}

async function closeAll(): Promise<void> {
  for (const s of open.splice(0)) await s.close();
}

describe('a Kuzu data folder written by an older build', () => {
  it('gains the tables, properties and FROM/TO pairs added since, in one migration, and keeps its data', async () => {
    const claimProperties = kuzuTables().find((t) => t.name === 'Claim')!.properties;
    const [dropped] = claimProperties.at(-1)!;
    // An older build: no Event table (so no rel tables or pairs that reach it), no name keys, Claim
    // without its last property, MADE only from actors.
    let old = withoutLabel(withoutLabel(kuzuTables(), 'Event'), 'NameKey');
    old = change(old, 'Claim', (t) => ({ ...t, properties: t.properties.filter(([n]) => n !== dropped) }));
    old = change(old, 'MADE', (t) => ({ ...t, pairs: t.pairs!.filter(([f]) => f === 'Actor') }));
    const dataDir = await folderWith(old, DATA);

    const onMigrated = vi.fn<(m: Migration) => void>();
    const store = await openStore(dataDir, { onMigrated });
    await store.init();

    expect(onMigrated).toHaveBeenCalledTimes(1);
    const [migration] = onMigrated.mock.calls[0]!;
    expect(migration.from).toBeNull();
    expect(migration.to).toMatchObject({ schemaVersion: SCHEMA_VERSION, fingerprint: fingerprint(kuzuTables()) });
    const said = migration.changes.join('; ');
    expect(said).toContain('added node tables Event');
    expect(said).toContain(`Claim.${dropped}`);
    expect(said).toContain('OCCURRED_IN');
    expect(said).toContain('ABOUT FROM Claim TO Event');
    expect(said).toContain('MADE FROM Source TO Claim');
    expect(said).toContain('NameKey');
    expect(said).toContain(`recorded schema version ${SCHEMA_VERSION}`);

    // The data is there, and what was added can be written.
    expect(await store.getNodes('Claim', ['claim:a'])).toMatchObject([{ id: 'claim:a', statement: 'Russian forces reached Sudzha.' }]);
    expect((await store.counts()).relationships).toMatchObject({ MADE: 1, ABOUT: 1, REPORTED_IN: 1 });
    // Its nodes' name keys were built at start: names resolve as they did by scanning.
    const named = await store.findByNameKeys(['Actor', 'Place', 'Source'], ['isw', 'sudzha', 'an article']);
    expect([...named.values()].map((nodes) => nodes.map((n) => n.id))).toEqual([['actor:isw'], ['place:sudzha'], ['source:a']]);
    await store.importGraph(fixtureGraph());
    expect((await store.counts()).nodes.Event).toBeGreaterThan(0);
    await closeAll();

    // Recorded, and current: the next start changes nothing.
    const record = await withKuzu(dataDir, (q) => q(`MATCH (m:${RECORD_TABLE}) RETURN m.schemaVersion AS v, m.fingerprint AS f`));
    expect(record).toEqual([{ v: SCHEMA_VERSION, f: fingerprint(kuzuTables()) }]);
    const before = await contentHash(dataDir);
    const again = vi.fn();
    await (await openStore(dataDir, { onMigrated: again })).init();
    expect(again).not.toHaveBeenCalled();
    await closeAll();
    expect(await contentHash(dataDir)).toBe(before);
  });

  it('is created with its record when new, without a migration to report', async () => {
    const dataDir = tempDir('migration');
    const onMigrated = vi.fn();
    await (await openStore(dataDir, { onMigrated })).init();
    expect(onMigrated).not.toHaveBeenCalled();
    await closeAll();
    expect(await withKuzu(dataDir, (q) => q(`MATCH (m:${RECORD_TABLE}) RETURN m.schemaVersion AS v`))).toEqual([{ v: SCHEMA_VERSION }]);
  });

  it('is converted by the upgrades of a schema version bump, in the same transaction as the additions', async () => {
    // Playing a build one version ahead whose Claim.quoteStart was a STRING before.
    const old = change(kuzuTables(), 'Claim', (t) => ({ ...t, properties: t.properties.map(([n, ty]) => [n, n === 'quoteStart' ? 'STRING' : ty] as const) }));
    const dataDir = await folderWith([...old, RECORD], [
      DATA[3]!.replace('quoteStart: 9', "quoteStart: '9'"),
      `CREATE (:${RECORD_TABLE} {id: 'schema', schemaVersion: ${SCHEMA_VERSION}, claimgraphVersion: 'old'})`,
    ]);
    const engine = await KuzuEngine.open(options(dataDir));
    open.push(engine);
    const build = {
      ...thisBuild(),
      schemaVersion: SCHEMA_VERSION + 1,
      upgrades: {
        [SCHEMA_VERSION + 1]: {
          what: 'Claim.quoteStart becomes an INT64',
          drops: ['Claim.quoteStartText'],
          async run(run: Run) {
            for (const text of [
              'ALTER TABLE Claim RENAME quoteStart TO quoteStartText',
              'ALTER TABLE Claim ADD quoteStart INT64',
              'MATCH (c:Claim) SET c.quoteStart = CAST(c.quoteStartText AS INT64)',
            ]) await run({ text, params: {} });
          },
        },
      },
    };
    // Without the upgrade, the folder is refused.
    await expect(migrateFolder(engine.migrationTarget(), dataDir, { ...build, upgrades: {} })).rejects.toThrow(
      `holds schema version ${SCHEMA_VERSION} (written by claimgraph old); this build expects version ${SCHEMA_VERSION + 1} and has no automatic upgrade`,
    );
    const migration = await migrateFolder(engine.migrationTarget(), dataDir, build);
    expect(migration?.changes).toEqual([`upgraded to schema version ${SCHEMA_VERSION + 1}: Claim.quoteStart becomes an INT64`, 'dropped Claim.quoteStartText']);
    expect(migration?.from).toMatchObject({ schemaVersion: SCHEMA_VERSION, claimgraphVersion: 'old' });
    expect(await engine.read((run) => run({ text: "MATCH (c:Claim {id: 'claim:a'}) RETURN c.quoteStart AS s", params: {} }))).toEqual([{ s: 9 }]);
  });
});

describe("a Kuzu data folder's full-text indexes", () => {
  it('are rebuilt at start when built to another definition, and left alone when not', async () => {
    const dataDir = tempDir('migration');
    const first = await openStore(dataDir);
    await first.init();
    await first.importGraph(fixtureGraph());
    await closeAll();
    // "encircled" is in claim:syrskyi-denies' quote only: an index over the statement alone (an
    // earlier build's, say) does not find it.
    const finds = (q: Query) => q("CALL QUERY_FTS_INDEX('Claim', 'claim_text', 'encircled') RETURN node.id AS id");
    await withKuzu(dataDir, async (q) => {
      expect(await finds(q)).toEqual([{ id: 'claim:syrskyi-denies' }]);
      await q("CALL DROP_FTS_INDEX('Claim', 'claim_text')");
      await q("CALL CREATE_FTS_INDEX('Claim', 'claim_text', ['statement'], stemmer := 'english')");
      expect(await finds(q)).toEqual([]);
    });
    const onIndexesRebuilt = vi.fn();
    const store = await openStore(dataDir, { onIndexesRebuilt });
    await store.init();
    expect(onIndexesRebuilt.mock.calls).toEqual([[['claim_text']]]);
    expect((await store.search('encircled', ['Claim'], { offset: 0, limit: 5 })).items.map((h) => h.node.id)).toEqual(['claim:syrskyi-denies']);
    await closeAll();
    // Started again, nothing to rebuild.
    const again = vi.fn();
    await (await openStore(dataDir, { onIndexesRebuilt: again })).init();
    expect(again).not.toHaveBeenCalled();
  });
});

describe('a Kuzu data folder this build cannot take', () => {
  it('is refused when a newer build wrote it, naming both versions, and left unchanged', async () => {
    const dataDir = tempDir('migration');
    await (await openStore(dataDir)).init();
    await closeAll();
    await withKuzu(dataDir, (q) => q(`MATCH (m:${RECORD_TABLE}) SET m.schemaVersion = ${SCHEMA_VERSION + 1}, m.claimgraphVersion = '9.9.9'`));
    const before = await contentHash(dataDir);

    const error = await refusal(dataDir);
    expect(error.message).toContain(`holds schema version ${SCHEMA_VERSION + 1} (written by claimgraph 9.9.9)`);
    expect(error.message).toContain(`knows versions up to ${SCHEMA_VERSION}`);
    expect(error.message).toContain('Start the newer build on it');
    await closeAll();
    expect(await contentHash(dataDir)).toBe(before);
  });

  it('is refused when a property has another type, and nothing of the migration it also needs is done', async () => {
    // quoteStart as a STRING, holding a value, and Event missing (an addition that must not happen).
    let old = withoutLabel(kuzuTables(), 'Event');
    old = change(old, 'Claim', (t) => ({ ...t, properties: t.properties.map(([n, ty]) => [n, n === 'quoteStart' ? 'STRING' : ty] as const) }));
    const dataDir = await folderWith(old, DATA.map((s) => s.replace('quoteStart: 9', "quoteStart: '9'")));
    const before = await contentHash(dataDir);

    const error = await refusal(dataDir);
    expect(error.message).toMatch(/^The data folder .* does not match the schema of this build .* so it left the folder unchanged: /);
    expect(error.message).toContain('Claim.quoteStart is STRING where this build expects INT64');
    expect(error.message).toContain('To start afresh, back up the folder and delete it');
    await closeAll();
    expect(await contentHash(dataDir)).toBe(before);
    const tables = await withKuzu(dataDir, (q) => q('CALL SHOW_TABLES() RETURN name'));
    expect(tables.map((t) => t.name)).not.toContain('Event');
    expect(await withKuzu(dataDir, (q) => q('MATCH (c:Claim) RETURN c.quoteStart AS s'))).toEqual([{ s: '9' }]);
  });

  it('is refused when it holds data in a table or property this build does not know; empty ones are left alone', async () => {
    const dataDir = await folderWith(kuzuTables(), [
      ...DATA,
      'CREATE NODE TABLE Stray(id STRING, PRIMARY KEY(id))',
      "CREATE (:Stray {id: 'x'})",
      'CREATE NODE TABLE Empty(id STRING, PRIMARY KEY(id))',
      'ALTER TABLE Claim ADD legacyScore DOUBLE',
      "MATCH (c:Claim) SET c.legacyScore = 0.5",
      'ALTER TABLE Place ADD legacyNote STRING',
    ]);
    const before = await contentHash(dataDir);
    const error = await refusal(dataDir);
    expect(error.message).toContain('node table Stray, which this build does not know, holds 1 row');
    expect(error.message).toContain('Claim.legacyScore (DOUBLE), which this build does not know, holds values in 1 row');
    expect(error.message).not.toMatch(/Empty|legacyNote/);
    await closeAll();
    expect(await contentHash(dataDir)).toBe(before);

    await withKuzu(dataDir, async (q) => {
      await q('DROP TABLE Stray');
      await q('ALTER TABLE Claim DROP legacyScore');
    });
    await (await openStore(dataDir, { onMigrated: () => undefined })).init();
  });

  it('is refused, unopened, when another Kuzu storage version wrote it', async () => {
    const dataDir = tempDir('migration');
    await (await openStore(dataDir)).init();
    await closeAll();
    // The header is "KUZU" and the storage version as a little-endian integer: 38 is Kuzu 0.10's.
    const file = path.join(dataDir, FILE);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 4).toString()).toBe('KUZU');
    bytes[4] = 38;
    fs.writeFileSync(file, bytes);
    const before = folderHash(dataDir);

    const error = await KuzuEngine.open(options(dataDir)).then((e) => (open.push(e), null), (e: unknown) => e);
    expect(error).toBeInstanceOf(StoreIncompatibleError);
    expect((error as Error).message).toContain('holds a Kuzu database of storage version 38 (Kuzu 0.10)');
    expect((error as Error).message).toContain('EXPORT DATABASE');
    expect(folderHash(dataDir)).toBe(before);
  });
});
