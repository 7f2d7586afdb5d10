/** The per-request GraphQL context: who is calling, the store seen through the request's deadline, counted, and its loaders. */
import type { Viewer } from '../auth/roles.js';
import type { Config } from '../config.js';
import type { Curator } from '../ingest/curate.js';
import type { Fields, GraphReader } from '../store/GraphStore.js';
import { createLoaders, type Loaders } from './loaders.js';

/** Per request: the caller, the store (counted), its loaders and the limits resolvers enforce. */
export interface Context {
  /** Who sent the request (authenticated before the context is built); null when anonymous. Writes check it with requireRole. */
  viewer: Viewer;
  store: GraphReader;
  loaders: Loaders;
  config: Pick<Config, 'defaultPageSize' | 'maxPageSize' | 'approximateTolerance'>;
  /** From the caller's x-request-id header, or generated; in every log line of the operation. */
  requestId: string;
  /** Statements sent to the database so far for this operation. */
  storeCalls: () => number;
  /** The write side (mutations); null where the context serves reads only (exports). */
  curator: Curator | null;
  /**
   * Says, before it runs, that the operation is a query, and what it will read of each label's
   * nodes (graphql/fields.ts; undefined: whole nodes): the store's reads for it return only those.
   */
  readOnly(fields: Fields | undefined): void;
  /**
   * Whether the operation is a query: every record it reads was read after the writes before it
   * committed, so what the store keeps of a claim (`contested`) can be trusted. A mutation's
   * records may have been read inside its write, before it settled them.
   */
  onlyReads(): boolean;
}

export type ContextConfig = Pick<Config, 'defaultPageSize' | 'maxPageSize' | 'approximateTolerance' | 'requestTimeoutMs'>;

/**
 * A fresh context for one operation: every store call it makes shares one deadline
 * (REQUEST_TIMEOUT_MS from now), every statement it sends is counted, and loaders batch within the operation only.
 */
export function createContext(store: GraphReader, config: ContextConfig, requestId: string, viewer: Viewer = null, curator: Curator | null = null): Context {
  let statements = 0;
  let fields: Fields | undefined;
  let query = false;
  const view = store.withDeadline(Date.now() + config.requestTimeoutMs, () => (statements += 1), () => fields);
  return {
    viewer,
    requestId,
    store: view,
    loaders: createLoaders(view),
    config: { defaultPageSize: config.defaultPageSize, maxPageSize: config.maxPageSize, approximateTolerance: config.approximateTolerance },
    storeCalls: () => statements,
    curator,
    readOnly: (f) => {
      query = true;
      fields = f;
    },
    onlyReads: () => query,
  };
}
