/**
 * The embedded engine: Kuzu 0.11 in-process. What only Kuzu needs lives here: statements prepared
 * once per connection, the parameter guard (params.ts), explicit transaction control, writes that
 * take turns, checkpoints of its own (OpenDatabase.ts), and lookups by id that avoid table scans
 * (idBatches).
 */
import type { Connection, KuzuValue, PreparedStatement, QueryResult } from 'kuzu';
import type { GraphData } from '../../domain/model.js';
import { kuzuDialect } from '../cypher/dialect.js';
import type { Engine, LookupTable, Row, Run, Statement } from '../cypher/Engine.js';
import { countOf } from '../cypher/queries.js';
import type { TransactOptions } from '../GraphStore.js';
import { StoreQueryError, StoreTimeoutError, StoreUnavailableError, timeLeft } from '../errors.js';
import { copyGraph } from './copy.js';
import { describeRebuiltIndexes, staleFulltextIndexes } from '../schema.js';
import { KUZU_SHOW_INDEXES, kuzuDropFulltextIndex, kuzuFulltextIndexes, kuzuFulltextIndexFound } from './ddl.js';
import { decodeRow } from './decode.js';
import { LOOKUP_COST_IN_ROWS, RowCounts, type LookupCost } from './lookups.js';
import { describeMigration, migrateFolder, type Migration, type Target } from './migrate.js';
import { OpenDatabase } from './OpenDatabase.js';
import { checkParams } from './params.js';

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
  /** How large the write-ahead log may grow before the engine checkpoints (OpenDatabase.checkpoint); by default Kuzu's own threshold. */
  walLimitMb?: number;
  /** Overrides LOOKUP_COST_IN_ROWS (tests set 0 to take the one-by-one path on a small graph). */
  lookupCostInRows?: LookupCost;
  /**
   * Largest the database file may grow, in GiB (a power of two). Kuzu reserves this much address
   * space up front (8 TiB by default), so a process holding many databases, as tests do, sets less.
   */
  maxSizeGib?: number;
  /** Told once when init migrates a folder written by an older build (migrate.ts); by default one line on stderr. */
  onMigrated?: (migration: Migration) => void;
  /** Told when init rebuilt full-text indexes made to another definition (schema.ts staleFulltextIndexes); by default one line on stderr. */
  onIndexesRebuilt?: (names: readonly string[]) => void;
}

/**
 * Whether a statement may write: it holds one of Cypher's writing clauses. Erring towards yes
 * (a word in a string literal) costs a checkpoint after a failed write; our statements carry
 * values as parameters, so none is missed.
 */
const writes = (text: string): boolean => /\b(CREATE|MERGE|SET|DELETE|REMOVE|COPY)\b/i.test(text);

const DEFAULT_WAL_LIMIT_MB = 16;

export class KuzuEngine implements Engine {
  readonly kind = 'kuzu' as const;
  readonly exclusive = true;
  readonly dialect = kuzuDialect;
  readonly walksAlong: boolean;
  readonly seesOwnWrites = false;
  private readonly prepared = new WeakMap<Connection, Map<string, PreparedStatement>>();
  /** The query timeout each connection holds now (setQueryTimeout). */
  private readonly timeouts = new WeakMap<Connection, number>();
  /** Rows per label, for choosing lookups or a scan; cleared by every write. */
  private readonly rowCounts: RowCounts;

  private readonly onMigrated: (migration: Migration) => void;
  private readonly onIndexesRebuilt: (names: readonly string[]) => void;
  private readonly walLimitBytes: number;

  private constructor(
    private readonly database: OpenDatabase,
    private readonly options: KuzuOptions,
  ) {
    this.walksAlong = options.walkAlong ?? false;
    this.walLimitBytes = (options.walLimitMb ?? DEFAULT_WAL_LIMIT_MB) * 2 ** 20;
    this.onMigrated = options.onMigrated ?? ((m: Migration) => process.stderr.write(`${describeMigration(m)}\n`));
    this.onIndexesRebuilt = options.onIndexesRebuilt ?? ((names) => process.stderr.write(`${describeRebuiltIndexes(`the data folder ${options.dataDir}`, names)}\n`));
    this.rowCounts = new RowCounts(options.lookupCostInRows ?? LOOKUP_COST_IN_ROWS, (label) => this.read((run) => run(countOf(label))).then(([r]) => Number(r?.total ?? 0)));
  }

  /** Opens (creating if needed) the database in `dataDir`; fails with a clear message when it cannot. */
  static async open(options: KuzuOptions): Promise<KuzuEngine> {
    return new KuzuEngine(await OpenDatabase.open(options), options);
  }

  /** The one path to the engine: checks parameters, prepares once per connection, translates errors. */
  private async run(c: Connection, statement: Statement, deadline: number | undefined): Promise<Row[]> {
    this.database.ensureOpen();
    checkParams(statement.text, statement.params);
    try {
      // Connections are shared; each query runs under its own limit while it holds one. Setting it
      // is a synchronous native call that took 0.8 ms of the JavaScript thread each time (a fifth of
      // the server's CPU under load on the seed graph): it is set only when it changes, which is
      // only when a request's deadline is nearer than QUERY_TIMEOUT_MS.
      const limit = timeLeft(this.options.queryTimeoutMs, deadline);
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

  /** Each statement takes a connection of its own, so a read's statements run in parallel. */
  read<T>(work: (run: Run) => Promise<T>, deadline?: number): Promise<T> {
    return work((statement) => this.database.pool.using((c) => this.run(c, statement, deadline)));
  }

  /**
   * Kuzu runs one write transaction at a time and refuses a second one begun meanwhile: writes
   * wait their turn here instead. Each statement runs under QUERY_TIMEOUT_MS, whatever `_options` say.
   */
  write<T>(work: (run: Run) => Promise<T>, deadline?: number, _options?: TransactOptions): Promise<T> {
    return this.inTurn(() => this.writeNow(work, deadline));
  }

  /**
   * Writes, bulk loads, checkpoints and closing take turns: a checkpoint waits for every connection
   * to be idle, which a write in progress might never let happen while it waits for a read.
   */
  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.turns.then(work);
    this.turns = turn.catch(() => undefined);
    return turn;
  }

  private turns: Promise<unknown> = Promise.resolve();

  private async writeNow<T>(work: (run: Run) => Promise<T>, deadline: number | undefined): Promise<T> {
    this.rowCounts.clear();
    // Set when the write leaves the database needing a checkpoint (OpenDatabase.checkpoint).
    let checkpoint = false;
    try {
      return await this.database.pool.using(async (c) => {
        // Transaction control runs unprepared: prepared BEGIN/COMMIT outliving their connection crash Kuzu at exit.
        await this.database.exec(c, 'BEGIN TRANSACTION');
        let wrote = false;
        try {
          const result = await work((statement) => {
            wrote ||= writes(statement.text);
            return this.run(c, statement, deadline);
          });
          await this.database.exec(c, 'COMMIT');
          checkpoint = wrote && this.database.logBytes() > this.walLimitBytes;
          return result;
        } catch (error) {
          await this.database.exec(c, 'ROLLBACK').catch(() => undefined);
          // Kuzu rolls a transaction back by itself when a statement fails (our ROLLBACK then finds
          // none), but 0.11.3 keeps the rows it had written locked: every later update of them
          // fails with "write-write conflict" until a checkpoint clears it. A write refused before
          // it wrote anything (CypherStore takes its change number last) needs none.
          checkpoint = wrote;
          throw error;
        }
      });
    } finally {
      this.rowCounts.clear();
      // After the connection is back in the pool: the checkpoint waits for every connection. If the
      // database cannot be opened again, the next statement says so (StoreUnavailableError).
      if (checkpoint) await this.database.checkpoint().catch(() => undefined);
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
    const migration = await migrateFolder(this.migrationTarget(), this.options.dataDir);
    if (migration) this.onMigrated(migration);
    // Full-text indexes (the FTS extension is linked into the npm package's engine) have no IF NOT
    // EXISTS: those missing are created, those built to another definition dropped first.
    const found = (await this.read((run) => run({ text: KUZU_SHOW_INDEXES, params: {} }))).flatMap((r) => kuzuFulltextIndexFound(r) ?? []);
    const stale = staleFulltextIndexes(found);
    const exec = (statement: string) => this.database.pool.using((c) => this.database.exec(c, statement));
    for (const index of stale) await exec(kuzuDropFulltextIndex(index.label, index.name));
    const existing = new Set(found.filter((f) => !stale.some((s) => s.name === f.name)).map((f) => f.name));
    for (const statement of kuzuFulltextIndexes(existing)) await exec(statement);
    if (stale.length > 0) this.onIndexesRebuilt(stale.map((s) => s.name));
  }

  /** What migrate.ts works through: this engine's reads and writes, and a checkpoint in its turn (OpenDatabase.checkpoint). */
  migrationTarget(): Target {
    return { read: (work) => this.read(work), write: (work) => this.write(work), checkpoint: () => this.inTurn(() => this.database.checkpoint()) };
  }

  /** COPY FROM files; COPY runs outside transactions, so CypherStore empties the store if it fails. */
  copy(graph: GraphData): Promise<void> {
    return this.inTurn(async () => {
      this.rowCounts.clear();
      try {
        await this.database.pool.using((c) => copyGraph(graph, (statement) => this.database.exec(c, statement)));
      } finally {
        await this.database.checkpoint();
        this.rowCounts.clear();
      }
    });
  }

  async ping(): Promise<void> {
    try {
      await this.read((run) => run({ text: 'RETURN 1 AS ok', params: {} }));
    } catch (cause) {
      throw new StoreUnavailableError('The embedded database does not answer', { cause });
    }
  }

  /**
   * Checkpoints, then closes the connections and the database, which releases its file lock; after
   * the write in progress and those already waiting. (The crashes once blamed on closing a written
   * database came from results left to the garbage collector: exec() closes them now.)
   */
  close(): Promise<void> {
    return this.inTurn(() => this.database.close());
  }
}
