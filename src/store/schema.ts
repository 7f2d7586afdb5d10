/**
 * The graph's physical schema, shared by both adapters: node properties with their types, and
 * relationship types with their endpoints. Kuzu needs it as DDL; Neo4j gets constraints from it;
 * the README's diagram documents it. Labels and relationship types in query text come only from here.
 */
import { MAX_HIERARCHY_DEPTH, NODE_LABELS, RELATIONSHIP_TYPES, type NodeLabel, type RelationshipTypeName } from '../domain/model.js';
import type { Fields } from './GraphStore.js';

export type PropertyType = 'STRING' | 'INT64' | 'DOUBLE' | 'BOOLEAN' | 'STRING[]';

/** Where an entity's description comes from: its kind, and for an article its source id and quote. */
const BASIS = [['basisKind', 'STRING'], ['basisSource', 'STRING'], ['basisQuote', 'STRING']] as const;

export const NODE_PROPERTIES: Record<NodeLabel, ReadonlyArray<readonly [string, PropertyType]>> = {
  Actor: [
    ['id', 'STRING'], ['name', 'STRING'], ['kind', 'STRING'], ['names', 'STRING[]'], ['nameKeys', 'STRING[]'],
    ['description', 'STRING'], ...BASIS,
    // Set when an admin merged this actor into another: it stays, found by id only, pointing there.
    ['mergedInto', 'STRING'],
  ],
  Place: [['id', 'STRING'], ['name', 'STRING'], ['kind', 'STRING'], ['names', 'STRING[]'], ['nameKeys', 'STRING[]'], ...BASIS],
  Event: [
    ['id', 'STRING'], ['name', 'STRING'], ['kind', 'STRING'], ['names', 'STRING[]'], ['nameKeys', 'STRING[]'],
    ['description', 'STRING'], ['startValue', 'STRING'], ['startPrecision', 'STRING'], ['endValue', 'STRING'],
    ['endPrecision', 'STRING'], ...BASIS,
  ],
  Source: [
    ['id', 'STRING'], ['title', 'STRING'], ['nameKeys', 'STRING[]'], ['file', 'STRING'], ['text', 'STRING'],
    ['language', 'STRING'], ['publishedValue', 'STRING'], ['publishedPrecision', 'STRING'], ['description', 'STRING'],
    ...BASIS, ['shortName', 'STRING'], ['url', 'STRING'],
  ],
  Claim: [
    ['id', 'STRING'], ['statement', 'STRING'], ['quote', 'STRING'], ['quoteStart', 'INT64'], ['quoteEnd', 'INT64'],
    ['topic', 'STRING'], ['stance', 'STRING'], ['hedged', 'BOOLEAN'],
    ['statedValue', 'STRING'], ['statedPrecision', 'STRING'], ['statedFrom', 'STRING'], ['statedTo', 'STRING'],
    ['periodStartValue', 'STRING'], ['periodStartPrecision', 'STRING'], ['periodEndValue', 'STRING'],
    ['periodEndPrecision', 'STRING'], ['periodFrom', 'STRING'], ['periodTo', 'STRING'],
    ['quantityValue', 'DOUBLE'], ['quantityUnit', 'STRING'], ['quantityQualifier', 'STRING'], ['quantityText', 'STRING'],
    ['quantityVague', 'BOOLEAN'],
    ['measureKind', 'STRING'], ['measureSide', 'STRING'], ['measurePlace', 'STRING'],
    ['assertionPredicate', 'STRING'], ['assertionSubject', 'STRING'], ['assertionSide', 'STRING'], ['assertionHolds', 'BOOLEAN'],
    // null is NORMAL: claims written before ranks existed need no migration of their values.
    ['rank', 'STRING'], ['rankReason', 'STRING'],
    // The ids at the other end of the claim's MADE and REPORTED_IN, written with them, and whether
    // any CONTRADICTS joins it (INTERNAL_PROPERTIES).
    ['claimantId', 'STRING'], ['sourceId', 'STRING'], ['contested', 'BOOLEAN'],
  ],
};

/**
 * Properties the store keeps for itself, beside the data: not exported, never set by an import.
 * A claim keeps the ids of its claimant and source, written in the statements that write its MADE
 * and REPORTED_IN (and moved with them when actors merge), so that reading them is a primary-key
 * lookup batched over a page instead of a walk per claim: Kuzu 0.11 walks from many claims by
 * scanning the claim table, and from one claim at a time for 2-4 ms each. A claim written before
 * them holds null, and its fields walk.
 *
 * A claim also keeps whether a CONTRADICTS relationship joins it, either way (4.6% of the claims of
 * the million-claim corpus are): a claim known to have none answers `contradictedBy`,
 * `contradicts` and `contradictions` with an empty list and no statement. `false` is only ever
 * written from the relationships themselves (writes.settleContested, at the end of every write
 * and at start), and every CONTRADICTS created sets its ends to `true`; a write that rewrites a
 * claim leaves it null (unknown: its fields walk) until it settles. A link deleted leaves `true`,
 * which costs a walk that finds nothing, never a missed contradiction.
 */
export const INTERNAL_PROPERTIES: Partial<Record<NodeLabel, readonly string[]>> = { Claim: ['claimantId', 'sourceId', 'contested'] };

/**
 * Properties too large to travel with every walk to their node: an article's full text is kilobytes,
 * its title a line, and `source { title }` under fifty claims would carry it fifty times. Reads for
 * the API leave them out (queries.hotNode); `Source.text` reads them apart (GraphReader.sourceTexts).
 */
export const COLD_PROPERTIES: Partial<Record<NodeLabel, readonly string[]>> = { Source: ['text'] };

/**
 * The properties a read of nodes of any of the labels returns when the request named what it
 * reads of each (GraphReader.withDeadline `fields`), the id first; null when it did not for one of them.
 */
export function fieldsOf(labels: readonly NodeLabel[], fields: Fields | undefined): string[] | null {
  if (!fields || !labels.every((l) => fields[l])) return null;
  return [...new Set(['id', ...labels.flatMap((l) => fields[l]!)])];
}

/** The properties a read for the API returns of a node of any of these labels, or null when that is every property. */
export function hotProperties(labels: readonly NodeLabel[]): string[] | null {
  if (!labels.some((l) => COLD_PROPERTIES[l])) return null;
  const names = new Set(labels.flatMap((l) => NODE_PROPERTIES[l].map(([name]) => name).filter((name) => !COLD_PROPERTIES[l]?.includes(name))));
  return [...names];
}

/**
 * Properties of the relationships between claims. `kind` says what joins them (a link's kind, a
 * reference's relation); `independent` and `dependence` say whether two corroborating claims come
 * from independent origins and, when not, why.
 */
export const LINK_PROPERTIES = [
  ['kind', 'STRING'], ['explanation', 'STRING'], ['rule', 'STRING'], ['independent', 'BOOLEAN'], ['dependence', 'STRING'],
] as const;

export interface RelationshipSpec {
  from: readonly NodeLabel[];
  to: readonly NodeLabel[];
  /** CONTRADICTS and CORROBORATES carry why they hold. */
  hasLinkProperties: boolean;
}

export const RELATIONSHIPS = {
  MADE: { from: ['Actor', 'Source'], to: ['Claim'], hasLinkProperties: false },
  REPORTED_IN: { from: ['Claim'], to: ['Source'], hasLinkProperties: false },
  ABOUT: { from: ['Claim'], to: ['Place', 'Actor', 'Event'], hasLinkProperties: false },
  CONTRADICTS: { from: ['Claim'], to: ['Claim'], hasLinkProperties: true },
  CORROBORATES: { from: ['Claim'], to: ['Claim'], hasLinkProperties: true },
  REFERS_TO: { from: ['Claim'], to: ['Claim'], hasLinkProperties: true },
  PART_OF: { from: ['Place'], to: ['Place'], hasLinkProperties: false },
  MEMBER_OF: { from: ['Actor'], to: ['Actor'], hasLinkProperties: false },
  OCCURRED_IN: { from: ['Event'], to: ['Place'], hasLinkProperties: false },
  PARTICIPATED_IN: { from: ['Actor'], to: ['Event'], hasLinkProperties: false },
  PUBLISHED_BY: { from: ['Source'], to: ['Actor'], hasLinkProperties: false },
} as const satisfies Record<RelationshipTypeName, RelationshipSpec>;

export type RelType = RelationshipTypeName;
export const REL_TYPES: readonly RelType[] = RELATIONSHIP_TYPES;

/**
 * The full-text index of each label and the properties it holds: what `search` ranks. Both engines
 * stem English words ("encircled" finds "encirclement").
 */
export const FULLTEXT: Record<NodeLabel, { index: string; properties: readonly string[] }> = {
  Claim: { index: 'claim_text', properties: ['statement', 'quote'] },
  Source: { index: 'source_text', properties: ['title', 'text'] },
  Actor: { index: 'actor_text', properties: ['name', 'description'] },
  Place: { index: 'place_text', properties: ['name'] },
  Event: { index: 'event_text', properties: ['name', 'description'] },
};

/** Both engines' full-text analysis: Kuzu's stemmer and Neo4j's analyzer of that name. */
export const FULLTEXT_ANALYZER = 'english';

/** A full-text index as an engine lists it (Kuzu's SHOW_INDEXES, Neo4j's SHOW FULLTEXT INDEXES). */
export interface FulltextIndexFound {
  name: string;
  labels: readonly string[];
  properties: readonly string[];
  /** null where the engine does not say. */
  analyzer: string | null;
}

/** The label whose full-text index bears this name; undefined for a name not in FULLTEXT. */
const labelOfIndex = (name: string): NodeLabel | undefined => NODE_LABELS.find((l) => FULLTEXT[l].index === name);

/**
 * The indexes bearing FULLTEXT's names whose definition is not FULLTEXT's: built by an earlier
 * build over other properties, another label or with another analyzer. Both engines create an
 * index only where none of its name exists, so a changed definition would never reach a data
 * folder or database made before it: these are dropped at start and created again. An analyzer
 * the engine does not report counts as the same, so that nothing is rebuilt on a guess.
 */
export function staleFulltextIndexes(found: readonly FulltextIndexFound[]): Array<FulltextIndexFound & { label: NodeLabel }> {
  const same = (a: readonly string[], b: readonly string[]) => [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
  const out: Array<FulltextIndexFound & { label: NodeLabel }> = [];
  for (const f of found) {
    const label = labelOfIndex(f.name);
    if (!label) continue;
    const stale = !same(f.labels, [label]) || !same(f.properties, FULLTEXT[label].properties) || (f.analyzer !== null && f.analyzer !== FULLTEXT_ANALYZER);
    // Kuzu drops an index by the table it is on: the one it names when that is a label of ours (the
    // allow-list), else the label its name is for (our builds never put one elsewhere).
    const on = NODE_LABELS.find((l) => f.labels.length === 1 && f.labels[0] === l) ?? label;
    if (stale) out.push({ ...f, label: on });
  }
  return out;
}

/** The line an operator reads when start rebuilt indexes (staleFulltextIndexes) of `where` (a data folder, a database). */
export function describeRebuiltIndexes(where: string, names: readonly string[]): string {
  const definitions = names.map((n) => labelOfIndex(n)!).map((l) => `${l}: ${FULLTEXT[l].properties.join(', ')}`);
  return `Rebuilt the full-text ${names.length === 1 ? 'index' : 'indexes'} ${names.join(', ')} of ${where}: built to another definition than this build's (${definitions.join('; ')}; analyzer ${FULLTEXT_ANALYZER})`;
}

/**
 * The audit trail, kept beside the graph and never part of it (no node label, no relationship
 * type of the API): one Change per write, linked by CHANGED to every node it touched, and the
 * ChangeLog, one node whose counter each write increments first. That increment takes the
 * database's write lock on the node, so writers queue on it (across processes on Neo4j) and
 * every change gets the next sequence number.
 */
export const AUDIT_NODES = {
  Change: [
    ['id', 'STRING'], ['seq', 'INT64'], ['at', 'STRING'], ['who', 'STRING'], ['role', 'STRING'], ['operation', 'STRING'],
    ['reason', 'STRING'], ['summary', 'STRING'], ['targets', 'STRING[]'], ['before', 'STRING'], ['after', 'STRING'],
    ['linksAdded', 'STRING'], ['linksRemoved', 'STRING'],
  ],
  // `deriving`: set by a write whose derived data is computed in a write of its own (Kuzu), cleared
  // when the last pending one commits; still set at start, the store derives everything again.
  ChangeLog: [['id', 'STRING'], ['last', 'INT64'], ['deriving', 'BOOLEAN']],
} as const satisfies Record<string, ReadonlyArray<readonly [string, PropertyType]>>;

export type AuditLabel = keyof typeof AUDIT_NODES;

/**
 * Derived from the graph and rewritten with it, never part of the API's graph: one ClaimDigest per
 * subject with many claims (cypher/digests.ts), its count and first claim ids in each order; one
 * NameKey per name key some node holds (cypher/names.ts), its id the key.
 */
export const DERIVED_NODES = {
  ClaimDigest: [['id', 'STRING'], ['total', 'INT64'], ['newest', 'STRING[]'], ['oldest', 'STRING[]']],
  NameKey: [['id', 'STRING']],
} as const satisfies Record<string, ReadonlyArray<readonly [string, PropertyType]>>;

/** The labels whose nodes hold name keys (`nameKeys`), found by name through NameKey. */
export const NAMED_LABELS = ['Actor', 'Place', 'Event', 'Source'] as const satisfies readonly NodeLabel[];
export type NamedLabel = (typeof NAMED_LABELS)[number];

/** NameKey -[:NAMES]-> every node holding that key: resolving a name is a primary-key lookup and a walk, not a scan. */
export const DERIVED_RELATIONSHIP = { type: 'NAMES', from: 'NameKey', to: NAMED_LABELS } as const;

/** Change -[:CHANGED]-> every node a write created or altered. */
export const AUDIT_RELATIONSHIP = { type: 'CHANGED', from: 'Change', to: NODE_LABELS } as const;

/** Longest PART_OF / MEMBER_OF chain a query follows (Kuzu needs a bound on variable-length paths). */
export const MAX_PLACE_DEPTH = MAX_HIERARCHY_DEPTH;
