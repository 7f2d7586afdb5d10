/**
 * The GraphStore port, implemented once over an Engine (kuzu/KuzuEngine, neo4j/Neo4jEngine). What
 * the engines share lives here: which statements a call runs, in what unit of work, and how rows
 * become records. What differs stays in the engines and the dialect.
 */
import { NODE_LABELS, RANKS, labelOfId, type GraphData, type NodeLabel } from '../../domain/model.js';
import type {
  ActorRecord, AnalysisInput, ChangeRecord, EdgeRecord, GraphTransaction, ClaimAnchor, ClaimCriteria, ClaimOrder, ClaimRecord, EdgeName, GraphCounts, GraphReader, GraphStore,
  ImportOptions, LinkCriteria, SearchHitRecord, LinkRow, LinkType, Neighbour, NodeRecord, Page, PageRequest, RecordOf, SubgraphRecord, SubgraphRequest,
  Walk, Walked, Fields, TransactOptions,
} from '../GraphStore.js';
import { EDGES } from '../edges.js';
import { StoreNotEmptyError } from '../errors.js';
import { linkRows, sortNeighbours } from '../graph-rows.js';
import type { DatePrecision } from '../../domain/dates.js';
import { bucketWidth, type TimelineDate, type TimelineRow } from '../../domain/timeline.js';
import { REL_TYPES, type RelType } from '../schema.js';
import type { Dialect } from './dialect.js';
import type { Engine, Row, Run, Statement } from './Engine.js';
import { edgeOf, expandSubgraph } from './expand.js';
import { relationshipPage } from './export.js';
import { pathOf, pathsOfLength, shortestPaths, type PathRequest } from './paths.js';
import { countSearch, searchLabel } from './search.js';
import * as q from './queries.js';
import * as w from './writes.js';
import * as cur from './curation.js';
import { changeOf, CypherTransaction } from './transaction.js';
import { analysisInputOf, linkProps, record, text } from './rows.js';
import { gatherWalks, planStages, type WalkStage } from './walks.js';
import {
  DEFAULT_DIGEST_MIN, digestAnchor, digestIds, digestOfRow, digestsOf, digestsOfGraph, digestSettings, digestSubject, pageOfDigest, rebuildDigests, refreshDigests, writeDigests,
  scopeOfGraph, subjectsBefore, type DigestScope,
} from './digests.js';
import { namesBuilt, nodesByNameKeys, rebuildNames, refreshNames } from './names.js';

/** Rows per transaction of a batched bulk load: enough to amortise a commit, few enough for Neo4j's transaction memory. */
const BULK_ROWS = 10_000;

const LINK_TYPES = ['CONTRADICTS', 'CORROBORATES'] as const;

function linkRow(r: Row): LinkRow {
  return { a: record(r.a), b: record(r.b), claimantA: text(r.claimantA), claimantB: text(r.claimantB), ...linkProps(r) };
}

const total = (rows: Row[]): number => Number(rows[0]?.total ?? 0);

/** The ids of a graph's nodes that hold names (the claims hold none). */
const namedIds = (g: GraphData): string[] => [g.actors, g.places, g.events, g.sources].flatMap((nodes) => nodes.map((n) => n.id));

/** What the stages found from each row's node, into `into`, each list ordered as neighbours() orders it. */
function gatherRows(stages: readonly WalkStage[], rows: readonly Row[], into: Walked): void {
  const filled = new Set<string>();
  for (const r of rows) gatherWalks(stages, record(r.node).id, r, into, filled);
  for (const byId of into.values()) sortNeighbours(byId);
}

/**
 * A fact about the graph read once and kept while it may still hold: for the version of the graph
 * it was read at, or, where the version is not known without asking (`version` null: another
 * process may write), for `maxAgeMs`. A failed read is forgotten, so the next caller asks again.
 */
class Remembered<T> {
  private entry: { version: number | null; at: number; value: Promise<T> } | null = null;

  get(version: number | null, maxAgeMs: number, read: () => Promise<T>): Promise<T> {
    const known = this.entry;
    if (known && (version !== null ? known.version === version : Date.now() - known.at < maxAgeMs)) return known.value;
    const entry = { version, at: Date.now(), value: read() };
    this.entry = entry;
    entry.value.catch(() => {
      if (this.entry === entry) this.entry = null;
    });
    return entry.value;
  }
}

/** The graph's version as this process last saw it: shared by the store and its request views. */
class SeenVersion {
  value: number | null = null;
  /** Versions only grow: a read that raced a write never takes the known one back. */
  see(version: number): number {
    this.value = Math.max(this.value ?? 0, version);
    return this.value;
  }

  /** Whether any claim is deprecated. */
  readonly anyDeprecated = new Remembered<boolean>();

  /** Derivations computed apart from their write (Engine.seesOwnWrites false) begun and not yet committed. */
  pendingDerivations = 0;
  /** One of them failed: the next derives everything again (CypherStore.rederiveAll). */
  rederive = false;

  /**
   * Which subjects have a claim digest: a hint only (digests.ts). A subject missing from it is read
   * from its claims, correct if slower; one in it whose digest is gone falls back too.
   */
  readonly digests = new Remembered<Set<string>>();
}

export interface StoreOptions {
  /** Subjects with at least this many claims keep a digest (digests.ts); 0: every subject with a claim; undefined: the engine's default (DEFAULT_DIGEST_MIN). */
  digestMin?: number;
}

/**
 * How long a process that is not the only writer trusts its list of digested subjects: a hint (see
 * SeenVersion.digests), so a subject that gained a digest meanwhile is only read the slower way.
 */
const DIGEST_HINT_MS = 30_000;

export class CypherStore implements GraphStore {
  readonly kind: 'kuzu' | 'neo4j';

  private readonly digestMin: number;

  constructor(
    private readonly engine: Engine,
    options: StoreOptions = {},
    /** Set on a request's view (withDeadline); undefined on the store itself. */
    private readonly deadline?: number,
    private readonly seen = new SeenVersion(),
    private readonly onStatement?: () => void,
    /** What a request's view reads of each label's nodes (GraphReader.withDeadline). */
    private readonly wanted?: () => Fields | undefined,
  ) {
    this.kind = engine.kind;
    this.digestMin = options.digestMin ?? DEFAULT_DIGEST_MIN[engine.kind];
  }

  private get d() {
    return this.engine.dialect;
  }

  /** The walk a read takes on, or none where the engine leaves Prefetch to the loaders. */
  private along(walk: Walk | undefined): Walk | undefined {
    return this.engine.walksAlong ? walk : undefined;
  }

  private read<T>(work: (run: Run) => Promise<T>): Promise<T> {
    const told = this.onStatement;
    return this.engine.read(told ? (run) => work((statement) => (told(), run(statement))) : work, this.deadline);
  }

  /** Runs statements one after another, each seeing what the one before wrote. */
  private static async inOrder(run: Run, statements: Statement[]): Promise<void> {
    for (const s of statements) await run(s);
  }

  /** Runs every statement of a list and concatenates their rows (one id batch per statement). */
  private static async all(run: Run, statements: Statement[]): Promise<Row[]> {
    return (await Promise.all(statements.map(run))).flat();
  }

  /** Rebuilds the claim digests when they were built with another threshold, or never (a folder older than digests). */
  async init(): Promise<void> {
    await this.engine.init();
    // A write whose derived data was never computed (the process stopped between the two writes,
    // or that write failed): everything is derived again, once.
    const [left] = await this.engine.read((run) => run(cur.derivingLeft()));
    if (left?.deriving === true) {
      this.seen.see(await this.engine.write(async (run) => {
        const seq = await this.bump(run);
        await this.rederiveAll(run);
        await run(cur.markDeriving(false));
        return seq;
      }));
    }
    const [row] = await this.engine.read((run) => run(digestSettings()));
    if (row?.total == null || Number(row.total) !== this.digestMin) await this.engine.write((run) => rebuildDigests(run, this.d, this.digestMin));
    const [names] = await this.engine.read((run) => run(namesBuilt()));
    if (Number(names?.built ?? 0) === 0) await this.engine.write((run) => rebuildNames(run, this.d));
    // Claims written before the store kept their claimant's and source's ids, or whether they are
    // contested (schema.ts INTERNAL_PROPERTIES), get them, once.
    if ((await this.engine.read((run) => run(w.claimLackingKept()))).length > 0) {
      await this.untilDone([...w.keepClaimEnds(this.d, BULK_ROWS), ...w.settleContested(this.d, { limit: BULK_ROWS })]);
    }
  }

  /**
   * Runs each statement until it reports (done) that it did nothing, each run a write of its own
   * that takes the next version first, as every write does: on Neo4j that queues it behind other
   * processes' writes, so none of them is between reading a claim and setting it.
   */
  private async untilDone(statements: readonly Statement[]): Promise<void> {
    for (const statement of statements) {
      for (;;) {
        const { seq, done } = await this.engine.write(async (run) => {
          const taken = await this.bump(run);
          const [row] = await run(statement);
          return { seq: taken, done: Number(row?.done ?? 0) };
        });
        this.seen.see(seq);
        if (done === 0) break;
      }
    }
  }

  withDeadline(deadline: number, onStatement?: () => void, fields?: () => Fields | undefined): GraphReader {
    return new CypherStore(this.engine, { digestMin: this.digestMin }, deadline, this.seen, onStatement, fields);
  }

  /** The properties this view's reads return of each label (hotNode); undefined: whole nodes but cold properties. */
  private get fields(): Fields | undefined {
    return this.wanted?.();
  }

  /** The subjects that have a digest, read once per version where this process is the only writer, else every few seconds. */
  private async digested(run: Run): Promise<Set<string>> {
    const version = this.engine.exclusive ? await this.version() : null;
    return this.seen.digests.get(version, DIGEST_HINT_MS, () => run(digestIds()).then((rows) => new Set(rows.map((r) => text(r.id)))));
  }

  async getNodes<L extends NodeLabel>(label: L, ids: readonly string[], walk?: Walk): Promise<Array<RecordOf<L> | null>> {
    if (ids.length === 0) return [];
    const byId = await this.read((run) => this.nodesById(run, label, ids, this.along(walk)));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async sourceTexts(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const batches = await this.engine.idBatches('Source', [...new Set(ids)], 'node');
    const rows = await this.read((run) => CypherStore.all(run, batches.map((b) => q.sourceTexts(this.d, b))));
    return new Map(rows.map((r) => [text(r.id), text(r.text)]));
  }

  /**
   * The nodes with these ids inside a unit of work already open, so a page and its nodes share one
   * transaction; with a walk, their neighbours along it in the same statements.
   */
  private async nodesById<L extends NodeLabel>(run: Run, label: L, ids: readonly string[], walk?: Walk): Promise<Map<string, RecordOf<L>>> {
    if (ids.length === 0) return new Map();
    const stages = walk ? planStages(walk.along, label) : [];
    const batches = await this.engine.idBatches(label, [...new Set(ids)], stages.length > 0 ? 'walk' : 'node');
    const rows = await CypherStore.all(
      run, batches.map((b) => (stages.length > 0 ? q.nodesWalking(this.d, label, b, stages, this.fields) : q.nodesByIds(this.d, label, b, false, this.fields))),
    );
    if (walk && stages.length > 0) gatherRows(stages, rows, walk.into);
    return new Map(rows.map((r) => {
      const node = record<RecordOf<L>>(r.node);
      return [node.id, node] as const;
    }));
  }

  async findByNameKeys(labels: readonly NodeLabel[], keys: readonly string[]): Promise<Map<string, NodeRecord[]>> {
    const out = new Map<string, NodeRecord[]>(keys.map((k) => [k, []]));
    const wanted = [...new Set(keys.filter((k) => k))];
    if (labels.length === 0 || wanted.length === 0) return out;
    const batches = await this.engine.idBatches('NameKey', wanted, 'node');
    const rows = await this.read((run) => CypherStore.all(run, batches.map((b) => nodesByNameKeys(this.d, labels, b, this.fields))));
    for (const r of rows) out.get(text(r.key))?.push(record(r.node));
    return out;
  }

  async nameIndex(labels: readonly NodeLabel[]): Promise<Array<{ id: string; label: NodeLabel; name: string; keys: string[] }>> {
    if (labels.length === 0) return [];
    const rows = await this.read((run) => run(q.nameIndex(this.d, labels)));
    return rows.map((r) => ({ id: text(r.id), label: labelOfId(text(r.id))!, name: text(r.name), keys: (r.keys as unknown[] | null ?? []).map(text) }));
  }

  async listNodes<L extends Exclude<NodeLabel, 'Claim'>>(label: L, page: PageRequest): Promise<Page<RecordOf<L>>> {
    const counted = page.count !== false;
    return this.read(async (run) => {
      const [count, rows] = await Promise.all([
        counted ? run(q.countListed(label)) : undefined,
        run(q.listNodes(this.d, label, page.offset, page.limit + 1, this.fields)),
      ]);
      return {
        total: count ? total(count) : null,
        items: rows.slice(0, page.limit).map((r) => record<RecordOf<L>>(r.node)),
        hasMore: rows.length > page.limit,
      };
    });
  }

  async neighbours(edge: EdgeName, ids: readonly string[]): Promise<Map<string, Neighbour[]>> {
    const out = new Map<string, Neighbour[]>();
    if (ids.length === 0) return out;
    const batches = await this.engine.idBatches(EDGES[edge].from, ids, 'walk');
    const statements = batches.map((batch) => q.neighbours(this.d, edge, batch, this.fields));
    const results = await this.read((run) => Promise.all(statements.map(run)));
    statements.forEach(({ direction }, i) => {
      for (const r of results[i]!) {
        const key = text(r.key);
        const link = 'kind' in r ? { ...linkProps(r), direction: direction === 'EITHER' ? (r.outgoing ? 'OUTGOING' as const : 'INCOMING' as const) : direction } : null;
        out.set(key, [...(out.get(key) ?? []), { node: record(r.node), link }]);
      }
    });
    return sortNeighbours(out);
  }

  /** A page from the subject's digest, from the claims when it has none or the page reaches past it, in one unit of work. */
  async findClaims(criteria: ClaimCriteria, order: ClaimOrder, page: PageRequest, walk?: Walk): Promise<Page<ClaimRecord>> {
    const along = this.along(walk);
    return this.read(async (run) => (await this.pageOfDigest(run, criteria, order, page, along))
      ?? (criteria.ranks ? this.pageOfClaims(run, criteria, order, page, along) : this.pageNotDeprecated(run, criteria, order, page, along)));
  }

  /** The page from the digest of the one subject the criteria list the default list of; null when there is none to serve it. */
  private async pageOfDigest(run: Run, criteria: ClaimCriteria, order: ClaimOrder, page: PageRequest, walk?: Walk): Promise<Page<ClaimRecord> | null> {
    const subject = digestSubject(criteria);
    if (!subject || !(await this.digested(run)).has(subject.id)) return null;
    const [row] = await run(digestsOf(this.d, [subject.id], order));
    const p = row ? pageOfDigest(digestOfRow(row), page) : null;
    if (!p) return null;
    const nodes = await this.nodesById(run, 'Claim', p.ids, walk);
    // As the claims' own read: a page of none says nothing of more.
    return { total: page.count === false ? null : p.total, items: p.ids.flatMap((id) => nodes.get(id) ?? []), hasMore: page.limit > 0 && p.hasMore };
  }

  private async pageOfClaims(run: Run, criteria: ClaimCriteria, order: ClaimOrder, page: PageRequest, walk?: Walk): Promise<Page<ClaimRecord>> {
    // One more than asked says whether another page follows, without counting.
    const window = await this.claimWindow(run, criteria, order, page.offset, page.limit + 1, page.count !== false, page.limit > 0);
    const ids = window.ids.slice(0, page.limit);
    const nodes = await this.nodesById(run, 'Claim', ids, walk);
    return { total: window.total, items: ids.flatMap((id) => nodes.get(id) ?? []), hasMore: window.ids.length > page.limit };
  }

  /**
   * The default list (every claim not deprecated) as the whole list less the deprecated claims,
   * found apart (queries.deprecatedClaims): the total is the count less theirs, and the page is read
   * from a window wide enough to hold it once they are taken out.
   */
  private async pageNotDeprecated(run: Run, criteria: ClaimCriteria, order: ClaimOrder, page: PageRequest, walk?: Walk): Promise<Page<ClaimRecord>> {
    const every: ClaimCriteria = { ...criteria, ranks: [...RANKS] };
    const deprecated = await this.deprecatedAmong(run, criteria);
    const wanted = page.offset + page.limit + 1;
    const window = await this.claimWindow(run, every, order, 0, wanted + deprecated.size, page.count !== false, page.limit > 0);
    const ids = window.ids.filter((id) => !deprecated.has(id)).slice(page.offset, wanted);
    const nodes = await this.nodesById(run, 'Claim', ids.slice(0, page.limit), walk);
    return {
      total: window.total === null ? null : window.total - deprecated.size,
      items: ids.slice(0, page.limit).flatMap((id) => nodes.get(id) ?? []),
      hasMore: ids.length > page.limit,
    };
  }

  /**
   * Ids of a window of the claims the criteria select, and their count when `counted`: one
   * statement, only the count when no page is wanted (`paged` false: counting reads no sort key).
   */
  private async claimWindow(
    run: Run, criteria: ClaimCriteria, order: ClaimOrder, offset: number, limit: number, counted: boolean, paged: boolean,
  ): Promise<{ ids: string[]; total: number | null }> {
    if (!counted) return { ids: (await run(q.pageOfClaims(this.d, criteria, order, offset, limit))).map((r) => text(r.id)), total: null };
    if (!paged) return { ids: [], total: total(await run(q.countClaims(this.d, criteria))) };
    const [r] = await run(q.pageAndCountOfClaims(this.d, criteria, order, offset, limit));
    return { ids: ((r?.ids as unknown[] | undefined) ?? []).map(text), total: Number(r?.total ?? 0) };
  }

  /**
   * The deprecated claims the criteria would select but for their rank. Deprecating is rare: where
   * this process is the only writer (Kuzu), whether any claim is deprecated is read once per
   * version of the graph, and while none is, no statement looks for them.
   */
  private async deprecatedAmong(run: Run, criteria: ClaimCriteria): Promise<Set<string>> {
    if (await this.noneDeprecated(run)) return new Set();
    return new Set((await run(q.deprecatedClaims(this.d, criteria))).map((r) => text(r.id)));
  }

  /** True only when this process is the only writer and knows no claim is deprecated; false when it cannot know. */
  private async noneDeprecated(run: Run): Promise<boolean> {
    if (!this.engine.exclusive) return false;
    return !(await this.seen.anyDeprecated.get(await this.version(), 0, () => run(q.anyDeprecated()).then(([r]) => r?.found === true)));
  }

  async findClaimsFor(
    anchor: ClaimAnchor, ids: readonly string[], criteria: ClaimCriteria, order: ClaimOrder, page: PageRequest, walk?: Walk,
  ): Promise<Map<string, Page<ClaimRecord>>> {
    if (ids.length === 0) return new Map();
    const along = this.along(walk);
    return this.read(async (run) => {
      const pages = new Map<string, { ids: string[]; total: number }>();
      const nodes = new Map<string, ClaimRecord>();
      // Subjects with a digest take their page from it (digests.ts); the others from their claims.
      if (digestAnchor(anchor, criteria)) {
        const digested = await this.digested(run);
        const hinted = ids.filter((id) => digested.has(id));
        if (hinted.length > 0) {
          for (const r of await run(digestsOf(this.d, hinted, order))) {
            const p = pageOfDigest(digestOfRow(r), page);
            if (p) pages.set(text(r.id), p);
          }
        }
      }
      const served = [...pages.values()].flatMap((p) => p.ids);
      const rest = ids.filter((id) => !pages.has(id));
      if (rest.length > 0) {
        // While no claim is deprecated, the default list is every claim: no rank to test per claim.
        const ranked = !criteria.ranks && (await this.noneDeprecated(run)) ? { ...criteria, ranks: [...RANKS] } : criteria;
        // The pages' claims (and what the walk asks of them) come with the pages in one statement
        // unless the engine finds claims by id faster one statement each (Kuzu, on a large graph).
        const together = this.engine.walksAlong && !(await this.engine.lookupsApart('Claim', rest.length * page.limit, along ? 'walk' : 'node'));
        const stages = together ? planStages(along?.along ?? {}, 'Claim') : undefined;
        const rows = await run(q.claimPagesOfAnchors(this.d, anchor, rest, ranked, order, page.offset, page.limit, stages, this.fields));
        for (const r of rows) pages.set(text(r.key), { ids: (r.ids as unknown[]).map(text), total: Number(r.total) });
        if (stages) {
          const found = rows.filter((r) => r.claim != null);
          if (along) gatherRows(stages, found, along.into);
          for (const r of found) nodes.set(text(r.claim), record<ClaimRecord>(r.node));
        } else served.push(...rows.flatMap((r) => (r.ids as unknown[]).map(text)));
      }
      for (const [id, node] of await this.nodesById(run, 'Claim', served, along)) nodes.set(id, node);
      return new Map(ids.map((id) => {
        const p = pages.get(id) ?? { ids: [], total: 0 };
        return [id, { total: p.total, items: p.ids.flatMap((c) => nodes.get(c) ?? []), hasMore: page.offset + p.ids.length < p.total }];
      }));
    });
  }

  async findLinks(type: LinkType, criteria: LinkCriteria): Promise<LinkRow[]> {
    return (await this.read((run) => run(q.links(this.d, type, criteria)))).map(linkRow);
  }

  async findPairs(type: LinkType, criteria: LinkCriteria, page: PageRequest): Promise<Page<LinkRow[]>> {
    const counted = page.count !== false;
    return this.read(async (run) => {
      const [count, keys] = await Promise.all([
        counted ? run(q.countPairs(this.d, type, criteria)) : undefined,
        run(q.pageOfPairs(this.d, type, criteria, page.offset, page.limit + 1)).then((rows) => rows.map((r) => text(r.pair))),
      ]);
      const wanted = keys.slice(0, page.limit);
      const byPair = new Map<string, LinkRow[]>(wanted.map((k) => [k, []]));
      if (wanted.length > 0) {
        for (const r of await run(q.links(this.d, type, criteria, wanted))) byPair.get(text(r.pair))?.push(linkRow(r));
      }
      return { total: count ? total(count) : null, items: [...byPair.values()], hasMore: keys.length > page.limit };
    });
  }

  async timeline(criteria: ClaimCriteria, precision: DatePrecision, dated: TimelineDate): Promise<TimelineRow[]> {
    const rows = await this.read((run) => run(q.timeline(this.d, criteria, bucketWidth(precision), dated)));
    return rows.map((r) => ({
      bucket: (r.bucket as string | null) ?? null, side: (r.side as string | null) ?? null, claims: Number(r.claims), contested: Number(r.contested),
    }));
  }

  async membersOf(ids: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (ids.length === 0) return out;
    for (const r of await this.read((run) => run(q.membersOf(ids)))) out.set(text(r.key), [...(out.get(text(r.key)) ?? []), text(r.member)]);
    return out;
  }

  async statesOf(ids: readonly string[]): Promise<Map<string, ActorRecord>> {
    const out = new Map<string, ActorRecord>();
    if (ids.length === 0) return out;
    for (const r of await this.read((run) => run(q.statesOf(ids)))) {
      if (!out.has(text(r.key))) out.set(text(r.key), record<ActorRecord>(r.node));
    }
    return out;
  }

  async subgraph(request: SubgraphRequest): Promise<SubgraphRecord> {
    if (request.ids.length === 0 || request.limit < 1) return { nodes: [], edges: [], truncated: request.ids.length > 0 };
    return this.read((run) => expandSubgraph(run, this.d, request, (label, ids) => this.nodesById(run, label, ids)));
  }

  async search(text: string, labels: readonly NodeLabel[], page: PageRequest): Promise<Page<SearchHitRecord>> {
    const words = text.trim();
    if (!words || labels.length === 0) return { total: page.count === false ? null : 0, items: [], hasMore: false };
    const counted = page.count !== false;
    // Each label's best offset + limit + 1, merged: the page and whether more follow, in one read.
    const wanted = page.offset + page.limit + 1;
    return this.read(async (run) => {
      const [hits, totals] = await Promise.all([
        Promise.all(labels.map((l) => run(searchLabel(this.d, l, words, wanted)))),
        counted ? Promise.all(labels.map((l) => run(countSearch(this.d, l, words)))) : undefined,
      ]);
      const all = hits.flat().map((r) => ({ node: record(r.node), score: Number(r.score) }));
      all.sort((a, b) => b.score - a.score || (a.node.id < b.node.id ? -1 : a.node.id > b.node.id ? 1 : 0));
      return {
        total: totals ? totals.reduce((n, rows) => n + total(rows), 0) : null,
        items: all.slice(page.offset, page.offset + page.limit),
        hasMore: all.length > page.offset + page.limit,
      };
    });
  }

  async paths(request: PathRequest): Promise<SubgraphRecord[]> {
    if (request.from === request.to || request.first < 1 || request.types.length === 0) return [];
    return this.read(async (run) => {
      const found = (await run(shortestPaths(this.d, request))).map(pathOf);
      // Fewer than asked for: the next lengths, one statement each, as long as paths are still wanted.
      for (let length = (found[0]?.edges.length ?? request.maxLength) + 1; length <= request.maxLength && found.length < request.first; length++) {
        found.push(...(await run(pathsOfLength(this.d, request, length, request.first - found.length))).map(pathOf));
      }
      return found;
    });
  }

  async relationships(type: RelType, page: PageRequest): Promise<Page<EdgeRecord>> {
    const counted = page.count !== false;
    return this.read(async (run) => {
      const [count, rows] = await Promise.all([
        counted ? run(q.countRelationships(this.d, type)) : undefined,
        run(relationshipPage(this.d, type, page.offset, page.limit + 1)),
      ]);
      return { total: count ? total(count) : null, items: rows.slice(0, page.limit).map((r) => edgeOf(type, r)), hasMore: rows.length > page.limit };
    });
  }

  async counts(): Promise<GraphCounts> {
    return this.read(async (run) => {
      const [nodes, relationships] = await Promise.all([
        Promise.all(NODE_LABELS.map(async (label) => [label, total(await run(q.countOf(label)))] as const)),
        Promise.all(REL_TYPES.map(async (type) => [type, total(await run(q.countRelationships(this.d, type)))] as const)),
      ]);
      return { nodes: Object.fromEntries(nodes) as Record<NodeLabel, number>, relationships: Object.fromEntries(relationships) };
    });
  }

  async analysisInput(): Promise<AnalysisInput> {
    return this.read(async (run) => {
      const [claims, parents, names, memberships, publishers, restatements, origins, stated] = await Promise.all([
        run(q.analysableClaims(this.d)), run(q.placeParents()), run(q.displayNames(this.d)), run(q.actorMemberships()),
        run(q.sourcePublishers()), run(q.restatements()), run(q.claimOrigins(this.d)), run(q.statedLinks('CORROBORATES')),
      ]);
      return analysisInputOf({ claims, parents, names, memberships, publishers, restatements, origins, stated });
    });
  }

  async importGraph(graph: GraphData, options: ImportOptions = {}): Promise<void> {
    const links = linkRows(graph);
    const statements = [
      ...w.entityStatements(this.d, graph),
      ...links.flatMap(([type, rows]) => w.deleteLinks(this.d, type, rows)),
      ...links.flatMap(([type, rows]) => w.createLinks(this.d, type, rows)),
    ];
    const touched = scopeOfGraph(graph);
    await this.writeDeriving(async (run) => {
      const seq = await this.bump(run);
      await subjectsBefore(run, this.d, graph.claims.map((c) => c.id), touched);
      if (options.replaceDerivedLinks) for (const type of LINK_TYPES) await run(w.deleteDerivedLinks(type));
      await CypherStore.inOrder(run, statements);
      return { result: undefined, seq, derive: (r: Run) => this.derive(r, 'all', touched, namedIds(graph)) };
    });
  }

  /**
   * A write, then what it derives from what it wrote (`derive`): inside it where the engine's reads
   * inside a write can be trusted (Engine.seesOwnWrites), else in a write of its own right after.
   * Until that one commits, a reader may see the new claims with their flag unknown (read as
   * contested: a walk, which finds the truth) and the digests and name keys from before; it takes a
   * new version, so no answer cached in between is served after it. If it fails, the caller gets
   * the error (the write itself stands, in the audit trail) and the next write's derivation, or
   * the next start, derives everything again.
   */
  private async writeDeriving<T>(work: (run: Run) => Promise<{ result: T; seq: number; derive: (run: Run) => Promise<void> }>, options?: TransactOptions): Promise<T> {
    const apart = !this.engine.seesOwnWrites;
    const done = await this.engine.write(async (run) => {
      const out = await work(run);
      // Apart, the write says so in its own transaction: if the derivation never commits (a
      // failure, or the process stopping in between), the next start knows to derive everything.
      if (apart) await run(cur.markDeriving(true));
      else await out.derive(run);
      return out;
    }, undefined, options);
    this.seen.see(done.seq);
    if (apart) await this.deriveApart(done.derive);
    return done.result;
  }

  /**
   * The derivation of a write that committed, in a write of its own, or of everything when one
   * before failed. It clears the write's mark unless another write's derivation is still to come
   * (writes queue on Kuzu, so two writes may commit before their derivations run).
   */
  private async deriveApart(derive: (run: Run) => Promise<void>): Promise<void> {
    const state = this.seen;
    state.pendingDerivations++;
    try {
      let repaired = false;
      state.see(await this.engine.write(async (run) => {
        const seq = await this.bump(run);
        repaired = state.rederive;
        if (repaired) await this.rederiveAll(run);
        else await derive(run);
        if (state.pendingDerivations === 1) await run(cur.markDeriving(false));
        return seq;
      }));
      if (repaired) state.rederive = false;
    } catch (error) {
      state.rederive = true;
      throw error;
    } finally {
      state.pendingDerivations--;
    }
  }

  /** Everything derived from the graph, again: every unsettled claim's flag, every digest, every name key. Inside a write. */
  private async rederiveAll(run: Run): Promise<void> {
    await CypherStore.inOrder(run, w.settleContested(this.d, 'all'));
    await rebuildDigests(run, this.d, this.digestMin);
    await rebuildNames(run, this.d);
  }

  /**
   * What a write derives from what it wrote, from the graph as the write left it: whether its
   * claims (or every claim whose flag is unknown) are contested, the digests of the subjects it
   * touched, and the name keys of the nodes it wrote.
   */
  private async derive(run: Run, claims: readonly string[] | 'all', touched: DigestScope, named: Iterable<string>): Promise<void> {
    for (const of of claims === 'all' ? ['all' as const] : w.batches(claims, this.d.idsPerReadInWrite)) await CypherStore.inOrder(run, w.settleContested(this.d, of));
    await refreshDigests(run, this.d, touched, this.digestMin);
    await refreshNames(run, this.d, named);
  }

  /**
   * The engine's own loader if it has one, else batches of rows each in its own transaction (one
   * transaction of a million rows would exhaust Neo4j's transaction memory). The empty-store
   * precondition and the clean-up on failure keep it all or nothing.
   */
  async bulkLoad(graph: GraphData): Promise<void> {
    const counts = await this.read((run) => Promise.all(NODE_LABELS.map(async (l) => [l, total(await run(q.countOf(l)))] as const)));
    const held = counts.find(([, n]) => n > 0);
    if (held) throw new StoreNotEmptyError(`A bulk load needs an empty store; it holds ${held[0]} nodes`);
    let loaded = false;
    try {
      if (this.engine.copy) await this.engine.copy(graph);
      else {
        const d = { ...this.d, rowsPerWrite: BULK_ROWS };
        const batches = [...w.entityStatements(d, graph, false, true), ...linkRows(graph).flatMap(([type, rows]) => w.createLinks(d, type, rows))];
        for (const s of batches) await this.engine.write((run) => run(s));
      }
      loaded = true;
    } catch (error) {
      await this.empty().catch(() => undefined);
      throw error;
    } finally {
      // A new version whatever happened: answers cached before the load (or its clean-up) are stale.
      // The digests come from the graph when it is what the store now holds, else from the store
      // (emptied); the name keys from the store. The claims were written knowing whether they are
      // contested (the graph is all the store holds).
      const digests = loaded ? digestsOfGraph(graph, this.digestMin) : null;
      this.seen.see(await this.engine.write(async (run) => {
        if (digests) await writeDigests(run, this.d, digests, this.digestMin);
        else await rebuildDigests(run, this.d, this.digestMin);
        await rebuildNames(run, this.d);
        return this.bump(run);
      }));
    }
  }

  /** Deletes every node, batch by batch. */
  private async empty(): Promise<void> {
    for (const label of NODE_LABELS) {
      for (;;) {
        const [r] = await this.engine.write((run) => run(w.deleteBatchOf(label, BULK_ROWS)));
        if (!r || Number(r.deleted) === 0) break;
      }
    }
  }

  async transact<T>(work: (tx: GraphTransaction) => Promise<T>, options?: TransactOptions): Promise<T> {
    return this.writeDeriving(async (run) => {
      const tx = await CypherTransaction.begin(run, this.d, !this.engine.exclusive);
      const result = await work(tx);
      await tx.finish();
      return { result, seq: tx.seq, derive: (r: Run) => this.derive(r, tx.writtenClaims(), tx.touched, tx.writtenNodes()) };
    }, options);
  }

  async version(): Promise<number> {
    if (this.engine.exclusive && this.seen.value !== null) return this.seen.value;
    const [row] = await this.read((run) => run(cur.graphVersion()));
    return this.seen.see(Number(row?.last ?? 0));
  }

  /** Takes the next version for a write that is not a curated one (an import of a whole graph, a bulk load). */
  private async bump(run: Run): Promise<number> {
    const [row] = await run(cur.nextChange());
    return Number(row?.seq ?? 0);
  }

  async changesOf(ids: readonly string[], limit: number): Promise<Map<string, ChangeRecord[]>> {
    const out = new Map<string, ChangeRecord[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return out;
    for (const r of await this.read((run) => run(cur.changesOf(ids)))) {
      const list = out.get(text(r.key));
      if (list && list.length < limit) list.push(changeOf(r));
    }
    return out;
  }

  async changes(since: string | null, afterSeq: number, page: PageRequest): Promise<Page<ChangeRecord>> {
    return this.read(async (run) => {
      const [count, rows] = await Promise.all([
        page.count !== false ? run(cur.countChanges(since, afterSeq)) : undefined,
        run(cur.changePage(since, afterSeq, page.offset, page.limit + 1)),
      ]);
      return { total: count ? total(count) : null, items: rows.slice(0, page.limit).map(changeOf), hasMore: rows.length > page.limit };
    });
  }

  ping(): Promise<void> {
    return this.engine.ping();
  }

  close(): Promise<void> {
    return this.engine.close();
  }
}
