/**
 * The embedded engine: Kuzu 0.11 in-process. What only Kuzu needs lives here: a connection pool,
 * statements prepared once per connection, the parameter guard (params.ts), explicit transaction
 * control, and lookups by id that avoid table scans (idBatches).
 */
import kuzu from 'kuzu';
import type { Connection, Database, KuzuValue, PreparedStatement, QueryResult } from 'kuzu';
import type { GraphData } from '../../domain/model.js';
import { kuzuDialect } from '../cypher/dialect.js';
import type { Engine, LookupTable, Row, Run, Statement } from '../cypher/Engine.js';
import { countOf } from '../cypher/queries.js';
import { StoreQueryError, StoreTimeoutError, StoreUnavailableError, timeLeft } from '../errors.js';
import { copyGraph } from './copy.js';
import { kuzuFulltextIndexes } from './ddl.js';
import { decodeRow } from './decode.js';
import { LOOKUP_COST_IN_ROWS, RowCounts, type LookupCost } from './lookups.js';
import { describeMigration, migrateFolder, type Migration, type Target } from './migrate.js';
import { openDatabase } from './open.js';
import { checkParams } from './params.js';
import { Pool } from './Pool.js';

export interface KuzuOptions {
  dataDir: string;
  bufferPoolMb: number;
  queryTimeoutMs: number;
  /** Connections run queries concurrently; Kuzu serialises writes itself. */
  connections?: number;
  /**
   * Fetch a Prefetch's edges in the statement that reads their nodes (PREFETCH). Off by default:
   * Kuzu 0.11 plans every statement it runs, prepared or not, and each OPTIONAL MATCH ... collect()
   * stage adds 2-5 ms of planning on the seed graph, more than a statement of its own costs
   * (docs/store.md). Tests turn it on to prove the statements Neo4j runs.
   */
  walkAlong?: boolean;
  /** Overrides LOOKUP_COST_IN_ROWS (tests set 0 to take the one-by-one path on a small graph). */
  lookupCostInRows?: LookupCost;
  /**
   * Largest the database file may grow, in GiB (a power of two). Kuzu reserves this much address
   * space up front (8 TiB by default), so a process holding many databases, as tests do, sets less.
   */
  maxSizeGib?: number;
  /** Told once when init migrates a folder written by an older build (migrate.ts); by default one line on stderr. */
  onMigrated?: (migration: Migration) => void;
}

export class KuzuEngine implements Engine {
  readonly kind = 'kuzu' as const;
  readonly exclusive = true;
  readonly dialect = kuzuDialect;
  readonly walksAlong: boolean;
  readonly seesOwnWrites = false;
  private closed = false;
  private readonly prepared = new WeakMap<Connection, Map<string, PreparedStatement>>();
  /** The query timeout each connection holds now (setQueryTimeout). */
  private readonly timeouts = new WeakMap<Connection, number>();
  /** Rows per label, for choosing lookups or a scan; cleared by every write. */
  private readonly rowCounts: RowCounts;

  private constructor(
    private readonly db: Database,
    private readonly pool: Pool,
    private readonly queryTimeoutMs: number,
    lookupCost: LookupCost,
    private readonly folder: { dataDir: string; onMigrated: (migration: Migration) => void },
    walkAlong: boolean,
  ) {
    this.walksAlong = walkAlong;
    this.rowCounts = new RowCounts(lookupCost, (label) => this.read((run) => run(countOf(label))).then(([r]) => Number(r?.total ?? 0)));
  }

  /** Opens (creating if needed) the database in `dataDir`; fails with a clear message when it cannot. */
  static async open(options: KuzuOptions): Promise<KuzuEngine> {
    const db = await openDatabase(options);
    const connections: Connection[] = [];
    for (let i = 0; i < (options.connections ?? 4); i++) {
      const c = new kuzu.Connection(db);
      await c.init();
      connections.push(c);
    }
    const onMigrated = options.onMigrated ?? ((m: Migration) => process.stderr.write(`${describeMigration(m)}\n`));
    return new KuzuEngine(db, new Pool(connections), options.queryTimeoutMs, options.lookupCostInRows ?? LOOKUP_COST_IN_ROWS, { dataDir: options.dataDir, onMigrated }, options.walkAlong ?? false);
  }

  /** The one path to the engine: checks parameters, prepares once per connection, translates errors. */
  private async run(c: Connection, statement: Statement, deadline: number | undefined): Promise<Row[]> {
    // A closed database's native handles are gone; touching them would crash the process.
    if (this.closed) throw new StoreUnavailableError('The embedded database is closed');
    checkParams(statement.text, statement.params);
    try {
      // Connections are shared; each query runs under its own limit while it holds one. Setting it
      // is a synchronous native call that took 0.8 ms of the JavaScript thread each time (a fifth of
      // the server's CPU under load on the seed graph): it is set only when it changes, which is
      // only when a request's deadline is nearer than QUERY_TIMEOUT_MS.
      const limit = timeLeft(this.queryTimeoutMs, deadline);
      if (this.timeouts.get(c) !== limit) {
        c.setQueryTimeout(limit);
        this.timeouts.set(c, limit);
      }
      let cache = this.prepared.get(c);
      if (!cache) this.prepared.set(c, (cache = new Map()));
      let ps = cache.get(statement.text);
      if (!ps) {
        ps = await c.prepare(statement.text);
        if (!ps.isSuccess()) throw new StoreQueryError(`Kuzu could not prepare a statement: ${ps.getErrorMessage()}`);
        cache.set(statement.text, ps);
      }
      const result = (await c.execute(ps, statement.params as Record<string, KuzuValue>)) as QueryResult;
      // The rows are in memory once execute resolves; getAll() would fetch each one with its own
      // trip through libuv's thread pool (3.6 ms against 0.9 ms for 92 ids).
      try {
        return result.getAllSync().map(decodeRow);
      } finally {
        result.close();
      }
    } catch (cause) {
      if (cause instanceof StoreQueryError || cause instanceof StoreTimeoutError) throw cause;
      const message = cause instanceof Error ? cause.message : String(cause);
      // Kuzu's Node API reports a cancelled query only in its message ("Interrupted.", "timeout").
      if (/interrupted|timeout/i.test(message)) throw new StoreTimeoutError(`Kuzu query cancelled: ${message}`);
      throw new StoreQueryError(`Kuzu query failed: ${message}`, { cause });
    }
  }

  /** Statements without parameters that run once (transaction control, COPY of a temporary file), unprepared. */
  private async exec(c: Connection, statement: string): Promise<void> {
    if (this.closed) throw new StoreUnavailableError('The embedded database is closed');
    try {
      // Closed here, not left to the garbage collector: Kuzu 0.11.3 segfaults when it finalizes a
      // result whose transaction has ended (seen once a process had written to several databases).
      const results = await c.query(statement);
      for (const r of Array.isArray(results) ? results : [results]) r.close();
    } catch (cause) {
      throw new StoreQueryError(`Kuzu ${statement.split(' (')[0]} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
  }

  /** Each statement takes a connection of its own, so a read's statements run in parallel. */
  read<T>(work: (run: Run) => Promise<T>, deadline?: number): Promise<T> {
    return work((statement) => this.pool.using((c) => this.run(c, statement, deadline)));
  }

  /**
   * Kuzu runs one write transaction at a time and refuses a second one begun meanwhile: writes
   * wait their turn here instead.
   */
  write<T>(work: (run: Run) => Promise<T>, deadline?: number): Promise<T> {
    const turn = this.writing.then(() => this.writeNow(work, deadline));
    this.writing = turn.catch(() => undefined);
    return turn;
  }

  private writing: Promise<unknown> = Promise.resolve();

  private async writeNow<T>(work: (run: Run) => Promise<T>, deadline?: number): Promise<T> {
    this.rowCounts.clear();
    try {
      return await this.pool.using(async (c) => {
        // Transaction control runs unprepared: prepared BEGIN/COMMIT outliving their connection crash Kuzu at exit.
        await this.exec(c, 'BEGIN TRANSACTION');
        try {
          const result = await work((statement) => this.run(c, statement, deadline));
          await this.exec(c, 'COMMIT');
          return result;
        } catch (error) {
          // Kuzu rolls a transaction back by itself when a statement fails (our ROLLBACK then finds
          // none), but 0.11.3 keeps the rolled-back rows locked: every later update of them fails
          // with "write-write conflict" until a checkpoint clears it.
          await this.exec(c, 'ROLLBACK').catch(() => undefined);
          await this.exec(c, 'CHECKPOINT').catch(() => undefined);
          throw error;
        }
      });
    } finally {
      this.rowCounts.clear();
    }
  }

  async idBatches(label: LookupTable, ids: readonly string[], statementCost: 'node' | 'walk'): Promise<string[][]> {
    if (ids.length <= 1) return [[...ids]];
    return (await this.lookupsApart(label, ids.length, statementCost)) ? ids.map((id) => [id]) : [[...ids]];
  }

  lookupsApart(label: LookupTable, count: number, statementCost: 'node' | 'walk'): Promise<boolean> {
    return this.rowCounts.apart(label, count, statementCost);
  }

  /** Creates a new folder's tables, or migrates or refuses an existing folder's (migrate.ts); then the full-text indexes. */
  async init(): Promise<void> {
    const migration = await migrateFolder(this.migrationTarget(), this.folder.dataDir);
    if (migration) this.folder.onMigrated(migration);
    // Full-text indexes (the FTS extension is linked into the npm package's engine) have no IF NOT EXISTS.
    const existing = new Set((await this.read((run) => run({ text: 'CALL SHOW_INDEXES() RETURN index_name', params: {} }))).map((r) => String(r.index_name)));
    for (const statement of kuzuFulltextIndexes(existing)) await this.pool.using((c) => this.exec(c, statement));
  }

  /** What migrate.ts works through: this engine's reads and writes, and a checkpoint (unprepared, as transaction control is). */
  migrationTarget(): Target {
    return { read: (work) => this.read(work), write: (work) => this.write(work), checkpoint: () => this.pool.using((c) => this.exec(c, 'CHECKPOINT')) };
  }

  /** COPY FROM files; COPY runs outside transactions, so CypherStore empties the store if it fails. */
  async copy(graph: GraphData): Promise<void> {
    this.rowCounts.clear();
    try {
      await this.pool.using(async (c) => {
        await copyGraph(graph, (statement) => this.exec(c, statement));
        await this.exec(c, 'CHECKPOINT');
      });
    } finally {
      this.rowCounts.clear();
    }
  }

  async ping(): Promise<void> {
    try {
      await this.read((run) => run({ text: 'RETURN 1 AS ok', params: {} }));
    } catch (cause) {
      throw new StoreUnavailableError('The embedded database does not answer', { cause });
    }
  }

  /**
   * Checkpoints, then closes the connections and the database, which releases its file lock. (The
   * crashes once blamed on closing a written database came from results left to the garbage
   * collector: exec() closes them now.)
   */
  async close(): Promise<void> {
    if (this.closed) return;
    const [first] = this.pool.all;
    if (first) await this.exec(first, 'CHECKPOINT').catch(() => undefined);
    this.closed = true;
    for (const c of this.pool.all) await c.close();
    await this.db.close();
  }
}
