/**
 * Answers to repeated queries, kept per version of the graph (GraphReader.version): a key is the
 * version with the operation's text, name and variables, so every write (which raises the version)
 * makes every earlier answer unreachable, and none is served after it. Least recently used answers
 * go first once their bytes pass the bound. Only successful query answers are kept; mutations,
 * subscriptions and answers with errors never are.
 *
 * Each answer also carries an `ETag` made from its key and the configured `Cache-Control`, so a GET
 * that repeats a query with `If-None-Match` is answered `304 Not Modified` (Express compares them)
 * while the graph has not changed. With the cache off only a GET gets them: nothing revalidates a
 * POST, and the version is then not read for it.
 */
import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import type { Context } from '../graphql/context.js';
import type { GraphReader } from '../store/GraphStore.js';

/** A map in use order whose values' sizes add up to at most `maxBytes`. */
export class ByteBoundedLru<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, bytes: number): void {
    if (bytes > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
    this.entries.set(key, { value, bytes });
    this.bytes += bytes;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.bytes;
    }
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}

export interface ResponseCache {
  plugin: ApolloServerPlugin<Context>;
  /** For /metrics. */
  stats(): { hits: number; misses: number; entries: number; bytes: number };
}

/** The version, and the operation's text (a persisted query's too: `source`), name and variables. */
function keyOf(version: number, source: string, request: GraphQLRequestContext<Context>['request']): string {
  const hash = createHash('sha256');
  hash.update(`${source}\0${request.operationName ?? ''}\0${JSON.stringify(request.variables ?? {})}`);
  return `${version}:${hash.digest('base64url')}`;
}

export function responseCache(store: Pick<GraphReader, 'version'>, options: { maxBytes: number; cacheControl: string }): ResponseCache {
  const lru = new ByteBoundedLru<FormattedExecutionResult>(options.maxBytes);
  const plugin: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      let query = false;
      let key: string | undefined;
      let hit = false;
      return {
        async responseForOperation({ operation, request, response, source }) {
          if (operation.operation !== 'query') return null;
          query = true;
          // Without a cache only a GET needs the version, for the ETag a client or CDN revalidates
          // with; a POST is never revalidated, and on Neo4j reading the version is a round trip.
          if (options.maxBytes === 0 && request.http?.method !== 'GET') return null;
          // A store that cannot tell its version cannot answer either: the operation runs and says so.
          const version = await store.version().catch(() => null);
          if (version === null) return null;
          key = keyOf(version, source, request);
          response.http.headers.set('etag', `"${key}"`);
          response.http.headers.set('cache-control', options.cacheControl);
          if (options.maxBytes === 0) return null;
          const cached = lru.get(key);
          if (!cached) return null;
          hit = true;
          return { body: { kind: 'single', singleResult: cached }, http: response.http };
        },
        async willSendResponse({ response }) {
          if (options.maxBytes === 0) {
            if (query) response.http.headers.set('x-cache', 'off');
            return;
          }
          if (!key) return;
          response.http.headers.set('x-cache', hit ? 'hit' : 'miss');
          if (hit || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors?.length) return;
          const formatted: FormattedExecutionResult = { data: result.data, ...(result.extensions ? { extensions: result.extensions } : {}) };
          lru.set(key, formatted, Buffer.byteLength(JSON.stringify(formatted)) + key.length * 2 + 64);
        },
      };
    },
  };
  return { plugin, stats: () => ({ hits: lru.hits, misses: lru.misses, ...lru.size }) };
}
