/**
 * The graph model: what a source, claim, actor, place and event are, independent of any store
 * or of GraphQL. The seed loader and (later) bulk import build a GraphData; validateGraph says
 * whether it may be written.
 */
import type { PartialDate, Period } from './dates.js';

/**
 * Deepest place (PART_OF) or membership (MEMBER_OF) hierarchy the graph holds: queries that follow
 * a hierarchy (claims about a place and what lies inside it, a place's ancestors) stop there.
 */
export const MAX_HIERARCHY_DEPTH = 10;

/** The longest path (in relationships) a path search looks for: engines need the bound in the pattern. */
export const MAX_PATH_LENGTH = 6;

export const ACTOR_KINDS = [
  'STATE', 'GOVERNMENT_BODY', 'MILITARY', 'PERSON', 'THINK_TANK', 'MEDIA', 'INTERNATIONAL_ORGANIZATION', 'GROUP',
] as const;
export const PLACE_KINDS = ['COUNTRY', 'REGION', 'DISTRICT', 'CITY', 'TOWN', 'VILLAGE', 'AREA'] as const;
export const EVENT_KINDS = [
  'OFFENSIVE', 'BATTLE', 'STRIKE', 'PRISONER_EXCHANGE', 'AGREEMENT', 'SUMMIT', 'LEGISLATION', 'ELECTION', 'OTHER',
] as const;
export const TOPICS = [
  'TERRITORY', 'CASUALTIES', 'OPERATIONS', 'STRATEGY', 'DIPLOMACY', 'WEAPONS_POLICY', 'MILITARY_AID',
  'FOREIGN_FORCES', 'FORECAST', 'HUMANITARIAN', 'POLITICS', 'PRISONERS',
] as const;
export const STANCES = ['ASSERTS', 'DENIES'] as const;
export const UNITS = [
  'SQUARE_KILOMETERS', 'PEOPLE', 'SQUARE_KILOMETERS_PER_DAY', 'PEOPLE_PER_SQUARE_KILOMETER', 'TIMES', 'YEARS', 'DAYS', 'COUNT',
] as const;
export const QUALIFIERS = ['EXACT', 'APPROXIMATELY', 'AT_LEAST', 'MORE_THAN', 'AT_MOST', 'LESS_THAN'] as const;
export const MEASURE_KINDS = [
  'TERRITORY_CAPTURED', 'TERRITORY_CONTROLLED', 'TERRITORY_REMAINING', 'PERSONNEL_LOSSES', 'KILLED', 'WOUNDED',
  'KILLED_AND_WOUNDED', 'ADVANCE_RATE', 'CASUALTIES_PER_AREA', 'EQUIPMENT_RATIO', 'TIME_TO_CAPTURE', 'OTHER',
] as const;
export const LINK_KINDS = ['EXPLICIT', 'NUMERIC', 'CATEGORICAL', 'DENIAL'] as const;
/** Where an entity's description comes from: an article's words, checkable reference data, or the curators. */
export const BASIS_KINDS = ['ARTICLE', 'REFERENCE', 'EDITORIAL'] as const;
/** How one claim refers to another: it restates (reports, repeats) it, or it qualifies (weakens, caveats) it. */
export const REFERENCE_RELATIONS = ['RESTATES', 'QUALIFIES'] as const;
/**
 * How much a claim counts, as Wikidata ranks statements: nothing is deleted; a DEPRECATED claim
 * (wrong, superseded, mis-attributed) stays with its links and history but leaves default lists
 * and claim analysis; PREFERRED marks the best-supported of several.
 */
export const RANKS = ['PREFERRED', 'NORMAL', 'DEPRECATED'] as const;
export const PREDICATES = ['CONTROLS', 'CAPTURED', 'ENCIRCLED', 'AT_RISK_OF_ENCIRCLEMENT', 'BREAKTHROUGH', 'ADVANCING'] as const;

export type ActorKind = (typeof ACTOR_KINDS)[number];
export type PlaceKind = (typeof PLACE_KINDS)[number];
export type EventKind = (typeof EVENT_KINDS)[number];
export type Topic = (typeof TOPICS)[number];
export type Stance = (typeof STANCES)[number];
export type Unit = (typeof UNITS)[number];
export type Qualifier = (typeof QUALIFIERS)[number];
export type MeasureKind = (typeof MEASURE_KINDS)[number];
export type LinkKind = (typeof LINK_KINDS)[number];
export type Predicate = (typeof PREDICATES)[number];
export type BasisKind = (typeof BASIS_KINDS)[number];
export type ReferenceRelation = (typeof REFERENCE_RELATIONS)[number];
export type Rank = (typeof RANKS)[number];

/** ARTICLE bases name the source and quote it verbatim; REFERENCE and EDITORIAL ones have neither. */
export interface DescriptionBasis {
  kind: BasisKind;
  source: string | null;
  quote: string | null;
}

/** An article says this claim restates or qualifies another one (claim `claim`). */
export interface ClaimReference {
  claim: string;
  relation: ReferenceRelation;
  explanation: string;
}

/**
 * A categorical statement in structured form: `side` `predicate` `subject` (Russia CAPTURED Popasna;
 * Ukrainian forces AT_RISK_OF_ENCIRCLEMENT in Kursk Oblast). `holds` false states the negation;
 * a claim whose stance is DENIES denies the assertion as given.
 */
export interface Assertion {
  predicate: Predicate;
  subject: string;
  side: string | null;
  holds: boolean;
}

export interface ActorData {
  id: string;
  name: string;
  kind: ActorKind;
  aliases: string[];
  description: string | null;
  descriptionBasis?: DescriptionBasis | null;
  memberOf: string[];
  /** The actor this one was merged into (the same actor recorded twice); it is then found by id only. */
  mergedInto?: string | null;
}

export interface PlaceData {
  id: string;
  name: string;
  kind: PlaceKind;
  aliases: string[];
  /** The places this one lies in: usually one, several where regions overlap (Donetsk Oblast: Ukraine and Donbas). */
  partOf: string[];
  /** Where the place's facts (its parents) come from: reference data unless an article says them. */
  descriptionBasis?: DescriptionBasis | null;
}

export interface EventData {
  id: string;
  name: string;
  kind: EventKind;
  aliases: string[];
  description: string | null;
  descriptionBasis?: DescriptionBasis | null;
  occurredIn: string[];
  participants: string[];
  start: PartialDate | null;
  end: PartialDate | null;
}

export interface SourceData {
  id: string;
  title: string;
  file: string | null;
  /** The full text the claims' quotes and offsets refer to. */
  text: string;
  publisher: string | null;
  language: string;
  publishedOn: PartialDate | null;
  description: string | null;
  descriptionBasis?: DescriptionBasis | null;
  /** A short name (at most SHORT_NAME_LENGTH characters) for when the source speaks in its own voice. */
  shortName?: string | null;
  /** Where the source can be read, when it is online. */
  url?: string | null;
}

/** Longest a source's short name may be: it names a claimant in lists and explanations. */
export const SHORT_NAME_LENGTH = 60;

export interface Quantity {
  value: number;
  unit: Unit;
  qualifier: Qualifier;
  /** The number as the text writes it: "only about 752 square kilometers". */
  text: string;
  /**
   * The text gives no number ("Thousands", "dozens of square kilometers"): `value` and `qualifier`
   * are only the bound the words entail (at least 2,000), for the rules, never a stated figure.
   */
  vague?: boolean;
}

export interface Measure {
  kind: MeasureKind;
  side: string | null;
  place: string | null;
}

export interface ClaimData {
  id: string;
  source: string;
  /** An actor, or the source itself when the article speaks in its own voice. */
  claimant: string;
  statement: string;
  quote: string;
  quoteStart: number;
  quoteEnd: number;
  about: string[];
  topic: Topic;
  stance: Stance;
  hedged: boolean;
  statedAt: PartialDate | null;
  period: Period | null;
  quantity: Quantity | null;
  measure: Measure | null;
  /** The claim as a categorical statement, when it is one (captured, controls, encircled, ...). */
  assertion: Assertion | null;
  /** Claims this one restates or qualifies, where its article says so. */
  refersTo?: ClaimReference[];
  /** NORMAL when absent. */
  rank?: Rank;
  /** Why the rank was set (a curator's words); null for NORMAL claims never ranked. */
  rankReason?: string | null;
}

export interface LinkData {
  from: string;
  to: string;
  kind: LinkKind;
  explanation: string;
  /** The rule that derived the link; null for links the sources state themselves. */
  rule: string | null;
  /** Corroborations: whether the two claims come from independent origins (null: not assessed). */
  independent?: boolean | null;
  /** Corroborations that are not independent: why (same side, same organisation, a restatement). */
  dependence?: string | null;
}

export interface GraphData {
  actors: ActorData[];
  places: PlaceData[];
  events: EventData[];
  sources: SourceData[];
  claims: ClaimData[];
  contradictions: LinkData[];
  corroborations: LinkData[];
}

/** A graph with nothing in it, to spread a few lists into (`{ ...EMPTY_GRAPH, claims }`); never push into its lists. */
export const EMPTY_GRAPH: GraphData = { actors: [], places: [], events: [], sources: [], claims: [], contradictions: [], corroborations: [] };

export const NODE_LABELS = ['Actor', 'Place', 'Event', 'Source', 'Claim'] as const;
export type NodeLabel = (typeof NODE_LABELS)[number];

/** The kinds of relationship the graph holds (the API's RelationshipType); store/schema.ts says what each joins. */
export const RELATIONSHIP_TYPES = [
  'MADE', 'REPORTED_IN', 'ABOUT', 'CONTRADICTS', 'CORROBORATES', 'REFERS_TO', 'PART_OF', 'MEMBER_OF', 'OCCURRED_IN', 'PARTICIPATED_IN', 'PUBLISHED_BY',
] as const;
export type RelationshipTypeName = (typeof RELATIONSHIP_TYPES)[number];

const ID_PREFIX: Record<NodeLabel, string> = {
  Actor: 'actor',
  Place: 'place',
  Event: 'event',
  Source: 'source',
  Claim: 'claim',
};

const ID_PATTERN = /^(actor|place|event|source|claim):[a-z0-9][a-z0-9-]*$/;

/**
 * Ids are global and say what they identify ("place:sudzha"), so `node(id:)` and the stores
 * need no lookup to know a node's label.
 */
export function labelOfId(id: string): NodeLabel | null {
  if (!ID_PATTERN.test(id)) return null;
  const prefix = id.slice(0, id.indexOf(':'));
  return NODE_LABELS.find((l) => ID_PREFIX[l] === prefix) ?? null;
}

/** Ids grouped by the label they name (labelOfId), each group in the order given; ids of no label among `among` left out. */
export function idsByLabel<L extends NodeLabel>(ids: Iterable<string>, among: readonly L[]): Map<L, string[]> {
  const out = new Map<L, string[]>();
  for (const id of ids) {
    const named = labelOfId(id);
    const label = among.find((l) => l === named);
    if (label === undefined) continue;
    const group = out.get(label);
    if (group) group.push(id);
    else out.set(label, [id]);
  }
  return out;
}

export function looksLikeId(value: string): boolean {
  return ID_PATTERN.test(value);
}
