/**
 * The read statements, written once for both engines. Where their Cypher differs the builder asks
 * the dialect (dialect.ts). Every value is a parameter; labels and relationship types come only
 * from schema.ts and edges.ts.
 */
import { RANKS, type NodeLabel, type Rank } from '../../domain/model.js';
import type { TimelineDate } from '../../domain/timeline.js';
import type { ClaimAnchor, ClaimCriteria, ClaimOrder, EdgeName, Fields, LinkCriteria, LinkType, Subject } from '../GraphStore.js';
import { EDGES, directionsOf, type WalkDirection } from '../edges.js';
import { LINK_PROPERTIES, MAX_PLACE_DEPTH, RELATIONSHIPS, fieldsOf, hotProperties, type RelType } from '../schema.js';
import type { Dialect } from './dialect.js';
import type { LookupTable, Statement } from './Engine.js';
import { step, walkColumns, walkText, type WalkStage } from './walks.js';

const PAGE = ['offset', 'limit'] as const;

/** A claim-to-claim relationship `r`'s properties, as rows name them. */
export const LINK_COLUMNS = LINK_PROPERTIES.map(([name]) => `r.${name} AS ${name}`).join(', ');

/** The ranks of the default list of claims: every claim not deprecated. */
export const LISTED_RANKS: readonly Rank[] = ['PREFERRED', 'NORMAL'];

/** Whether these (distinct) ranks are exactly the default list's. */
export const listsDefault = (ranks: readonly Rank[]): boolean => ranks.length === LISTED_RANKS.length && LISTED_RANKS.every((r) => ranks.includes(r));

/** Claim `v` is not deprecated; a claim never ranked has no rank property and is NORMAL (model.ts RANKS). */
export const notDeprecated = (v: string) => `coalesce(${v}.rank, 'NORMAL') <> 'DEPRECATED'`;

/** The columns `, r.kind AS kind, ...` a statement returning relationship `r` of `type` adds; none for a type without properties. */
export function linkColumnsOf(type: RelType): string {
  return RELATIONSHIPS[type].hasLinkProperties ? `, ${LINK_COLUMNS}` : '';
}

const SORT_PROPERTY: Record<Exclude<NodeLabel, 'Claim'>, string> = { Actor: 'name', Place: 'name', Event: 'name', Source: 'title' };

export const CLAIMANT: readonly NodeLabel[] = ['Actor', 'Source'];

/**
 * Node `v` of any of the labels as a read for the API returns it: the properties the request reads
 * (`fields`), else every property but the cold ones (schema.ts COLD_PROPERTIES). Kuzu reads a
 * column per property returned and Neo4j sends each over Bolt, so fewer cost less on both.
 * rows.record reads either form.
 */
export function hotNode(d: Dialect, v: string, labels: readonly NodeLabel[], fields?: Fields): string {
  const names = fieldsOf(labels, fields) ?? hotProperties(labels);
  return names ? d.properties(v, names) : v;
}

/** Rows `node`, the nodes with these ids; `whole` keeps every property, else `fields` choose (hotNode). */
export function nodesByIds(d: Dialect, label: NodeLabel, ids: readonly string[], whole = false, fields?: Fields): Statement {
  const { condition, params } = d.idIn('n', 'ids', ids);
  return { text: `MATCH (n:${label}) WHERE ${condition} RETURN ${whole ? 'n' : hotNode(d, 'n', [label], fields)} AS node`, params };
}

/** Rows `node` and a column per stage (walks.ts): the nodes with these ids and their neighbours along the stages. */
export function nodesWalking(d: Dialect, label: NodeLabel, ids: readonly string[], stages: readonly WalkStage[], fields?: Fields): Statement {
  const { condition, params } = d.idIn('n', 'ids', ids);
  return {
    text: `MATCH (n:${label}) WHERE ${condition}${walkText(d, 'n', stages, [], fields)} RETURN ${[`${hotNode(d, 'n', [label], fields)} AS node`, ...walkColumns(stages)].join(', ')}`,
    params,
  };
}

/** Rows (id, text): the full texts of these sources. */
export function sourceTexts(d: Dialect, ids: readonly string[]): Statement {
  const { condition, params } = d.idIn('n', 'ids', ids);
  return { text: `MATCH (n:Source) WHERE ${condition} RETURN n.id AS id, n.text AS text`, params };
}

export function countOf(label: LookupTable): Statement {
  return { text: `MATCH (n:${label}) RETURN count(n) AS total`, params: {} };
}

/** Actors merged into another are left out of lists: they are the same actor recorded twice. */
const LISTED = (label: NodeLabel) => (label === 'Actor' ? ' WHERE n.mergedInto IS NULL' : '');

export function countListed(label: Exclude<NodeLabel, 'Claim'>): Statement {
  return { text: `MATCH (n:${label})${LISTED(label)} RETURN count(n) AS total`, params: {} };
}

export function listNodes(d: Dialect, label: Exclude<NodeLabel, 'Claim'>, offset: number, limit: number, fields?: Fields): Statement {
  const by = SORT_PROPERTY[label];
  // Whole nodes unless the request named its fields: the export lists sources with their text.
  const names = fieldsOf([label], fields);
  const node = names ? d.properties('n', names) : 'n';
  return {
    text: `MATCH (n:${label})${LISTED(label)} RETURN ${node} AS node ORDER BY n.${by}, n.id SKIP $offset LIMIT $limit`,
    params: { offset, limit },
    integers: PAGE,
  };
}

export function countRelationships(d: Dialect, type: RelType): Statement {
  const spec = RELATIONSHIPS[type];
  return { text: `MATCH (${d.anyLabel(spec.from)})-[r:${type}]->(${d.anyLabel(spec.to)}) RETURN count(r) AS total`, params: {} };
}

/**
 * The statement walking an edge; rows: key (the id walked from), node (the neighbour) and, for
 * CONTRADICTS/CORROBORATES, the link's kind, explanation and rule. An edge walked both ways
 * (`direction` EITHER) matches its relationships undirected and says of each whether it leaves the
 * node walked from (`outgoing`, dialect.startsAt): a pair linked both ways reports each link with
 * its own direction.
 */
export function neighbours(d: Dialect, edge: EdgeName, ids: readonly string[], fields?: Fields): Statement & { direction: WalkDirection | 'EITHER' } {
  const spec = EDGES[edge];
  const withLink = RELATIONSHIPS[spec.rel].hasLinkProperties;
  const [only, other] = directionsOf(edge);
  const { condition, params } = d.idIn('k', 'ids', ids);
  const pattern = other ? `-[r:${spec.rel}]-` : step('r', spec.rel, only!);
  const outgoing = other ? `, ${d.startsAt('r', 'k')} AS outgoing` : '';
  return {
    text:
      `MATCH (k:${spec.from})${pattern}(n${d.anyLabel(spec.to)}) ` +
      `WHERE ${condition} RETURN k.id AS key, ${hotNode(d, 'n', spec.to, fields)} AS node${linkColumnsOf(spec.rel)}${outgoing} ORDER BY key, n.id${withLink ? ', kind' : ''}`,
    params,
    direction: other ? 'EITHER' : only!,
  };
}

/** A PART_OF path of any length the engines may follow, none included. */
export const PLACE_CHAIN = `[:PART_OF*0..${MAX_PLACE_DEPTH}]`;

/**
 * `p`: every place inside place `k` (itself included), each once with its `k`, however many paths
 * lead there (a place with several parents: Pokrovsk lies in Ukraine directly and through Donbas).
 * Deduplicating the places before walking to their claims walks each place's claims once.
 */
const PLACES_WITHIN = (condition: string) => `MATCH (k:Place)<-${PLACE_CHAIN}-(p:Place) WHERE ${condition} WITH DISTINCT k, p`;
const MEMBER_CHAIN = `[:MEMBER_OF*0..${MAX_PLACE_DEPTH}]`;

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
function sharedConditions(vars: string[], criteria: Pick<ClaimCriteria, 'about' | 'topics' | 'stated'>, params: Record<string, unknown>): string[] {
  const any = (condition: (v: string) => string) => vars.map(condition).join(' OR ');
  const conditions: string[] = [];
  if (criteria.about?.length) {
    for (const s of criteria.about) params[`about${s.label}`] = s.id;
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

/** Conditions on claim `c` for the criteria, with their parameters. */
function claimConditions(d: Dialect, criteria: ClaimCriteria): { conditions: string[]; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {};
  const conditions = sharedConditions(['c'], criteria, params);
  if (criteria.claimantIds) {
    params.claimantIds = criteria.claimantIds;
    conditions.push(`EXISTS { MATCH (x${d.anyLabel(CLAIMANT)})-[:MADE]->(c) WHERE x.id IN $claimantIds }`);
  }
  if (criteria.sourceIds) {
    params.sourceIds = criteria.sourceIds;
    conditions.push('EXISTS { MATCH (c)-[:REPORTED_IN]->(s:Source) WHERE s.id IN $sourceIds }');
  }
  const ranks = criteria.ranks ?? LISTED_RANKS;
  if (listsDefault(ranks)) {
    // The default list, said without IN: digests.ts computes it inside writes (dialect.idsPerReadInWrite).
    conditions.push(notDeprecated('c'));
  } else if (!RANKS.every((r) => ranks.includes(r))) {
    // A claim never ranked has no rank property: it is NORMAL.
    params.ranks = [...ranks];
    conditions.push(`coalesce(c.rank, 'NORMAL') IN $ranks`);
  }
  if (criteria.contested !== undefined) {
    conditions.push(`${criteria.contested ? '' : 'NOT '}EXISTS { MATCH (c)-[:CONTRADICTS]-(:Claim) }`);
  }
  if (criteria.period) {
    // A stored period has at least one bound; a missing one is open and reaches the edge of time.
    conditions.push('(c.periodFrom IS NOT NULL OR c.periodTo IS NOT NULL)');
    if (criteria.period.from) {
      params.periodFrom = criteria.period.from;
      conditions.push(`coalesce(c.periodTo, '9999-12-31') >= $periodFrom`);
    }
    if (criteria.period.to) {
      params.periodTo = criteria.period.to;
      conditions.push(`coalesce(c.periodFrom, '0000-01-01') <= $periodTo`);
    }
  }
  return { conditions, params };
}

/** Unknown statement dates sort last in either direction; ids break ties so pages are stable. */
function claimOrder(stated: string, id: string, order: ClaimOrder): string {
  return `${stated} IS NULL, ${stated} ${order === 'STATED_ASC' ? 'ASC' : 'DESC'}, ${id}`;
}

/**
 * The claims a criteria selects, as `c`. With one subject (the usual "about Kursk") the match
 * starts from that node and walks in, touching only its claims; testing every claim with EXISTS
 * was 6x slower on 100k claims. Several subjects ("Russia" the state and the country) use EXISTS.
 */
function claimScope(d: Dialect, criteria: ClaimCriteria): Statement {
  const about = criteria.about?.length === 1 ? criteria.about[0]! : undefined;
  const { conditions, params } = claimConditions(d, about ? { ...criteria, about: undefined } : criteria);
  if (!about) return { text: `MATCH (c:Claim)${d.where('c', conditions)}`, params };
  params[`about${about.label}`] = about.id;
  // A claim about Sudzha and Kursk Oblast is reached twice: callers count and page DISTINCT.
  if (about.label === 'Place') return { text: `${PLACES_WITHIN('k.id = $aboutPlace')} MATCH (p)<-[:ABOUT]-(c:Claim)${d.where('c', conditions)}`, params };
  return { text: `MATCH (k:${about.label})<-[:ABOUT]-(c:Claim)${d.where('c', [`k.id = $about${about.label}`, ...conditions])}`, params };
}

/**
 * Ids (rows `id`) of the deprecated claims the criteria would select but for their rank. Started
 * from the rank column, read in order, not from the subject's claims: deprecated claims are few,
 * and testing the rank of every claim about a subject read it scattered over the claim table (at
 * 1M claims it doubled counting and ordering the 66,714 about Kursk).
 */
export function deprecatedClaims(d: Dialect, criteria: ClaimCriteria): Statement {
  const { conditions, params } = claimConditions(d, { ...criteria, ranks: [...RANKS] });
  return { text: `MATCH (c:Claim)${d.where('c', ["c.rank = 'DEPRECATED'", ...conditions])} RETURN DISTINCT c.id AS id`, params };
}

/** `count(DISTINCT c)`: half the time of `WITH DISTINCT c ... count(c)` on Kuzu (28 against 62 ms for 67k claims). */
export function countClaims(d: Dialect, criteria: ClaimCriteria): Statement {
  const scope = claimScope(d, criteria);
  return { text: `${scope.text} RETURN count(DISTINCT c) AS total`, params: scope.params };
}

/**
 * Ids of one page of claims, rows `id`. Only the sort keys are read before the limit: returning
 * whole nodes made Kuzu read all 29 properties of every matching claim before sorting (4x slower
 * on 100k claims), so the page's nodes are fetched by id afterwards.
 */
export function pageOfClaims(d: Dialect, criteria: ClaimCriteria, order: ClaimOrder, offset: number, limit: number): Statement {
  const scope = claimScope(d, criteria);
  return {
    text: `${scope.text} WITH DISTINCT c.id AS id, c.statedFrom AS stated ORDER BY ${claimOrder('stated', 'id', order)} SKIP $offset LIMIT $limit RETURN id`,
    params: { ...scope.params, offset, limit },
    integers: PAGE,
  };
}

/**
 * One page of claim ids and the count of every claim the criteria select, rows (ids, total), in one
 * statement: the page reads every match's sort keys anyway, so collecting them in order and taking
 * the list's size and a slice costs the engine little more than the page alone, and saves a
 * statement (on Kuzu, a second walk to the claims; on Neo4j, a round trip).
 */
export function pageAndCountOfClaims(d: Dialect, criteria: ClaimCriteria, order: ClaimOrder, offset: number, limit: number): Statement {
  const scope = claimScope(d, criteria);
  return {
    text:
      `${scope.text} WITH DISTINCT c.id AS id, c.statedFrom AS stated ORDER BY ${claimOrder('stated', 'id', order)} SKIP 0 ` +
      `WITH collect(id) AS matched RETURN ${d.slice('matched', '$offset', '$limit')} AS ids, size(matched) AS total`,
    params: { ...scope.params, offset, limit },
    integers: PAGE,
  };
}

/** Rows `found`: whether any claim is deprecated at all. */
export function anyDeprecated(): Statement {
  return { text: "MATCH (c:Claim) WHERE c.rank = 'DEPRECATED' RETURN count(c) > 0 AS found", params: {} };
}

const ANCHOR_PATTERN: Record<ClaimAnchor, (d: Dialect) => string> = {
  madeBy: (d) => `(k${d.anyLabel(CLAIMANT)})-[:MADE]->(c:Claim)`,
  reportedIn: () => '(c:Claim)-[:REPORTED_IN]->(k:Source)',
  aboutActor: () => '(c:Claim)-[:ABOUT]->(k:Actor)',
  aboutPlace: () => '(c:Claim)-[:ABOUT]->(p)',
  aboutEvent: () => '(c:Claim)-[:ABOUT]->(k:Event)',
};

/**
 * One page of claim ids per anchor, rows (key, ids, total), paged in the database: each anchor's
 * claims are ordered, collected in that order (both engines keep the incoming order in collect) and
 * sliced. DISTINCT because a claim about Sudzha and Kursk Oblast reaches Kursk twice. With `stages`
 * (possibly none), the page's claims come too, one row per claim (`claim`, its id, null for an
 * empty page; `node`; the stages' columns).
 */
export function claimPagesOfAnchors(
  d: Dialect, anchor: ClaimAnchor, ids: readonly string[], criteria: ClaimCriteria, order: ClaimOrder, offset: number, limit: number,
  stages?: readonly WalkStage[], fields?: Fields,
): Statement {
  const { conditions, params } = claimConditions(d, criteria);
  // The claimant is an actor or a source: several of them go through Dialect.nearIds.
  const anchored = anchor === 'madeBy' ? d.nearIds('k', 'anchorIds', ids) : { unwind: '', ...d.idIn('k', 'anchorIds', ids) };
  const match = anchor === 'aboutPlace'
    ? `${PLACES_WITHIN(anchored.condition)} MATCH ${ANCHOR_PATTERN[anchor](d)}${d.where('k, c', conditions)}`
    : `${anchored.unwind}MATCH ${ANCHOR_PATTERN[anchor](d)}${d.where('k, c', [anchored.condition, ...conditions])}`;
  const paged =
    `${match} ` +
    `WITH DISTINCT k.id AS key, c.id AS id, c.statedFrom AS stated ORDER BY key, ${claimOrder('stated', 'id', order)} SKIP 0 ` +
    `WITH key, collect(id) AS matched`;
  // With the claims: an anchor whose page is empty keeps its row (and its total) through OPTIONAL
  // MATCH, with a null node.
  const bounds = d.boundsBeforeMatch;
  const text = stages
    ? `${paged}${bounds.carry} WITH key, ${d.slice('matched', bounds.offset, bounds.limit)} AS ids, size(matched) AS total ` +
      'OPTIONAL MATCH (n:Claim) WHERE n.id IN ids' +
      `${walkText(d, 'n', stages, ['key', 'ids', 'total'], fields)} ` +
      `RETURN ${['key', 'ids', 'total', 'n.id AS claim', `${hotNode(d, 'n', ['Claim'], fields)} AS node`, ...walkColumns(stages)].join(', ')}`
    : `${paged} RETURN key, ${d.slice('matched', '$offset', '$limit')} AS ids, size(matched) AS total`;
  return { text, params: { ...params, ...anchored.params, offset, limit }, integers: PAGE };
}

const LINK_MATCH = (d: Dialect, type: LinkType) =>
  `MATCH (xa${d.anyLabel(CLAIMANT)})-[:MADE]->(a:Claim)-[r:${type}]->(b:Claim)<-[:MADE]-(xb${d.anyLabel(CLAIMANT)})`;

/** An unordered pair of claims as one string: the smaller id, a space, the larger. */
const PAIR_KEY = "CASE WHEN a.id < b.id THEN a.id + ' ' + b.id ELSE b.id + ' ' + a.id END";
/** A pair's newest statement date; '' when neither is dated, which sorts last. */
const PAIR_NEWEST = "CASE WHEN coalesce(a.statedFrom, '') > coalesce(b.statedFrom, '') THEN a.statedFrom ELSE coalesce(b.statedFrom, '') END";

function linkConditions(d: Dialect, criteria: LinkCriteria, params: Record<string, unknown>, pairKeys?: readonly string[]): string[] {
  const conditions = sharedConditions(['a', 'b'], criteria, params);
  if (criteria.between) {
    params.sideA = criteria.between[0];
    params.sideB = criteria.between[1];
    conditions.push('(xa.id IN $sideA AND xb.id IN $sideB) OR (xa.id IN $sideB AND xb.id IN $sideA)');
  }
  // Deprecated claims leave analysis: a link a source states between them stays stored, unlisted.
  conditions.push(`${notDeprecated('a')} AND ${notDeprecated('b')}`);
  if (pairKeys) conditions.push(d.pairsIn(PAIR_KEY, params, pairKeys));
  return conditions;
}

/**
 * Rows: a, b (claims), claimantA, claimantB, kind, explanation, rule, pair (see PAIR_KEY). Either
 * end may satisfy about/topic/stated; with `pairKeys`, the links of those pairs (on Kuzu, of every
 * pair among their ends: Dialect.pairsIn; the caller keeps the rows whose `pair` it asked for).
 */
export function links(d: Dialect, type: LinkType, criteria: LinkCriteria, pairKeys?: readonly string[]): Statement {
  const params: Record<string, unknown> = {};
  return {
    text:
      LINK_MATCH(d, type) + d.where('xa, a, r, b, xb', linkConditions(d, criteria, params, pairKeys)) +
      ` RETURN a AS a, b AS b, xa.id AS claimantA, xb.id AS claimantB, ${LINK_COLUMNS},` +
      ` ${PAIR_KEY} AS pair` +
      ' ORDER BY a.id, b.id, kind',
    params,
  };
}

/**
 * One page of linked pairs, rows `pair` (see PAIR_KEY): each unordered pair once however many links
 * join it, newest statement first, then by pair key (the order of domain/disputes pairs()).
 */
export function pageOfPairs(d: Dialect, type: LinkType, criteria: LinkCriteria, offset: number, limit: number): Statement {
  const params: Record<string, unknown> = { offset, limit };
  return {
    text:
      LINK_MATCH(d, type) + d.where('xa, a, r, b, xb', linkConditions(d, criteria, params)) +
      ` WITH DISTINCT ${PAIR_KEY} AS pair, ${PAIR_NEWEST} AS newest ORDER BY newest DESC, pair SKIP $offset LIMIT $limit RETURN pair`,
    params,
    integers: PAGE,
  };
}

export function countPairs(d: Dialect, type: LinkType, criteria: LinkCriteria): Statement {
  const params: Record<string, unknown> = {};
  return {
    text: LINK_MATCH(d, type) + d.where('xa, a, r, b, xb', linkConditions(d, criteria, params)) + ` RETURN count(DISTINCT ${PAIR_KEY}) AS total`,
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
      `MATCH (s${d.anyLabel(CLAIMANT)})-[:MADE]->(c:Claim)-[:REPORTED_IN]->(src:Source) ` +
      // Deprecated claims leave analysis (model.ts RANKS).
      `WHERE (c.measureKind IS NOT NULL OR c.assertionPredicate IS NOT NULL) AND ${notDeprecated('c')} ` +
      'RETURN c AS node, s.id AS claimant, src.id AS source ORDER BY node.id',
    params: {},
  };
}

/** Rows (id, name): a source is named by its short name when it has one, so explanations never quote a whole headline. */
export function displayNames(d: Dialect): Statement {
  return { text: `MATCH (n${d.anyLabel(['Actor', 'Place', 'Source'])}) RETURN n.id AS id, coalesce(n.name, n.shortName, n.title) AS name`, params: {} };
}

export function placeParents(): Statement {
  return { text: 'MATCH (a:Place)-[:PART_OF]->(b:Place) RETURN a.id AS child, b.id AS parent ORDER BY child, parent', params: {} };
}

/** Rows (member, organisation): every MEMBER_OF relationship, for the independence of corroborations. */
export function actorMemberships(): Statement {
  return { text: 'MATCH (a:Actor)-[:MEMBER_OF]->(o:Actor) RETURN a.id AS member, o.id AS organisation ORDER BY member, organisation', params: {} };
}

/** Rows (source, publisher): every PUBLISHED_BY relationship. */
export function sourcePublishers(): Statement {
  return { text: 'MATCH (s:Source)-[:PUBLISHED_BY]->(p:Actor) RETURN s.id AS source, p.id AS publisher ORDER BY source, publisher', params: {} };
}

/** Rows (claim, restated): every reference of kind RESTATES, one claim restating another. */
export function restatements(): Statement {
  return {
    text: 'MATCH (a:Claim)-[r:REFERS_TO]->(b:Claim) WHERE r.kind = $relation RETURN a.id AS claim, b.id AS restated ORDER BY claim, restated',
    params: { relation: 'RESTATES' },
  };
}

/** Rows (id, claimant, source): who made every claim and where it was reported. */
export function claimOrigins(d: Dialect): Statement {
  return {
    text: `MATCH (x${d.anyLabel(CLAIMANT)})-[:MADE]->(c:Claim)-[:REPORTED_IN]->(s:Source) RETURN c.id AS id, x.id AS claimant, s.id AS source ORDER BY id`,
    params: {},
  };
}

/** Rows (fromId, toId and the link's properties): the links of a type that sources state (no rule). */
export function statedLinks(type: LinkType): Statement {
  return {
    text: `MATCH (a:Claim)-[r:${type}]->(b:Claim) WHERE r.rule IS NULL RETURN a.id AS fromId, b.id AS toId, ${LINK_COLUMNS} ORDER BY fromId, toId, kind`,
    params: {},
  };
}

/** A node's display name: sources have a title, the others a name (Kuzu rejects a property no table of the labels has). */
function displayName(labels: readonly NodeLabel[]): string {
  const titled = labels.includes('Source');
  if (!titled) return 'n.name';
  return labels.length === 1 ? 'n.title' : 'coalesce(n.name, n.title)';
}

/** Rows (id, name, keys): every node of the labels with its display name and name keys, for suggestions on a miss. */
export function nameIndex(d: Dialect, labels: readonly NodeLabel[]): Statement {
  return {
    text: `MATCH (n${d.anyLabel(labels)}) RETURN n.id AS id, ${displayName(labels)} AS name, n.nameKeys AS keys ORDER BY id`,
    params: {},
  };
}

/**
 * The stored date a timeline places a claim by: the prefix of its `...Value` and `...Precision`
 * properties (schema.ts), a fixed name here, never the caller's text.
 */
const TIMELINE_DATE: Record<TimelineDate, 'stated' | 'periodStart'> = { STATED: 'stated', PERIOD: 'periodStart' };

/**
 * Rows (bucket, side, claims, contested): the claims a criteria selects, counted per date (the
 * statement's, or the start of the period described: `dated`) cut to `width` characters (4: year,
 * 7: month, 10: day; a date coarser than that stays whole, so a claim dated only "2024" is its own
 * bucket; null: undated) and per the state their claimant belongs to (null: none, or a source
 * speaking for itself); `contested` counts those in a CONTRADICTS relationship. Unordered: the
 * domain orders buckets.
 */
export function timeline(d: Dialect, criteria: ClaimCriteria, width: 4 | 7 | 10, dated: TimelineDate): Statement {
  const scope = claimScope(d, criteria);
  const date = TIMELINE_DATE[dated];
  return {
    text:
      `${scope.text} WITH DISTINCT c ` +
      `MATCH (x${d.anyLabel(CLAIMANT)})-[:MADE]->(c) ` +
      `OPTIONAL MATCH (x)-${MEMBER_CHAIN}->(s:Actor) WHERE s.kind = 'STATE' ` +
      'WITH c, min(s.id) AS side ' +
      // A date coarser than the bucket keeps its own precision: "2024" is not put in January 2024.
      `WITH CASE WHEN c.${date}Precision = 'DAY' OR $width = 4 THEN left(c.${date}Value, $width) ELSE c.${date}Value END AS bucket, ` +
      'side, COUNT { MATCH (c)-[:CONTRADICTS]-(:Claim) } > 0 AS isContested ' +
      'RETURN bucket, side, count(*) AS claims, sum(CASE WHEN isContested THEN 1 ELSE 0 END) AS contested',
    params: { ...scope.params, width },
    integers: ['width'],
  };
}
