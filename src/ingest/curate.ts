/**
 * Curated writes: the analyst's way into the graph. Each write is one serialised transaction
 * (GraphStore.transact) that checks its input against what is stored, writes, re-runs claim
 * analysis on the claims the write can affect, and appends one entry to the audit trail, so the
 * stored links always equal a fresh recomputation and every change says who, when, what and why.
 * A rejected input throws InputError (every problem, each naming its field and batch index) and
 * writes nothing.
 */
import { diffLinks, Problems, scopeOf, slugId } from '../domain/curation.js';
import { EMPTY_GRAPH, labelOfId, type ClaimData, type GraphData, type LinkData, type NodeLabel, type Rank } from '../domain/model.js';
import type { ActorRecord, AnalysisInput, ClaimRecord, RecordOf, WholeRecordOf, EventRecord, GraphStore, GraphTransaction, NodeRecord, PlaceRecord, SourceRecord, TypedLink, ChangeRecord, TransactOptions } from '../store/GraphStore.js';
import { analyse } from './ingest-graph.js';
import {
  actorData, claimFields, cleanAliases, eventData, placeData, required, sourceData, storedIn,
  type AddActorInput, type AddClaimInput, type AddEventInput, type AddPlaceInput, type AddSourceInput, type ClaimFields, type EditClaimInput, type Exists,
} from './inputs.js';

export type { AddActorInput, AddClaimInput, AddEventInput, AddPlaceInput, AddSourceInput, EditClaimInput } from './inputs.js';

/** Who writes: the API key's or token's name and role. */
export interface Writer {
  name: string;
  role: string;
}

/** What analysis found when a write re-ran it: links that appeared and links that vanished (or changed). */
export interface LinkChanges {
  added: TypedLink[];
  removed: TypedLink[];
}

export interface WriteResult<T> {
  value: T;
  change: ChangeRecord;
}

/** Incremental analysis of a write, read before it writes (Curator.plan). */
export type Plan = (tx: GraphTransaction, ids: readonly string[], change: { before: ClaimData[]; after: ClaimData[]; stated?: TypedLink }) =>
  Promise<{ links: LinkChanges; write: TypedLink[] }>;

/** Told after each committed write: subscriptions publish from here. */
export type CommitListener = (event: { claims: ClaimData[]; change: ChangeRecord }) => void;


export class Curator {
  private readonly listeners = new Set<CommitListener>();

  constructor(
    private readonly store: Pick<GraphStore, 'transact'>,
    /** `bulkTimeoutMs`: how long a bulk write (an import) may run as one transaction (IMPORT_TIMEOUT_MS). */
    private readonly options: { tolerance: number; now?: () => Date; bulkTimeoutMs?: number },
  ) {}

  onCommit(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  addSource(writer: Writer, input: AddSourceInput): Promise<WriteResult<SourceRecord>> {
    return this.addNode(writer, 'Source', input.id, input.title, (e, p, id) => sourceData(e, p, null, input, id), (source) => ({ sources: [source] }));
  }

  addActor(writer: Writer, input: AddActorInput): Promise<WriteResult<ActorRecord>> {
    return this.addNode(writer, 'Actor', input.id, input.name, (e, p, id) => actorData(e, p, null, input, id), (actor) => ({ actors: [actor] }));
  }

  addPlace(writer: Writer, input: AddPlaceInput): Promise<WriteResult<PlaceRecord>> {
    return this.addNode(writer, 'Place', input.id, input.name, (e, p, id) => placeData(e, p, null, input, id), (place) => ({ places: [place] }));
  }

  addEvent(writer: Writer, input: AddEventInput): Promise<WriteResult<EventRecord>> {
    return this.addNode(writer, 'Event', input.id, input.name, (e, p, id) => eventData(e, p, null, input, id), (event) => ({ events: [event] }));
  }

  /** A new source, actor, place or event (`add<Label>`): checked and given its id by `build`, then created. */
  private addNode<L extends 'Source' | 'Actor' | 'Place' | 'Event', D extends { id: string }>(
    writer: Writer, label: L, givenId: string | null | undefined, name: string | null | undefined,
    build: (exists: Exists, p: Problems, id: () => Promise<string>) => Promise<D>, graph: (data: D) => Partial<GraphData>,
  ): Promise<WriteResult<WholeRecordOf<L>>> {
    return this.write(writer, `add${label}`, null, async (tx) => {
      const p = new Problems();
      const data = await build(storedIn(tx), p, () => newId(tx, p, null, label, givenId, name?.trim() ?? ''));
      p.throwIfAny();
      await tx.insert({ ...EMPTY_GRAPH, ...graph(data) });
      return { value: (await tx.getNodes(label, [data.id]))[0]!, targets: [data.id], summary: `added ${label.toLowerCase()} ${data.id}`, after: data };
    });
  }

  /** Another name for an actor, place or event; a name it already answers to changes nothing but is still recorded. */
  async addAlias(writer: Writer, id: string, alias: string): Promise<WriteResult<NodeRecord>> {
    return this.write(writer, 'addAlias', null, async (tx) => {
      const p = new Problems();
      const name = required(p, null, 'name', alias);
      const label = labelOfId(id);
      const named = label === 'Actor' || label === 'Place' || label === 'Event';
      const node = named ? (await tx.getNodes(label, [id]))[0] : undefined;
      if (!node) return p.stop(null, 'id', named ? `no ${label.toLowerCase()} ${id}` : `${id} is not an actor, place or event id`);
      // A merged actor is found by id only: a name given it would find nothing.
      if (node.label === 'Actor' && node.mergedInto) p.add(null, 'id', `${id} was merged into ${node.mergedInto}: add the name to that one`);
      p.throwIfAny();
      const aliases = cleanAliases(node.name, [...node.aliases, name]);
      const graph: GraphData = { ...EMPTY_GRAPH };
      // Relationships are merged, never dropped, by upsert: empty lists leave them as they are.
      if (node.label === 'Actor') graph.actors = [{ ...strip(node), aliases, memberOf: [] }];
      else if (node.label === 'Place') graph.places = [{ ...strip(node), aliases, partOf: [] }];
      else graph.events = [{ ...strip(node), aliases, occurredIn: [], participants: [] }];
      await tx.upsert(graph);
      return {
        value: (await tx.getNodes(node.label, [id]))[0]!, targets: [id], summary: `added the name "${name}" to ${id}`,
        before: { aliases: node.aliases }, after: { aliases },
      };
    });
  }

  async addClaims(writer: Writer, inputs: readonly AddClaimInput[]): Promise<WriteResult<{ claims: ClaimRecord[]; links: LinkChanges }>> {
    return this.write(writer, 'addClaims', null, async (tx) => {
      const p = new Problems();
      if (inputs.length === 0) p.add(null, 'input', 'give at least one claim');
      const sources = await sourceTexts(tx, inputs.map((i) => i.source));
      const claims: ClaimData[] = [];
      const taken = new Set<string>();
      // A claim may refer to another of the same batch by the id given it.
      const given = new Set(inputs.flatMap((i) => (i.id ? [i.id] : [])));
      const inStore = storedIn(tx);
      const exists: Exists = (label, id) => (label === 'Claim' && given.has(id) ? Promise.resolve(true) : inStore(label, id));
      for (const [index, input] of inputs.entries()) {
        const source = sources.get(input.source);
        if (!source) p.add(index, 'source', `no source ${input.source}`);
        const fields = await claimFields(exists, p, index, input, source ?? null);
        const id = await newId(tx, p, index, 'Claim', input.id, input.statement ?? '', taken);
        if (taken.has(id)) p.add(index, 'id', `${id} is given twice in this batch`);
        taken.add(id);
        if (fields) claims.push({ id, source: input.source, ...fields });
      }
      p.throwIfAny();
      const { links, write } = await this.plan(tx, claims.map((c) => c.id), { before: [], after: claims });
      await tx.insert({ ...EMPTY_GRAPH, claims });
      await tx.writeLinks(write);
      const stored = await tx.getNodes('Claim', claims.map((c) => c.id));
      const sourcesTouched = [...new Set(claims.map((c) => c.source))];
      return {
        value: { claims: stored.map((c) => c!), links },
        targets: claims.map((c) => c.id), summary: `added ${claims.length} claim${claims.length === 1 ? '' : 's'} from ${sourcesTouched.join(', ')}`,
        after: claims, links, claims,
      };
    });
  }

  async editClaim(writer: Writer, id: string, input: EditClaimInput, reason: string): Promise<WriteResult<ClaimRecord>> {
    return this.write(writer, 'editClaim', reason, async (tx) => {
      const p = new Problems();
      requireReason(p, reason);
      const [before] = await tx.claimsWithRelations([id]);
      if (!before) return p.stop(null, 'id', `no claim ${id}`);
      const sourceId = input.source ?? before.source;
      const source = (await sourceTexts(tx, [sourceId])).get(sourceId) ?? null;
      if (!source) p.add(null, 'input.source', `no source ${sourceId}`);
      const merged = { ...fieldsOf(before), ...definedOnly(input) } as ClaimFields;
      const fields = await claimFields(storedIn(tx), p, null, merged, source, 'input.');
      p.throwIfAny();
      const after: ClaimData = { ...before, ...fields!, id, source: sourceId, refersTo: before.refersTo };
      const { links, write } = await this.plan(tx, [id], { before: [before], after: [after] });
      await tx.deleteDerivedLinks([id]);
      await tx.replaceClaim(after);
      await tx.writeLinks(write);
      return { value: (await tx.getNodes('Claim', [id]))[0]!, targets: [id], summary: `edited ${id}`, before, after, links, claims: [after] };
    });
  }

  async setClaimRank(writer: Writer, id: string, rank: Rank, reason: string): Promise<WriteResult<ClaimRecord>> {
    return this.write(writer, 'setClaimRank', reason, async (tx) => {
      const p = new Problems();
      requireReason(p, reason);
      const [claim] = await tx.claimsWithRelations([id]);
      if (!claim) return p.stop(null, 'id', `no claim ${id}`);
      p.throwIfAny();
      const was = { rank: claim.rank ?? 'NORMAL', rankReason: claim.rankReason ?? null };
      const after: ClaimData = { ...claim, rank, rankReason: reason.trim() };
      const { links, write } = await this.plan(tx, [id], { before: [claim], after: [after] });
      await tx.deleteDerivedLinks([id]);
      await tx.replaceClaim(after);
      await tx.writeLinks(write);
      return {
        value: (await tx.getNodes('Claim', [id]))[0]!, targets: [id], summary: `ranked ${id} ${rank} (was ${was.rank})`,
        before: was, after: { rank, rankReason: after.rankReason }, links, claims: [after],
      };
    });
  }

  /**
   * Merges an actor recorded twice into the other (admin): every claim it made, every membership,
   * participation, publication and reference moves to `into`, which takes its names as aliases;
   * `from` stays, found by id only, with `mergedInto`. Claimants and sides change, so analysis
   * re-runs over the whole graph in the same transaction, read before anything is written.
   */
  async mergeActors(writer: Writer, from: string, into: string, reason: string): Promise<WriteResult<ActorRecord>> {
    return this.write(writer, 'mergeActors', reason, async (tx) => {
      const p = new Problems();
      requireReason(p, reason);
      if (from === into) p.add(null, 'into', 'an actor cannot be merged into itself');
      const [a, b] = await tx.getNodes('Actor', [from, into]);
      if (!a) p.add(null, 'from', `no actor ${from}`);
      else if (a.mergedInto) p.add(null, 'from', `${from} was merged into ${a.mergedInto} already`);
      if (!b) p.add(null, 'into', `no actor ${into}`);
      else if (b.mergedInto) p.add(null, 'into', `${into} was merged into ${b.mergedInto}: merge into that one`);
      p.throwIfAny();
      const [gone, kept] = [a!, b!];
      const before = await assessedLinks(tx, 'all');
      const after = typed(analyse(merged(await tx.analysisInput({ measures: [], subjects: [], all: true }), from, into), this.options.tolerance));
      const links = diffLinks(before, after);
      await tx.moveActor(from, into);
      const aliases = cleanAliases(kept.name, [...kept.aliases, gone.name, ...gone.aliases]);
      await tx.upsert({
        ...EMPTY_GRAPH,
        actors: [{ ...strip(kept), aliases, memberOf: [] }, { ...strip(gone), memberOf: [], mergedInto: into }],
      });
      await tx.deleteDerivedLinks('all');
      await tx.writeLinks(toWrite(after, links));
      return {
        value: (await tx.getNodes('Actor', [into]))[0]!, targets: [from, into], summary: `merged ${from} into ${into}`,
        before: { from: gone, into: kept }, after: { into: { ...kept, aliases }, from: { mergedInto: into } }, links,
      };
    });
  }

  /** A link a source (or the analyst reading it) states: EXPLICIT, kept until someone removes it by rank. */
  async linkClaims(writer: Writer, from: string, to: string, type: 'CONTRADICTS' | 'CORROBORATES', explanation: string): Promise<WriteResult<ClaimRecord>> {
    return this.write(writer, 'linkClaims', explanation, async (tx) => {
      const p = new Problems();
      if (!explanation?.trim()) p.add(null, 'explanation', 'say why the claims conflict or agree');
      if (from === to) p.add(null, 'to', 'a claim cannot be linked to itself');
      const claims = await tx.claimsWithRelations([...new Set([from, to])]);
      for (const [field, id] of [['from', from], ['to', to]] as const) if (!claims.some((c) => c.id === id)) p.add(null, field, `no claim ${id}`);
      p.throwIfAny();
      const link: TypedLink = { type, from, to, kind: 'EXPLICIT', explanation: explanation.trim(), rule: null, independent: null, dependence: null };
      const { links, write } = await this.plan(tx, [from, to], { before: claims, after: claims, stated: link });
      await tx.deleteDerivedLinks([from, to]);
      await tx.writeLinks(write);
      return { value: (await tx.getNodes('Claim', [from]))[0]!, targets: [from, to], summary: `linked ${from} ${type} ${to}`, after: link, links, claims };
    });
  }

  /**
   * A write of many records (bulk import, import-ndjson.ts) as one transaction with one audit
   * entry: `work` checks and writes, calling `plan` before each part it writes.
   */
  async bulkWrite<T>(
    writer: Writer, operation: string,
    work: (tx: GraphTransaction, plan: Plan) => Promise<{ value: T; targets: string[]; summary: string; after?: unknown; links?: LinkChanges }>,
  ): Promise<WriteResult<T>> {
    return this.write(writer, operation, null, (tx) => work(tx, (t, ids, change) => this.plan(t, ids, change)), { timeoutMs: this.options.bulkTimeoutMs });
  }

  /**
   * What analysis says of the claims a write touches (`ids`), read before the write: every claim of
   * their measures and subjects as stored, with the touched claims as the write leaves them
   * (`after`; a deprecated one leaves analysis) and, for linkClaims, the new stated link. Returns
   * the links that appear and vanish, and those to write once the derived links touching `ids` are
   * deleted: every derived one, and the stated corroborations whose independence changed.
   */
  private async plan(tx: GraphTransaction, ids: readonly string[], change: { before: ClaimData[]; after: ClaimData[]; stated?: TypedLink }): Promise<{ links: LinkChanges; write: TypedLink[] }> {
    const affected = new Set(ids);
    const touches = (l: LinkData) => affected.has(l.from) || affected.has(l.to);
    const before = await assessedLinks(tx, ids);
    const input = await tx.analysisInput(scopeOf([...change.before, ...change.after]));
    const replaced = new Set(change.after.map((c) => c.id));
    input.claims = [
      ...input.claims.filter((c) => !replaced.has(c.id)),
      ...change.after.filter((c) => (c.rank ?? 'NORMAL') !== 'DEPRECATED' && (c.measure || c.assertion)),
    ];
    for (const c of change.after) {
      input.originOf.set(c.id, { claimant: c.claimant, source: c.source });
      // What the written claims restate, as the write leaves them (independence.ts).
      const restated = (c.refersTo ?? []).filter((r) => r.relation === 'RESTATES').map((r) => r.claim);
      if (restated.length > 0) input.restates.set(c.id, restated);
      else input.restates.delete(c.id);
    }
    const stated = change.stated;
    if (stated?.type === 'CORROBORATES') {
      input.statedCorroborations = [...input.statedCorroborations.filter((l) => !(l.from === stated.from && l.to === stated.to && l.kind === stated.kind)), stated];
    }
    const after = typed(analyse(input, this.options.tolerance)).filter(touches);
    const links = diffLinks(before, after);
    if (stated?.type === 'CONTRADICTS') {
      // A stated contradiction carries no assessment: it is new, or it replaces the one stated before.
      links.added.push(stated);
      return { links, write: [...after.filter((l) => l.rule !== null), stated] };
    }
    return { links, write: toWrite(after, links) };
  }

  private async write<T>(
    writer: Writer, operation: string, reason: string | null,
    work: (tx: GraphTransaction) => Promise<{ value: T; targets: string[]; summary: string; before?: unknown; after?: unknown; links?: LinkChanges; claims?: ClaimData[] }>,
    options?: TransactOptions,
  ): Promise<WriteResult<T>> {
    let committed: { claims: ClaimData[]; change: ChangeRecord } | undefined;
    const result = await this.store.transact(async (tx) => {
      const done = await work(tx);
      const change: ChangeRecord = {
        id: `change:${tx.seq}`, seq: tx.seq, at: (this.options.now?.() ?? new Date()).toISOString(), who: writer.name, role: writer.role,
        operation, reason: reason?.trim() || null, summary: done.summary, targets: done.targets,
        before: done.before === undefined ? null : JSON.stringify(done.before), after: done.after === undefined ? null : JSON.stringify(done.after),
        linksAdded: done.links?.added ?? [], linksRemoved: done.links?.removed ?? [],
      };
      await tx.recordChange(change);
      // Set on every attempt: Neo4j may run the work again after a transient error; the last one committed.
      committed = { claims: done.claims ?? [], change };
      return { value: done.value, change };
    }, options);
    // The write is committed: a listener that fails must not make it look failed to its caller.
    if (committed) {
      for (const listener of this.listeners) {
        try {
          listener(committed);
        } catch {
          // Listeners report their own failures (LiveUpdates ends its subscribers with an error).
        }
      }
    }
    return result;
  }
}

/** The stored links analysis answers for, with an end among the claims (or all): derived links and stated corroborations (their independence). */
async function assessedLinks(tx: GraphTransaction, ids: readonly string[] | 'all'): Promise<TypedLink[]> {
  return [
    ...(await tx.derivedLinksOf(ids)),
    ...(await tx.statedCorroborationsOf(ids)).map((l) => ({ ...l, type: 'CORROBORATES' as const })),
  ];
}

/** What analyse found, each link with its type. */
function typed(found: ReturnType<typeof analyse>): TypedLink[] {
  return [
    ...found.contradictions.map((l) => ({ ...l, type: 'CONTRADICTS' as const })),
    ...found.corroborations.map((l) => ({ ...l, type: 'CORROBORATES' as const })),
    ...found.stated.map((l) => ({ ...l, type: 'CORROBORATES' as const })),
  ];
}

/** Once the derived links are deleted: every derived link found, and the stated corroborations whose independence changed. */
function toWrite(after: readonly TypedLink[], links: LinkChanges): TypedLink[] {
  return [...after.filter((l) => l.rule !== null), ...links.added.filter((l) => l.rule === null)];
}

function requireReason(p: Problems, reason: string): void {
  if (!reason?.trim()) p.add(null, 'reason', 'say why: the reason is kept in the claim\'s history');
}

function strip<T extends { label: string }>(node: T): Omit<T, 'label'> {
  const { label: _label, ...rest } = node;
  return rest;
}

function definedOnly<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}

/** A new node's id: the one given (checked: well formed, not taken) or one made from its name, made unique. */
async function newId(tx: GraphTransaction, p: Problems, index: number | null, label: NodeLabel, given: string | null | undefined, name: string, taken = new Set<string>()): Promise<string> {
  if (given) {
    if (labelOfId(given) !== label) p.add(index, 'id', `"${given}" is not a ${label.toLowerCase()} id (${label.toLowerCase()}:<lowercase-words>)`);
    else if ((await tx.getNodes(label, [given]))[0]) p.add(index, 'id', `${given} exists already`);
    return given;
  }
  const base = slugId(label, name);
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(id) && !(await tx.getNodes(label, [id]))[0]) return id;
  }
}

async function sourceTexts(tx: GraphTransaction, ids: readonly string[]): Promise<Map<string, WholeRecordOf<'Source'>>> {
  const wanted = [...new Set(ids.filter((id) => labelOfId(id) === 'Source'))];
  return new Map((await tx.getNodes('Source', wanted)).flatMap((s) => (s ? [[s.id, s] as const] : [])));
}

function fieldsOf(c: ClaimData): ClaimFields {
  return {
    claimant: c.claimant, statement: c.statement, quote: c.quote, about: c.about, topic: c.topic, stance: c.stance, hedged: c.hedged,
    statedAt: c.statedAt?.value ?? null,
    period: c.period ? { start: c.period.start?.value ?? null, end: c.period.end?.value ?? null } : null,
    quantity: c.quantity, measure: c.measure, assertion: c.assertion,
  };
}

/** What analysis sees once actor `from` is merged into `into`: its claims, memberships, publications and sides are `into`'s. */
function merged(input: AnalysisInput, from: string, into: string): AnalysisInput {
  const id = (v: string) => (v === from ? into : v);
  const idOrNull = (v: string | null) => (v === null ? null : id(v));
  const memberOf = new Map<string, string[]>();
  for (const [member, organisations] of input.memberOf) {
    const key = id(member);
    const all = [...(memberOf.get(key) ?? []), ...organisations.map(id)].filter((o) => o !== key);
    memberOf.set(key, [...new Set(all)].sort());
  }
  return {
    ...input,
    claims: input.claims.map((c) => ({
      ...c, claimant: id(c.claimant),
      measure: c.measure ? { ...c.measure, side: idOrNull(c.measure.side) } : c.measure,
      assertion: c.assertion ? { ...c.assertion, side: idOrNull(c.assertion.side), subject: id(c.assertion.subject) } : c.assertion,
    })),
    memberOf,
    publisherOf: new Map([...input.publisherOf].map(([source, publisher]) => [source, id(publisher)])),
    originOf: new Map([...input.originOf].map(([claim, o]) => [claim, { ...o, claimant: id(o.claimant) }])),
  };
}
