/**
 * GraphStore.paths: the shortest paths between two nodes, found by the engine's own shortest-path
 * search. The two dialects write it differently, side by side here: Kuzu names the search in the
 * relationship pattern (`* ALL SHORTEST 1..n`) and returns a path's relationships with rels(p);
 * Neo4j wraps the pattern in allShortestPaths() and returns them with relationships(p). Both give
 * every path of the shortest length found, and relationships whose ends are the engine's node keys.
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


/** Rows (nodes, rels): each shortest path's nodes in order and its relationships in order. */
export function shortestPaths(d: Dialect, request: PathRequest): Statement {
  const { from, to, maxLength, types, first } = request;
  if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > MAX_PATH_LENGTH) throw new RangeError(`maxLength ${maxLength} is not 1 to ${MAX_PATH_LENGTH}`);
  const a = labelOfId(from);
  const b = labelOfId(to);
  if (!a || !b || types.length === 0) throw new RangeError('paths need two ids of the model and at least one relationship type');
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
