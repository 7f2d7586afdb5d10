/**
 * GraphStore.paths: paths between two nodes, shortest first. The shortest are found by the engine's
 * own shortest-path search; when they are fewer than asked for, paths one relationship longer
 * follow, then two, up to the longest allowed, each length one statement of its own that stops at
 * the paths still wanted. The two dialects write them differently, side by side here: Kuzu names
 * the search in the relationship pattern (`* ALL SHORTEST 1..n`, `* TRAIL n..n`) and returns a
 * path's relationships with rels(p); Neo4j wraps the pattern in allShortestPaths() (and states
 * "no node twice" as a predicate) and returns them with relationships(p). Relationships' ends are
 * the engine's node keys.
 */
import { MAX_PATH_LENGTH, labelOfId } from '../../domain/model.js';
import type { EdgeRecord, NodeRecord, SubgraphRecord } from '../GraphStore.js';
import { toRecord } from '../properties.js';
import type { RelType } from '../schema.js';
import type { Dialect } from './dialect.js';
import type { NodeValue, RelValue, Row, Statement } from './Engine.js';
import { edgeOf } from './expand.js';

export interface PathRequest {
  from: string;
  to: string;
  /** Most relationships a path may have, 1 to MAX_PATH_LENGTH. */
  maxLength: number;
  types: readonly RelType[];
  /** Most paths to return. */
  first: number;
}

/**
 * The labels of a path's two ends, which label the pattern's ends (so each is looked up by its
 * primary key), once the request is checked: `length` relationships, two ids of the model, a type.
 */
function endLabels(request: PathRequest, length: number): { a: string; b: string } {
  if (!Number.isInteger(length) || length < 1 || length > MAX_PATH_LENGTH) throw new RangeError(`length ${length} is not 1 to ${MAX_PATH_LENGTH}`);
  const a = labelOfId(request.from);
  const b = labelOfId(request.to);
  if (!a || !b || request.types.length === 0) throw new RangeError('paths need two ids of the model and at least one relationship type');
  return { a, b };
}

/** Rows (nodes, rels): each shortest path's nodes in order and its relationships in order. */
export function shortestPaths(d: Dialect, request: PathRequest): Statement {
  const { from, to, maxLength, types, first } = request;
  const { a, b } = endLabels(request, maxLength);
  const params = { from, to, first };
  if (d.name === 'kuzu') {
    return {
      text:
        `MATCH p = (a:${a})-[:${types.join('|:')}* ALL SHORTEST 1..${maxLength}]-(b:${b}) WHERE a.id = $from AND b.id = $to ` +
        'RETURN nodes(p) AS nodes, rels(p) AS rels LIMIT $first',
      params,
      integers: ['first'],
    };
  }
  return {
    text:
      `MATCH (a:${a} {id: $from}), (b:${b} {id: $to}) MATCH p = allShortestPaths((a)-[:${types.join('|')}*1..${maxLength}]-(b)) ` +
      'RETURN nodes(p) AS nodes, relationships(p) AS rels LIMIT $first',
    params,
    integers: ['first'],
  };
}

/**
 * Rows (nodes, rels): at most `limit` paths of exactly `length` relationships, no node twice (a
 * path through a node and back again says nothing a shorter one does not).
 */
export function pathsOfLength(d: Dialect, request: PathRequest, length: number, limit: number): Statement {
  const { from, to, types } = request;
  const { a, b } = endLabels(request, length);
  const params = { from, to, limit };
  if (d.name === 'kuzu') {
    // Kuzu 0.11's ACYCLIC lets a path pass through its end node before it ends there (Belousov ->
    // a claim -> ISW -> another claim -> ISW): a trail, checked with is_acyclic() instead.
    return {
      text:
        `MATCH p = (a:${a})-[:${types.join('|:')}* TRAIL ${length}..${length}]-(b:${b}) WHERE a.id = $from AND b.id = $to AND is_acyclic(p) ` +
        'RETURN nodes(p) AS nodes, rels(p) AS rels LIMIT $limit',
      params,
      integers: ['limit'],
    };
  }
  return {
    text:
      `MATCH (a:${a} {id: $from}), (b:${b} {id: $to}) MATCH p = (a)-[:${types.join('|')}*${length}..${length}]-(b) ` +
      'WHERE all(i IN range(1, length(p)) WHERE NOT nodes(p)[i] IN nodes(p)[0..i]) ' +
      'RETURN nodes(p) AS nodes, relationships(p) AS rels LIMIT $limit',
    params,
    integers: ['limit'],
  };
}

/** One path as a subgraph: its nodes in path order, its relationships in path order and stored direction. */
export function pathOf(row: Row): SubgraphRecord {
  const values = row.nodes as NodeValue[];
  const idOf = new Map(values.map((n) => [n.key!, String(n.properties.id)]));
  const nodes: NodeRecord[] = values.map((n) => toRecord(n.label, n.properties as Record<string, unknown>));
  const edges: EdgeRecord[] = (row.rels as RelValue[]).map((r) =>
    edgeOf(r.type as RelType, { ...r.properties, source: idOf.get(r.start), target: idOf.get(r.end) }),
  );
  return { nodes, edges, truncated: false };
}
