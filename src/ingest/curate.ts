/**
 * Curated writes: the analyst's way into the graph. Each write is one serialised transaction
 * (GraphStore.transact) that checks its input against what is stored, writes, re-runs claim
 * analysis on the claims the write can affect, and appends one entry to the audit trail, so the
 * stored links always equal a fresh recomputation and every change says who, when, what and why.
 * A rejected input throws InputError (every problem, each naming its field and batch index) and
 * writes nothing.
 */
import { earliestDay, latestDay, type PartialDate, type Period } from '../domain/dates.js';
import { diffLinks, InputError, locateQuote, partialDate, Problems, scopeOf, slugId } from '../domain/curation.js';
import {
  labelOfId, SHORT_NAME_LENGTH,
  type ActorData, type ActorKind, type Assertion, type ClaimData, type EventData, type EventKind, type GraphData, type LinkData,
  type Measure, type NodeLabel, type PlaceData, type PlaceKind, type Quantity, type Rank, type SourceData, type Stance, type Topic,
} from '../domain/model.js';
import type { ActorRecord, ClaimRecord, EventRecord, GraphStore, GraphTransaction, NodeRecord, PlaceRecord, SourceRecord, TypedLink, ChangeRecord } from '../store/GraphStore.js';
import { analyse } from './ingest-graph.js';

/** Who writes: the API key's or token's name and role. */
export interface Writer {
  name: string;
  role: string;
}

export interface AddSourceInput {
  id?: string | null;
  title: string;
  text: string;
  publisher?: string | null;
  publishedOn?: string | null;
  language?: string | null;
  url?: string | null;
  shortName?: string | null;
  description?: string | null;
}

export interface ClaimFields {
  claimant: string;
  statement: string;
  quote: string;
  about: string[];
  topic: Topic;
  stance?: Stance | null;
  hedged?: boolean | null;
  statedAt?: string | null;
  period?: { start?: string | null; end?: string | null } | null;
  quantity?: { value: number; unit: Quantity['unit']; qualifier?: Quantity['qualifier'] | null; text: string; vague?: boolean | null } | null;
  measure?: { kind: Measure['kind']; side?: string | null; place?: string | null } | null;
  assertion?: { predicate: Assertion['predicate']; subject: string; side?: string | null; holds?: boolean | null } | null;
}

export interface AddClaimInput extends ClaimFields {
  id?: string | null;
  source: string;
}

/** Fields left out (or null) keep their value. */
export type EditClaimInput = { [K in keyof ClaimFields]?: ClaimFields[K] | null } & { source?: string | null };

export interface AddActorInput {
  id?: string | null;
  name: string;
  kind: ActorKind;
  aliases?: string[] | null;
  description?: string | null;
  memberOf?: string[] | null;
}

export interface AddPlaceInput {
  id?: string | null;
  name: string;
  kind: PlaceKind;
  aliases?: string[] | null;
  partOf?: string[] | null;
}

export interface AddEventInput {
  id?: string | null;
  name: string;
  kind: EventKind;
  aliases?: string[] | null;
  description?: string | null;
  start?: string | null;
  end?: string | null;
  occurredIn?: string[] | null;
  participants?: string[] | null;
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

const EMPTY_GRAPH: GraphData = { actors: [], places: [], events: [], sources: [], claims: [], contradictions: [], corroborations: [] };

export class Curator {
  private readonly listeners = new Set<CommitListener>();

  constructor(
    private readonly store: Pick<GraphStore, 'transact'>,
    private readonly options: { tolerance: number; now?: () => Date },
  ) {}

  onCommit(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async addSource(writer: Writer, input: AddSourceInput): Promise<WriteResult<SourceRecord>> {
    return this.write(writer, 'addSource', null, async (tx) => {
      const p = new Problems();
      const source = await sourceData(storedIn(tx), p, null, input, () => newId(tx, p, null, 'Source', input.id, input.title?.trim() ?? ''));
      p.throwIfAny();
      const id = source.id;
      await tx.insert({ ...EMPTY_GRAPH, sources: [source] });
      return { value: (await tx.getNodes('Source', [id]))[0]!, targets: [id], summary: `added source ${id}`, after: source };
    });
  }

  async addActor(writer: Writer, input: AddActorInput): Promise<WriteResult<ActorRecord>> {
    return this.write(writer, 'addActor', null, async (tx) => {
      const p = new Problems();
      const actor = await actorData(storedIn(tx), p, null, input, () => newId(tx, p, null, 'Actor', input.id, input.name?.trim() ?? ''));
      p.throwIfAny();
      const id = actor.id;
      await tx.insert({ ...EMPTY_GRAPH, actors: [actor] });
      return { value: (await tx.getNodes('Actor', [id]))[0]!, targets: [id], summary: `added actor ${id}`, after: actor };
    });
  }

  async addPlace(writer: Writer, input: AddPlaceInput): Promise<WriteResult<PlaceRecord>> {
    return this.write(writer, 'addPlace', null, async (tx) => {
      const p = new Problems();
      const place = await placeData(storedIn(tx), p, null, input, () => newId(tx, p, null, 'Place', input.id, input.name?.trim() ?? ''));
      p.throwIfAny();
      const id = place.id;
      await tx.insert({ ...EMPTY_GRAPH, places: [place] });
      return { value: (await tx.getNodes('Place', [id]))[0]!, targets: [id], summary: `added place ${id}`, after: place };
    });
  }

  async addEvent(writer: Writer, input: AddEventInput): Promise<WriteResult<EventRecord>> {
    return this.write(writer, 'addEvent', null, async (tx) => {
      const p = new Problems();
      const event = await eventData(storedIn(tx), p, null, input, () => newId(tx, p, null, 'Event', input.id, input.name?.trim() ?? ''));
      p.throwIfAny();
      const id = event.id;
      await tx.insert({ ...EMPTY_GRAPH, events: [event] });
      return { value: (await tx.getNodes('Event', [id]))[0]!, targets: [id], summary: `added event ${id}`, after: event };
    });
  }

  /** Another name for an actor, place or event; a name it already answers to changes nothing but is still recorded. */
  async addAlias(writer: Writer, id: string, alias: string): Promise<WriteResult<NodeRecord>> {
    return this.write(writer, 'addAlias', null, async (tx) => {
      const p = new Problems();
      const name = required(p, null, 'name', alias);
      const label = labelOfId(id);
      if (label !== 'Actor' && label !== 'Place' && label !== 'Event') p.add(null, 'id', `${id} is not an actor, place or event id`);
      p.throwIfAny();
      const node = (await tx.getNodes(label as 'Actor' | 'Place' | 'Event', [id]))[0];
      if (!node) throw new InputError([{ index: null, field: 'id', message: `no ${label!.toLowerCase()} ${id}` }]);
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
      for (const [index, input] of inputs.entries()) {
        const source = sources.get(input.source);
        if (!source) p.add(index, 'source', `no source ${input.source}`);
        const fields = await claimFields(storedIn(tx), p, index, input, source ?? null);
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
      if (!before) throw new InputError([{ index: null, field: 'id', message: `no claim ${id}` }]);
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
      p.throwIfAny();
      const [claim] = await tx.claimsWithRelations([id]);
      if (!claim) throw new InputError([{ index: null, field: 'id', message: `no claim ${id}` }]);
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
    return this.write(writer, operation, null, (tx) => work(tx, (t, ids, change) => this.plan(t, ids, change)));
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
    const before = [
      ...(await tx.derivedLinksOf(ids)),
      ...(await tx.statedCorroborationsOf(ids)).map((l) => ({ ...l, type: 'CORROBORATES' as const })),
    ];
    const input = await tx.analysisInput(scopeOf([...change.before, ...change.after]));
    const replaced = new Set(change.after.map((c) => c.id));
    input.claims = [
      ...input.claims.filter((c) => !replaced.has(c.id)),
      ...change.after.filter((c) => (c.rank ?? 'NORMAL') !== 'DEPRECATED' && (c.measure || c.assertion)),
    ];
    for (const c of change.after) input.originOf.set(c.id, { claimant: c.claimant, source: c.source });
    const stated = change.stated;
    if (stated?.type === 'CORROBORATES') {
      input.statedCorroborations = [...input.statedCorroborations.filter((l) => !(l.from === stated.from && l.to === stated.to && l.kind === stated.kind)), stated];
    }
    const found = analyse(input, this.options.tolerance);
    const after: TypedLink[] = [
      ...found.contradictions.filter(touches).map((l) => ({ ...l, type: 'CONTRADICTS' as const })),
      ...found.corroborations.filter(touches).map((l) => ({ ...l, type: 'CORROBORATES' as const })),
      ...found.stated.filter(touches).map((l) => ({ ...l, type: 'CORROBORATES' as const })),
    ];
    const links = diffLinks(before, after);
    if (stated?.type === 'CONTRADICTS') {
      // A stated contradiction carries no assessment: it is new, or it replaces the one stated before.
      links.added.push(stated);
      return { links, write: [...after.filter((l) => l.rule !== null), stated] };
    }
    return { links, write: [...after.filter((l) => l.rule !== null), ...links.added.filter((l) => l.rule === null)] };
  }

  private async write<T>(
    writer: Writer, operation: string, reason: string | null,
    work: (tx: GraphTransaction) => Promise<{ value: T; targets: string[]; summary: string; before?: unknown; after?: unknown; links?: LinkChanges; claims?: ClaimData[] }>,
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
    });
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

/** The records of a bulk import and the add mutations share these checks; `id` is asked for where the mutation asked for it. */
export async function sourceData(exists: Exists, p: Problems, index: number | null, input: AddSourceInput, newId: () => Promise<string>): Promise<SourceData> {
  const title = required(p, index, 'title', input.title);
  if (!input.text?.trim()) p.add(index, 'text', 'the source text is empty: claims quote it verbatim');
  const shortName = input.shortName?.trim() || null;
  if (shortName && shortName.length > SHORT_NAME_LENGTH) p.add(index, 'shortName', `at most ${SHORT_NAME_LENGTH} characters`);
  const publishedOn = partialDate(p, index, 'publishedOn', input.publishedOn);
  if (input.url && !/^https?:\/\/\S+$/.test(input.url)) p.add(index, 'url', `"${input.url}" is not an http(s) URL`);
  const id = await newId();
  if (input.publisher) await expect(exists, p, index, 'publisher', [input.publisher], ['Actor']);
  const source: SourceData = {
    id, title, text: input.text, file: null, publisher: input.publisher ?? null, language: input.language?.trim() || 'en',
    publishedOn, description: input.description ?? null, descriptionBasis: input.description ? { kind: 'EDITORIAL', source: null, quote: null } : null,
    shortName, url: input.url ?? null,
  };
  return source;
}

export async function actorData(exists: Exists, p: Problems, index: number | null, input: AddActorInput, newId: () => Promise<string>): Promise<ActorData> {
  const name = required(p, index, 'name', input.name);
  const memberOf = input.memberOf ?? [];
  await expect(exists, p, index, 'memberOf', memberOf, ['Actor']);
  const id = await newId();
  const actor: ActorData = {
    id, name, kind: input.kind, aliases: cleanAliases(name, input.aliases), description: input.description ?? null,
    descriptionBasis: input.description ? { kind: 'EDITORIAL', source: null, quote: null } : null, memberOf,
  };
  return actor;
}

export async function placeData(exists: Exists, p: Problems, index: number | null, input: AddPlaceInput, newId: () => Promise<string>): Promise<PlaceData> {
  const name = required(p, index, 'name', input.name);
  const partOf = input.partOf ?? [];
  await expect(exists, p, index, 'partOf', partOf, ['Place']);
  const id = await newId();
  // Parents an analyst adds are editorial until an article or reference data says so.
  const place: PlaceData = { id, name, kind: input.kind, aliases: cleanAliases(name, input.aliases), partOf, descriptionBasis: partOf.length ? { kind: 'EDITORIAL', source: null, quote: null } : null };
  return place;
}

export async function eventData(exists: Exists, p: Problems, index: number | null, input: AddEventInput, newId: () => Promise<string>): Promise<EventData> {
  const name = required(p, index, 'name', input.name);
  const start = partialDate(p, index, 'start', input.start);
  const end = partialDate(p, index, 'end', input.end);
  if (start && end && endsBefore(end, start)) p.add(index, 'end', `${end.value} is before the start ${start.value}`);
  await expect(exists, p, index, 'occurredIn', input.occurredIn ?? [], ['Place']);
  await expect(exists, p, index, 'participants', input.participants ?? [], ['Actor']);
  const id = await newId();
  const event: EventData = {
    id, name, kind: input.kind, aliases: cleanAliases(name, input.aliases), description: input.description ?? null,
    descriptionBasis: input.description ? { kind: 'EDITORIAL', source: null, quote: null } : null,
    occurredIn: input.occurredIn ?? [], participants: input.participants ?? [], start, end,
  };
  return event;
}

function required(p: Problems, index: number | null, field: string, value: string | null | undefined): string {
  const v = value?.trim() ?? '';
  if (!v) p.add(index, field, 'must not be empty');
  return v;
}

function requireReason(p: Problems, reason: string): void {
  if (!reason?.trim()) p.add(null, 'reason', 'say why: the reason is kept in the claim\'s history');
}

function cleanAliases(name: string, aliases: readonly string[] | null | undefined): string[] {
  return [...new Set((aliases ?? []).map((a) => a.trim()).filter((a) => a && a !== name))];
}

function strip<T extends { label: string }>(node: T): Omit<T, 'label'> {
  const { label: _label, ...rest } = node;
  return rest;
}

function definedOnly<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}

function endsBefore(end: PartialDate, start: PartialDate): boolean {
  return latestDay(end) < earliestDay(start);
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

/** Whether a node of the label with the id exists (stored, or declared earlier in a bulk import). */
export type Exists = (label: NodeLabel, id: string) => Promise<boolean>;

export const storedIn = (tx: GraphTransaction): Exists => async (label, id) => (await tx.getNodes(label, [id]))[0] != null;

/** Each id must name a node of one of the labels. */
export async function expect(exists: Exists, p: Problems, index: number | null, field: string, ids: readonly string[], labels: readonly NodeLabel[]): Promise<void> {
  for (const [i, id] of ids.entries()) {
    const label = labelOfId(id);
    const where = ids.length > 1 || field === 'about' ? `${field}[${i}]` : field;
    if (!label || !labels.includes(label)) {
      p.add(index, where, `"${id}" is not ${labels.map((l) => `a${l === 'Actor' || l === 'Event' ? 'n' : ''} ${l.toLowerCase()}`).join(' or ')} id`);
    } else if (!(await exists(label, id))) {
      p.add(index, where, `no ${label.toLowerCase()} ${id}`);
    }
  }
}

async function sourceTexts(tx: GraphTransaction, ids: readonly string[]): Promise<Map<string, SourceRecord>> {
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

/** A claim's fields checked against the stored graph and its source's text; null when any is wrong (problems say which). */
export async function claimFields(
  exists: Exists, p: Problems, index: number | null, input: ClaimFields, source: SourceRecord | null, prefix = '',
): Promise<Omit<ClaimData, 'id' | 'source'> | null> {
  const before = p.list.length;
  const f = (name: string) => `${prefix}${name}`;
  const statement = required(p, index, f('statement'), input.statement);
  let span: { start: number; end: number } | null = null;
  if (!input.quote?.trim()) p.add(index, f('quote'), 'must not be empty: a claim rests on a verbatim quote');
  else if (source) {
    span = locateQuote(source.text, input.quote);
    if (!span) p.add(index, f('quote'), `not found verbatim in the text of ${source.id}`);
  }
  await expect(exists, p, index, f('claimant'), [input.claimant], ['Actor', 'Source']);
  if (!input.about?.length) p.add(index, f('about'), 'name at least one place, actor or event the claim is about');
  await expect(exists, p, index, f('about'), input.about ?? [], ['Place', 'Actor', 'Event']);
  const statedAt = partialDate(p, index, f('statedAt'), input.statedAt);
  let period: Period | null = null;
  if (input.period) {
    const start = partialDate(p, index, f('period.start'), input.period.start);
    const end = partialDate(p, index, f('period.end'), input.period.end);
    if (!start && !end && p.list.length === before) p.add(index, f('period'), 'give a start, an end or both');
    if (start && end && endsBefore(end, start)) p.add(index, f('period.end'), `${end.value} is before the start ${start.value}`);
    period = { start, end };
  }
  let quantity: Quantity | null = null;
  if (input.quantity) {
    const q = input.quantity;
    if (!Number.isFinite(q.value) || q.value < 0) p.add(index, f('quantity.value'), `${q.value} is not a non-negative number`);
    if (!q.text?.trim()) p.add(index, f('quantity.text'), 'the number as the text writes it');
    quantity = { value: q.value, unit: q.unit, qualifier: q.qualifier ?? 'EXACT', text: q.text?.trim() ?? '', vague: q.vague === true };
  }
  let measure: Measure | null = null;
  if (input.measure) {
    if (!quantity) p.add(index, f('measure'), 'a measure needs the quantity it measures');
    if (input.measure.side) await expect(exists, p, index, f('measure.side'), [input.measure.side], ['Actor']);
    if (input.measure.place) await expect(exists, p, index, f('measure.place'), [input.measure.place], ['Place']);
    measure = { kind: input.measure.kind, side: input.measure.side ?? null, place: input.measure.place ?? null };
  }
  let assertion: Assertion | null = null;
  if (input.assertion) {
    await expect(exists, p, index, f('assertion.subject'), [input.assertion.subject], ['Place', 'Actor', 'Event']);
    if (input.assertion.side) await expect(exists, p, index, f('assertion.side'), [input.assertion.side], ['Actor']);
    assertion = { predicate: input.assertion.predicate, subject: input.assertion.subject, side: input.assertion.side ?? null, holds: input.assertion.holds ?? true };
  }
  if (p.list.length > before || !span) return null;
  return {
    claimant: input.claimant, statement, quote: input.quote, quoteStart: span.start, quoteEnd: span.end,
    about: [...new Set(input.about)], topic: input.topic, stance: input.stance ?? 'ASSERTS', hedged: input.hedged ?? false,
    statedAt, period, quantity, measure, assertion,
  };
}
