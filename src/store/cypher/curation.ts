/**
 * Statements of curated writes and of the audit trail (schema.ts AUDIT_NODES), for both engines.
 * Every list parameter is non-empty: callers skip a statement whose list would be empty (Kuzu
 * crashes on an empty list, kuzu/params.ts).
 */
import { NODE_LABELS, type NodeLabel } from '../../domain/model.js';
import type { AnalysisScope, ChangeRecord, LinkType } from '../GraphStore.js';
import { AUDIT_RELATIONSHIP, RELATIONSHIPS, type RelationshipSpec, type RelType } from '../schema.js';
import { CLAIMANT, LINK_COLUMNS, notDeprecated } from './queries.js';
import type { Dialect } from './dialect.js';
import type { Statement } from './Engine.js';

const SUBJECT = ['Place', 'Actor', 'Event'] as const;

/**
 * The next change number, rows `seq`. Incrementing the one ChangeLog node write-locks it until the
 * transaction ends, so concurrent writes (other processes on Neo4j included) take their turn here.
 */
export function nextChange(): Statement {
  return {
    text: "MERGE (l:ChangeLog {id: 'graph'}) ON CREATE SET l.last = 1 ON MATCH SET l.last = l.last + 1 RETURN l.last AS seq",
    params: {},
  };
}

/** Marks (or clears) that a write's derived data is still to be computed (CypherStore.writeDeriving). */
export function markDeriving(on: boolean): Statement {
  return { text: "MATCH (l:ChangeLog) WHERE l.id = 'graph' SET l.deriving = $value", params: { value: on } };
}

/** Rows (deriving): whether a write's derived data was left to compute, e.g. by a process that stopped in between. */
export function derivingLeft(): Statement {
  return { text: "MATCH (l:ChangeLog) WHERE l.id = 'graph' RETURN l.deriving AS deriving", params: {} };
}

/** Rows (last): the graph's version, the number of the last write; none before the first. */
export function graphVersion(): Statement {
  return { text: "MATCH (l:ChangeLog) WHERE l.id = 'graph' RETURN l.last AS last", params: {} };
}

/**
 * Rows (node, claimant, source, about): claims by id with the ids they hang from. DISTINCT: inside a
 * write, Kuzu 0.11 returns an ABOUT relationship that write created twice.
 */
export function claimsWithRelations(d: Dialect, ids: readonly string[]): Statement {
  const { condition, params } = d.idIn('c', 'ids', ids);
  return {
    text:
      `MATCH (x${d.anyLabel(CLAIMANT)})-[:MADE]->(c:Claim)-[:REPORTED_IN]->(s:Source) WHERE ${condition} ` +
      `OPTIONAL MATCH (c)-[:ABOUT]->(t${d.anyLabel(SUBJECT)}) ` +
      'RETURN c AS node, x.id AS claimant, s.id AS source, collect(DISTINCT t.id) AS about ORDER BY node.id',
    params,
  };
}

/** Rows (claim, other, kind, explanation): the references (REFERS_TO) the claims make. */
export function referencesOf(d: Dialect, ids: readonly string[]): Statement {
  const { condition, params } = d.idIn('c', 'ids', ids);
  return {
    text: `MATCH (c:Claim)-[r:REFERS_TO]->(o:Claim) WHERE ${condition} RETURN c.id AS claim, o.id AS other, r.kind AS kind, r.explanation AS explanation ORDER BY claim, other`,
    params,
  };
}

/**
 * Rows (node, claimant, source): the claims analysis compares with the scope's: the same measure
 * kind (every side and place: the rules match places through the hierarchy), or the same subject.
 */
export function scopeClaims(d: Dialect, scope: AnalysisScope): Statement | null {
  const params: Record<string, unknown> = {};
  const any: string[] = [];
  const kinds = [...new Set(scope.measures.map((m) => m.kind))];
  if (kinds.length > 0) {
    params.kinds = kinds;
    any.push('c.measureKind IN $kinds');
  }
  if (scope.subjects.length > 0) {
    params.subjects = [...new Set(scope.subjects)];
    any.push('c.assertionSubject IN $subjects');
  }
  if (any.length === 0) return null;
  return {
    text:
      `MATCH (x${d.anyLabel(CLAIMANT)})-[:MADE]->(c:Claim)-[:REPORTED_IN]->(s:Source) ` +
      `WHERE (${any.join(' OR ')}) AND ${notDeprecated('c')} RETURN c AS node, x.id AS claimant, s.id AS source ORDER BY node.id`,
    params,
  };
}

/** Rows (fromId, toId, link properties): links of a type with an end among the claims (or any), derived ones or stated ones. */
export function linksTouching(type: LinkType, ids: readonly string[] | 'all', derived: boolean): Statement {
  const among = ids === 'all' ? '' : ' AND (a.id IN $ids OR b.id IN $ids)';
  return {
    text:
      `MATCH (a:Claim)-[r:${type}]->(b:Claim) WHERE r.rule IS ${derived ? 'NOT ' : ''}NULL${among} ` +
      `RETURN a.id AS fromId, b.id AS toId, ${LINK_COLUMNS} ORDER BY fromId, toId, kind`,
    params: ids === 'all' ? {} : { ids: [...ids] },
  };
}

/**
 * Moves every relationship of actor $from to actor $into (merged, never duplicated; none from
 * $into to itself), then the claims' references to it (measure side, assertion side and subject).
 * Each type's relationships are copied before they are deleted.
 */
export function moveActor(from: string, into: string): Statement[] {
  const params = { from, into };
  const out: Statement[] = [];
  for (const [type, spec] of Object.entries(RELATIONSHIPS) as Array<[RelType, RelationshipSpec]>) {
    if ((spec.from as readonly string[]).includes('Actor')) {
      out.push(
        { text: `MATCH (f:Actor {id: $from})-[:${type}]->(o), (t:Actor {id: $into}) WHERE o.id <> $into MERGE (t)-[:${type}]->(o)`, params },
        { text: `MATCH (f:Actor {id: $from})-[r:${type}]->() DELETE r`, params: { from } },
      );
    }
    if ((spec.to as readonly string[]).includes('Actor')) {
      out.push(
        { text: `MATCH (o)-[:${type}]->(f:Actor {id: $from}), (t:Actor {id: $into}) WHERE o.id <> $into MERGE (o)-[:${type}]->(t)`, params },
        { text: `MATCH ()-[r:${type}]->(f:Actor {id: $from}) DELETE r`, params: { from } },
      );
    }
  }
  for (const property of ['measureSide', 'assertionSide', 'assertionSubject']) {
    out.push({ text: `MATCH (c:Claim) WHERE c.${property} = $from SET c.${property} = $into`, params });
  }
  // The claims it made, now the other actor's (MADE moved above), keep their claimant's id.
  out.push({ text: 'MATCH (t:Actor {id: $into})-[:MADE]->(c:Claim) WHERE c.claimantId = $from SET c.claimantId = $into', params });
  return out;
}

export function deleteDerivedLinksTouching(type: LinkType, ids: readonly string[]): Statement {
  return {
    text: `MATCH (a:Claim)-[r:${type}]->(b:Claim) WHERE r.rule IS NOT NULL AND (a.id IN $ids OR b.id IN $ids) DELETE r`,
    params: { ids: [...ids] },
  };
}

/** Removes a claim's claimant, source and subjects, so that a replaced claim hangs only from its new ones. */
export function detachClaim(id: string): Statement[] {
  return [
    { text: 'MATCH (x)-[r:MADE]->(c:Claim) WHERE c.id = $id DELETE r', params: { id } },
    { text: 'MATCH (c:Claim)-[r:REPORTED_IN]->(s:Source) WHERE c.id = $id DELETE r', params: { id } },
    { text: 'MATCH (c:Claim)-[r:ABOUT]->(t) WHERE c.id = $id DELETE r', params: { id } },
  ];
}

const CHANGE_COLUMNS = 'ch.id AS id, ch.seq AS seq, ch.at AS at, ch.who AS who, ch.role AS role, ch.operation AS operation, ' +
  'ch.reason AS reason, ch.summary AS summary, ch.targets AS targets, ch.before AS before, ch.after AS after, ' +
  'ch.linksAdded AS linksAdded, ch.linksRemoved AS linksRemoved';

/** The change node, then one statement per label of its targets (at least one) linking it to them. */
export function recordChange(change: ChangeRecord): Statement[] {
  const create: Statement = {
    text:
      'CREATE (ch:Change {id: $id, seq: $seq, at: $at, who: $who, role: $role, operation: $operation, reason: $reason, ' +
      'summary: $summary, targets: $targets, before: $before, after: $after, linksAdded: $linksAdded, linksRemoved: $linksRemoved})',
    params: {
      id: change.id, seq: change.seq, at: change.at, who: change.who, role: change.role, operation: change.operation,
      reason: change.reason, summary: change.summary, targets: change.targets,
      before: change.before, after: change.after,
      linksAdded: JSON.stringify(change.linksAdded), linksRemoved: JSON.stringify(change.linksRemoved),
    },
    integers: ['seq'],
  };
  const byLabel = new Map<NodeLabel, string[]>();
  for (const id of change.targets) {
    const label = NODE_LABELS.find((l) => id.startsWith(`${l.toLowerCase()}:`));
    if (label) byLabel.set(label, [...(byLabel.get(label) ?? []), id]);
  }
  // UNWIND then a key lookup per id: `n.id IN $targets` tested every node against the whole list
  // (a 100,000-claim import's change outran QUERY_TIMEOUT_MS).
  const links = [...byLabel].map(([label, ids]): Statement => ({
    text: `MATCH (ch:Change {id: $change}) UNWIND $targets AS target MATCH (n:${label} {id: target}) CREATE (ch)-[:${AUDIT_RELATIONSHIP.type}]->(n)`,
    params: { targets: ids, change: change.id },
  }));
  return [create, ...links];
}

/** Rows (key, CHANGE_COLUMNS): the changes of each node, newest first. */
export function changesOf(ids: readonly string[]): Statement {
  return {
    text: `MATCH (ch:Change)-[:${AUDIT_RELATIONSHIP.type}]->(n) WHERE n.id IN $ids RETURN n.id AS key, ${CHANGE_COLUMNS} ORDER BY key, seq DESC`,
    params: { ids: [...ids] },
  };
}

function changeConditions(since: string | null, afterSeq: number): { where: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = { afterSeq };
  const conditions = ['ch.seq > $afterSeq'];
  if (since) {
    params.since = since;
    conditions.push('ch.at >= $since');
  }
  return { where: `WHERE ${conditions.join(' AND ')}`, params };
}

/** One page of the trail, oldest first. */
export function changePage(since: string | null, afterSeq: number, offset: number, limit: number): Statement {
  const { where, params } = changeConditions(since, afterSeq);
  return {
    text: `MATCH (ch:Change) ${where} RETURN ${CHANGE_COLUMNS} ORDER BY seq SKIP $offset LIMIT $limit`,
    params: { ...params, offset, limit },
    integers: ['afterSeq', 'offset', 'limit'],
  };
}

export function countChanges(since: string | null, afterSeq: number): Statement {
  const { where, params } = changeConditions(since, afterSeq);
  return { text: `MATCH (ch:Change) ${where} RETURN count(ch) AS total`, params, integers: ['afterSeq'] };
}

/** Rows (id, claimant, source) of the claims. */
export function originsOf(d: Dialect, ids: readonly string[]): Statement {
  return {
    text: `MATCH (x${d.anyLabel(CLAIMANT)})-[:MADE]->(c:Claim)-[:REPORTED_IN]->(s:Source) WHERE c.id IN $ids RETURN c.id AS id, x.id AS claimant, s.id AS source`,
    params: { ids: [...ids] },
  };
}
