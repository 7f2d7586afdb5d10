/**
 * The production engine: Neo4j 5.26 LTS / 2025.x through neo4j-driver 6. What only Neo4j needs lives
 * here: the driver, managed transactions on sessions naming the database, integer parameters,
 * and the translation of the driver's error codes.
 */
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { NODE_LABELS, type NodeLabel } from '../../domain/model.js';
import { neo4jDialect } from '../cypher/dialect.js';
import type { Engine, LookupTable, Row, Run, Statement } from '../cypher/Engine.js';
import type { TransactOptions } from '../GraphStore.js';
import { StoreQueryError, StoreUnavailableError, timeLeft } from '../errors.js';
import { translate } from './errors.js';
import { describeRebuiltIndexes, staleFulltextIndexes } from '../schema.js';
import { AWAIT_INDEXES, neo4jDropIndex, neo4jFulltextIndexFound, neo4jSchemaStatements, SHOW_FULLTEXT_INDEXES } from './schema-statements.js';

export interface Neo4jOptions {
  uri: string;
  user: string;
  password: string;
  database: string;
  queryTimeoutMs: number;
  connectTimeoutMs?: number;
  maxRetryMs?: number;
  /** Fetch a Prefetch's edges in the statement that reads their nodes (PREFETCH); on by default: each statement saved is a round trip, and Neo4j caches the plans. */
  walkAlong?: boolean;
}

/** The driver sends every JS number as a float; these parameters (or fields of `$rows`) must be integers. */
function withIntegers(statement: Statement): Record<string, unknown> {
  const names = statement.integers ?? [];
  if (names.length === 0) return statement.params;
  const fix = (obj: Record<string, unknown>) => {
    const out = { ...obj };
    for (const n of names) if (typeof out[n] === 'number') out[n] = neo4j.int(out[n] as number);
    return out;
  };
  const params = fix(statement.params);
  if (Array.isArray(params.rows)) params.rows = (params.rows as Array<Record<string, unknown>>).map(fix);
  return params;
}

function labelOf(labels: readonly string[]): NodeLabel {
  const label = NODE_LABELS.find((l) => labels.includes(l));
  if (!label) throw new StoreQueryError(`node with labels ${labels.join(',')} is not part of the model`);
  return label;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (neo4j.isNode(value)) return { label: labelOf(value.labels), properties: value.properties, key: value.elementId };
  if (neo4j.isRelationship(value)) {
    return { type: value.type, start: value.startNodeElementId, end: value.endNodeElementId, properties: value.properties };
  }
  return value;
}

export class Neo4jEngine implements Engine {
  readonly kind = 'neo4j' as const;
  /** Other server processes may write to the same database. */
  readonly exclusive = false;
  get walksAlong(): boolean {
    return this.options.walkAlong ?? true;
  }
  readonly dialect = neo4jDialect;
  readonly seesOwnWrites = true;

  /**
   * Shared by every session of this process: on a cluster (or Aura) a read after a write waits
   * until the member serving it has that write, as one session's transactions would. Sessions
   * share no bookmarks by default (only the driver's executeQuery does), so a request's read
   * could be routed to a member behind the mutation that just answered.
   */
  private readonly bookmarks = neo4j.bookmarkManager();

  private constructor(
    private readonly driver: Driver,
    private readonly options: Neo4jOptions,
  ) {}

  static connect(options: Neo4jOptions): Neo4jEngine {
    const driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
      disableLosslessIntegers: true,
      connectionTimeout: options.connectTimeoutMs ?? 5_000,
      connectionAcquisitionTimeout: options.connectTimeoutMs ?? 5_000,
      maxTransactionRetryTime: options.maxRetryMs ?? 5_000,
      userAgent: 'claimgraph',
    });
    return new Neo4jEngine(driver, options);
  }

  /** A managed transaction on a session naming the database; statements run one after another. */
  private async transaction<T>(mode: 'READ' | 'WRITE', work: (run: Run) => Promise<T>, deadline: number | undefined, timeoutMs?: number): Promise<T> {
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.bookmarks,
    });
    try {
      // Neo4j ends a transaction that outlives its timeout on the server, so the deadline holds there
      // too. The timeout covers the whole transaction: a long write (an import) asks for its own.
      const config = { timeout: timeoutMs ?? timeLeft(this.options.queryTimeoutMs, deadline) };
      const body = (tx: ManagedTransaction) => {
        // A transaction runs one statement at a time; work may ask for several at once.
        let queue: Promise<unknown> = Promise.resolve();
        const run: Run = (statement) => {
          const next = queue.then(async () => (await tx.run(statement.text, withIntegers(statement))).records.map((r) => {
            const row: Row = {};
            for (const key of r.keys) row[String(key)] = decode(r.get(key));
            return row;
          }));
          queue = next.catch(() => undefined);
          return next;
        };
        return work(run);
      };
      return mode === 'READ' ? await session.executeRead(body, config) : await session.executeWrite(body, config);
    } catch (error) {
      throw translate(error);
    } finally {
      await session.close();
    }
  }

  read<T>(work: (run: Run) => Promise<T>, deadline?: number): Promise<T> {
    return this.transaction('READ', work, deadline);
  }

  write<T>(work: (run: Run) => Promise<T>, deadline?: number, options?: TransactOptions): Promise<T> {
    return this.transaction('WRITE', work, deadline, options?.timeoutMs);
  }

  /** Neo4j looks a list of ids up through the index in one statement. */
  async idBatches(_label: LookupTable, ids: readonly string[]): Promise<string[][]> {
    return [[...ids]];
  }

  /** `id IN $ids` is an index seek on Neo4j: one statement is never worse. */
  async lookupsApart(): Promise<boolean> {
    return false;
  }

  async init(): Promise<void> {
    // CREATE ... IF NOT EXISTS keeps an index of the same name as it was built: one built to another
    // definition (an earlier build's) is dropped first. If the list cannot be read, start as before.
    const found = await this.read((run) => run({ text: SHOW_FULLTEXT_INDEXES, params: {} })).catch((error: unknown) => {
      process.stderr.write(`Could not list the full-text indexes to check their definitions: ${error instanceof Error ? error.message : String(error)}\n`);
      return [];
    });
    const stale = staleFulltextIndexes(found.map(neo4jFulltextIndexFound));
    for (const index of stale) await this.write((run) => run({ text: neo4jDropIndex(index.name), params: {} }));
    if (stale.length > 0) process.stderr.write(`${describeRebuiltIndexes(`the Neo4j database ${this.options.database}`, stale.map((s) => s.name))}\n`);
    for (const text of neo4jSchemaStatements()) await this.write((run) => run({ text, params: {} }));
    // Indexes are built in the background; a full-text index still populating refuses queries.
    await this.read((run) => run({ text: AWAIT_INDEXES, params: {} }));
  }

  /** An auto-commit query: unlike managed transactions it is not retried, so readiness answers fast. */
  async ping(): Promise<void> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.READ });
    try {
      await session.run('RETURN 1 AS ok', {}, { timeout: this.options.queryTimeoutMs });
    } catch (cause) {
      throw new StoreUnavailableError('Neo4j does not answer', { cause });
    } finally {
      await session.close();
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}
