/**
 * The production store: Neo4j 5.26 LTS / 2025.x through neo4j-driver 6. Query text comes from
 * ../cypher/queries.ts (shared with Kuzu) and ./schema-statements.ts; every call is a managed
 * transaction (executeRead / executeWrite) on a session that names the database.
 */
import neo4j, { type Driver, type ManagedTransaction, type Node as Neo4jNode, type Record as Neo4jRecord } from 'neo4j-driver';
import { NODE_LABELS, type GraphData, type NodeLabel } from '../../domain/model.js';
import type {
  ActorRecord, AnalysisInput, ClaimAnchor, LinkCriteria, LinkRow, LinkType, ClaimCriteria, ClaimOrder, ClaimRecord, EdgeName, GraphCounts, GraphStore, ImportOptions,
  Neighbour, NodeRecord, Page, PageRequest, RecordOf,
} from '../GraphStore.js';
import { StoreNotEmptyError, StoreQueryError, StoreTimeoutError, StoreUnavailableError, timeLeft } from '../errors.js';
import { groupRelationships, linkRows, nodeRows, pagePerKey, relationshipRows, sortNeighbours } from '../graph-rows.js';
import { toRecord, type Props } from '../properties.js';
import { NODE_PROPERTIES, REL_TYPES } from '../schema.js';
import * as q from '../cypher/queries.js';
import { neo4jSchemaStatements } from './schema-statements.js';

export interface Neo4jOptions {
  uri: string;
  user: string;
  password: string;
  database: string;
  queryTimeoutMs: number;
  connectTimeoutMs?: number;
  maxRetryMs?: number;
}

export const neo4jDialect: q.Dialect = { anyLabel: (labels) => `:${labels.join('|')}` };
const dialect = neo4jDialect;

/** Rows per UNWIND batch when importing. */
const BATCH = 1000;
/** Rows per transaction in a bulk load: big enough to amortise a commit, small enough for Neo4j's transaction memory. */
const BULK_BATCH = 10_000;

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired']);

function translate(error: unknown): Error {
  if (error instanceof StoreQueryError || error instanceof StoreUnavailableError || error instanceof StoreTimeoutError) return error;
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (UNAVAILABLE.has(code) || /ECONNREFUSED|ECONNRESET|connect|socket/i.test(message) && !code.startsWith('Neo.')) {
    return new StoreUnavailableError(`Neo4j is unavailable: ${message}`, { cause: error });
  }
  // Wrong credentials or a database that does not exist: the store is unusable, not the query wrong.
  if (code.startsWith('Neo.ClientError.Security.') || code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return new StoreUnavailableError(`Neo4j refused the request (${code}): check NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE`, { cause: error });
  }
  if (/TransactionTimedOut/.test(code)) return new StoreTimeoutError(`Neo4j query cancelled: ${message}`);
  return new StoreQueryError(`Neo4j query failed (${code}): ${message}`, { cause: error });
}

/**
 * The driver sends every JS number as a float; SKIP and LIMIT and INT64 properties need integers.
 */
function integers(params: Record<string, unknown>): Record<string, unknown> {
  const out = { ...params };
  for (const name of ['offset', 'limit']) if (typeof out[name] === 'number') out[name] = neo4j.int(out[name] as number);
  return out;
}

async function run(tx: ManagedTransaction, statement: q.Statement): Promise<Neo4jRecord[]> {
  return (await tx.run(statement.text, integers(statement.params))).records;
}

function intProperties(label: NodeLabel, rows: Props[]): Props[] {
  const ints = NODE_PROPERTIES[label].filter(([, t]) => t === 'INT64').map(([n]) => n);
  if (ints.length === 0) return rows;
  return rows.map((row) => {
    const out: Record<string, unknown> = { ...row };
    for (const n of ints) if (typeof out[n] === 'number') out[n] = neo4j.int(out[n] as number);
    return out as Props;
  });
}

function labelOf(node: Neo4jNode): NodeLabel {
  const label = NODE_LABELS.find((l) => node.labels.includes(l));
  if (!label) throw new StoreQueryError(`node with labels ${node.labels.join(',')} is not part of the model`);
  return label;
}

export class Neo4jStore implements GraphStore {
  readonly kind = 'neo4j' as const;
  /** Set on a request's view (withDeadline); undefined on the store itself. */
  private deadline: number | undefined;

  private constructor(
    private readonly driver: Driver,
    private readonly options: Neo4jOptions,
  ) {}

  static async connect(options: Neo4jOptions): Promise<Neo4jStore> {
    const driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
      disableLosslessIntegers: true,
      connectionTimeout: options.connectTimeoutMs ?? 5_000,
      connectionAcquisitionTimeout: options.connectTimeoutMs ?? 5_000,
      maxTransactionRetryTime: options.maxRetryMs ?? 5_000,
      userAgent: 'claimgraph',
    });
    return new Neo4jStore(driver, options);
  }

  /** The one path to the database: a managed transaction on a session naming the database. */
  private async transaction<T>(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    try {
      // Neo4j ends a transaction that outlives its timeout on the server, so the deadline holds there too.
      const config = { timeout: timeLeft(this.options.queryTimeoutMs, this.deadline) };
      return mode === 'READ' ? await session.executeRead(work, config) : await session.executeWrite(work, config);
    } catch (error) {
      throw translate(error);
    } finally {
      await session.close();
    }
  }

  private async read(statement: q.Statement): Promise<Neo4jRecord[]> {
    return this.transaction('READ', (tx) => run(tx, statement));
  }

  private record(value: unknown): NodeRecord {
    const node = value as Neo4jNode;
    return toRecord(labelOf(node), node.properties as Record<string, unknown>);
  }

  async init(): Promise<void> {
    for (const text of neo4jSchemaStatements()) {
      await this.transaction('WRITE', (tx) => tx.run(text));
    }
  }

  async getNodes<L extends NodeLabel>(label: L, ids: readonly string[]): Promise<Array<RecordOf<L> | null>> {
    if (ids.length === 0) return [];
    const rows = await this.read(q.nodesByIds(label, ids));
    const byId = new Map(rows.map((r) => {
      const rec = this.record(r.get('node')) as RecordOf<L>;
      return [rec.id, rec] as const;
    }));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async findByNameKey(labels: readonly NodeLabel[], key: string): Promise<NodeRecord[]> {
    if (labels.length === 0 || !key) return [];
    return (await this.read(q.nodesByNameKey(dialect, labels, key))).map((r) => this.record(r.get('node')));
  }

  async listNodes<L extends Exclude<NodeLabel, 'Claim'>>(label: L, page: PageRequest): Promise<Page<RecordOf<L>>> {
    return this.transaction('READ', async (tx) => {
      const total = Number((await run(tx, q.countOf(label)))[0]?.get('total') ?? 0);
      const rows = await run(tx, q.listNodes(label, page.offset, page.limit));
      return { total, items: rows.map((r) => this.record(r.get('node')) as RecordOf<L>) };
    });
  }

  async neighbours(edge: EdgeName, ids: readonly string[]): Promise<Map<string, Neighbour[]>> {
    const out = new Map<string, Neighbour[]>();
    if (ids.length === 0) return out;
    const statements = q.neighbours(dialect, edge, ids);
    const results = await this.transaction('READ', async (tx) => {
      const rows: Neo4jRecord[][] = [];
      for (const s of statements) rows.push(await run(tx, s));
      return rows;
    });
    statements.forEach((statement, i) => {
      for (const r of results[i]!) {
        const key = String(r.get('key'));
        const list = out.get(key) ?? [];
        list.push({
          node: this.record(r.get('node')),
          link: r.has('kind')
            ? { kind: r.get('kind'), explanation: String(r.get('explanation') ?? ''), rule: r.get('rule') ?? null, direction: statement.direction }
            : null,
        });
        out.set(key, list);
      }
    });
    return sortNeighbours(out);
  }

  async findClaims(criteria: ClaimCriteria, order: ClaimOrder, page: PageRequest): Promise<Page<ClaimRecord>> {
    return this.transaction('READ', async (tx) => {
      const total = Number((await run(tx, q.countClaims(dialect, criteria)))[0]?.get('total') ?? 0);
      if (total === 0 || page.limit === 0 || page.offset >= total) return { total, items: [] };
      const ids = (await run(tx, q.pageOfClaims(dialect, criteria, order, page.offset, page.limit))).map((r) => String(r.get('id')));
      const byId = new Map((await run(tx, q.nodesByIds('Claim', ids))).map((r) => {
        const c = this.record(r.get('node')) as ClaimRecord;
        return [c.id, c];
      }));
      return { total, items: ids.flatMap((id) => byId.get(id) ?? []) };
    });
  }

  async findClaimsFor(
    anchor: ClaimAnchor, ids: readonly string[], criteria: ClaimCriteria, order: ClaimOrder, page: PageRequest,
  ): Promise<Map<string, Page<ClaimRecord>>> {
    if (ids.length === 0) return new Map();
    return this.transaction('READ', async (tx) => {
      const rows = await run(tx, q.claimsOfAnchors(dialect, anchor, ids, criteria, order));
      const pages = pagePerKey(ids, rows.map((r) => ({ key: String(r.get('key')), item: String(r.get('id')) })), page.offset, page.limit);
      const wanted = [...new Set([...pages.values()].flatMap((p) => p.items))];
      const nodes = new Map<string, ClaimRecord>();
      if (wanted.length > 0) {
        for (const r of await run(tx, q.nodesByIds('Claim', wanted))) {
          const c = this.record(r.get('node')) as ClaimRecord;
          nodes.set(c.id, c);
        }
      }
      return new Map([...pages].map(([key, p]) => [key, { total: p.total, items: p.items.flatMap((id) => nodes.get(id) ?? []) }]));
    });
  }

  async findLinks(type: LinkType, criteria: LinkCriteria): Promise<LinkRow[]> {
    return (await this.read(q.links(dialect, type, criteria))).map((r) => ({
      a: this.record(r.get('a')) as ClaimRecord, b: this.record(r.get('b')) as ClaimRecord,
      claimantA: String(r.get('claimantA')), claimantB: String(r.get('claimantB')),
      kind: r.get('kind'), explanation: String(r.get('explanation') ?? ''), rule: r.get('rule') ?? null,
    }));
  }

  async membersOf(ids: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (ids.length === 0) return out;
    for (const r of await this.read(q.membersOf(ids))) {
      const key = String(r.get('key'));
      out.set(key, [...(out.get(key) ?? []), String(r.get('member'))]);
    }
    return out;
  }

  async statesOf(ids: readonly string[]): Promise<Map<string, ActorRecord>> {
    const out = new Map<string, ActorRecord>();
    if (ids.length === 0) return out;
    for (const r of await this.read(q.statesOf(ids))) {
      const key = String(r.get('key'));
      if (!out.has(key)) out.set(key, this.record(r.get('node')) as ActorRecord);
    }
    return out;
  }

  async counts(): Promise<GraphCounts> {
    return this.transaction('READ', async (tx) => {
      const nodes = {} as Record<NodeLabel, number>;
      for (const label of NODE_LABELS) {
        nodes[label] = Number((await run(tx, q.countOf(label)))[0]?.get('total') ?? 0);
      }
      const relationships: Record<string, number> = {};
      for (const type of REL_TYPES) {
        relationships[type] = Number((await run(tx, q.countRelationships(dialect, type)))[0]?.get('total') ?? 0);
      }
      return { nodes, relationships };
    });
  }

  async importGraph(graph: GraphData, options: ImportOptions = {}): Promise<void> {
    await this.transaction('WRITE', async (tx) => {
      if (options.replaceDerivedLinks) {
        for (const type of ['CONTRADICTS', 'CORROBORATES'] as const) await tx.run(q.deleteDerivedLinks(type));
      }
      for (const [label, rows] of nodeRows(graph)) {
        const text = q.upsertNodes(label);
        const typed = intProperties(label, rows);
        for (let i = 0; i < typed.length; i += BATCH) await tx.run(text, { rows: typed.slice(i, i + BATCH) });
      }
      for (const rows of groupRelationships(relationshipRows(graph)).values()) {
        const first = rows[0]!;
        const text = q.mergeRelationships(first.type, first.fromLabel, first.toLabel);
        const params = rows.map((r) => ({ from: r.from, to: r.to }));
        for (let i = 0; i < params.length; i += BATCH) await tx.run(text, { rows: params.slice(i, i + BATCH) });
      }
      const links = linkRows(graph);
      for (const [type, rows] of links) {
        for (let i = 0; i < rows.length; i += BATCH) await tx.run(q.deleteLinks(type), { rows: rows.slice(i, i + BATCH) });
      }
      for (const [type, rows] of links) {
        for (let i = 0; i < rows.length; i += BATCH) await tx.run(q.createLinks(type), { rows: rows.slice(i, i + BATCH) });
      }
    });
  }

  /**
   * Batched writes, each batch its own transaction (one transaction of a million rows would
   * exhaust Neo4j's transaction memory). The empty-store precondition and the clean-up on failure
   * keep it all or nothing.
   */
  async bulkLoad(graph: GraphData): Promise<void> {
    for (const label of NODE_LABELS) {
      const [count] = await this.transaction('READ', (tx) => run(tx, q.countOf(label)));
      if (Number(count?.get('total') ?? 0) > 0) throw new StoreNotEmptyError(`A bulk load needs an empty store; it holds ${label} nodes`);
    }
    const inBatches = async (text: string, rows: readonly unknown[]) => {
      for (let i = 0; i < rows.length; i += BULK_BATCH) {
        await this.transaction('WRITE', (tx) => tx.run(text, { rows: rows.slice(i, i + BULK_BATCH) }));
      }
    };
    try {
      for (const [label, rows] of nodeRows(graph)) await inBatches(q.upsertNodes(label), intProperties(label, rows));
      for (const rows of groupRelationships(relationshipRows(graph)).values()) {
        const first = rows[0]!;
        await inBatches(q.mergeRelationships(first.type, first.fromLabel, first.toLabel), rows.map((r) => ({ from: r.from, to: r.to })));
      }
      for (const [type, rows] of linkRows(graph)) await inBatches(q.createLinks(type), rows);
    } catch (error) {
      for (const label of NODE_LABELS) {
        for (;;) {
          const [r] = await this.transaction('WRITE', (tx) => run(tx, q.deleteBatchOf(label, BULK_BATCH))).catch(() => [undefined]);
          if (!r || Number(r.get('deleted')) === 0) break;
        }
      }
      throw error;
    }
  }

  async analysisInput(): Promise<AnalysisInput> {
    return this.transaction('READ', async (tx) => {
      const claims = (await run(tx, q.analysableClaims(dialect))).map((r) => ({
        ...(this.record(r.get('node')) as ClaimRecord), claimant: String(r.get('claimant')), source: String(r.get('source')),
      }));
      const parentOf = new Map((await run(tx, q.placeParents())).map((r) => [String(r.get('child')), String(r.get('parent'))]));
      const nameOf = new Map((await run(tx, q.displayNames(dialect))).map((r) => [String(r.get('id')), String(r.get('name'))]));
      return { claims, parentOf, nameOf };
    });
  }

  /** An auto-commit query: unlike managed transactions it is not retried, so readiness answers fast. */
  withDeadline(deadline: number): GraphStore {
    const view = Object.create(this) as Neo4jStore;
    view.deadline = deadline;
    return view;
  }

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
