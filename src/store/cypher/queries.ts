/**
 * Cypher text shared by both adapters. Kuzu and Neo4j agree on almost all of it; where they differ
 * (a node that may carry one of several labels) the adapter passes a Dialect. Every value is a
 * parameter; labels and relationship types come only from schema.ts and edges.ts.
 */
import type { NodeLabel } from '../../domain/model.js';
import type { ClaimAnchor, ClaimCriteria, ClaimOrder, EdgeName, LinkCriteria, LinkType, Subject } from '../GraphStore.js';
import { EDGES } from '../edges.js';
import { MAX_PLACE_DEPTH, NODE_PROPERTIES, RELATIONSHIPS, type RelType } from '../schema.js';

export interface Dialect {
  /** Label expression for a node of any of these labels: Kuzu `:A:B`, Neo4j `:A|B`. */
  anyLabel(labels: readonly NodeLabel[]): string;
}

export interface Statement {
  text: string;
  params: Record<string, unknown>;
}

const SORT_PROPERTY: Record<Exclude<NodeLabel, 'Claim'>, string> = {
  Actor: 'name',
  Place: 'name',
  Event: 'name',
  Source: 'title',
};

/**
 * `v.id` is one of the ids. One id is an equality, which both stores answer from the primary-key
 * index; Kuzu 0.11 answers `IN` by scanning the whole table, so its adapter asks for ids one at a
 * time when that is cheaper (KuzuStore.oneByOne).
 */
function idIs(v: string, ids: readonly string[], name: string): { condition: string; params: Record<string, unknown> } {
  return ids.length === 1
    ? { condition: `${v}.id = $${name}`, params: { [name]: ids[0] } }
    : { condition: `${v}.id IN $${name}`, params: { [name]: [...ids] } };
}

export function nodesByIds(label: NodeLabel, ids: readonly string[]): Statement {
  const { condition, params } = idIs('n', ids, 'ids');
  return { text: `MATCH (n:${label}) WHERE ${condition} RETURN n AS node`, params };
}

export function nodesByNameKey(d: Dialect, labels: readonly NodeLabel[], key: string): Statement {
  return {
    text: `MATCH (n${d.anyLabel(labels)}) WHERE $key IN n.nameKeys RETURN n AS node ORDER BY n.id`,
    params: { key },
  };
}

export function countOf(label: NodeLabel): Statement {
  return { text: `MATCH (n:${label}) RETURN count(n) AS total`, params: {} };
}

export function listNodes(label: Exclude<NodeLabel, 'Claim'>, offset: number, limit: number): Statement {
  const by = SORT_PROPERTY[label];
  return {
    text: `MATCH (n:${label}) RETURN n AS node ORDER BY n.${by}, n.id SKIP $offset LIMIT $limit`,
    params: { offset, limit },
  };
}

export function countRelationships(d: Dialect, type: RelType): Statement {
  const spec = RELATIONSHIPS[type];
  return {
    text: `MATCH (${d.anyLabel(spec.from)})-[r:${type}]->(${d.anyLabel(spec.to)}) RETURN count(r) AS total`,
    params: {},
  };
}

/**
 * The statements walking an edge; rows: key (the id walked from), node (the neighbour) and, for
 * CONTRADICTS/CORROBORATES, the link's kind, explanation and rule. An edge walked both ways takes
 * one statement per direction: neither store offers one query that says which way each matched
 * relationship points (Kuzu has no startNode() and crashes on UNION), and a pair linked both ways
 * must still report each link's own direction. `direction` tells the adapter which statement it ran.
 */
export function neighbours(d: Dialect, edge: EdgeName, ids: readonly string[]): Array<Statement & { direction: 'OUTGOING' | 'INCOMING' }> {
  const spec = EDGES[edge];
  const withLink = RELATIONSHIPS[spec.rel].hasLinkProperties;
  const linkColumns = withLink ? ', r.kind AS kind, r.explanation AS explanation, r.rule AS rule' : '';
  const { condition, params } = idIs('k', ids, 'ids');
  const walk = (direction: 'OUT' | 'IN') => ({
    text:
      `MATCH (k:${spec.from})${direction === 'IN' ? '<-' : '-'}[r:${spec.rel}]${direction === 'OUT' ? '->' : '-'}(n${d.anyLabel(spec.to)}) ` +
      `WHERE ${condition} RETURN k.id AS key, n AS node${linkColumns} ORDER BY key, node.id${withLink ? ', kind' : ''}`,
    params,
    direction: direction === 'OUT' ? ('OUTGOING' as const) : ('INCOMING' as const),
  });
  return spec.direction === 'BOTH' ? [walk('OUT'), walk('IN')] : [walk(spec.direction)];
}

const PLACE_CHAIN = `[:PART_OF*0..${MAX_PLACE_DEPTH}]`;

function aboutParams(about: Subject[]): Record<string, string> {
  return Object.fromEntries(about.map((s) => [`about${s.label}`, s.id]));
}

/** Claim `v` is about one of the subjects (a place: or a place inside it). `tag` keeps subquery variables apart. */
function aboutCondition(v: string, about: Subject[], tag: string): string {
  return about
    .map((s) =>
      s.label === 'Place'
        ? `EXISTS { MATCH (${v})-[:ABOUT]->(:Place)-${PLACE_CHAIN}->(${tag}p:Place) WHERE ${tag}p.id = $aboutPlace }`
        : `EXISTS { MATCH (${v})-[:ABOUT]->(${tag}${s.label[0]}:${s.label}) WHERE ${tag}${s.label[0]}.id = $about${s.label} }`,
    )
    .join(' OR ');
}

/**
 * Conditions shared by claim and link queries: about, topic and stated range. With several claim
 * variables (the two ends of a link) a condition holds when any of them satisfies it.
 */
function sharedConditions(
  vars: string[], criteria: Pick<ClaimCriteria, 'about' | 'topics' | 'stated'>, params: Record<string, unknown>,
): string[] {
  const any = (condition: (v: string) => string) => vars.map(condition).join(' OR ');
  const conditions: string[] = [];
  if (criteria.about?.length) {
    Object.assign(params, aboutParams(criteria.about));
    conditions.push(any((v) => aboutCondition(v, criteria.about!, v)));
  }
  if (criteria.topics) {
    params.topics = criteria.topics;
    conditions.push(any((v) => `${v}.topic IN $topics`));
  }
  if (criteria.stated?.from) {
    params.statedFrom = criteria.stated.from;
    conditions.push(any((v) => `${v}.statedTo >= $statedFrom`));
  }
  if (criteria.stated?.to) {
    params.statedTo = criteria.stated.to;
    conditions.push(any((v) => `${v}.statedFrom <= $statedTo`));
  }
  return conditions;
}

/** WHERE conditions on claim `c` for the criteria, with their parameters. */
export function claimConditions(d: Dialect, criteria: ClaimCriteria): { conditions: string[]; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {};
  const conditions = sharedConditions(['c'], criteria, params);
  if (criteria.claimantIds) {
    params.claimantIds = criteria.claimantIds;
    conditions.push(`EXISTS { MATCH (x${d.anyLabel(['Actor', 'Source'])})-[:MADE]->(c) WHERE x.id IN $claimantIds }`);
  }
  if (criteria.sourceIds) {
    params.sourceIds = criteria.sourceIds;
    conditions.push('EXISTS { MATCH (c)-[:REPORTED_IN]->(s:Source) WHERE s.id IN $sourceIds }');
  }
  if (criteria.contested !== undefined) {
    conditions.push(`${criteria.contested ? '' : 'NOT '}EXISTS { MATCH (c)-[:CONTRADICTS]-(:Claim) }`);
  }
  return { conditions, params };
}

/** Unknown statement dates sort last in either direction; ids break ties so pages are stable. */
function claimOrder(stated: string, id: string, order: ClaimOrder): string {
  return `${stated} IS NULL, ${stated} ${order === 'STATED_ASC' ? 'ASC' : 'DESC'}, ${id}`;
}

/**
 * One `WITH ... WHERE` stage per condition. Kuzu 0.11 loses parameters of an EXISTS subquery that
 * shares a WHERE with another parameterised predicate ("Parameter x not found"); separate stages
 * avoid that, and Neo4j plans them as one filter.
 */
function filterStages(variables: string, conditions: string[]): string {
  return conditions.map((condition) => ` WITH ${variables} WHERE ${condition}`).join('');
}

/**
 * The claims a criteria selects, as `c`. With one subject (the usual "about Kursk") the match
 * starts from that node and walks in, touching only its claims; testing every claim with EXISTS
 * was 6x slower on 100k claims. Several subjects ("Russia" the state and the country) fall back to
 * the EXISTS form, as would a UNION, which crashes Kuzu 0.11.
 */
function claimScope(d: Dialect, criteria: ClaimCriteria): Statement {
  const about = criteria.about?.length === 1 ? criteria.about[0]! : undefined;
  const { conditions, params } = claimConditions(d, about ? { ...criteria, about: undefined } : criteria);
  let match = 'MATCH (c:Claim)';
  if (about) {
    params[`about${about.label}`] = about.id;
    // A claim about Sudzha and Kursk Oblast is reached twice: callers count and page DISTINCT.
    match = about.label === 'Place'
      ? `MATCH (k:Place)<-${PLACE_CHAIN}-(:Place)<-[:ABOUT]-(c:Claim) WHERE k.id = $aboutPlace`
      : `MATCH (k:${about.label})<-[:ABOUT]-(c:Claim) WHERE k.id = $about${about.label}`;
  }
  return { text: `${match}${filterStages('c', conditions)}`, params };
}

/** `count(DISTINCT c)`: half the time of `WITH DISTINCT c ... count(c)` on Kuzu (28 against 62 ms for 67k claims). */
export function countClaims(d: Dialect, criteria: ClaimCriteria): Statement {
  const scope = claimScope(d, criteria);
  return { text: `${scope.text} RETURN count(DISTINCT c) AS total`, params: scope.params };
}

/**
 * Ids of one page of claims, rows `id`. Only the sort keys are read before the limit: returning
 * whole nodes made Kuzu read all 29 properties of every matching claim before sorting (4x slower
 * on 100k claims), so adapters fetch the page's nodes by id afterwards.
 */
export function pageOfClaims(
  d: Dialect, criteria: ClaimCriteria, order: ClaimOrder, offset: number, limit: number,
): Statement {
  const scope = claimScope(d, criteria);
  return {
    text: `${scope.text} WITH DISTINCT c.id AS id, c.statedFrom AS stated ORDER BY ${claimOrder('stated', 'id', order)} SKIP $offset LIMIT $limit RETURN id`,
    params: { ...scope.params, offset, limit },
  };
}

const ANCHOR_PATTERN: Record<ClaimAnchor, string> = {
  madeBy: `(k${'${any}'})-[:MADE]->(c:Claim)`,
  reportedIn: '(c:Claim)-[:REPORTED_IN]->(k:Source)',
  aboutActor: '(c:Claim)-[:ABOUT]->(k:Actor)',
  aboutPlace: `(c:Claim)-[:ABOUT]->(:Place)-${PLACE_CHAIN}->(k:Place)`,
  aboutEvent: '(c:Claim)-[:ABOUT]->(k:Event)',
};

/**
 * Every matching claim id of every anchor, as rows (key, id, stated) ordered by key then claim order; the
 * adapter pages per key and fetches the pages' nodes. DISTINCT because a claim about Sudzha and
 * Kursk Oblast reaches Kursk twice.
 */
export function claimsOfAnchors(
  d: Dialect, anchor: ClaimAnchor, ids: readonly string[], criteria: ClaimCriteria, order: ClaimOrder,
): Statement {
  const { conditions, params } = claimConditions(d, criteria);
  const pattern = ANCHOR_PATTERN[anchor].replace('${any}', d.anyLabel(['Actor', 'Source']));
  return {
    text:
      `MATCH ${pattern} WHERE k.id IN $anchorIds${filterStages('k, c', conditions)} ` +
      `WITH DISTINCT k.id AS key, c.id AS id, c.statedFrom AS stated RETURN key, id, stated ORDER BY key, ${claimOrder('stated', 'id', order)}`,
    params: { ...params, anchorIds: [...ids] },
  };
}

/** Property names of a label, for upserts. */
export function propertyNames(label: NodeLabel): string[] {
  return NODE_PROPERTIES[label].map(([name]) => name).filter((n) => n !== 'id');
}

/** Upsert of one node, its properties as parameters `$id`, `$name`, ... (Kuzu runs it row by row). */
export function upsertNode(label: NodeLabel): string {
  return `MERGE (n:${label} {id: $id}) SET ${propertyNames(label).map((p) => `n.${p} = $${p}`).join(', ')}`;
}

/** The same for a batch of rows (Neo4j). */
export function upsertNodes(label: NodeLabel): string {
  return `UNWIND $rows AS row MERGE (n:${label} {id: row.id}) SET ${propertyNames(label).map((p) => `n.${p} = row.${p}`).join(', ')}`;
}

/** Merge of one relationship without properties between nodes of known labels, `$from` and `$to` ids. */
export function mergeRelationship(type: RelType, from: NodeLabel, to: NodeLabel): string {
  return `MATCH (a:${from} {id: $from}), (b:${to} {id: $to}) MERGE (a)-[r:${type}]->(b)`;
}

export function mergeRelationships(type: RelType, from: NodeLabel, to: NodeLabel): string {
  return `UNWIND $rows AS row MATCH (a:${from} {id: row.from}), (b:${to} {id: row.to}) MERGE (a)-[r:${type}]->(b)`;
}


/**
 * Links (CONTRADICTS, CORROBORATES) are written as delete-then-create, keyed on (from, to, kind): a
 * pair can be linked by a source (EXPLICIT) and by a rule (NUMERIC, ...) and one must not overwrite
 * the other. Kuzu 0.11 also raises "write-write conflict" when one transaction updates links in both
 * directions of a pair and then adds one; deleting every link first and creating afterwards avoids it.
 */
export function deleteLink(type: LinkType): string {
  return `MATCH (a:Claim {id: $from})-[r:${type}]->(b:Claim {id: $to}) WHERE r.kind = $kind DELETE r`;
}

export function createLink(type: LinkType): string {
  return `MATCH (a:Claim {id: $from}), (b:Claim {id: $to}) CREATE (a)-[r:${type} {kind: $kind, explanation: $explanation, rule: $rule}]->(b)`;
}

export function deleteLinks(type: LinkType): string {
  return `UNWIND $rows AS row MATCH (a:Claim {id: row.from})-[r:${type}]->(b:Claim {id: row.to}) WHERE r.kind = row.kind DELETE r`;
}

export function createLinks(type: LinkType): string {
  return `UNWIND $rows AS row MATCH (a:Claim {id: row.from}), (b:Claim {id: row.to}) CREATE (a)-[r:${type} {kind: row.kind, explanation: row.explanation, rule: row.rule}]->(b)`;
}

/** Empties a label, relationships included: how a failed bulk load puts an empty store back. */
export function deleteAllOf(label: NodeLabel): string {
  return `MATCH (n:${label}) DETACH DELETE n`;
}

/** Up to $limit nodes of a label deleted with their relationships; Neo4j empties big labels batch by batch. */
export function deleteBatchOf(label: NodeLabel, limit: number): Statement {
  return { text: `MATCH (n:${label}) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted`, params: { limit } };
}

/** Removes the links rules derived (they carry a rule), so a recomputation can replace them. */
export function deleteDerivedLinks(type: 'CONTRADICTS' | 'CORROBORATES'): string {
  return `MATCH (:Claim)-[r:${type}]->(:Claim) WHERE r.rule IS NOT NULL DELETE r`;
}

const MEMBER_CHAIN = `[:MEMBER_OF*0..${MAX_PLACE_DEPTH}]`;


/** Rows: a, b (claims), claimantA, claimantB, kind, explanation, rule. Either end may satisfy about/topic/stated. */
export function links(d: Dialect, type: LinkType, criteria: LinkCriteria): Statement {
  const params: Record<string, unknown> = {};
  const conditions = sharedConditions(['a', 'b'], criteria, params);
  if (criteria.between) {
    params.sideA = criteria.between[0];
    params.sideB = criteria.between[1];
    conditions.push('(xa.id IN $sideA AND xb.id IN $sideB) OR (xa.id IN $sideB AND xb.id IN $sideA)');
  }
  const claimant = d.anyLabel(['Actor', 'Source']);
  return {
    text:
      `MATCH (xa${claimant})-[:MADE]->(a:Claim)-[r:${type}]->(b:Claim)<-[:MADE]-(xb${claimant})` +
      filterStages('xa, a, r, b, xb', conditions) +
      ' RETURN a AS a, b AS b, xa.id AS claimantA, xb.id AS claimantB, r.kind AS kind, r.explanation AS explanation, r.rule AS rule' +
      ' ORDER BY a.id, b.id, kind',
    params,
  };
}

export function membersOf(ids: readonly string[]): Statement {
  return {
    text: `MATCH (m:Actor)-${MEMBER_CHAIN}->(k:Actor) WHERE k.id IN $ids RETURN k.id AS key, m.id AS member ORDER BY key, member`,
    params: { ids: [...ids] },
  };
}

export function statesOf(ids: readonly string[]): Statement {
  return {
    text: `MATCH (k:Actor)-${MEMBER_CHAIN}->(n:Actor) WHERE k.id IN $ids AND n.kind = 'STATE' RETURN k.id AS key, n AS node ORDER BY key, node.id`,
    params: { ids: [...ids] },
  };
}

/** Claims the analysis rules can compare (with a measure or an assertion), with claimant and source ids. */
export function analysableClaims(d: Dialect): Statement {
  return {
    text:
      `MATCH (s${d.anyLabel(['Actor', 'Source'])})-[:MADE]->(c:Claim)-[:REPORTED_IN]->(src:Source) ` +
      'WHERE c.measureKind IS NOT NULL OR c.assertionPredicate IS NOT NULL ' +
      'RETURN c AS node, s.id AS claimant, src.id AS source ORDER BY node.id',
    params: {},
  };
}

export function displayNames(d: Dialect): Statement {
  return {
    text: `MATCH (n${d.anyLabel(['Actor', 'Place', 'Source'])}) RETURN n.id AS id, coalesce(n.name, n.title) AS name`,
    params: {},
  };
}

export function placeParents(): Statement {
  return { text: 'MATCH (a:Place)-[:PART_OF]->(b:Place) RETURN a.id AS child, b.id AS parent', params: {} };
}
