/**
 * Live updates: what Subscription.claimAdded and Subscription.contradictionFound deliver. One hub
 * per server, fed by the Curator's commit listener, so an event leaves only from the process that
 * committed the write: with several server processes on one Neo4j database, each delivers its own
 * writes and no other's.
 *
 * For each commit that someone listens for, the hub reads once, whatever the number of
 * subscribers, what a subscription filters on: the claims (fresh from the store), what each is
 * about, and every place that contains one of those places. A subscriber then matches an event by
 * set membership alone. Events reach each subscriber in commit order.
 *
 * Every subscriber has a bounded queue (MAX_PENDING events). One that falls further behind (a
 * client that reads too slowly) is ended with SUBSCRIBER_TOO_SLOW rather than let the server's
 * memory grow with its backlog; it may subscribe again, and read what it missed from
 * Query.changes.
 */
import { GraphQLError } from 'graphql';
import { labelOfId, MAX_HIERARCHY_DEPTH } from '../domain/model.js';
import type { CommitListener, Curator } from '../ingest/curate.js';
import type { ClaimRecord, GraphReader, TypedLink } from '../store/GraphStore.js';
import type { Context } from './context.js';
import type { ClaimLinkModel } from './models.js';

/** Events a subscriber may fall behind by before it is ended with SUBSCRIBER_TOO_SLOW. */
export const MAX_PENDING = 100;

/** Operations whose claims are new: what claimAdded delivers (edits and ranks are not additions). */
const ADDING = new Set(['addClaims', 'import']);

export type LiveEvent =
  | { kind: 'claimAdded'; claim: ClaimRecord; subjects: ReadonlySet<string> }
  | { kind: 'contradictionFound'; link: ClaimLinkModel; subjects: ReadonlySet<string> };

export type LiveKind = LiveEvent['kind'];

/** The context of an operation over WebSocket: an HTTP context and the hub. */
export interface LiveContext extends Context {
  live: LiveUpdates;
}

type Commit = Parameters<CommitListener>[0];

export interface LiveOptions {
  /** Bound on the reads an event needs (REQUEST_TIMEOUT_MS). */
  timeoutMs: number;
  /** Told when an event could not be read; every subscriber is then ended with an error. */
  onError?: (error: unknown) => void;
  maxPending?: number;
}

export class LiveUpdates {
  private readonly subscribers = new Set<Subscriber>();
  /** Commits are read one after the other, so that events keep commit order. */
  private queue: Promise<void> = Promise.resolve();
  private stopListening: (() => void) | null = null;

  constructor(private readonly store: GraphReader, private readonly options: LiveOptions) {}

  /** Starts listening to the curator's commits. */
  listen(curator: Pick<Curator, 'onCommit'>): this {
    this.stopListening = curator.onCommit((commit) => this.committed(commit));
    return this;
  }

  /**
   * Events of one kind, about any of `subjects` (ids; a place stands for every place inside it), or
   * all of them when `subjects` is null. The iterator ends when `return()` is called (the client
   * completes or disconnects) or the hub closes; it throws SUBSCRIBER_TOO_SLOW when its queue overflows.
   */
  subscribe(kind: LiveKind, subjects: readonly string[] | null): AsyncIterableIterator<LiveEvent> {
    const subscriber = new Subscriber(kind, subjects, this.options.maxPending ?? MAX_PENDING, (s) => this.subscribers.delete(s));
    this.subscribers.add(subscriber);
    return subscriber;
  }

  /** How many subscriptions are open. */
  get size(): number {
    return this.subscribers.size;
  }

  /** Stops listening and ends every subscription (server shutdown). */
  close(): void {
    this.stopListening?.();
    this.stopListening = null;
    for (const s of [...this.subscribers]) void s.return();
  }

  /** Called by the curator after a commit, synchronously: it must not throw into the write's caller. */
  private committed(commit: Commit): void {
    const wanted = new Set([...this.subscribers].map((s) => s.kind));
    if (wanted.size === 0) return;
    this.queue = this.queue
      .then(() => this.read(commit, wanted))
      .then((events) => {
        for (const event of events) for (const s of [...this.subscribers]) if (s.matches(event)) s.offer(event);
      })
      .catch((error: unknown) => {
        this.options.onError?.(error);
        const failure = new GraphQLError('A live update could not be read from the store; subscribe again, and read what was missed from Query.changes.', {
          extensions: { code: 'SERVICE_UNAVAILABLE' },
        });
        for (const s of [...this.subscribers]) s.fail(failure);
      });
  }

  /** The events of one commit, with what each is about, read in a few store calls. */
  private async read(commit: Commit, wanted: ReadonlySet<LiveKind>): Promise<LiveEvent[]> {
    const added = wanted.has('claimAdded') && ADDING.has(commit.change.operation) ? commit.claims.map((c) => c.id) : [];
    const contradictions: TypedLink[] = wanted.has('contradictionFound') ? commit.change.linksAdded.filter((l) => l.type === 'CONTRADICTS') : [];
    const ids = [...new Set([...added, ...contradictions.flatMap((l) => [l.from, l.to])])];
    if (ids.length === 0) return [];
    const store = this.store.withDeadline(Date.now() + this.options.timeoutMs);

    const records = new Map((await store.getNodes('Claim', ids)).flatMap((c) => (c ? [[c.id, c] as const] : [])));
    const about = new Map(commit.claims.map((c) => [c.id, c.about]));
    const unknown = ids.filter((id) => !about.has(id));
    if (unknown.length > 0) {
      const read = await store.neighbours('Claim.about', unknown);
      for (const id of unknown) about.set(id, (read.get(id) ?? []).map((n) => n.node.id));
    }
    const containers = await this.containersOf(store, [...about.values()].flat().filter((id) => labelOfId(id) === 'Place'));
    const subjectsOf = (claimIds: readonly string[]): Set<string> =>
      new Set(claimIds.flatMap((id) => (about.get(id) ?? []).flatMap((s) => [s, ...(containers.get(s) ?? [])])));

    const events: LiveEvent[] = [];
    for (const id of added) {
      const claim = records.get(id);
      if (claim) events.push({ kind: 'claimAdded', claim, subjects: subjectsOf([id]) });
    }
    for (const l of contradictions) {
      const [self, claim] = [records.get(l.from), records.get(l.to)];
      if (!self || !claim) continue;
      const link: ClaimLinkModel = {
        self, claim, type: l.type, direction: 'OUTGOING', kind: l.kind, explanation: l.explanation, rule: l.rule,
        independent: l.independent ?? null, dependence: l.dependence ?? null,
      };
      events.push({ kind: 'contradictionFound', link, subjects: subjectsOf([l.from, l.to]) });
    }
    return events;
  }

  /**
   * For each place id, every place that contains it (PART_OF, walked up to the deepest hierarchy
   * the domain allows), one store call per level. Read per event: a place added since a subscription
   * began still counts as inside the places it was added to.
   */
  private async containersOf(store: GraphReader, placeIds: readonly string[]): Promise<Map<string, string[]>> {
    const parents = new Map<string, string[]>();
    let frontier = [...new Set(placeIds)];
    for (let depth = 0; depth < MAX_HIERARCHY_DEPTH && frontier.length > 0; depth++) {
      const read = await store.neighbours('Place.partOf', frontier);
      for (const id of frontier) parents.set(id, (read.get(id) ?? []).map((n) => n.node.id));
      frontier = [...new Set(frontier.flatMap((id) => parents.get(id)!))].filter((id) => !parents.has(id));
    }
    const containers = new Map<string, string[]>();
    for (const id of new Set(placeIds)) {
      const seen = new Set<string>();
      const stack = [...(parents.get(id) ?? [])];
      while (stack.length > 0) {
        const p = stack.pop()!;
        if (seen.has(p)) continue;
        seen.add(p);
        stack.push(...(parents.get(p) ?? []));
      }
      containers.set(id, [...seen]);
    }
    return containers;
  }
}

/** One subscription: a bounded queue, and the iterator graphql-ws reads it through. */
class Subscriber implements AsyncIterableIterator<LiveEvent> {
  private readonly pending: LiveEvent[] = [];
  private waiting: { resolve: (r: IteratorResult<LiveEvent>) => void; reject: (e: unknown) => void } | null = null;
  private failure: GraphQLError | null = null;
  private done = false;
  private readonly subjects: ReadonlySet<string> | null;

  constructor(
    readonly kind: LiveKind,
    subjects: readonly string[] | null,
    private readonly maxPending: number,
    private readonly removed: (s: Subscriber) => void,
  ) {
    this.subjects = subjects && new Set(subjects);
  }

  matches(event: LiveEvent): boolean {
    if (this.done || event.kind !== this.kind) return false;
    return this.subjects === null || [...this.subjects].some((id) => event.subjects.has(id));
  }

  offer(event: LiveEvent): void {
    if (this.done) return;
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = null;
      resolve({ done: false, value: event });
    } else if (this.pending.length >= this.maxPending) {
      this.fail(new GraphQLError(
        `This subscription fell more than ${this.maxPending} events behind and was ended; subscribe again, and read what was missed from Query.changes.`,
        { extensions: { code: 'SUBSCRIBER_TOO_SLOW', limit: this.maxPending } },
      ));
    } else {
      this.pending.push(event);
    }
  }

  /** Ends the subscription with an error: what is queued is dropped, the next read throws it. */
  fail(error: GraphQLError): void {
    if (this.done) return;
    this.pending.length = 0;
    this.finish();
    if (this.waiting) {
      const { reject } = this.waiting;
      this.waiting = null;
      reject(error);
    } else {
      this.failure = error;
    }
  }

  next(): Promise<IteratorResult<LiveEvent>> {
    const event = this.pending.shift();
    if (event) return Promise.resolve({ done: false, value: event });
    if (this.failure) {
      const failure = this.failure;
      this.failure = null;
      return Promise.reject(failure);
    }
    if (this.done) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<LiveEvent>> {
    this.pending.length = 0;
    this.failure = null;
    this.finish();
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = null;
      resolve({ done: true, value: undefined });
    }
    return Promise.resolve({ done: true, value: undefined });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.removed(this);
  }
}
