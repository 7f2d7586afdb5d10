/**
 * Kuzu's bulk path: rows written to CSV files and loaded with COPY FROM, which takes column types
 * from the table (parameters would have theirs guessed from the first row, see cypher/dialect.ts).
 * File paths are the loader's own temporary files, never input, and are checked before they reach
 * the query text because COPY cannot take them as parameters.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import type { GraphData, NodeLabel } from '../../domain/model.js';
import { groupRelationships, linkRows, nodeRows, relationshipRows } from '../graph-rows.js';
import type { Props } from '../properties.js';
import { LINK_PROPERTIES, NODE_PROPERTIES, RELATIONSHIPS, type RelType } from '../schema.js';

/** Separates list elements inside one CSV field; a control character no name contains. */
const LIST_SEPARATOR = '\u001f';

/**
 * Quoted fields may span lines (quotes and texts do), which Kuzu's parallel CSV reader cannot
 * split, so files are read sequentially. An empty field is NULL.
 */
const CSV_OPTIONS = `(HEADER=true, DELIM=',', QUOTE='"', ESCAPE='"', PARALLEL=false)`;

function field(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.length === 0 ? '' : quote(v.join(LIST_SEPARATOR));
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
    return String(v);
  }
  return String(v);
}

function quote(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}

/** Writes a CSV file with a header row, honouring back-pressure so a million rows stay in bounded memory. */
async function writeCsv(file: string, columns: readonly string[], rows: Iterable<readonly unknown[]>): Promise<number> {
  const out = fs.createWriteStream(file, { encoding: 'utf8' });
  const failed = once(out, 'error').then(([e]) => Promise.reject(e as Error));
  failed.catch(() => undefined);
  let count = 0;
  let chunk = `${columns.join(',')}\n`;
  for (const row of rows) {
    chunk += `${row.map(field).join(',')}\n`;
    count += 1;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
      chunk = '';
    }
  }
  out.end(chunk);
  await Promise.race([once(out, 'finish'), failed]);
  return count;
}

function checkedPath(file: string): string {
  if (!/^[\w/.\-]+$/.test(file)) throw new Error(`refusing a COPY path with unusual characters: ${file}`);
  return file;
}

function nodeColumns(label: NodeLabel): string[] {
  return NODE_PROPERTIES[label].map(([name]) => name);
}

function nodeCsvRows(label: NodeLabel, rows: readonly Props[]): Iterable<unknown[]> {
  const columns = nodeColumns(label);
  return rows.map((r) => columns.map((c) => r[c]));
}

/**
 * COPY into a node table. Tables with list columns go through LOAD WITH HEADERS, which reads
 * every column with a declared type (no sniffing: "2024-08" must stay a string) so the lists can
 * be split; others copy straight from the file.
 */
function copyNodes(label: NodeLabel, file: string): string {
  const props = NODE_PROPERTIES[label];
  const path = checkedPath(file);
  if (!props.some(([, type]) => type === 'STRING[]')) return `COPY ${label} FROM '${path}' ${CSV_OPTIONS}`;
  const declared = props.map(([name, type]) => `${name} ${type === 'STRING[]' ? 'STRING' : type}`).join(', ');
  const returned = props
    .map(([name, type]) =>
      type === 'STRING[]'
        ? `CASE WHEN ${name} IS NULL THEN CAST([] AS STRING[]) ELSE string_split(${name}, '${LIST_SEPARATOR}') END`
        : name,
    )
    .join(', ');
  return `COPY ${label} FROM (LOAD WITH HEADERS (${declared}) FROM '${path}' ${CSV_OPTIONS} RETURN ${returned})`;
}

const LINK_COLUMNS = ['from', 'to', ...LINK_PROPERTIES.map(([name]) => name)];

/** COPY into a relationship table; a table with several endpoint pairs names the pair. */
function copyRelationships(type: RelType, from: NodeLabel, to: NodeLabel, file: string, multiPair: boolean): string {
  const pair = multiPair ? `, from='${from}', to='${to}'` : '';
  return `COPY ${type} FROM '${checkedPath(file)}' ${CSV_OPTIONS.slice(0, -1)}${pair})`;
}

/** Writes each table's rows to a CSV file in a temporary folder and runs `exec` on the COPY of each. */
export async function copyGraph(graph: GraphData, exec: (statement: string) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-copy-'));
  try {
    let n = 0;
    const file = () => path.join(dir, `${n++}.csv`);
    for (const [label, rows] of nodeRows(graph, true)) {
      if (rows.length === 0) continue;
      const f = file();
      await writeCsv(f, nodeColumns(label), nodeCsvRows(label, rows));
      await exec(copyNodes(label, f));
    }
    for (const rows of groupRelationships(relationshipRows(graph)).values()) {
      const { type, fromLabel, toLabel } = rows[0]!;
      const spec = RELATIONSHIPS[type];
      const f = file();
      await writeCsv(f, ['from', 'to'], rows.map((r) => [r.from, r.to]));
      await exec(copyRelationships(type, fromLabel, toLabel, f, spec.from.length * spec.to.length > 1));
    }
    for (const [type, rows] of linkRows(graph)) {
      if (rows.length === 0) continue;
      const f = file();
      await writeCsv(f, LINK_COLUMNS, rows.map((r) => [r.from, r.to, ...LINK_PROPERTIES.map(([name]) => r[name])]));
      await exec(copyRelationships(type, 'Claim', 'Claim', f, false));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
