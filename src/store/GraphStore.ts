/**
 * The store port: the one interface the rest of claimgraph uses to reach a graph database. It has
 * a read side (what resolvers may use) and a write side (what ingest uses). One implementation,
 * cypher/CypherStore, runs it over either engine (kuzu/, neo4j/); only createStore knows which.
 */
import type { AnalysedClaim } from '../domain/analysis.js';
import type { DatePrecision, DayRange } from '../domain/dates.js';
import type { TimelineDate, TimelineRow } from '../domain/timeline.js';
import type { Origin } from '../domain/independence.js';
import type {
  ActorData, ClaimData, EventData, GraphData, LinkData, LinkKind, NodeLabel, PlaceData, Rank, SourceData, Topic,
} from '../domain/model.js';
import type { RelType } from './schema.js';
import type { PathRequest } from './cypher/paths.js';

/** What a store returns for a node: its data without the relationships, which are walked separately. */
export type ActorRecord = { label: 'Actor' } & Omit<ActorData, 'memberOf'>;
export type PlaceRecord = { label: 'Place' } & Omit<PlaceData, 'partOf'>;
export type EventRecord = { label: 'Event' } & Omit<EventData, 'occurredIn' | 'participants'>;
/**
 * A source as read for the API carries no `text` (schema.ts COLD_PROPERTIES: kilobytes that a walk
 * to `source { title }` would carry once per claim); GraphReader.sourceTexts reads it. Write
 * transactions read sources whole (WholeRecordOf).
 */
export type SourceRecord = { label: 'Source' } & Omit<SourceData, 'publisher' | 'text'> & { text?: string };
export type ClaimRecord = { label: 'Claim' } & Omit<ClaimData, 'source' | 'claimant' | 'about' | 'refersTo'> & {
  /** The claimant's and the source's ids, as the store keeps them (schema.ts INTERNAL_PROPERTIES); null for a claim written before them. */
  claimantId?: string | null;
  sourceId?: string | null;
  /** Whether a CONTRADICTS relationship joins it, as the store keeps it (schema.ts INTERNAL_PROPERTIES); null when unknown. */
  contested?: boolean | null;
};

/**
 * The stored properties (schema.ts NODE_PROPERTIES) a request reads of the nodes of each label.
 * A record read with them holds only those: the reader promises to read no other.
 */
export type Fields = Partial<Record<NodeLabel, readonly string[]>>;

export type NodeRecord = ActorRecord | PlaceRecord | EventRecord | SourceRecord | ClaimRecord;
export type RecordOf<L extends NodeLabel> = Extract<NodeRecord, { label: L }>;
/** A node with every property, cold ones included. */
export type WholeRecordOf<L extends NodeLabel> = L extends 'Source' ? SourceRecord & { text: string } : RecordOf<L>;

/**
 * The relationship walks the API offers, by name. Each maps to one relationship type and
 * direction (see edges.ts); nothing else can be asked of a store, so no caller can inject a
 * label or relationship type.
 */
export type EdgeName =
  | 'Claim.claimant'
  | 'Claim.source'
  | 'Claim.about'
  | 'Claim.contradicts'
  | 'Claim.conflicts'
  | 'Claim.corroborations'
  | 'Claim.refersTo'
  | 'Claim.referredBy'
  | 'Actor.memberOf'
  | 'Actor.members'
  | 'Actor.events'
  | 'Actor.published'
  | 'Place.partOf'
  | 'Place.parts'
  | 'Place.events'
  | 'Source.publisher'
  | 'Event.places'
  | 'Event.participants';

/** Properties of a CONTRADICTS or CORROBORATES relationship, seen from the claim walked from. */
export interface LinkInfo {
  kind: LinkKind;
  explanation: string;
  rule: string | null;
  /** OUTGOING: the claim walked from is the relationship's start; INCOMING: its end. */
  direction: 'OUTGOING' | 'INCOMING';
  independent: boolean | null;
  dependence: string | null;
}

export interface Neighbour {
  node: NodeRecord;
  link: LinkInfo | null;
}

/**
 * Relationship fields an operation will read of the nodes a call returns: each edge to walk from
 * them, and what to walk in turn from the nodes it reaches. A read given one fetches them in the
 * same statement (cypher/walks.ts), so a page of claims and its claimants cost one round trip.
 */
export type Prefetch = { readonly [E in EdgeName]?: Prefetch };

/**
 * Neighbours fetched along a Prefetch: per edge, every node walked from, with its complete list of
 * neighbours (an empty list included), ordered as neighbours() orders them.
 */
export type Walked = Map<EdgeName, Map<string, Neighbour[]>>;

/** A Prefetch to follow and where to put what it finds: the reads that take one add to `into`. */
export interface Walk {
  along: Prefetch;
  into: Walked;
}

/** Claims filter with every reference already resolved to an id. */
export interface ClaimCriteria {
  /**
   * Claims about any of these nodes (at most one per label: "Russia" is both a state and a country);
   * for a place, also claims about any place inside it.
   */
  about?: Subject[];
  claimantIds?: string[];
  sourceIds?: string[];
  topics?: Topic[];
  /** Claims whose statement date may fall in this range (an imprecise date overlapping it counts). */
  stated?: DayRange;
  /** Claims about a period overlapping this range (an open bound reaches the edge of time); claims with no period never match. */
  period?: DayRange;
  /** true: only claims in a CONTRADICTS relationship; false: only claims in none. */
  contested?: boolean;
  /** Claims of these ranks; PREFERRED and NORMAL (every claim not deprecated) when absent. */
  ranks?: Rank[];
}

export type ClaimOrder = 'STATED_DESC' | 'STATED_ASC';

export interface Subject {
  label: 'Place' | 'Actor' | 'Event';
  id: string;
}

export type LinkType = 'CONTRADICTS' | 'CORROBORATES';

/** Which links to list: any end about the place/actor/event, on a topic, stated in a range; `between` two claimant sets. */
export interface LinkCriteria {
  about?: ClaimCriteria['about'];
  topics?: Topic[];
  stated?: DayRange;
  /** Claimant ids of one side and of the other, in either order. */
  between?: [string[], string[]];
}

/** One stored link: `a` -[type]-> `b`. */
export interface LinkRow {
  a: ClaimRecord;
  b: ClaimRecord;
  claimantA: string;
  claimantB: string;
  kind: LinkKind;
  explanation: string;
  rule: string | null;
  independent: boolean | null;
  dependence: string | null;
}

export interface PageRequest {
  offset: number;
  limit: number;
  /** Whether the total is wanted (GraphQL `totalCount` selected); counting can cost more than the page. Default true. */
  count?: boolean;
}

export interface Page<T> {
  /** Every match, not only this page's; null when the request did not ask for it. */
  total: number | null;
  items: T[];
  /** Whether matches follow this page. */
  hasMore: boolean;
}

/**
 * What a list of claims hangs from when it is a relationship field: claims made by an actor or
 * source, reported in a source, about an actor, about a place (or a place inside it), about an event.
 */
export type ClaimAnchor = 'madeBy' | 'reportedIn' | 'aboutActor' | 'aboutPlace' | 'aboutEvent';

export interface ImportOptions {
  replaceDerivedLinks?: boolean;
}

export interface AnalysisInput {
  claims: AnalysedClaim[];
  parentOf: Map<string, string[]>;
  /** Display names of actors, places and sources (a source's short name, else its title). */
  nameOf: Map<string, string>;
  /** Each actor's organisations (MEMBER_OF), for actors that belong to any. */
  memberOf: Map<string, string[]>;
  /** Each source's publisher (PUBLISHED_BY), for sources that name one. */
  publisherOf: Map<string, string>;
  /** For each claim that restates others (REFERS_TO of kind RESTATES), the claims it restates. */
  restates: Map<string, string[]>;
  /** Who made every claim and where it was reported, by claim id. */
  originOf: Map<string, Origin>;
  /** The corroborations sources state (no rule), with their stored independence, ordered by from, to, kind. */
  statedCorroborations: LinkData[];
}

/** Which claims an incremental analysis must compare: those sharing a figure's measure and side, or an assertion's subject. */
export interface AnalysisScope {
  measures: Array<{ kind: string; side: string | null }>;
  subjects: string[];
  /** Every comparable claim, whatever its measure or subject (a full recomputation). */
  all?: boolean;
}

/** A CONTRADICTS or CORROBORATES link with its type, as a write adds or removes it. */
export type TypedLink = LinkData & { type: LinkType };

/** One entry of the audit trail: who changed what, when and why, and what analysis found. */
export interface ChangeRecord {
  /** `change:<seq>`. */
  id: string;
  /** Position in the trail: every write takes the next number, in commit order. */
  seq: number;
  /** ISO 8601 instant. */
  at: string;
  /** The API key's or token's name. */
  who: string;
  role: string;
  /** The mutation (or import) that made the change: addClaims, editClaim, setClaimRank, ... */
  operation: string;
  reason: string | null;
  /** One line for lists: "added 2 claims to source:x". */
  summary: string;
  /** Ids of every node created or altered. */
  targets: string[];
  /** JSON of what the write replaced (editClaim: the previous claim; setClaimRank: the previous rank), else null. */
  before: string | null;
  /** JSON of what the write stored. */
  after: string | null;
  linksAdded: TypedLink[];
  linksRemoved: TypedLink[];
}

export interface GraphCounts {
  nodes: Record<NodeLabel, number>;
  relationships: Record<string, number>;
}

export interface SearchHitRecord {
  node: NodeRecord;
  score: number;
}

/** What `subgraph` walks: from these node ids, up to `depth` hops over these relationship types, at most `limit` nodes. */
export interface SubgraphRequest {
  ids: readonly string[];
  depth: number;
  types: readonly RelType[];
  limit: number;
  /** Most relationships returned, those nearer the start kept first; MAX_EDGES_PER_NODE x `limit` when absent. */
  maxEdges?: number;
}

/**
 * Relationships a subgraph returns per node of its limit at most. In this graph a node has few (a
 * claim: its claimant, its source, what it is about, a link or two): 2.75 per node over the seed
 * graph, at most 2.81 in its largest neighbourhoods; a denser one is cut, and says so (`truncated`).
 */
export const MAX_EDGES_PER_NODE = 3;

/** One stored relationship, in its stored direction, with its properties when it has any. */
export interface EdgeRecord {
  /** Stable across calls: `TYPE:source->target`, and `:kind` for the relationships between claims. */
  id: string;
  type: RelType;
  source: string;
  target: string;
  /** A link's kind (CONTRADICTS, CORROBORATES) or a reference's relation (REFERS_TO); null otherwise. */
  kind: string | null;
  explanation: string | null;
  rule: string | null;
  independent: boolean | null;
  dependence: string | null;
}

export interface SubgraphRecord {
  /** The start nodes first, then each hop's new nodes by id. */
  nodes: NodeRecord[];
  /** Every walked relationship with both ends among `nodes`, by id. */
  edges: EdgeRecord[];
  /** Whether nodes (or relationships between them) within `depth` hops were left out to keep to `limit`. */
  truncated: boolean;
}

/** Everything a reader can ask of the graph. Nothing here writes. */
export interface GraphReader {
  readonly kind: 'kuzu' | 'neo4j';

  /**
   * The nodes with these ids, in the order of `ids`; null where no node has that id. Without cold
   * properties (a source's text). With a walk, their neighbours along it too, in the same statement.
   */
  getNodes<L extends NodeLabel>(label: L, ids: readonly string[], walk?: Walk): Promise<Array<RecordOf<L> | null>>;

  /** The full texts of these sources, by id; a source that does not exist is left out. */
  sourceTexts(ids: readonly string[]): Promise<Map<string, string>>;

  /**
   * For each name key (see domain/names nameKey), the nodes of the given labels having it among
   * their name keys, by id. Every key gets an entry, empty if no node has it.
   */
  findByNameKeys(labels: readonly NodeLabel[], keys: readonly string[]): Promise<Map<string, NodeRecord[]>>;

  /**
   * Every node of the labels with its display name and name keys, by id: what suggestions for a
   * name that matched nothing are chosen from (one call, on a miss only).
   */
  nameIndex(labels: readonly NodeLabel[]): Promise<Array<{ id: string; label: NodeLabel; name: string; keys: string[] }>>;

  /** One page of all nodes of a label, ordered by name (sources by title, claims by id). */
  listNodes<L extends Exclude<NodeLabel, 'Claim'>>(label: L, page: PageRequest): Promise<Page<RecordOf<L>>>;

  /**
   * For each id, its neighbours across one allow-listed edge, keyed by that id. Ids with no
   * neighbours are absent from the map. Order within a key: by neighbour id, link kind, direction.
   */
  neighbours(edge: EdgeName, ids: readonly string[]): Promise<Map<string, Neighbour[]>>;

  /** One page of claims matching the criteria (the total if asked); ordered by stated date, unknown last, then id. */
  findClaims(criteria: ClaimCriteria, order: ClaimOrder, page: PageRequest, walk?: Walk): Promise<Page<ClaimRecord>>;

  /**
   * The same for many anchors at once, in one store call, paged in the database. Every id gets an
   * entry, empty if need be. With a walk, the claims' neighbours along it come in the same statement.
   */
  findClaimsFor(
    anchor: ClaimAnchor,
    ids: readonly string[],
    criteria: ClaimCriteria,
    order: ClaimOrder,
    page: PageRequest,
    walk?: Walk,
  ): Promise<Map<string, Page<ClaimRecord>>>;

  /** Every link of a type matching the criteria, ordered by a's id, b's id, kind. */
  findLinks(type: LinkType, criteria: LinkCriteria): Promise<LinkRow[]>;

  /**
   * One page of linked pairs: each unordered pair of claims once, with every link of the type that
   * joins it (ordered as findLinks). Pairs come newest statement first (undated last), then by the
   * smaller and the larger claim id.
   */
  findPairs(type: LinkType, criteria: LinkCriteria, page: PageRequest): Promise<Page<LinkRow[]>>;

  /**
   * Claims matching the criteria counted per date bucket (`precision` DAY, MONTH or YEAR; SEASON is
   * counted by MONTH) and per side, in no set order (engines order nulls differently): one call,
   * whatever the count. `dated`: by the statement date, or by the start of the period a claim describes.
   */
  timeline(criteria: ClaimCriteria, precision: DatePrecision, dated: TimelineDate): Promise<TimelineRow[]>;

  /** For each actor id, the ids of every actor within it through MEMBER_OF, itself included. */
  membersOf(ids: readonly string[]): Promise<Map<string, string[]>>;

  /** For each actor id, the state (kind STATE) it belongs to through MEMBER_OF, itself if it is one; absent if none. */
  statesOf(ids: readonly string[]): Promise<Map<string, ActorRecord>>;

  /**
   * The nodes within `depth` hops of the start ids over the given relationship types (either
   * direction), breadth first, and the relationships between them. Unknown start ids are left out.
   * Bounded work whatever the graph holds: a few statements per hop, each returning a bounded number
   * of rows, in one unit of work.
   */
  subgraph(request: SubgraphRequest): Promise<SubgraphRecord>;

  /**
   * The shortest paths between two nodes over the relationship types, each walked either way, found
   * by the engine's own shortest-path search: every path of the shortest length, at most `first`,
   * none longer than `maxLength`. Empty when none exists or a node is unknown.
   */
  paths(request: PathRequest): Promise<SubgraphRecord[]>;

  /**
   * One page of the nodes of these labels whose full-text index (schema.ts FULLTEXT) matches the
   * words, best score first, then by id; the total if asked. Scores come from each engine's own
   * ranking: comparable within one answer, not between engines.
   */
  search(text: string, labels: readonly NodeLabel[], page: PageRequest): Promise<Page<SearchHitRecord>>;

  /**
   * One page of every stored relationship of a type, in its stored direction, ordered by source,
   * target and kind (the total if asked): what exporting the whole graph pages through.
   */
  relationships(type: RelType, page: PageRequest): Promise<Page<EdgeRecord>>;

  /** Node counts per label and relationship counts per type. */
  counts(): Promise<GraphCounts>;

  /**
   * What claim analysis needs of the stored graph: comparable claims, the place tree, display names,
   * and for the independence of corroborations: memberships, publishers, restatements, every
   * claim's claimant and source, and the corroborations sources state.
   */
  analysisInput(): Promise<AnalysisInput>;

  /**
   * The graph's version: the number of the last write (curated, imported, loaded), 0 before any.
   * Every write takes a higher one, so an answer cached under a version is never served after a
   * write. No statement where this process is the only writer (Kuzu); one small read otherwise.
   */
  version(): Promise<number>;

  /** For each node id, the changes that touched it, newest first (at most `limit` per node). */
  changesOf(ids: readonly string[], limit: number): Promise<Map<string, ChangeRecord[]>>;

  /** One page of the audit trail in order (oldest first), from sequence number `afterSeq` (exclusive) and instant `since`. */
  changes(since: string | null, afterSeq: number, page: PageRequest): Promise<Page<ChangeRecord>>;

  /**
   * The same reader for one request that must be done by `deadline` (epoch ms): every query's
   * timeout is cut to the time left, and a query that would start after it fails at once with
   * StoreTimeoutError, so a request's time limit also ends its store work. `onStatement` is told
   * of every statement the view sends to the engine: the per-operation figure behind the
   * `x-store-calls` header and the no-N+1 tests, counted where the work reaches the database.
   * `fields`, asked each time a read is built, names the properties the request will read of each
   * label's nodes; reads return only those (and the id), so a walk to a claim's claimant does not
   * carry the claimant's description. A label it leaves out, or no `fields`, reads whole nodes.
   */
  withDeadline(deadline: number, onStatement?: () => void, fields?: () => Fields | undefined): GraphReader;
}

export interface TransactOptions {
  /** How long the transaction may run, for writes longer than a query (an import); Engine.write says where it applies. */
  timeoutMs?: number;
}

/** How the graph changes: whole validated graphs (seed, import), and curated writes in transactions. */
export interface GraphWriter {
  /**
   * Upserts a validated graph by id, all or nothing: nodes are merged, their properties replaced,
   * and relationships merged (links on their kind), so importing the same graph twice changes
   * nothing. With `replaceDerivedLinks`, every link a rule derived is removed first, in the same
   * transaction, so the graph's derived links replace them.
   */
  importGraph(graph: GraphData, options?: ImportOptions): Promise<void>;

  /**
   * Loads a validated graph into an empty store at bulk speed (Kuzu: COPY FROM files; Neo4j:
   * batched CREATE in chunked transactions). Rejects, writing nothing, when the store holds any
   * node; if loading fails part-way it empties the store again before rejecting.
   */
  bulkLoad(graph: GraphData): Promise<void>;

  /**
   * Runs `work` as one serialised write transaction (see GraphTransaction); rejects, writing nothing,
   * if it throws.
   */
  transact<T>(work: (tx: GraphTransaction) => Promise<T>, options?: TransactOptions): Promise<T>;
}

/**
 * One curated write, all of it or nothing. Writes are serialised: a transaction begins by taking
 * the next change number, which waits for every other write to commit (on Neo4j across processes
 * too), so its reads see every earlier write and no later one. Read before writing: Kuzu 0.11
 * returns some rows twice when a transaction reads relationships it has itself written.
 * Statements run one after another: do not run two of its calls at once.
 */
export interface GraphTransaction {
  /** This write's change number. */
  readonly seq: number;
  /** Whole nodes, cold properties included: a new claim's quote is looked up in its source's text. */
  getNodes<L extends NodeLabel>(label: L, ids: readonly string[]): Promise<Array<WholeRecordOf<L> | null>>;
  /** Every claim made by `claimant`'s (ids), with its claimant, source and what it is about. */
  claimsWithRelations(ids: readonly string[]): Promise<ClaimData[]>;
  /** What incremental analysis needs: the comparable claims in the scope plus the graph-wide tables (names, hierarchies, origins). */
  analysisInput(scope: AnalysisScope): Promise<AnalysisInput>;
  /** The derived links (those with a rule) with an end among the claims, or all of them. */
  derivedLinksOf(claimIds: readonly string[] | 'all'): Promise<TypedLink[]>;
  /** The stated corroborations (no rule) with an end among the claims, or all of them. */
  statedCorroborationsOf(claimIds: readonly string[] | 'all'): Promise<LinkData[]>;
  /** Moves every relationship of one actor, and every claim's reference to it, to another (an admin's merge). */
  moveActor(from: string, into: string): Promise<void>;
  /** The stated links (no rule) of a type with an end among the claims: what a bulk import compares its link records with. */
  statedLinksOf(type: LinkType, claimIds: readonly string[] | 'all'): Promise<LinkData[]>;
  /** Upserts nodes and merges relationships and links, as importGraph does. */
  upsert(graph: GraphData): Promise<void>;
  /** The same for a graph whose every node is new (the caller checked): relationships are created, not merged, at a cost that does not grow with the graph. */
  insert(graph: GraphData): Promise<void>;
  /** Replaces a claim: its properties, and its claimant, source and subjects (the old ones are removed). */
  replaceClaim(claim: ClaimData): Promise<void>;
  /** Deletes the derived links with an end among the claims, or every derived link. */
  deleteDerivedLinks(claimIds: readonly string[] | 'all'): Promise<void>;
  /** Writes links (derived or stated), each replacing any of the same type, from, to and kind. */
  writeLinks(links: readonly TypedLink[]): Promise<void>;
  /** Appends the change to the audit trail, linked to each of its targets. */
  recordChange(change: ChangeRecord): Promise<void>;
}

/** A store as the process holds it: both sides, and its life cycle. */
export interface GraphStore extends GraphReader, GraphWriter {
  /** Creates tables, constraints and indexes; safe to call on every start. */
  init(): Promise<void>;

  /** Resolves when the database answers a trivial query; rejects with StoreUnavailableError otherwise. */
  ping(): Promise<void>;

  close(): Promise<void>;
}
