/**
 * `GET /metrics` in Prometheus's text format (prom-client): how long GraphQL operations take and how
 * they end, how many store calls each makes, the answer cache, the graph's version, writes, and
 * Node's own process metrics. Each server has its own registry, so several servers in one process
 * (the tests) keep their figures apart.
 *
 * Labels hold only what the server decides: the operation type, an operation name (bounded, see
 * OperationNames), an error code and a write's operation. Never query text, variables or tokens.
 * Subscriptions over WebSocket do not pass through Apollo's plugins: the WebSocket endpoint counts
 * them (its sockets, open subscriptions, and those started and refused), read at scrape time.
 */
import { getHeapStatistics } from 'node:v8';
import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { secretMatcher } from '../auth/api-keys.js';
import { bearerToken } from '../auth/authenticate.js';
import type { Context } from '../graphql/context.js';
import type { Curator } from '../ingest/curate.js';
import type { GraphReader } from '../store/GraphStore.js';
import type { ResponseCache } from './response-cache.js';
import type { SocketStats } from './websocket.js';

export const PREFIX = 'claimgraph_';
/** Distinct operation names kept as labels; later ones are counted as "other". */
export const MAX_OPERATION_NAMES = 100;
/** A scrape does not wait longer than this on the store for the graph's version. */
const VERSION_TIMEOUT_MS = 2000;

/**
 * Operation names are chosen by clients, and every distinct label value is a new time series kept
 * for good: the first `limit` names seen become labels, every later one is "other". Only names of
 * operations that parsed and validated take a place, so a stream of broken documents with random
 * names cannot fill the list.
 */
export class OperationNames {
  private readonly known = new Set<string>();

  constructor(private readonly limit: number) {}

  /**
   * `valid`: the document parsed and validated and its operation was found; otherwise `name` is only
   * what the client said, and the operation counts as "other" unless that name is known already.
   */
  label(name: string | null | undefined, valid: boolean): string {
    if (name && this.known.has(name)) return name;
    if (!valid) return 'other';
    if (!name) return 'anonymous';
    if (this.known.size >= this.limit) return 'other';
    this.known.add(name);
    return name;
  }
}

/** "ok", or the code of the error that ended the operation (an internal error before any other). */
function outcomeOf(errors: readonly { extensions?: Record<string, unknown> }[] | undefined): string {
  if (!errors?.length) return 'ok';
  const codes = errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
  const code = codes.includes('INTERNAL_SERVER_ERROR') ? 'INTERNAL_SERVER_ERROR' : codes[0]!;
  // Codes are the server's own; this only keeps a stray one from becoming an odd label.
  return /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : 'OTHER';
}

/** A gauge set at each scrape to what `read` says now. */
function gaugeOf(registry: Registry, name: string, help: string, read: () => number): void {
  new Gauge({
    name: `${PREFIX}${name}`,
    help,
    registers: [registry],
    collect() {
      this.set(read());
    },
  });
}

/**
 * A counter following running totals kept elsewhere (the answer cache's, the WebSocket
 * endpoint's), read at each scrape: it adds what each grew by since the last. With `label`, one
 * series per key of what `read` returns; without, `read` returns one total.
 */
function counterOf(registry: Registry, name: string, help: string, read: () => number | Record<string, number>, label?: string): void {
  const counted = new Map<string, number>();
  new Counter({
    name: `${PREFIX}${name}`,
    help,
    labelNames: label ? [label] : [],
    registers: [registry],
    collect() {
      const now = read();
      for (const [key, total] of typeof now === 'number' ? [['', now] as const] : Object.entries(now)) {
        const grew = Math.max(0, total - (counted.get(key) ?? 0));
        counted.set(key, total);
        if (label) this.inc({ [label]: key }, grew);
        else this.inc(grew);
      }
    },
  });
}

export interface Metrics {
  /** Times and counts each GraphQL operation over HTTP. */
  plugin: ApolloServerPlugin<Context>;
  /** Answers GET /metrics. */
  handler: RequestHandler;
  registry: Registry;
}

export interface MetricSources {
  store: Pick<GraphReader, 'version'>;
  answers: Pick<ResponseCache, 'stats'>;
  curator: Pick<Curator, 'onCommit'>;
  /** The WebSocket endpoint's counts, when it serves subscriptions. */
  sockets?: () => SocketStats;
}

export interface MetricsOptions {
  maxOperationNames?: number;
  /** When set, a scrape must send `Authorization: Bearer <token>` (METRICS_TOKEN). */
  token?: string | undefined;
}

export function createMetrics({ store, answers, curator, sockets }: MetricSources, options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });
  // The default metrics tell the heap's use, not its bound: an alert on "near the limit" needs it.
  gaugeOf(registry, 'nodejs_heap_size_limit_bytes', 'The most the V8 heap may grow to (--max-old-space-size, or V8\'s default for this machine).',
    () => getHeapStatistics().heap_size_limit);
  const names = new OperationNames(options.maxOperationNames ?? MAX_OPERATION_NAMES);

  const duration = new Histogram({
    name: `${PREFIX}graphql_request_duration_seconds`,
    help: 'Time from receiving a GraphQL operation over HTTP to sending its answer, by operation type, name and outcome (ok or an error code).',
    labelNames: ['operation_type', 'operation_name', 'outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const storeCalls = new Histogram({
    name: `${PREFIX}store_calls_per_operation`,
    help: 'Store calls one GraphQL operation made (0 for an answer from the cache), by operation type and name.',
    labelNames: ['operation_type', 'operation_name'] as const,
    buckets: [0, 1, 2, 3, 4, 5, 7, 10, 15, 20, 30, 50],
    registers: [registry],
  });

  // The cache counts for itself; its counters are read at scrape time and added to ours.
  counterOf(registry, 'answer_cache_hits_total', 'Queries answered from the answer cache.', () => answers.stats().hits);
  counterOf(registry, 'answer_cache_misses_total', 'Queries looked up in the answer cache and not found there (0 while the cache is off).', () => answers.stats().misses);
  gaugeOf(registry, 'answer_cache_bytes', 'Bytes the answer cache holds (bounded by RESPONSE_CACHE_MB).', () => answers.stats().bytes);
  gaugeOf(registry, 'answer_cache_entries', 'Answers the answer cache holds.', () => answers.stats().entries);

  if (sockets) {
    gaugeOf(registry, 'websocket_connections', 'WebSocket connections open on /graphql (subscriptions).', () => sockets().sockets);
    gaugeOf(registry, 'subscriptions_active', 'Subscriptions listening now.', () => sockets().subscriptions);
    counterOf(registry, 'subscriptions_total', 'Subscriptions asked for over WebSocket, by outcome: started (listening) or refused (invalid, or not allowed).', () => {
      const { started, refused } = sockets();
      return { started, refused };
    }, 'outcome');
  }

  // Both gauges below are collected at once in a scrape: they share one read of the version.
  let reading: Promise<number | null> | undefined;
  const readVersion = (): Promise<number | null> =>
    (reading ??= withTimeout(store.version(), VERSION_TIMEOUT_MS).catch(() => null).finally(() => {
      reading = undefined;
    }));
  new Gauge({
    name: `${PREFIX}graph_version`,
    help: 'The graph\'s version, which every write raises (the last value read while the store is down).',
    registers: [registry],
    async collect() {
      const version = await readVersion();
      if (version !== null) this.set(version);
    },
  });
  new Gauge({
    name: `${PREFIX}store_up`,
    help: '1 when the store told its version at this scrape, 0 when it failed or took over 2 s.',
    registers: [registry],
    async collect() {
      this.set((await readVersion()) === null ? 0 : 1);
    },
  });

  const writes = new Counter({
    name: `${PREFIX}writes_total`,
    help: 'Writes committed through this server, by operation (addClaims, import, ...).',
    labelNames: ['operation'] as const,
    registers: [registry],
  });
  const stopCounting = curator.onCommit(({ change }) => writes.inc({ operation: change.operation }));

  const plugin: ApolloServerPlugin<Context> = {
    async serverWillStart() {
      // A curator given to the server may outlive it.
      return { async serverWillStop() { stopCounting(); } };
    },
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse(ctx: GraphQLRequestContextWillSendResponse<Context>) {
          const type = ctx.operation?.operation ?? 'unknown';
          const name = names.label(ctx.operation ? ctx.operationName : ctx.request.operationName, ctx.operation !== undefined);
          duration.observe({ operation_type: type, operation_name: name, outcome: outcomeOf(ctx.errors) }, (performance.now() - started) / 1000);
          storeCalls.observe({ operation_type: type, operation_name: name }, ctx.contextValue.storeCalls());
        },
      };
    },
  };

  const allowed = scrapeCheck(options.token);
  const handler: RequestHandler = async (req, res, next) => {
    if (!allowed(req.headers.authorization)) {
      res.setHeader('www-authenticate', 'Bearer realm="metrics"');
      res.status(401).type('text/plain').send('GET /metrics needs Authorization: Bearer <METRICS_TOKEN>\n');
      return;
    }
    try {
      const text = await registry.metrics();
      res.setHeader('content-type', registry.contentType);
      res.send(text);
    } catch (error) {
      next(error);
    }
  };

  return { plugin, handler, registry };
}

/** Whether an Authorization header carries the metrics token; any header will do when there is none. */
function scrapeCheck(token: string | undefined): (authorization: string | undefined) => boolean {
  if (!token) return () => true;
  const matches = secretMatcher(token);
  return (authorization) => {
    const given = bearerToken(authorization);
    return given !== undefined && matches(given);
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
