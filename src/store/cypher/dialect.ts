/**
 * Where Kuzu's and Neo4j's Cypher differ, side by side and named for the reason. Statement builders
 * (queries.ts, writes.ts) ask the dialect instead of bending one text around the other engine.
 */
import type { NodeLabel } from '../../domain/model.js';

export interface Dialect {
  readonly name: 'kuzu' | 'neo4j';
  /** A node of any of these labels: Kuzu `:A:B`, Neo4j `:A|B`. */
  anyLabel(labels: readonly NodeLabel[]): string;
  /** Items `$offset` up to `$offset + $limit` of a list expression. */
  slice(list: string, offset: string, limit: string): string;
  /** `v.id` is one of the ids bound to `$param` (an equality when there is one). */
  idIn(v: string, param: string, ids: readonly string[]): { condition: string; params: Record<string, unknown> };
  /**
   * Node `v`, of several labels, has its id among `ids`, bound to `$param`: `unwind` goes before the
   * MATCH, `condition` into its WHERE (an equality when there is one id).
   */
  nearIds(v: string, param: string, ids: readonly string[]): { unwind: string; condition: string; params: Record<string, unknown> };
  /** A WHERE part, right after a MATCH, keeping rows that meet every condition; `variables` are the MATCH's. */
  where(variables: string, conditions: readonly string[]): string;
  /** Rows a write statement takes at once: 1 means one statement per row with scalar parameters. */
  readonly rowsPerWrite: number;
  /**
   * Ids a read inside a write transaction names at once. Kuzu 0.11 answers an `IN` filter wrongly
   * for rows the transaction itself inserted (another node's row comes back in their place), and an
   * equality rightly: there such reads take one id per statement.
   */
  readonly idsPerReadInWrite: number;
  /** Whether relationship `r` starts at node `v` (a boolean expression). */
  startsAt(r: string, v: string): string;
  /** Some of node `v`'s properties as one value, a map of them: Kuzu a STRUCT literal, Neo4j a map projection. */
  properties(v: string, names: readonly string[]): string;
  /**
   * A page's bounds, `$offset` and `$limit`, for a slice whose result feeds a later MATCH: `carry`
   * goes at the end of the WITH before the slice, and `offset`/`limit` are what the slice reads.
   */
  readonly boundsBeforeMatch: { carry: string; offset: string; limit: string };
  /**
   * A WHERE condition keeping links whose unordered pair of ends (`pairKey`, an expression over a
   * and b) is one of `pairKeys`, binding what it needs in `params`. It may keep more (Kuzu's does):
   * the caller keeps the pairs it asked for.
   */
  pairsIn(pairKey: string, params: Record<string, unknown>, pairKeys: readonly string[]): string;
}

export const kuzuDialect: Dialect = {
  name: 'kuzu',
  anyLabel: (labels) => `:${labels.join(':')}`,
  // Kuzu lists are 1-based and slices include both ends.
  slice: (list, offset, limit) => `list_slice(${list}, ${offset} + 1, ${offset} + ${limit})`,
  // Kuzu 0.11 answers `id = $x` from the primary-key index but `id IN $xs` by scanning the table.
  idIn: (v, param, ids) =>
    ids.length === 1
      ? { condition: `${v}.id = $${param}`, params: { [param]: ids[0] } }
      : { condition: `${v}.id IN $${param}`, params: { [param]: [...ids] } },
  // Kuzu 0.11.3 answers a scan of several node tables filtered by id wrongly (another table's row,
  // strings cut short) when one of the tables holds a single row and the data is checkpointed; the
  // ids unwound and joined by equality answer right (docs/store.md, "Kuzu workarounds"). One id is
  // idIn's equality, which answers right too.
  nearIds: (v, param, ids) =>
    ids.length === 1
      ? { unwind: '', ...kuzuDialect.idIn(v, param, ids) }
      : { unwind: `UNWIND $${param} AS ${v}Near `, condition: `${v}.id = ${v}Near`, params: { [param]: [...new Set(ids)] } },
  // Kuzu 0.11 loses the parameters of an EXISTS subquery that shares a WHERE with another
  // parameterised predicate ("Parameter x not found"): one WITH ... WHERE stage per condition.
  where: (variables, conditions) => conditions.map((c, i) => `${i === 0 ? '' : ` WITH ${variables}`} WHERE ${c}`).join(''),
  // Kuzu types a list-of-struct parameter from its first row (a null there breaks every later row)
  // and crashes on some mistyped ones: writes go row by row with scalar parameters.
  rowsPerWrite: 1,
  idsPerReadInWrite: 1,
  // Kuzu has no startNode(); a relationship value carries its start node's internal id as _src.
  startsAt: (r, v) => `struct_extract(${r}, '_src') = id(${v})`,
  properties: (v, names) => `{${names.map((n) => `${n}: ${v}.${n}`).join(', ')}}`,
  // Kuzu 0.11 crashes the process when a slice bounded by parameters feeds a later MATCH, and not
  // when the bounds are first carried as columns.
  boundsBeforeMatch: { carry: ', $offset AS pageFrom, $limit AS pageSize', offset: 'pageFrom', limit: 'pageSize' },
  // Kuzu 0.11 corrupts the rows a WHERE on a CASE expression lets through (ids of one row in
  // another, strings run on), so the pairs are narrowed by their ends, and matched exactly by the
  // caller on the pair computed in RETURN, where CASE is safe.
  pairsIn: (_pairKey, params, pairKeys) => {
    params.pairEnds = [...new Set(pairKeys.flatMap((k) => k.split(' ')))];
    return 'a.id IN $pairEnds AND b.id IN $pairEnds';
  },
};

export const neo4jDialect: Dialect = {
  name: 'neo4j',
  anyLabel: (labels) => `:${labels.join('|')}`,
  slice: (list, offset, limit) => `${list}[${offset}..(${offset} + ${limit})]`,
  idIn: (v, param, ids) => ({ condition: `${v}.id IN $${param}`, params: { [param]: [...ids] } }),
  nearIds: (v, param, ids) => ({ unwind: '', ...neo4jDialect.idIn(v, param, ids) }),
  where: (_variables, conditions) => (conditions.length ? ` WHERE ${conditions.map((c) => `(${c})`).join(' AND ')}` : ''),
  // One round trip per thousand rows; more would only grow the transaction's memory per statement.
  rowsPerWrite: 1000,
  idsPerReadInWrite: 1000,
  startsAt: (r, v) => `startNode(${r}) = ${v}`,
  properties: (v, names) => `${v} {${names.map((n) => `.${n}`).join(', ')}}`,
  boundsBeforeMatch: { carry: '', offset: '$offset', limit: '$limit' },
  pairsIn: (pairKey, params, pairKeys) => {
    params.pairKeys = [...pairKeys];
    return `${pairKey} IN $pairKeys`;
  },
};
