/**
 * The statements behind GraphStore.relationships, written once for both engines: one page of every
 * stored relationship of a type, for exporting the whole graph a page at a time. The relationship
 * type and its end labels come only from schema.ts; offset and limit are parameters.
 */
import { RELATIONSHIPS, type RelType } from '../schema.js';
import type { Dialect } from './dialect.js';
import type { Statement } from './Engine.js';
import { linkColumnsOf } from './queries.js';

/**
 * Rows (source, target, and for relationships with properties kind, explanation, rule, independent,
 * dependence) of one page of `type`'s relationships in their stored direction, ordered by source,
 * target and kind, so consecutive pages neither repeat nor skip a relationship.
 */
export function relationshipPage(d: Dialect, type: RelType, offset: number, limit: number): Statement {
  const spec = RELATIONSHIPS[type];
  const columns = linkColumnsOf(type);
  return {
    text:
      `MATCH (a${d.anyLabel(spec.from)})-[r:${type}]->(b${d.anyLabel(spec.to)}) ` +
      `RETURN a.id AS source, b.id AS target${columns} ORDER BY source, target${spec.hasLinkProperties ? ', kind' : ''} SKIP $offset LIMIT $limit`,
    params: { offset, limit },
    integers: ['offset', 'limit'],
  };
}
