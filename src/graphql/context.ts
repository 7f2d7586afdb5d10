import type { Config } from '../config.js';
import type { GraphStore } from '../store/GraphStore.js';
import type { Loaders } from './loaders.js';

/** Per request: the store (counted), its loaders and the limits resolvers enforce. */
export interface Context {
  store: GraphStore;
  loaders: Loaders;
  config: Pick<Config, 'defaultPageSize' | 'maxPageSize' | 'approximateTolerance'>;
  /** From the caller's x-request-id header, or generated; in every log line of the operation. */
  requestId: string;
  /** Store calls made so far for this operation. */
  storeCalls: () => number;
}
