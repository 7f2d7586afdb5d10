/** Kuzu's rows as the engine-neutral Row that CypherStore reads (cypher/rows.ts). */
import type { KuzuValue } from 'kuzu';
import type { NodeLabel } from '../../domain/model.js';
import type { Row } from '../cypher/Engine.js';

type InternalId = { offset: number; table: number };
const internal = (id: InternalId) => `${id.table}:${id.offset}`;

/**
 * Kuzu returns a node as its properties plus `_id` and `_label`, and a relationship (in a path) as
 * its properties plus `_src`, `_dst` (the ends' `_id`s) and `_label`, its type.
 */
function decodeValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodeValue);
  if (v === null || typeof v !== 'object' || !('_label' in v)) return v;
  const o = v as Record<string, unknown> & { _label: string };
  if ('_src' in o && '_dst' in o) {
    return { type: o._label, start: internal(o._src as InternalId), end: internal(o._dst as InternalId), properties: o };
  }
  if ('_id' in o) return { label: o._label as NodeLabel, properties: o, key: internal(o._id as InternalId) };
  return v;
}

export function decodeRow(row: Record<string, KuzuValue>): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k] = decodeValue(v);
  return out;
}
