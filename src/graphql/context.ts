/** The per-request GraphQL context: who is calling, the store seen through the request's deadline, counted, and its loaders. */
import type { Viewer } from '../auth/roles.js';
import type { Config } from '../config.js';
import type { Curator } from '../ingest/curate.js';
import type { GraphReader } from '../store/GraphStore.js';
import { countingStore } from '../store/counting.js';
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
  /** Store calls made so far for this operation. */
  storeCalls: () => number;
  /** The write side (mutations); null where the context serves reads only (exports). */
  curator: Curator | null;
}

export type ContextConfig = Pick<Config, 'defaultPageSize' | 'maxPageSize' | 'approximateTolerance' | 'requestTimeoutMs'>;

/**
 * A fresh context for one operation: every store call it makes shares one deadline
 * (REQUEST_TIMEOUT_MS from now) and is counted, and loaders batch within the operation only.
 */
export function createContext(store: GraphReader, config: ContextConfig, requestId: string, viewer: Viewer = null, curator: Curator | null = null): Context {
  const counted = countingStore(store.withDeadline(Date.now() + config.requestTimeoutMs));
  return {
    viewer,
    requestId,
    store: counted.store,
    loaders: createLoaders(counted.store),
    config: { defaultPageSize: config.defaultPageSize, maxPageSize: config.maxPageSize, approximateTolerance: config.approximateTolerance },
    storeCalls: counted.calls,
    curator,
  };
}
