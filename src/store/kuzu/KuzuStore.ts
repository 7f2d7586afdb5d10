/**
 * The embedded store: Kuzu 0.11 in-process. Kuzu can bring the whole process down on misuse
 * (a parameter missing or an empty list bound to a parameter segfaults it; list-of-struct
 * parameters get their types guessed from the first row), so `run` checks every statement's
 * parameters before the engine sees them, and writes go row by row with scalar parameters.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import kuzu from 'kuzu';
import type { Connection, Database, KuzuValue, PreparedStatement, QueryResult } from 'kuzu';
import { NODE_LABELS, type GraphData, type NodeLabel } from '../../domain/model.js';
import type {
  ActorRecord, AnalysisInput, ClaimAnchor, LinkCriteria, LinkRow, LinkType, ClaimCriteria, ClaimOrder, ClaimRecord, EdgeName, GraphCounts, GraphStore, ImportOptions,
  Neighbour, NodeRecord, Page, PageRequest, RecordOf,
} from '../GraphStore.js';
import { StoreNotEmptyError, StoreQueryError, StoreTimeoutError, StoreUnavailableError, timeLeft } from '../errors.js';
import { groupRelationships, linkRows, nodeRows, pagePerKey, relationshipRows, sortNeighbours } from '../graph-rows.js';
import { toRecord } from '../properties.js';
import { RELATIONSHIPS, REL_TYPES } from '../schema.js';
import { EDGES } from '../edges.js';
import { copyNodes, copyRelationships, LINK_COLUMNS, nodeColumns, nodeCsvRows, writeCsv } from './copy.js';
import * as q from '../cypher/queries.js';
import { kuzuDdl } from './ddl.js';

export interface KuzuOptions {
  dataDir: string;
  bufferPoolMb: number;
  queryTimeoutMs: number;
  /** Connections run queries concurrently; Kuzu serialises writes itself. */
  connections?: number;
  /** Overrides LOOKUP_COST_IN_ROWS (tests set 0 to take the one-by-one path on a small graph). */
  lookupCostInRows?: { node: number; walk: number };
}

/**
 * Kuzu 0.11 answers `k.id = $id` from the primary-key index but `k.id IN $ids` by scanning the
 * table (and, for nodes, reading every property of every row). A batch goes id by id, in parallel
 * over the pool, when that is cheaper: when the table holds more rows per id than one lookup costs
 * in scanned rows. Measured for 20 claims on this machine: fetching nodes one by one took 10, 13
 * and 16 ms at 10k, 100k and 1M claims against 8, 67 and 442 ms for the scan (a lookup ~ 1,000
 * rows); walking a relationship, 18, 27 and 45 ms against 5, 30 and 153 ms (~ 5,000 rows per
 * statement). Small graphs keep the one scan.
 */
const LOOKUP_COST_IN_ROWS = { node: 1_000, walk: 5_000 };

const dialect: q.Dialect = { anyLabel: (labels) => `:${labels.join(':')}` };

type Row = Record<string, KuzuValue>;

const PARAM = /\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** The guard in front of the engine: every `$name` bound, nothing extra, no empty or undefined list. */
export function checkParams(text: string, params: Record<string, unknown>): void {
  const used = new Set([...text.matchAll(PARAM)].map((m) => m[1]!));
  for (const name of used) {
    if (!(name in params) || params[name] === undefined) throw new StoreQueryError(`parameter $${name} is missing`);
    const v = params[name];
    if (Array.isArray(v) && v.length === 0) throw new StoreQueryError(`parameter $${name} is an empty list`);
    if (Array.isArray(v) && v.some((x) => x === null || x === undefined || typeof x === 'object')) {
      throw new StoreQueryError(`parameter $${name} must be a list of scalars`);
    }
    if (typeof v === 'number' && !Number.isFinite(v)) throw new StoreQueryError(`parameter $${name} is not a finite number`);
  }
  for (const name of Object.keys(params)) {
    if (!used.has(name)) throw new StoreQueryError(`parameter $${name} is not used by the statement`);
  }
}

class Pool {
  private idle: Connection[];
  private waiting: Array<(c: Connection) => void> = [];
  constructor(readonly all: Connection[]) {
    this.idle = [...all];
  }
  async acquire(): Promise<Connection> {
    const c = this.idle.pop();
    if (c) return c;
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  release(c: Connection): void {
    const next = this.waiting.shift();
    if (next) next(c);
    else this.idle.push(c);
  }
}

export class KuzuStore implements GraphStore {
  readonly kind = 'kuzu' as const;
  private closed = false;
  private prepared = new WeakMap<Connection, Map<string, PreparedStatement>>();
  /** Set on a request's view (withDeadline); undefined on the store itself. */
  private deadline: number | undefined;
  /** Rows per label, for choosing lookups or a scan; cleared by every write. Shared with request views. */
  private readonly rowCounts = new Map<NodeLabel, Promise<number>>();

  private constructor(
    // Held so the native database lives as long as the store (see close()).
    private readonly db: Database,
    private readonly pool: Pool,
    readonly file: string,
    private readonly queryTimeoutMs: number,
    private readonly lookupCost: { node: number; walk: number },
  ) {}

  /** Opens (creating if needed) the database in `dataDir`; fails with a clear message when it cannot. */
  static async open(options: KuzuOptions): Promise<KuzuStore> {
    const file = path.join(options.dataDir, 'claimgraph.kuzu');
    try {
      fs.mkdirSync(options.dataDir, { recursive: true });
      fs.accessSync(options.dataDir, fs.constants.W_OK);
    } catch (cause) {
      throw new StoreUnavailableError(
        `The data folder ${options.dataDir} cannot be created or written (${(cause as NodeJS.ErrnoException).code ?? 'error'}). Set DATA_DIR to a writable folder.`,
        { cause },
      );
    }
    const db = new kuzu.Database(file, options.bufferPoolMb * 1024 * 1024);
    try {
      await db.init();
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : String(cause);
      if (/lock/i.test(message)) {
        throw new StoreUnavailableError(
          `The embedded database ${file} is in use by another process (is the server running?). Stop it, or set DATA_DIR to another folder.`,
          { cause },
        );
      }
      throw new StoreUnavailableError(`The embedded database ${file} cannot be opened: ${message}`, { cause });
    }
    const connections: Connection[] = [];
    for (let i = 0; i < (options.connections ?? 4); i++) {
      const c = new kuzu.Connection(db);
      await c.init();
      connections.push(c);
    }
    return new KuzuStore(db, new Pool(connections), file, options.queryTimeoutMs, options.lookupCostInRows ?? LOOKUP_COST_IN_ROWS);
  }

  async init(): Promise<void> {
    for (const statement of kuzuDdl()) await this.run({ text: statement, params: {} });
  }

  /** The one path to the engine: checks parameters, prepares once per connection, translates errors. */
  private async run(statement: q.Statement, connection?: Connection): Promise<Row[]> {
    // A closed database's native handles are gone; touching them would crash the process.
    if (this.closed) throw new StoreUnavailableError('The embedded database is closed');
    checkParams(statement.text, statement.params);
    const c = connection ?? (await this.pool.acquire());
    try {
      // Connections are shared; each query sets its own limit while it holds one.
      c.setQueryTimeout(timeLeft(this.queryTimeoutMs, this.deadline));
      let cache = this.prepared.get(c);
      if (!cache) this.prepared.set(c, (cache = new Map()));
      let ps = cache.get(statement.text);
      if (!ps) {
        ps = await c.prepare(statement.text);
        if (!ps.isSuccess()) throw new StoreQueryError(`Kuzu could not prepare a statement: ${ps.getErrorMessage()}`);
        cache.set(statement.text, ps);
      }
      const result = (await c.execute(ps, statement.params as Record<string, KuzuValue>)) as QueryResult;
      // The rows are already in memory once execute resolves. getAll() would fetch each one with
      // its own trip through libuv's thread pool (measured: 3.6 ms against 0.9 ms for 92 ids);
      // converting them synchronously is cheaper than the hops.
      try {
        return result.getAllSync();
      } finally {
        result.close();
      }
    } catch (cause) {
      if (cause instanceof StoreQueryError || cause instanceof StoreTimeoutError) throw cause;
      const message = cause instanceof Error ? cause.message : String(cause);
      if (/interrupted|timeout/i.test(message)) throw new StoreTimeoutError(`Kuzu query cancelled: ${message}`);
      throw new StoreQueryError(`Kuzu query failed: ${message}`, { cause });
    } finally {
      if (!connection) this.pool.release(c);
    }
  }

  /** Transaction control runs unprepared: prepared BEGIN/COMMIT statements outliving their connection crash Kuzu at exit. */
  private async control(c: Connection, statement: 'BEGIN TRANSACTION' | 'COMMIT' | 'ROLLBACK' | 'CHECKPOINT'): Promise<void> {
    await this.unprepared(c, statement);
  }

  /** Statements without parameters that run once (transaction control, COPY of a temporary file). */
  private async unprepared(c: Connection, statement: string): Promise<void> {
    if (this.closed) throw new StoreUnavailableError('The embedded database is closed');
    try {
      await c.query(statement);
    } catch (cause) {
      throw new StoreQueryError(`Kuzu ${statement.split(' (')[0]} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
  }

  private record(value: KuzuValue): NodeRecord {
    const node = value as { _label: string } & Record<string, unknown>;
    return toRecord(node._label as NodeLabel, node);
  }

  async getNodes<L extends NodeLabel>(label: L, ids: readonly string[]): Promise<Array<RecordOf<L> | null>> {
    if (ids.length === 0) return [];
    const unique = [...new Set(ids)];
    const rows = (await this.oneByOne(label, unique.length, this.lookupCost.node))
      ? (await Promise.all(unique.map((id) => this.run(q.nodesByIds(label, [id]))))).flat()
      : await this.run(q.nodesByIds(label, unique));
    const byId = new Map(rows.map((r) => [String((r.node as Row).id), this.record(r.node!) as RecordOf<L>]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Whether `n` ids of a label are cheaper to look up one by one (each costing `cost` rows) than to find in one scan. */
  private async oneByOne(label: NodeLabel, n: number, cost: number): Promise<boolean> {
    if (n === 1) return true;
    let rows = this.rowCounts.get(label);
    if (!rows) {
      rows = this.run(q.countOf(label)).then(([r]) => Number(r?.total ?? 0));
      this.rowCounts.set(label, rows);
      rows.catch(() => this.rowCounts.delete(label));
    }
    return n * cost < (await rows);
  }

  async findByNameKey(labels: readonly NodeLabel[], key: string): Promise<NodeRecord[]> {
    if (labels.length === 0 || !key) return [];
    const rows = await this.run(q.nodesByNameKey(dialect, labels, key));
    return rows.map((r) => this.record(r.node!));
  }

  async listNodes<L extends Exclude<NodeLabel, 'Claim'>>(label: L, page: PageRequest): Promise<Page<RecordOf<L>>> {
    const [count] = await this.run(q.countOf(label));
    const rows = await this.run(q.listNodes(label, page.offset, page.limit));
    return { total: Number(count?.total ?? 0), items: rows.map((r) => this.record(r.node!) as RecordOf<L>) };
  }

  async neighbours(edge: EdgeName, ids: readonly string[]): Promise<Map<string, Neighbour[]>> {
    const out = new Map<string, Neighbour[]>();
    if (ids.length === 0) return out;
    const statements = EDGES[edge].direction === 'BOTH' ? 2 : 1;
    const batches = (await this.oneByOne(EDGES[edge].from, ids.length, statements * this.lookupCost.walk)) ? ids.map((id) => [id]) : [ids];
    const results = await Promise.all(
      batches.flatMap((batch) => q.neighbours(dialect, edge, batch)).map(async (statement) => ({ statement, rows: await this.run(statement) })),
    );
    for (const { statement, rows } of results) {
      for (const r of rows) {
        const key = String(r.key);
        const list = out.get(key) ?? [];
        list.push({
          node: this.record(r.node!),
          link:
            'kind' in r
              ? { kind: r.kind as never, explanation: String(r.explanation ?? ''), rule: (r.rule as string | null) ?? null, direction: statement.direction }
              : null,
        });
        out.set(key, list);
      }
    }
    return sortNeighbours(out);
  }

  async findClaims(criteria: ClaimCriteria, order: ClaimOrder, page: PageRequest): Promise<Page<ClaimRecord>> {
    const [count] = await this.run(q.countClaims(dialect, criteria));
    const total = Number(count?.total ?? 0);
    if (total === 0 || page.limit === 0 || page.offset >= total) return { total, items: [] };
    const ids = (await this.run(q.pageOfClaims(dialect, criteria, order, page.offset, page.limit))).map((r) => String(r.id));
    return { total, items: (await this.getNodes('Claim', ids)).filter((c) => c !== null) };
  }

  async findClaimsFor(
    anchor: ClaimAnchor, ids: readonly string[], criteria: ClaimCriteria, order: ClaimOrder, page: PageRequest,
  ): Promise<Map<string, Page<ClaimRecord>>> {
    if (ids.length === 0) return new Map();
    const rows = await this.run(q.claimsOfAnchors(dialect, anchor, ids, criteria, order));
    const pages = pagePerKey(ids, rows.map((r) => ({ key: String(r.key), item: String(r.id) })), page.offset, page.limit);
    const wanted = [...new Set([...pages.values()].flatMap((p) => p.items))];
    const nodes = new Map((await this.getNodes('Claim', wanted)).flatMap((c) => (c ? [[c.id, c] as const] : [])));
    return new Map([...pages].map(([key, p]) => [key, { total: p.total, items: p.items.flatMap((id) => nodes.get(id) ?? []) }]));
  }

  async findLinks(type: LinkType, criteria: LinkCriteria): Promise<LinkRow[]> {
    return (await this.run(q.links(dialect, type, criteria))).map((r) => ({
      a: this.record(r.a!) as ClaimRecord, b: this.record(r.b!) as ClaimRecord,
      claimantA: String(r.claimantA), claimantB: String(r.claimantB),
      kind: r.kind as LinkRow['kind'], explanation: String(r.explanation ?? ''), rule: (r.rule as string | null) ?? null,
    }));
  }

  async membersOf(ids: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (ids.length === 0) return out;
    for (const r of await this.run(q.membersOf(ids))) out.set(String(r.key), [...(out.get(String(r.key)) ?? []), String(r.member)]);
    return out;
  }

  async statesOf(ids: readonly string[]): Promise<Map<string, ActorRecord>> {
    const out = new Map<string, ActorRecord>();
    if (ids.length === 0) return out;
    for (const r of await this.run(q.statesOf(ids))) {
      if (!out.has(String(r.key))) out.set(String(r.key), this.record(r.node!) as ActorRecord);
    }
    return out;
  }

  async counts(): Promise<GraphCounts> {
    const nodes = {} as Record<NodeLabel, number>;
    for (const label of NODE_LABELS) nodes[label] = Number((await this.run(q.countOf(label)))[0]?.total ?? 0);
    const relationships: Record<string, number> = {};
    for (const type of REL_TYPES) {
      relationships[type] = Number((await this.run(q.countRelationships(dialect, type)))[0]?.total ?? 0);
    }
    return { nodes, relationships };
  }

  async importGraph(graph: GraphData, options: ImportOptions = {}): Promise<void> {
    this.rowCounts.clear();
    const c = await this.pool.acquire();
    try {
      await this.control(c, 'BEGIN TRANSACTION');
      try {
        if (options.replaceDerivedLinks) {
          for (const type of ['CONTRADICTS', 'CORROBORATES'] as const) await this.run({ text: q.deleteDerivedLinks(type), params: {} }, c);
        }
        for (const [label, rows] of nodeRows(graph)) {
          const text = q.upsertNode(label);
          for (const props of rows) await this.run({ text, params: props }, c);
        }
        for (const rows of groupRelationships(relationshipRows(graph)).values()) {
          const first = rows[0]!;
          const text = q.mergeRelationship(first.type, first.fromLabel, first.toLabel);
          for (const r of rows) await this.run({ text, params: { from: r.from, to: r.to } }, c);
        }
        const links = linkRows(graph);
        for (const [type, rows] of links) {
          for (const r of rows) await this.run({ text: q.deleteLink(type), params: { from: r.from, to: r.to, kind: r.kind } }, c);
        }
        for (const [type, rows] of links) {
          for (const r of rows) await this.run({ text: q.createLink(type), params: { ...r } }, c);
        }
        await this.control(c, 'COMMIT');
      } catch (error) {
        // Kuzu rolls a transaction back by itself when a statement fails (our ROLLBACK then finds none),
        // but 0.11.3 keeps the rolled-back rows locked: every later update of them fails with
        // "write-write conflict" until a checkpoint clears it.
        await this.control(c, 'ROLLBACK').catch(() => undefined);
        await this.control(c, 'CHECKPOINT').catch(() => undefined);
        throw error;
      }
    } finally {
      this.rowCounts.clear();
      this.pool.release(c);
    }
  }

  /**
   * Writes each table's rows to a CSV file and COPYs it in. COPY runs outside transactions, so
   * "all or nothing" is kept by the precondition (an empty store) and by emptying it on failure.
   */
  async bulkLoad(graph: GraphData): Promise<void> {
    for (const label of NODE_LABELS) {
      const [count] = await this.run(q.countOf(label));
      if (Number(count?.total ?? 0) > 0) throw new StoreNotEmptyError(`A bulk load needs an empty store; it holds ${label} nodes`);
    }
    this.rowCounts.clear();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-copy-'));
    const c = await this.pool.acquire();
    try {
      let n = 0;
      const file = () => path.join(dir, `${n++}.csv`);
      for (const [label, rows] of nodeRows(graph)) {
        if (rows.length === 0) continue;
        const f = file();
        await writeCsv(f, nodeColumns(label), nodeCsvRows(label, rows));
        await this.unprepared(c, copyNodes(label, f));
      }
      for (const rows of groupRelationships(relationshipRows(graph)).values()) {
        const { type, fromLabel, toLabel } = rows[0]!;
        const spec = RELATIONSHIPS[type];
        const f = file();
        await writeCsv(f, ['from', 'to'], rows.map((r) => [r.from, r.to]));
        await this.unprepared(c, copyRelationships(type, fromLabel, toLabel, f, spec.from.length * spec.to.length > 1));
      }
      for (const [type, rows] of linkRows(graph)) {
        if (rows.length === 0) continue;
        const f = file();
        await writeCsv(f, LINK_COLUMNS, rows.map((r) => [r.from, r.to, r.kind, r.explanation, r.rule]));
        await this.unprepared(c, copyRelationships(type, 'Claim', 'Claim', f, false));
      }
      await this.control(c, 'CHECKPOINT');
    } catch (error) {
      for (const label of NODE_LABELS) await this.run({ text: q.deleteAllOf(label), params: {} }, c).catch(() => undefined);
      throw error;
    } finally {
      this.rowCounts.clear();
      this.pool.release(c);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  async analysisInput(): Promise<AnalysisInput> {
    const claims = (await this.run(q.analysableClaims(dialect))).map((r) => ({
      ...(this.record(r.node!) as ClaimRecord), claimant: String(r.claimant), source: String(r.source),
    }));
    const parentOf = new Map((await this.run(q.placeParents())).map((r) => [String(r.child), String(r.parent)]));
    const nameOf = new Map((await this.run(q.displayNames(dialect))).map((r) => [String(r.id), String(r.name)]));
    return { claims, parentOf, nameOf };
  }

  withDeadline(deadline: number): GraphStore {
    // A view over the same database, pool and statement cache; only the deadline differs.
    const view = Object.create(this) as KuzuStore;
    view.deadline = deadline;
    return view;
  }

  async ping(): Promise<void> {
    try {
      await this.run({ text: 'RETURN 1 AS ok', params: {} });
    } catch (cause) {
      throw new StoreUnavailableError('The embedded database does not answer', { cause });
    }
  }

  /**
   * Checkpoints and closes the connections. The database object is left to the process's exit:
   * Kuzu 0.11.3 segfaults at exit when a database that was written to is closed explicitly, and
   * the checkpoint leaves nothing in the write-ahead log either way.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    const [first] = this.pool.all;
    if (first) await this.control(first, 'CHECKPOINT').catch(() => undefined);
    this.closed = true;
    for (const c of this.pool.all) await c.close();
  }
}
