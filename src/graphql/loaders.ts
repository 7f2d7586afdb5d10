/**
 * Per-request DataLoaders: every relationship field goes through one, so a level of the query
 * costs one store call however many parents it has.
 */
import DataLoader from 'dataloader';
import type { NodeLabel } from '../domain/model.js';
import type {
  ActorRecord, ChangeRecord, ClaimAnchor, ClaimCriteria, ClaimOrder, ClaimRecord, EdgeName, GraphReader, Neighbour, NodeRecord, Page, PageRequest,
  Prefetch, RecordOf, Walk, Walked,
} from '../store/GraphStore.js';
import { walksAny } from './prefetch.js';

export interface Loaders {
  /** Nodes by id; with a Prefetch, their neighbours along it come in the same statement and prime the edge loaders. */
  node<L extends NodeLabel>(label: L, prefetch?: Prefetch): DataLoader<string, RecordOf<L> | null>;
  edge(edge: EdgeName): DataLoader<string, Neighbour[]>;
  /** Whether a look-ahead brought this node's neighbours along the edge: its edge loader answers without a statement. */
  walked(edge: EdgeName, id: string): boolean;
  /** Pages of claims per parent; with a Prefetch, as node() does for their claims. */
  claimsOf(anchor: ClaimAnchor, criteria: ClaimCriteria, order: ClaimOrder, page: PageRequest, prefetch?: Prefetch): DataLoader<string, Page<ClaimRecord>>;
  /**
   * Runs a store call that takes a walk (findClaims) along a Prefetch, then primes the edge loaders
   * with what it found; without a walk when the Prefetch walks nothing.
   */
  walking<T>(prefetch: Prefetch, read: (walk: Walk | undefined) => Promise<T>): Promise<T>;
  /** Nodes of the labels whose names share this key. */
  byNameKey(labels: readonly NodeLabel[]): DataLoader<string, NodeRecord[]>;
  /** A source's full text, which sources read for the API leave out (store/schema.ts COLD_PROPERTIES). */
  sourceText: DataLoader<string, string | null>;
  /** The state an actor belongs to. */
  stateOf: DataLoader<string, ActorRecord | null>;
  /** A node's changes, newest first, at most `limit`. */
  history(limit: number): DataLoader<string, ChangeRecord[]>;
}

function memo<K, V>(make: (key: string) => V): (key: string) => V {
  const cache = new Map<string, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = make(key)));
    return value;
  };
}

export function createLoaders(store: GraphReader): Loaders {
  const edge = memo((name) =>
    new DataLoader<string, Neighbour[]>(async (ids) => {
      const found = await store.neighbours(name as EdgeName, ids);
      return ids.map((id) => found.get(id) ?? []);
    }),
  );
  // A later load of a primed key finds its answer; priming never overwrites one already there.
  const primed = new Set<string>();
  const prime = (walked: Walked): void => {
    for (const [name, byId] of walked) {
      const loader = edge(name);
      for (const [id, list] of byId) {
        loader.prime(id, list);
        primed.add(`${name} ${id}`);
      }
    }
  };
  const walking = async <T>(prefetch: Prefetch, read: (walk: Walk | undefined) => Promise<T>): Promise<T> => {
    if (!walksAny(prefetch)) return read(undefined);
    const walk: Walk = { along: prefetch, into: new Map() };
    const found = await read(walk);
    prime(walk.into);
    return found;
  };
  const node = memo((spec) => {
    const { label, prefetch } = JSON.parse(spec) as { label: NodeLabel; prefetch: Prefetch };
    return new DataLoader<string, NodeRecord | null>((ids) => walking(prefetch, (walk) => store.getNodes(label, ids, walk)));
  });
  // Claims lists are batched across parents that ask with the same filter, order, page and look-ahead.
  const claims = memo((spec) => {
    const { anchor, criteria, order, page, prefetch } = JSON.parse(spec) as {
      anchor: ClaimAnchor; criteria: ClaimCriteria; order: ClaimOrder; page: PageRequest; prefetch: Prefetch;
    };
    return new DataLoader<string, Page<ClaimRecord>>(async (ids) => {
      const found = await walking(prefetch, (walk) => store.findClaimsFor(anchor, ids, criteria, order, page, walk));
      return ids.map((id) => found.get(id) ?? { total: 0, items: [], hasMore: false });
    });
  });
  const names = memo((labels) =>
    new DataLoader<string, NodeRecord[]>(async (keys) => {
      const found = await store.findByNameKeys(labels.split(',') as NodeLabel[], keys);
      return keys.map((key) => found.get(key) ?? []);
    }),
  );
  const stateOf = new DataLoader<string, ActorRecord | null>(async (ids) => {
    const found = await store.statesOf(ids);
    return ids.map((id) => found.get(id) ?? null);
  });
  const sourceText = new DataLoader<string, string | null>(async (ids) => {
    const found = await store.sourceTexts(ids);
    return ids.map((id) => found.get(id) ?? null);
  });
  const history = memo((limit) =>
    new DataLoader<string, ChangeRecord[]>(async (ids) => {
      const found = await store.changesOf(ids, Number(limit));
      return ids.map((id) => found.get(id) ?? []);
    }),
  );
  return {
    stateOf,
    sourceText,
    history: (limit) => history(String(limit)),
    node: <L extends NodeLabel>(label: L, prefetch: Prefetch = {}) =>
      node(JSON.stringify({ label, prefetch })) as unknown as DataLoader<string, RecordOf<L> | null>,
    edge,
    walked: (name, id) => primed.has(`${name} ${id}`),
    claimsOf: (anchor, criteria, order, page, prefetch = {}) => claims(JSON.stringify({ anchor, criteria, order, page, prefetch })),
    walking,
    byNameKey: (labels) => names([...labels].sort().join(',')),
  };
}
