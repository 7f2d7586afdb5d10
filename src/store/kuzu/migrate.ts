/**
 * Data folders across versions. A Kuzu folder records the schema it holds in one node of its own
 * table (RECORD_TABLE), written in the same transaction as the tables it describes. When the store
 * starts, the folder's catalog is compared with what schema.ts declares (catalog.ts): what is
 * missing (a table, a property, a rel table's FROM/TO pair) is added, all in one transaction;
 * anything else (a type changed, data this build does not know, a newer schema version) refuses
 * the folder, unchanged, with what was found, what this build expects and what to do.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import kuzu from 'kuzu';
import type { Run } from '../cypher/Engine.js';
import { StoreIncompatibleError } from '../errors.js';
import { canonicalType, compareCatalog, readCatalog, type Difference, type Query } from './catalog.js';
import { addProperty, createTable, kuzuTables, type KuzuTable } from './ddl.js';

/**
 * Bump for a change an older folder cannot take by additions alone (a property's type or meaning
 * changed, a property renamed or moved), and add its upgrade to UPGRADES; without one, folders of
 * the older version are refused. Added tables, properties and FROM/TO pairs need no bump.
 */
export const SCHEMA_VERSION = 1;

/** Folders written before the version was recorded hold version 1: the schema has only grown since. */
const UNRECORDED_VERSION = 1;

export interface Upgrade {
  /** What it changes, for the log line. */
  what: string;
  /**
   * Runs inside the migration's transaction, before missing tables and properties are added
   * (which it may rely on: after it, the folder must match schema.ts but for `drops`).
   */
  run(run: Run): Promise<void>;
  /**
   * Properties ("Table.property") it leaves behind, dropped after its transaction is committed
   * and checkpointed: Kuzu 0.11.3 crashes at the checkpoint when one transaction both updates a
   * table's rows and drops one of its properties. Rename the old property, add the new one, copy
   * the values over, and list the old one here.
   */
  drops?: readonly string[];
}

/** UPGRADES[n] turns a folder of schema version n - 1 into version n. */
export const UPGRADES: Readonly<Record<number, Upgrade>> = {};

export const RECORD_TABLE = 'ClaimgraphMeta';
/** Only ever gains properties: every build must be able to read it. */
export const RECORD: KuzuTable = {
  name: RECORD_TABLE,
  kind: 'NODE',
  primaryKey: 'id',
  properties: [['id', 'STRING'], ['schemaVersion', 'INT64'], ['fingerprint', 'STRING'], ['claimgraphVersion', 'STRING'], ['kuzuVersion', 'STRING'], ['writtenAt', 'STRING']],
};

export interface FolderRecord {
  schemaVersion: number;
  /** Of the tables, properties, types and FROM/TO pairs the writing build declared. */
  fingerprint: string;
  claimgraphVersion: string;
  kuzuVersion: string;
  writtenAt: string;
}

/** What a build expects; tests pass another to play a newer build. */
export interface Build {
  schemaVersion: number;
  tables: KuzuTable[];
  upgrades: Readonly<Record<number, Upgrade>>;
  claimgraphVersion: string;
}

export function thisBuild(): Build {
  return { schemaVersion: SCHEMA_VERSION, tables: kuzuTables(), upgrades: UPGRADES, claimgraphVersion: packageVersion() };
}

function packageVersion(): string {
  try {
    return String(JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')).version);
  } catch {
    return 'unknown';
  }
}

/** Independent of declaration order: the same tables, properties, types and pairs give the same fingerprint. */
export function fingerprint(tables: readonly KuzuTable[]): string {
  const canonical = tables
    .map((t) => [t.name, t.kind, t.primaryKey ?? '', t.properties.map(([n, ty]) => `${n}:${canonicalType(ty)}`).sort(), (t.pairs ?? []).map(([f, to]) => `${f}->${to}`).sort()] as const)
    .sort((a, b) => a[0].localeCompare(b[0]));
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 16);
}

/** What was done to a folder that already held a store (a new folder is only created). */
export interface Migration {
  folder: string;
  from: FolderRecord | null;
  to: FolderRecord;
  changes: string[];
}

/** What migration needs of the engine: reads, one write transaction, and a checkpoint. */
export interface Target {
  read<T>(work: (run: Run) => Promise<T>): Promise<T>;
  write<T>(work: (run: Run) => Promise<T>): Promise<T>;
  checkpoint(): Promise<void>;
}

/**
 * Brings the folder's schema to `build`'s, or refuses it (StoreIncompatibleError) having written
 * nothing. Returns what changed in a folder that already held a store; null when it was new or current.
 */
export async function migrateFolder(target: Target, folder: string, build: Build = thisBuild()): Promise<Migration | null> {
  const outside: Query = (text) => target.read((run) => run({ text, params: {} }));
  const found = await readCatalog(outside);
  const record = found.has(RECORD_TABLE) ? await readRecord(outside) : null;
  const fresh = found.size === 0;
  const version = record?.schemaVersion ?? (fresh ? build.schemaVersion : UNRECORDED_VERSION);
  const by = record ? ` (written by claimgraph ${record.claimgraphVersion})` : fresh ? '' : ' (written before claimgraph recorded schema versions)';
  if (version > build.schemaVersion) {
    throw new StoreIncompatibleError(
      `The data folder ${folder} holds schema version ${version}${by}; this build (claimgraph ${build.claimgraphVersion}) knows versions up to ${build.schemaVersion}, so it left the folder unchanged. ` +
        'Start the newer build on it, or set DATA_DIR to another folder.',
    );
  }
  const pending = Array.from({ length: build.schemaVersion - version }, (_, i) => version + 1 + i);
  const missing = pending.filter((v) => !build.upgrades[v]);
  if (missing.length > 0) {
    throw new StoreIncompatibleError(
      `The data folder ${folder} holds schema version ${version}${by}; this build expects version ${build.schemaVersion} and has no automatic upgrade to version ${missing.join(', ')}, so it left the folder unchanged. ` +
        startAfresh(record, build),
    );
  }
  const retired = new Set(Object.values(build.upgrades).flatMap((u) => u.drops ?? []));
  const ignore = new Set([RECORD_TABLE]);
  // With upgrades pending, the folder is compared once they have run, inside their transaction.
  let diff: Difference = pending.length > 0 ? { additions: [], problems: [], leftovers: [] } : await compareCatalog(found, build.tables, outside, ignore, retired);
  if (diff.problems.length > 0) throw mismatch(folder, diff.problems, record, build);
  const to: FolderRecord = {
    schemaVersion: build.schemaVersion, fingerprint: fingerprint(build.tables), claimgraphVersion: build.claimgraphVersion,
    kuzuVersion: kuzu.Database.getVersion(), writtenAt: new Date().toISOString(),
  };
  const current = record && (['schemaVersion', 'fingerprint', 'claimgraphVersion', 'kuzuVersion'] as const).every((k) => record[k] === to[k]);
  const changes: string[] = [];

  if (pending.length > 0 || diff.additions.length > 0 || !current) {
    await target.write(async (run) => {
      const inside: Query = (text) => run({ text, params: {} });
      for (const v of pending) {
        await build.upgrades[v]!.run(run);
        changes.push(`upgraded to schema version ${v}: ${build.upgrades[v]!.what}`);
      }
      if (pending.length > 0) diff = await compareCatalog(await readCatalog(inside), build.tables, inside, ignore, retired);
      if (diff.problems.length > 0) throw mismatch(folder, diff.problems, record, build);
      for (const { statement } of diff.additions) await inside(statement);
      const recorded = found.get(RECORD_TABLE)?.properties;
      if (!recorded) await inside(createTable(RECORD));
      else for (const p of RECORD.properties) if (!recorded.has(p[0])) await inside(addProperty(RECORD_TABLE, p));
      await run({
        text: `MERGE (m:${RECORD_TABLE} {id: 'schema'}) SET m.schemaVersion = $schemaVersion, m.fingerprint = $fingerprint, m.claimgraphVersion = $claimgraphVersion, m.kuzuVersion = $kuzuVersion, m.writtenAt = $writtenAt`,
        params: { ...to },
      });
    });
    for (const [stage, name] of ['node tables', 'properties', 'rel tables', 'FROM/TO pairs'].entries()) {
      const added = diff.additions.filter((a) => a.stage === stage).map((a) => a.what);
      if (added.length > 0) changes.push(`added ${name} ${added.join(', ')}`);
    }
  }
  if (diff.leftovers.length > 0) {
    await target.checkpoint();
    for (const p of diff.leftovers) {
      const [table, property] = p.split('.') as [string, string];
      await outside(`ALTER TABLE ${table} DROP IF EXISTS ${property}`);
    }
    changes.push(`dropped ${diff.leftovers.join(', ')}`);
  }
  if (fresh || (record && changes.length === 0)) return null;
  return { folder, from: record, to, changes: record ? changes : [...changes, `recorded schema version ${to.schemaVersion}`] };
}

/** One line for the log: what the folder was and what was done. */
export function describeMigration(m: Migration): string {
  const from = m.from ? `schema version ${m.from.schemaVersion}, written by claimgraph ${m.from.claimgraphVersion}` : 'no schema record';
  return `Migrated the data folder ${m.folder} (${from}) to schema version ${m.to.schemaVersion} (claimgraph ${m.to.claimgraphVersion}): ${m.changes.join('; ')}`;
}

async function readRecord(query: Query): Promise<FolderRecord | null> {
  const [row] = await query(`MATCH (m:${RECORD_TABLE}) WHERE m.id = 'schema' RETURN m AS record`);
  const p = (row?.record as { properties?: Record<string, unknown> } | undefined)?.properties;
  if (!p) return null;
  return {
    schemaVersion: Number(p.schemaVersion),
    fingerprint: String(p.fingerprint ?? ''),
    claimgraphVersion: String(p.claimgraphVersion ?? 'unknown'),
    kuzuVersion: String(p.kuzuVersion ?? 'unknown'),
    writtenAt: String(p.writtenAt ?? ''),
  };
}

function mismatch(folder: string, problems: string[], record: FolderRecord | null, build: Build): StoreIncompatibleError {
  const by = record ? `It was last written by claimgraph ${record.claimgraphVersion} (schema version ${record.schemaVersion}). ` : '';
  return new StoreIncompatibleError(
    `The data folder ${folder} does not match the schema of this build (claimgraph ${build.claimgraphVersion}, schema version ${build.schemaVersion}) in ways it cannot migrate, so it left the folder unchanged: ` +
      `${problems.join('; ')}. ${by}${startAfresh(record, build)}`,
  );
}

function startAfresh(record: FolderRecord | null, build: Build): string {
  const other = record && record.claimgraphVersion !== build.claimgraphVersion ? `To keep using it, start the build that wrote it (claimgraph ${record.claimgraphVersion}). ` : '';
  return `${other}To start afresh, back up the folder and delete it (or set DATA_DIR to an empty folder): the server then creates the store and loads the seed graph (SEED_IF_EMPTY), or load it with \`npm run seed\`.`;
}

/** The open failed on Kuzu's storage format: Kuzu reads only files of its own storage version. */
export function storageVersionError(folder: string, kuzuMessage: string, cause: unknown): StoreIncompatibleError | null {
  const m = /file version: (\d+), current build storage version: (\d+)/i.exec(kuzuMessage);
  if (!m) return null;
  const [file, ours] = [Number(m[1]), Number(m[2])];
  const version = kuzu.Database.getVersion();
  const named = KUZU_OF_STORAGE[file] ? ` (Kuzu ${KUZU_OF_STORAGE[file]})` : '';
  const keep =
    file < ours
      ? `To keep its data, export it with the Kuzu version that wrote it (EXPORT DATABASE) and import that into an empty folder with Kuzu ${version} (IMPORT DATABASE), as Kuzu's migration guide describes. `
      : 'To keep using it, start the build that wrote it. ';
  return new StoreIncompatibleError(
    `The data folder ${folder} holds a Kuzu database of storage version ${file}${named}; this build's Kuzu ${version} reads storage version ${ours} only, so it left the folder unchanged. ` +
      `${keep}To start afresh, back up the folder and delete it (or set DATA_DIR to an empty folder): the server then creates the store and loads the seed graph.`,
    { cause },
  );
}

/** Kuzu releases by the storage version they write (Kuzu's storage_version_info.h). */
const KUZU_OF_STORAGE: Record<number, string> = { 39: '0.11', 38: '0.10', 37: '0.9', 36: '0.8', 35: '0.7.1', 34: '0.7.0' };
