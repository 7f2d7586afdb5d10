/**
 * Per-request DataLoaders: every relationship field goes through one, so a level of the query
 * costs one store call however many parents it has.
 */
import DataLoader from 'dataloader';
import type { NodeLabel } from '../domain/model.js';
import type {
  ActorRecord, ChangeRecord, ClaimAnchor, ClaimCriteria, ClaimOrder, ClaimRecord, EdgeName, GraphReader, Neighbour, NodeRecord, Page, PageRequest,
  RecordOf,
} from '../store/GraphStore.js';

export interface Loaders {
  node<L extends NodeLabel>(label: L): DataLoader<string, RecordOf<L> | null>;
  edge(edge: EdgeName): DataLoader<string, Neighbour[]>;
  claimsOf(anchor: ClaimAnchor, criteria: ClaimCriteria, order: ClaimOrder, page: PageRequest): DataLoader<string, Page<ClaimRecord>>;
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
  const node = memo((label) =>
    new DataLoader<string, NodeRecord | null>((ids) => store.getNodes(label as NodeLabel, ids)),
  );
  const edge = memo((name) =>
    new DataLoader<string, Neighbour[]>(async (ids) => {
      const found = await store.neighbours(name as EdgeName, ids);
      return ids.map((id) => found.get(id) ?? []);
    }),
  );
  // Claims lists are batched across parents that ask with the same filter, order and page.
  const claims = memo((spec) => {
    const { anchor, criteria, order, page } = JSON.parse(spec) as {
      anchor: ClaimAnchor; criteria: ClaimCriteria; order: ClaimOrder; page: PageRequest;
    };
    return new DataLoader<string, Page<ClaimRecord>>(async (ids) => {
      const found = await store.findClaimsFor(anchor, ids, criteria, order, page);
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
    node: <L extends NodeLabel>(label: L) => node(label) as unknown as DataLoader<string, RecordOf<L> | null>,
    edge,
    claimsOf: (anchor, criteria, order, page) => claims(JSON.stringify({ anchor, criteria, order, page })),
    byNameKey: (labels) => names([...labels].sort().join(',')),
  };
}
