/** A GraphData as the rows both adapters write: node properties per label and relationships per type. */
import { labelOfId, type GraphData, type LinkData, type NodeLabel } from '../domain/model.js';
import type { Neighbour } from './GraphStore.js';
import type { Props } from './properties.js';
import { actorProps, claimProps, completeProps, eventProps, placeProps, sourceProps } from './properties.js';
import type { RelType } from './schema.js';

export interface RelationshipRow {
  type: RelType;
  from: string;
  to: string;
  fromLabel: NodeLabel;
  toLabel: NodeLabel;
}

/**
 * With `whole` (the graph is all the store will hold: a bulk load), each claim says whether a
 * CONTRADICTS joins it (schema.ts INTERNAL_PROPERTIES) from the graph's own contradictions, so
 * nothing is left to settle after the load; otherwise that is unknown (null) until the write settles it.
 */
export function nodeRows(g: GraphData, whole = false): Array<[NodeLabel, Props[]]> {
  const contested = whole ? new Set(g.contradictions.flatMap((l) => [l.from, l.to])) : null;
  return [
    ['Actor', g.actors.map((a) => completeProps('Actor', actorProps(a)))],
    ['Place', g.places.map((p) => completeProps('Place', placeProps(p)))],
    ['Event', g.events.map((e) => completeProps('Event', eventProps(e)))],
    ['Source', g.sources.map((s) => completeProps('Source', sourceProps(s)))],
    ['Claim', g.claims.map((c) => completeProps('Claim', contested ? { ...claimProps(c), contested: contested.has(c.id) } : claimProps(c)))],
  ];
}

export function relationshipRows(g: GraphData): RelationshipRow[] {
  const rows: RelationshipRow[] = [];
  const add = (type: RelType, from: string, to: string) => {
    rows.push({ type, from, to, fromLabel: labelOfId(from)!, toLabel: labelOfId(to)! });
  };
  for (const a of g.actors) for (const m of a.memberOf) add('MEMBER_OF', a.id, m);
  for (const p of g.places) for (const parent of p.partOf) add('PART_OF', p.id, parent);
  for (const e of g.events) {
    for (const p of e.occurredIn) add('OCCURRED_IN', e.id, p);
    for (const a of e.participants) add('PARTICIPATED_IN', a, e.id);
  }
  for (const s of g.sources) if (s.publisher) add('PUBLISHED_BY', s.id, s.publisher);
  for (const c of g.claims) {
    add('MADE', c.claimant, c.id);
    add('REPORTED_IN', c.id, c.source);
    for (const x of c.about) add('ABOUT', c.id, x);
  }
  return rows;
}

export interface LinkRow {
  from: string;
  to: string;
  /** A link's kind, or a reference's relation. */
  kind: string;
  explanation: string;
  rule: string | null;
  independent: boolean | null;
  dependence: string | null;
}

/**
 * Relationships between claims, with properties, written apart from plain relationships (see
 * writes.deleteLinks): CONTRADICTS and CORROBORATES links, and the references (REFERS_TO) claims make.
 */
export function linkRows(g: GraphData): Array<[ClaimRelType, LinkRow[]]> {
  const row = (l: LinkData): LinkRow => ({
    from: l.from, to: l.to, kind: l.kind, explanation: l.explanation, rule: l.rule,
    independent: l.independent ?? null, dependence: l.dependence ?? null,
  });
  const references = g.claims.flatMap((c) => (c.refersTo ?? []).map((r): LinkRow => ({
    from: c.id, to: r.claim, kind: r.relation, explanation: r.explanation, rule: null, independent: null, dependence: null,
  })));
  return [['CONTRADICTS', g.contradictions.map(row)], ['CORROBORATES', g.corroborations.map(row)], ['REFERS_TO', references]];
}

export type ClaimRelType = 'CONTRADICTS' | 'CORROBORATES' | 'REFERS_TO';

/** Groups rows by (type, from label, to label): each group is one parameterised statement. */
export function groupRelationships(rows: RelationshipRow[]): Map<string, RelationshipRow[]> {
  const groups = new Map<string, RelationshipRow[]>();
  for (const r of rows) {
    const key = `${r.type}|${r.fromLabel}|${r.toLabel}`;
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  return groups;
}

/** Neighbours in the port's promised order: by neighbour id, then link kind, then direction. */
export function sortNeighbours(found: Map<string, Neighbour[]>): Map<string, Neighbour[]> {
  const key = (n: Neighbour) => `${n.node.id}|${n.link?.kind ?? ''}|${n.link?.direction ?? ''}`;
  for (const list of found.values()) list.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return found;
}

/** Splits paged rows per key: the rows arrive ordered by key, then by the page order. */
export function pagePerKey<T>(
  ids: readonly string[], rows: Array<{ key: string; item: T }>, offset: number, limit: number,
): Map<string, { total: number; items: T[] }> {
  const all = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const { key, item } of rows) all.get(key)?.push(item);
  return new Map([...all].map(([id, items]) => [id, { total: items.length, items: items.slice(offset, offset + limit) }]));
}
