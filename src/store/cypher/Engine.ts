/**
 * What CypherStore needs of a database engine, and nothing more: run a statement and read its rows
 * as plain objects, group statements into a read or a write transaction, translate the engine's
 * errors into ours (store/errors.ts), and the few places where the engines truly differ (the
 * dialect, how a batch of ids is best looked up, a bulk loader of its own).
 */
import type { GraphData, NodeLabel } from '../../domain/model.js';
import type { TransactOptions } from '../GraphStore.js';
import type { Dialect } from './dialect.js';

/** A node as every engine returns it, once decoded. */
export interface NodeValue {
  readonly label: NodeLabel;
  readonly properties: Readonly<Record<string, unknown>>;
  /** The engine's own id for the node, to tell which nodes a path's relationships join. */
  readonly key?: string;
}

/** A relationship as every engine returns it within a path, once decoded; its ends are NodeValue keys. */
export interface RelValue {
  readonly type: string;
  readonly start: string;
  readonly end: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** One row: scalars, lists, nodes decoded to NodeValue and relationships (in paths) to RelValue. */
export type Row = Record<string, unknown>;

export interface Statement {
  text: string;
  params: Record<string, unknown>;
  /**
   * Parameters (or fields of each row of `$rows`) that hold INT64 values. JavaScript has one number
   * type; Neo4j's driver sends it as a float unless told, and SKIP/LIMIT or an INT64 property need integers.
   */
  integers?: readonly string[];
}

/** A table looked up by its primary key: a label's, or the name keys' (cypher/names.ts). */
export type LookupTable = NodeLabel | 'NameKey';

/** Runs one statement inside the current unit of work; rejects with a store error. */
export type Run = (statement: Statement) => Promise<Row[]>;

export interface Engine {
  readonly kind: 'kuzu' | 'neo4j';
  readonly dialect: Dialect;
  /**
   * Whether this process is the database's only writer (Kuzu holds its folder's lock): then the
   * graph's version it saw last is the version, with no statement to ask.
   */
  readonly exclusive: boolean;
  /**
   * Whether reads given a Prefetch fetch its edges in the statement that reads their nodes
   * (walks.ts), and pages of claims per anchor read their claims in the statement that pages them.
   * Off, edges are left to the loaders (one statement per edge and level) and a page's claims are
   * read in a statement of their own.
   */
  readonly walksAlong: boolean;
  /**
   * Whether a read inside a write transaction sees that transaction's new nodes and relationships
   * as they are. Kuzu 0.11.3 does not always: after nodes and relationships are created in one
   * transaction on a database loaded with COPY, a walk inside it can return a new relationship
   * ending at another node (docs/store.md, "Claim digests"). The store then computes what a write
   * derives (contested flags, digests, name keys) in a write of its own, right after the commit.
   */
  readonly seesOwnWrites: boolean;

  /**
   * Runs `work` as one read: on Neo4j one transaction, on Kuzu statements spread over its connection
   * pool. `deadline` (epoch ms) cuts every statement's timeout to the time left.
   */
  read<T>(work: (run: Run) => Promise<T>, deadline?: number): Promise<T>;

  /**
   * Runs `work` as one write transaction: all of it or nothing. `options.timeoutMs` bounds the
   * whole transaction where the engine bounds transactions (Neo4j; QUERY_TIMEOUT_MS when absent);
   * Kuzu bounds each statement by QUERY_TIMEOUT_MS whatever it is.
   */
  write<T>(work: (run: Run) => Promise<T>, deadline?: number, options?: TransactOptions): Promise<T>;

  /**
   * How to look up a batch of ids of a label: as one statement, or in several smaller ones when the
   * engine answers those faster. `statementCost` says what one statement costs, in scanned rows.
   */
  idBatches(label: LookupTable, ids: readonly string[], statementCost: 'node' | 'walk'): Promise<string[][]>;

  /**
   * Whether `count` lookups by id of a label answer faster one statement each than as one statement
   * (which on Kuzu scans the table): what idBatches decides by, and whether a page's nodes can be
   * read in the statement that chooses them.
   */
  lookupsApart(label: LookupTable, count: number, statementCost: 'node' | 'walk'): Promise<boolean>;

  /** Creates tables, constraints and indexes; idempotent. */
  init(): Promise<void>;

  /**
   * The engine's own bulk loader for an empty store, when it has one faster than batched writes
   * (Kuzu: COPY FROM files). Absent: CypherStore writes batches in their own transactions.
   */
  copy?(graph: GraphData): Promise<void>;

  /** Resolves when the database answers a trivial query; rejects with StoreUnavailableError otherwise. */
  ping(): Promise<void>;

  close(): Promise<void>;
}
