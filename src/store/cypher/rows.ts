/** Rows as the engines return them -> records: what CypherStore's reads and a write transaction's reads share. */
import { labelOfId, type LinkData } from '../../domain/model.js';
import { StoreQueryError } from '../errors.js';
import type { AnalysisInput, ClaimRecord, LinkRow, NodeRecord } from '../GraphStore.js';
import { toRecord } from '../properties.js';
import type { NodeValue, Row } from './Engine.js';

export const text = (v: unknown): string => String(v ?? '');

/** A record from a node (NodeValue), or from a map of some of its properties (queries.hotNode), whose id names its label. */
export function record<T extends NodeRecord = NodeRecord>(value: unknown): T {
  const node = value as Partial<NodeValue> & Record<string, unknown>;
  if (node.label && node.properties) return toRecord(node.label, node.properties as Record<string, unknown>) as T;
  const label = labelOfId(String(node.id));
  if (!label) throw new StoreQueryError(`a row's node has no id of a known label: ${String(node.id)}`);
  return toRecord(label, node) as T;
}

/** A relationship's own properties, as LinkInfo and LinkRow carry them. */
export function linkProps(r: Row) {
  return {
    kind: r.kind as LinkRow['kind'], explanation: text(r.explanation), rule: (r.rule as string | null) ?? null,
    independent: typeof r.independent === 'boolean' ? r.independent : null, dependence: (r.dependence as string | null) ?? null,
  };
}

/** A link from a row with fromId, toId and its properties (queries.statedLinks, curation.linksTouching). */
export function linkOf(r: Row): LinkData {
  return { from: text(r.fromId), to: text(r.toId), ...linkProps(r) };
}

/** The statements' rows analysis needs (queries.analysableClaims, placeParents, ...), as its input. */
export interface AnalysisRows {
  claims: Row[];
  parents: Row[];
  names: Row[];
  memberships: Row[];
  publishers: Row[];
  restatements: Row[];
  /** Rows (id, claimant, source) of claims not among `claims` whose origins are wanted too. */
  origins: Row[];
  stated: Row[];
}

export function analysisInputOf(rows: AnalysisRows): AnalysisInput {
  const lists = (from: Row[], key: string, value: string) =>
    from.reduce((m, r) => m.set(text(r[key]), [...(m.get(text(r[key])) ?? []), text(r[value])]), new Map<string, string[]>());
  // One claim per id: Kuzu 0.11 may return a row twice inside a transaction that wrote near it.
  const claims = [...new Map(rows.claims.map((r) => {
    const claim = { ...record<ClaimRecord>(r.node), claimant: text(r.claimant), source: text(r.source) };
    return [claim.id, claim] as const;
  })).values()];
  const originOf = new Map(claims.map((c) => [c.id, { claimant: c.claimant, source: c.source }]));
  for (const r of rows.origins) originOf.set(text(r.id), { claimant: text(r.claimant), source: text(r.source) });
  return {
    claims,
    parentOf: lists(rows.parents, 'child', 'parent'),
    nameOf: new Map(rows.names.map((r) => [text(r.id), text(r.name)])),
    memberOf: lists(rows.memberships, 'member', 'organisation'),
    publisherOf: new Map(rows.publishers.map((r) => [text(r.source), text(r.publisher)])),
    restates: lists(rows.restatements, 'claim', 'restated'),
    originOf,
    statedCorroborations: rows.stated.map(linkOf),
  };
}
