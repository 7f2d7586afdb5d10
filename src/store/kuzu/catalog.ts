/**
 * What a Kuzu data folder holds, read from Kuzu's own catalog (SHOW_TABLES, TABLE_INFO,
 * SHOW_CONNECTION), and how it differs from the tables a build declares: what can be added, and
 * what cannot be reconciled without losing or misreading data.
 */
import type { Row } from '../cypher/Engine.js';
import { addPair, addProperty, createTable, type KuzuTable } from './ddl.js';

export type Query = (text: string) => Promise<Row[]>;

export interface FoundTable {
  kind: 'NODE' | 'REL' | string;
  /** Name -> type as the catalog names it. */
  properties: Map<string, string>;
  primaryKey?: string;
  /** "From->To" */
  pairs: Set<string>;
}

export async function readCatalog(query: Query): Promise<Map<string, FoundTable>> {
  const found = new Map<string, FoundTable>();
  // One statement after another: inside a transaction they share one connection.
  for (const t of await query('CALL SHOW_TABLES() RETURN name, type')) {
    const name = String(t.name);
    const kind = String(t.type).startsWith('REL') ? 'REL' : String(t.type);
    const info = await query(`CALL TABLE_INFO(${literal(name)}) RETURN *`);
    const pairs = kind === 'REL' ? await query(`CALL SHOW_CONNECTION(${literal(name)}) RETURN *`) : [];
    found.set(name, {
      kind,
      properties: new Map(info.map((p) => [String(p.name), String(p.type)])),
      primaryKey: info.find((p) => p['primary key'] === true)?.name as string | undefined,
      pairs: new Set(pairs.map((p) => `${p['source table name']}->${p['destination table name']}`)),
    });
  }
  return found;
}

/** Kuzu's catalog names some types by another alias than DDL may (BOOLEAN is BOOL, INT is INT32). */
export function canonicalType(type: string): string {
  return type.toUpperCase().replace(/\bBOOLEAN\b/g, 'BOOL').replace(/\bINT(EGER)?\b/g, 'INT32').replace(/\bLONG\b/g, 'INT64');
}

export interface Difference {
  /**
   * In the order Kuzu accepts them: 0 node tables, 1 properties, 2 rel tables (their ends exist
   * by then), 3 FROM/TO pairs.
   */
  additions: Array<{ stage: 0 | 1 | 2 | 3; statement: string; what: string }>;
  /** What cannot be reconciled, each saying what was found and what is expected. */
  problems: string[];
  /** Properties `retired` names that the folder still holds ("Table.property"). */
  leftovers: string[];
}

/**
 * How the folder differs from `expected`. Tables and properties it does not know, and FROM/TO
 * pairs, are problems only when they hold data (`query` counts it); empty ones are left alone.
 * `ignore` lists tables of the store's own (the schema record); `retired` properties ("T.p") an
 * upgrade left behind to drop.
 */
export async function compareCatalog(
  found: Map<string, FoundTable>,
  expected: readonly KuzuTable[],
  query: Query,
  ignore: ReadonlySet<string>,
  retired: ReadonlySet<string>,
): Promise<Difference> {
  const additions: Difference['additions'] = [];
  const problems: string[] = [];
  const leftovers: string[] = [];
  const count = async (text: string) => Number((await query(text))[0]?.n ?? 0);
  for (const t of expected) {
    const f = found.get(t.name);
    if (!f) {
      additions.push({ stage: t.kind === 'NODE' ? 0 : 2, statement: createTable(t), what: t.name });
      continue;
    }
    if (f.kind !== t.kind) {
      problems.push(`${t.name} is a ${f.kind} table where this build expects a ${t.kind} table`);
      continue;
    }
    if (t.kind === 'NODE' && f.primaryKey !== t.primaryKey) problems.push(`${t.name}'s primary key is ${f.primaryKey} where this build expects ${t.primaryKey}`);
    const declared = new Map(t.properties);
    for (const [name, type] of t.properties) {
      const has = f.properties.get(name);
      if (has === undefined) additions.push({ stage: 1, statement: addProperty(t.name, [name, type]), what: `${t.name}.${name}` });
      else if (canonicalType(has) !== canonicalType(type)) problems.push(`${t.name}.${name} is ${has} where this build expects ${type}`);
    }
    for (const [name, type] of f.properties) {
      if (declared.has(name)) continue;
      if (retired.has(`${t.name}.${name}`)) {
        leftovers.push(`${t.name}.${name}`);
        continue;
      }
      const x = t.kind === 'NODE' ? `(x:${quote(t.name)})` : `()-[x:${quote(t.name)}]->()`;
      const n = await count(`MATCH ${x} WHERE x.${quote(name)} IS NOT NULL RETURN count(x) AS n`);
      if (n > 0) problems.push(`${t.name}.${name} (${type}), which this build does not know, holds values in ${rows(n)}`);
    }
    const pairs = new Set((t.pairs ?? []).map(([a, b]) => `${a}->${b}`));
    for (const pair of t.pairs ?? []) {
      if (!f.pairs.has(`${pair[0]}->${pair[1]}`)) additions.push({ stage: 3, statement: addPair(t.name, pair), what: `${t.name} FROM ${pair[0]} TO ${pair[1]}` });
    }
    for (const pair of f.pairs) {
      if (pairs.has(pair)) continue;
      const [a, b] = pair.split('->') as [string, string];
      const n = await count(`MATCH (:${quote(a)})-[x:${quote(t.name)}]->(:${quote(b)}) RETURN count(x) AS n`);
      if (n > 0) problems.push(`${t.name} FROM ${a} TO ${b}, which this build does not know, holds ${n} relationship${n === 1 ? '' : 's'}`);
    }
  }
  const known = new Set([...expected.map((t) => t.name), ...ignore]);
  for (const [name, f] of found) {
    if (known.has(name)) continue;
    const n = await count(f.kind === 'NODE' ? `MATCH (x:${quote(name)}) RETURN count(x) AS n` : `MATCH ()-[x:${quote(name)}]->() RETURN count(x) AS n`);
    if (n > 0) problems.push(`${f.kind.toLowerCase()} table ${name}, which this build does not know, holds ${rows(n)}`);
  }
  return { additions: additions.sort((a, b) => a.stage - b.stage), problems, leftovers };
}

const rows = (n: number) => `${n} row${n === 1 ? '' : 's'}`;
/** Names come from the folder's own catalog; quoted all the same. */
const literal = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const quote = (s: string) => `\`${s.replace(/`/g, '``')}\``;
