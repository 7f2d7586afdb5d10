/**
 * The inputs of curated writes (the add and edit mutations, bulk import records) and the checks
 * they share: each builds the stored form of an input, recording every problem with its field and
 * index instead of stopping at the first, against what is stored (`Exists`) and the source's text.
 */
import { earliestDay, latestDay, type PartialDate, type Period } from '../domain/dates.js';
import { locateQuote, partialDate, Problems } from '../domain/curation.js';
import {
  labelOfId, SHORT_NAME_LENGTH,
  type ActorData, type ActorKind, type Assertion, type ClaimData, type ClaimReference, type EventData, type EventKind,
  type Measure, type NodeLabel, type PlaceData, type PlaceKind, type Quantity, type SourceData, type Stance, type Topic,
} from '../domain/model.js';
import type { GraphTransaction, NodeRecord, WholeRecordOf } from '../store/GraphStore.js';

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
  /** Claims the source says this one restates or qualifies; only when a claim is added. */
  refersTo?: ClaimReference[] | null;
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

export function required(p: Problems, index: number | null, field: string, value: string | null | undefined): string {
  const v = value?.trim() ?? '';
  if (!v) p.add(index, field, 'must not be empty');
  return v;
}

export function cleanAliases(name: string, aliases: readonly string[] | null | undefined): string[] {
  return [...new Set((aliases ?? []).map((a) => a.trim()).filter((a) => a && a !== name))];
}

export function endsBefore(end: PartialDate, start: PartialDate): boolean {
  return latestDay(end) < earliestDay(start);
}

/**
 * Whether a node of the label with the id exists (stored, or declared in a bulk import): false,
 * true, or, for an actor merged into another (kept, found by id only), the id it was merged into.
 */
export type Exists = (label: NodeLabel, id: string) => Promise<boolean | { mergedInto: string }>;

/** What Exists answers of a stored node (or of none). */
export function presence(node: NodeRecord | null | undefined): boolean | { mergedInto: string } {
  if (!node) return false;
  return node.label === 'Actor' && node.mergedInto ? { mergedInto: node.mergedInto } : true;
}

export const storedIn = (tx: GraphTransaction): Exists => async (label, id) => presence((await tx.getNodes(label, [id]))[0]);

/** Each id must name a node of one of the labels. */
export async function expect(exists: Exists, p: Problems, index: number | null, field: string, ids: readonly string[], labels: readonly NodeLabel[]): Promise<void> {
  for (const [i, id] of ids.entries()) {
    const label = labelOfId(id);
    const where = ids.length > 1 || field === 'about' ? `${field}[${i}]` : field;
    if (!label || !labels.includes(label)) {
      p.add(index, where, `"${id}" is not ${labels.map((l) => `a${l === 'Actor' || l === 'Event' ? 'n' : ''} ${l.toLowerCase()}`).join(' or ')} id`);
    } else {
      // A merged actor's claims, members and aliases belong to the one it was merged into.
      const found = await exists(label, id);
      if (!found) p.add(index, where, `no ${label.toLowerCase()} ${id}`);
      else if (typeof found === 'object') p.add(index, where, `${id} was merged into ${found.mergedInto}: use that id`);
    }
  }
}

/**
 * A claim's fields checked against the stored graph and its source's text; null when any is wrong
 * (problems say which). `id`: the claim's own id when given, which it may not refer to.
 */
export async function claimFields(
  exists: Exists, p: Problems, index: number | null, input: ClaimFields & { id?: string | null }, source: WholeRecordOf<'Source'> | null, prefix = '',
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
  const refersTo: ClaimReference[] = [];
  for (const [i, r] of (input.refersTo ?? []).entries()) {
    const at = f(`refersTo[${i}]`);
    if (input.id && r.claim === input.id) p.add(index, `${at}.claim`, 'a claim cannot refer to itself');
    else await expect(exists, p, index, `${at}.claim`, [r.claim], ['Claim']);
    if (!r.explanation?.trim()) p.add(index, `${at}.explanation`, 'say where the source restates or qualifies it');
    refersTo.push({ claim: r.claim, relation: r.relation, explanation: r.explanation?.trim() ?? '' });
  }
  if (p.list.length > before || !span) return null;
  return {
    claimant: input.claimant, statement, quote: input.quote, quoteStart: span.start, quoteEnd: span.end,
    about: [...new Set(input.about)], topic: input.topic, stance: input.stance ?? 'ASSERTS', hedged: input.hedged ?? false,
    statedAt, period, quantity, measure, assertion, ...(refersTo.length ? { refersTo } : {}),
  };
}
