/**
 * The write statements, for both engines. A write takes `dialect.rowsPerWrite` rows at once: Neo4j
 * UNWINDs a batch of rows; Kuzu runs one statement per row with scalar parameters (dialect.ts says
 * why). Both forms of each statement stand side by side here.
 */
import type { GraphData, NodeLabel } from '../../domain/model.js';
import type { LinkType } from '../GraphStore.js';
import { groupRelationships, nodeRows, relationshipRows, type ClaimRelType } from '../graph-rows.js';
import { LINK_PROPERTIES, NODE_PROPERTIES, type RelType } from '../schema.js';
import type { Dialect } from './dialect.js';
import type { Statement } from './Engine.js';

/** `items` cut into lists of at most `size`, in order. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The statements that write `rows` with the per-row text `one` or the batched text `many` (over `row`). */
export function statements(d: Dialect, rows: readonly object[], one: string, many: string, integers: readonly string[] = []): Statement[] {
  if (d.rowsPerWrite === 1) return rows.map((r) => ({ text: one, params: { ...r }, integers }));
  return batches(rows, d.rowsPerWrite).map((batch) => ({ text: many, params: { rows: batch }, integers }));
}

function propertyNames(label: NodeLabel): string[] {
  return NODE_PROPERTIES[label].map(([name]) => name).filter((n) => n !== 'id');
}

/** Upserts nodes by id, every property replaced. */
export function upsertNodes(d: Dialect, label: NodeLabel, rows: readonly object[]): Statement[] {
  const set = (v: string) => propertyNames(label).map((p) => `n.${p} = ${v}${p}`).join(', ');
  const integers = NODE_PROPERTIES[label].filter(([, t]) => t === 'INT64').map(([n]) => n);
  return statements(
    d, rows,
    `MERGE (n:${label} {id: $id}) SET ${set('$')}`,
    `UNWIND $rows AS row MERGE (n:${label} {id: row.id}) SET ${set('row.')}`,
    integers,
  );
}

/** Creates nodes known to be new (a write checked their ids): no lookup before the write, as MERGE makes. */
export function createNodes(d: Dialect, label: NodeLabel, rows: readonly object[]): Statement[] {
  const props = (v: string) => NODE_PROPERTIES[label].map(([p]) => `${p}: ${v}${p}`).join(', ');
  const integers = NODE_PROPERTIES[label].filter(([, t]) => t === 'INT64').map(([n]) => n);
  return statements(d, rows, `CREATE (n:${label} {${props('$')}})`, `UNWIND $rows AS row CREATE (n:${label} {${props('row.')}})`, integers);
}

/** Merges relationships without properties between nodes of known labels, rows {from, to}. */
export function mergeRelationships(d: Dialect, type: RelType, from: NodeLabel, to: NodeLabel, rows: readonly object[]): Statement[] {
  return statements(
    d, rows,
    `MATCH (a:${from} {id: $from}), (b:${to} {id: $to}) MERGE (a)-[r:${type}]->(b)`,
    `UNWIND $rows AS row MATCH (a:${from} {id: row.from}), (b:${to} {id: row.to}) MERGE (a)-[r:${type}]->(b)`,
  );
}

/**
 * Creates relationships without properties, rows {from, to}, for nodes known to have none of them
 * yet (claims a write adds). MERGE would first walk every relationship of the type the start node
 * has: a claimant or place with 50,000 claims made each new claim cost 50,000 steps.
 */
export function createRelationships(d: Dialect, type: RelType, from: NodeLabel, to: NodeLabel, rows: readonly object[]): Statement[] {
  return statements(
    d, rows,
    `MATCH (a:${from} {id: $from}), (b:${to} {id: $to}) CREATE (a)-[r:${type}]->(b)`,
    `UNWIND $rows AS row MATCH (a:${from} {id: row.from}), (b:${to} {id: row.to}) CREATE (a)-[r:${type}]->(b)`,
  );
}

/**
 * Links (CONTRADICTS, CORROBORATES) are written as delete-then-create, keyed on (from, to, kind): a
 * pair can be linked by a source (EXPLICIT) and by a rule (NUMERIC, ...) and one must not overwrite
 * the other. Kuzu 0.11 also raises "write-write conflict" when one transaction updates links in both
 * directions of a pair and then adds one; deleting every link first and creating afterwards avoids it.
 */
export function deleteLinks(d: Dialect, type: ClaimRelType, rows: ReadonlyArray<{ from: string; to: string; kind: string }>): Statement[] {
  return statements(
    d, rows.map(({ from, to, kind }) => ({ from, to, kind })),
    `MATCH (a:Claim {id: $from})-[r:${type}]->(b:Claim {id: $to}) WHERE r.kind = $kind DELETE r`,
    `UNWIND $rows AS row MATCH (a:Claim {id: row.from})-[r:${type}]->(b:Claim {id: row.to}) WHERE r.kind = row.kind DELETE r`,
  );
}

const props = (v: string) => LINK_PROPERTIES.map(([name]) => `${name}: ${v}${name}`).join(', ');

/** Creates links; a CONTRADICTS marks both its claims contested (schema.ts INTERNAL_PROPERTIES). */
export function createLinks(d: Dialect, type: ClaimRelType, rows: readonly object[]): Statement[] {
  const mark = type === 'CONTRADICTS' ? ' SET a.contested = true, b.contested = true' : '';
  return statements(
    d, rows,
    `MATCH (a:Claim {id: $from}), (b:Claim {id: $to}) CREATE (a)-[r:${type} {${props('$')}}]->(b)${mark}`,
    `UNWIND $rows AS row MATCH (a:Claim {id: row.from}), (b:Claim {id: row.to}) CREATE (a)-[r:${type} {${props('row.')}}]->(b)${mark}`,
  );
}

/** A statement's tail that takes up to $limit of what it matched, and the parameter for it. */
const batchOf = (limit: number) => ({ params: { limit }, integers: ['limit'] });

/**
 * Sets the ids of their claimant and source on up to `limit` claims without them, from MADE and
 * REPORTED_IN; rows (done): how many. Run each until it does none, each run a transaction of its
 * own: a data folder from before they were kept lacks them on every claim, and one transaction
 * for a million would exhaust Neo4j's transaction memory and outlast the query timeout.
 */
export function keepClaimEnds(d: Dialect, limit: number): Statement[] {
  return [
    { text: `MATCH (x${d.anyLabel(['Actor', 'Source'])})-[:MADE]->(c:Claim) WHERE c.claimantId IS NULL WITH x, c LIMIT $limit SET c.claimantId = x.id RETURN count(*) AS done`, ...batchOf(limit) },
    { text: 'MATCH (c:Claim)-[:REPORTED_IN]->(s:Source) WHERE c.sourceId IS NULL WITH c, s LIMIT $limit SET c.sourceId = s.id RETURN count(*) AS done', ...batchOf(limit) },
  ];
}

/** Rows (id): one claim lacking a property the store keeps (schema.ts INTERNAL_PROPERTIES), if any: a folder from before they were kept. */
export function claimLackingKept(): Statement {
  return { text: 'MATCH (c:Claim) WHERE c.claimantId IS NULL OR c.sourceId IS NULL OR c.contested IS NULL RETURN c.id AS id LIMIT 1', params: {} };
}

/**
 * Says of the claims whose `contested` is unknown (null: written since, or from before it was kept)
 * whether a CONTRADICTS joins them: true where one does, then false for those still unknown (Kuzu
 * 0.11 cannot set a property from an EXISTS subquery). In that order no claim a CONTRADICTS joins
 * is ever false, even between the two statements. Of every claim (`all`); of those with these ids
 * (dialect.idIn: batches of idsPerReadInWrite, as a read inside the write that wrote them); or of
 * up to `limit` claims a statement, as keepClaimEnds goes: each then returns (done) how many it
 * settled, and the first is run until it settles none before the second starts.
 */
export function settleContested(d: Dialect, of: 'all' | readonly string[] | { limit: number }): Statement[] {
  const some = typeof of !== 'string' && !('limit' in of) ? d.idIn('c', 'ids', of) : null;
  const where = `c.contested IS NULL${some ? ` AND ${some.condition}` : ''}`;
  const limit = typeof of !== 'string' && 'limit' in of ? of.limit : null;
  const set = (value: boolean, distinct: string) =>
    limit === null ? `SET c.contested = ${value}` : `WITH ${distinct}c LIMIT $limit SET c.contested = ${value} RETURN count(*) AS done`;
  const params = limit === null ? { params: some?.params ?? {} } : batchOf(limit);
  return [
    { text: `MATCH (c:Claim)-[:CONTRADICTS]-(:Claim) WHERE ${where} ${set(true, 'DISTINCT ')}`, ...params },
    { text: `MATCH (c:Claim) WHERE ${where} ${set(false, '')}`, ...params },
  ];
}

/** Removes the links rules derived (they carry a rule), so a recomputation can replace them. */
export function deleteDerivedLinks(type: LinkType): Statement {
  return { text: `MATCH (:Claim)-[r:${type}]->(:Claim) WHERE r.rule IS NOT NULL DELETE r`, params: {} };
}

/** Up to $limit nodes of a label deleted with their relationships: big labels are emptied batch by batch. */
export function deleteBatchOf(label: NodeLabel, limit: number): Statement {
  return { text: `MATCH (n:${label}) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted`, params: { limit }, integers: ['limit'] };
}

/**
 * The statements writing a graph's nodes and plain relationships, nodes first. With `fresh`, every
 * node is new (checked by the caller), so nodes and relationships are created rather than merged;
 * with `whole`, the graph is all the store holds (graph-rows.nodeRows).
 */
export function entityStatements(d: Dialect, graph: GraphData, fresh = false, whole = false): Statement[] {
  const write = fresh ? createRelationships : mergeRelationships;
  return [
    ...nodeRows(graph, whole).flatMap(([label, rows]) => (fresh ? createNodes : upsertNodes)(d, label, rows)),
    ...[...groupRelationships(relationshipRows(graph)).values()].flatMap((rows) => {
      const { type, fromLabel, toLabel } = rows[0]!;
      return write(d, type, fromLabel, toLabel, rows.map((r) => ({ from: r.from, to: r.to })));
    }),
  ];
}
