/**
 * The statements behind GraphStore.subgraph, written once for both engines: one walk of one
 * relationship type in one direction from a set of nodes. One statement per type and direction,
 * so each row's direction is its statement's, and no UNION: inside a bigger query that is where
 * Kuzu 0.11 is least reliable. Every value is a
 * parameter; labels and relationship types come only from schema.ts.
 */
import { labelOfId } from '../../domain/model.js';
import { RELATIONSHIPS, type RelType } from '../schema.js';
import type { Dialect } from './dialect.js';
import type { Statement } from './Engine.js';
import { linkColumnsOf } from './queries.js';

/**
 * Which far ends a walk returns: those outside `outside` (the nodes of earlier hops, whose
 * relationships to this hop were already walked), or only those `within` a set (the last hop's
 * relationships among its own nodes). An empty `outside` means no restriction: Kuzu cannot bind
 * an empty list.
 */
export type FarEnd = { outside: readonly string[] } | { within: readonly string[] };

/**
 * Rows (source, target, and for relationships with properties kind, explanation, rule,
 * independent, dependence) of relationships of `type` with one end among `from`: its start when
 * `direction` is OUT, its end when IN. Source and target are the stored direction either way.
 * Ordered by source, target, kind, at most `rows` of them. Null when no id of `from` can be at
 * that end of such a relationship (its label says so), so no statement runs for nothing.
 */
export function walk(
  d: Dialect, type: RelType, direction: 'OUT' | 'IN', from: readonly string[], far: FarEnd, rows: number,
): Statement | null {
  const spec = RELATIONSHIPS[type];
  const near = direction === 'OUT' ? spec.from : spec.to;
  const ids = from.filter((id) => (near as readonly string[]).includes(labelOfId(id) ?? ''));
  if (ids.length === 0) return null;
  const [start, end] = direction === 'OUT' ? ['k', 'n'] : ['n', 'k'];
  const known = d.nearIds('k', 'ids', ids);
  const params: Record<string, unknown> = { ...known.params, rows };
  const conditions = [known.condition];
  if ('within' in far) {
    params.far = [...far.within];
    conditions.push('n.id IN $far');
  } else if (far.outside.length > 0) {
    params.far = [...far.outside];
    conditions.push('NOT (n.id IN $far)');
  }
  const columns = linkColumnsOf(type);
  return {
    text:
      `${known.unwind}MATCH (${start}${d.anyLabel(spec.from)})-[r:${type}]->(${end}${d.anyLabel(spec.to)}) WHERE ${conditions.join(' AND ')} ` +
      `RETURN ${start}.id AS source, ${end}.id AS target${columns} ORDER BY source, target${spec.hasLinkProperties ? ', kind' : ''} LIMIT $rows`,
    params,
    integers: ['rows'],
  };
}
