/**
 * Kuzu needs its tables declared; this derives them from the shared schema (schema.ts), as data
 * (`kuzuTables`, what migrate.ts compares a data folder's catalog with) and as the statements that
 * create them or add what an older folder lacks.
 */
import { NODE_LABELS, type NodeLabel } from '../../domain/model.js';
import { AUDIT_NODES, AUDIT_RELATIONSHIP, DERIVED_NODES, DERIVED_RELATIONSHIP, FULLTEXT, FULLTEXT_ANALYZER, LINK_PROPERTIES, NODE_PROPERTIES, RELATIONSHIPS, type FulltextIndexFound, type RelationshipSpec } from '../schema.js';

/** A table as this build declares it: a node table with its primary key, or a rel table with its FROM/TO pairs. */
export interface KuzuTable {
  readonly name: string;
  readonly kind: 'NODE' | 'REL';
  /** Name and type, in declaration order; a node table's include its primary key. */
  readonly properties: ReadonlyArray<readonly [string, string]>;
  /** Node tables only. */
  readonly primaryKey?: string;
  /** Rel tables only: [from, to] label pairs. */
  readonly pairs?: ReadonlyArray<readonly [string, string]>;
}

/** Every table schema.ts declares, the graph's, the audit trail's and the derived ones: node tables first (rel tables refer to them). */
export function kuzuTables(): KuzuTable[] {
  const nodes = [...Object.entries(NODE_PROPERTIES), ...Object.entries(AUDIT_NODES), ...Object.entries(DERIVED_NODES)].map(
    ([name, properties]): KuzuTable => ({ name, kind: 'NODE', properties, primaryKey: 'id' }),
  );
  const rels = Object.entries(RELATIONSHIPS as Record<string, RelationshipSpec>).map(
    ([name, spec]): KuzuTable => ({
      name,
      kind: 'REL',
      properties: spec.hasLinkProperties ? LINK_PROPERTIES : [],
      pairs: spec.from.flatMap((f) => spec.to.map((t) => [f, t] as const)),
    }),
  );
  return [...nodes, ...rels, fanOut(AUDIT_RELATIONSHIP), fanOut(DERIVED_RELATIONSHIP)];
}

/** A rel table from one label to several, without properties: the audit trail's CHANGED, the name keys' NAMES. */
function fanOut({ type, from, to }: { type: string; from: string; to: readonly string[] }): KuzuTable {
  return { name: type, kind: 'REL', properties: [], pairs: to.map((t) => [from, t] as const) };
}

export function createTable(table: KuzuTable): string {
  const properties = table.properties.map(([n, t]) => `${n} ${t}`);
  if (table.kind === 'NODE') return `CREATE NODE TABLE IF NOT EXISTS ${table.name}(${[...properties, `PRIMARY KEY(${table.primaryKey})`].join(', ')})`;
  const pairs = (table.pairs ?? []).map(([f, t]) => `FROM ${f} TO ${t}`);
  return `CREATE REL TABLE IF NOT EXISTS ${table.name}(${[...pairs, ...properties].join(', ')})`;
}

export function addProperty(table: string, [name, type]: readonly [string, string]): string {
  return `ALTER TABLE ${table} ADD IF NOT EXISTS ${name} ${type}`;
}

/** Kuzu 0.11 adds a FROM/TO pair to an existing rel table in place, inside a transaction. */
export function addPair(table: string, [from, to]: readonly [string, string]): string {
  return `ALTER TABLE ${table} ADD IF NOT EXISTS FROM ${from} TO ${to}`;
}

/** Every table and property, idempotently (CREATE ... IF NOT EXISTS, ALTER ... ADD IF NOT EXISTS). */
export function kuzuDdl(): string[] {
  const tables = kuzuTables();
  return [
    ...tables.map(createTable),
    ...tables.flatMap((t) => t.properties.filter(([n]) => n !== t.primaryKey).map((p) => addProperty(t.name, p))),
  ];
}

/** The full-text indexes not yet in `existing`, English-stemmed as Neo4j's are. */
export function kuzuFulltextIndexes(existing: ReadonlySet<string>): string[] {
  return NODE_LABELS.filter((label) => !existing.has(FULLTEXT[label].index)).map((label) => {
    const { index, properties } = FULLTEXT[label];
    return `CALL CREATE_FTS_INDEX('${label}', '${index}', [${properties.map((p) => `'${p}'`).join(', ')}], stemmer := '${FULLTEXT_ANALYZER}')`;
  });
}

/** Kuzu's indexes, the full-text ones with their definition. */
export const KUZU_SHOW_INDEXES = 'CALL SHOW_INDEXES() RETURN index_name, table_name, index_type, property_names, index_definition';

/** A row of KUZU_SHOW_INDEXES as staleFulltextIndexes reads it; null for an index of another kind. */
export function kuzuFulltextIndexFound(row: Record<string, unknown>): FulltextIndexFound | null {
  if (row.index_type !== 'FTS') return null;
  return {
    name: String(row.index_name),
    labels: [String(row.table_name)],
    properties: (row.property_names as unknown[]).map(String),
    // The definition Kuzu keeps is the CREATE_FTS_INDEX call, its stemmer spelled out.
    analyzer: /stemmer := '([^']*)'/.exec(String(row.index_definition))?.[1] ?? null,
  };
}

/** Drops one of FULLTEXT's indexes (label and name from the allow-list: staleFulltextIndexes). */
export const kuzuDropFulltextIndex = (label: NodeLabel, name: string): string => `CALL DROP_FTS_INDEX('${label}', '${name}')`;
