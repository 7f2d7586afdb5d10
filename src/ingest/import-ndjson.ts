/**
 * Bulk import of NDJSON: one record a line, `{"type": "source" | "claim" | "actor" | "place" |
 * "event" | "link", ...}` in the shapes of the add mutations (a link is {from, to, type, explanation}).
 *
 * Memory stays bounded by what must be known to check a line, not by the file: the first pass
 * (indexRecords, no store) keeps the ids the file declares, the texts of its sources and its
 * non-claim records (sources, actors, places, events and links are few next to claims); claims are
 * never held. The second pass (writeRecords, inside one store transaction) reads the file again,
 * checks claims a batch at a time against the store and the first pass's ids, and writes each
 * batch with its incremental analysis. Any problem stops the writing and the transaction rolls
 * back: all or nothing.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { Problems, slugId } from '../domain/curation.js';
import { EMPTY_GRAPH, labelOfId, type ClaimData, type GraphData, type LinkData, type NodeLabel } from '../domain/model.js';
import type { GraphTransaction, TypedLink } from '../store/GraphStore.js';
import type { Curator, LinkChanges, Plan, Writer } from './curate.js';
import {
  actorData, claimFields, eventData, placeData, sourceData, type AddActorInput, type AddClaimInput, type AddEventInput,
  type AddPlaceInput, type AddSourceInput, type Exists, presence,
} from './inputs.js';

export const RECORD_TYPES = ['source', 'actor', 'place', 'event', 'claim', 'link'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];
const LABEL: Record<Exclude<RecordType, 'link'>, NodeLabel> = { source: 'Source', actor: 'Actor', place: 'Place', event: 'Event', claim: 'Claim' };

/** Problems kept for the answer; the rest are only counted. */
export const MAX_PROBLEMS = 100;
/** Claim lines checked and written together: one store look-up per label per batch. */
export const BATCH_LINES = 1_000;

/** A re-readable file of lines: each call reads it from the start. */
export type Lines = () => AsyncIterable<string>;

export function fileLines(path: string): Lines {
  return () => readline.createInterface({ input: fs.createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
}

export interface ImportProblem {
  line: number;
  field: string | null;
  message: string;
}

/** A rejected import: the first MAX_PROBLEMS problems and how many more there were. Nothing was written. */
export class ImportRejected extends Error {
  override name = 'ImportRejected';
  constructor(readonly problems: ImportProblem[], readonly more: number) {
    super(`import rejected: ${problems.length + more} problem${problems.length + more === 1 ? '' : 's'}; ` +
      problems.slice(0, 3).map((p) => `line ${p.line}${p.field ? ` ${p.field}` : ''}: ${p.message}`).join('; '));
  }
}

export type Counts = Record<RecordType, number>;
const zero = (): Counts => ({ source: 0, actor: 0, place: 0, event: 0, claim: 0, link: 0 });

export interface ImportSummary {
  lines: number;
  created: Counts;
  unchanged: Counts;
  /** Links analysis found (new or changed) and dropped, stated links included. */
  linksFound: number;
  linksRemoved: number;
  /** The audit trail's entry, or null when nothing changed (nothing was recorded). */
  change: string | null;
}

export interface ImportProgress {
  phase: 'checking' | 'writing';
  line: number;
  /** Lines in the file, once the first pass has counted them. */
  lines: number | null;
}
export type OnProgress = (progress: ImportProgress) => void;

class Collector {
  readonly list: ImportProblem[] = [];
  more = 0;
  add(line: number, field: string | null, message: string): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push({ line, field, message });
    else this.more++;
  }
  /** Problems an input check collected, by line (the index the checks were given). */
  take(p: Problems): void {
    for (const x of p.list.splice(0)) this.add(x.index ?? 0, x.field, x.message);
  }
  get any(): boolean {
    return this.list.length > 0;
  }
  throwIfAny(): void {
    if (this.any) throw new ImportRejected(this.list, this.more);
  }
}

type Entity = { line: number; type: 'source' | 'actor' | 'place' | 'event'; id: string; given: boolean; input: Record<string, unknown> };
type LinkInput = { line: number; from: string; to: string; type: 'CONTRADICTS' | 'CORROBORATES'; explanation: string };

/** What the first pass keeps: ids, their lines, source texts, non-claim records. */
export interface RecordIndex {
  lines: number;
  declared: Map<string, number>;
  /** Ids made from a name for records without one, by line. */
  generated: Map<number, string>;
  sourceTexts: Map<string, string>;
  entities: Entity[];
  links: LinkInput[];
  claims: number;
}

function parse(text: string): { record?: Record<string, unknown>; error?: string } {
  try {
    const v = JSON.parse(text) as unknown;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return { error: 'a line holds one JSON object' };
    return { record: v as Record<string, unknown> };
  } catch (error) {
    return { error: `not JSON: ${(error as Error).message}` };
  }
}

const nameOf = (type: RecordType, r: Record<string, unknown>): string =>
  String((type === 'source' ? r.title : type === 'claim' ? r.statement : r.name) ?? '');

/** First pass: every line parsed, typed and given an id; no store. Rejects (ImportRejected) on any problem. */
export async function indexRecords(lines: Lines, onProgress?: OnProgress): Promise<RecordIndex> {
  const problems = new Collector();
  const index: RecordIndex = { lines: 0, declared: new Map(), generated: new Map(), sourceTexts: new Map(), entities: [], links: [], claims: 0 };
  let n = 0;
  for await (const text of lines()) {
    n++;
    if (n % BATCH_LINES === 0) onProgress?.({ phase: 'checking', line: n, lines: null });
    if (!text.trim()) continue;
    const { record, error } = parse(text);
    if (!record) {
      problems.add(n, null, error!);
      continue;
    }
    const type = record.type as RecordType;
    if (!RECORD_TYPES.includes(type)) {
      problems.add(n, 'type', `${JSON.stringify(record.type ?? null)} is not one of ${RECORD_TYPES.join(', ')}`);
      continue;
    }
    if (type === 'link') {
      // `type` says what the record is; the link's own type (linkClaims' `type`) is `linkType`.
      const { from, to, linkType, explanation } = record;
      index.links.push({ line: n, from: String(from ?? ''), to: String(to ?? ''), type: linkType as LinkInput['type'], explanation: String(explanation ?? '') });
      continue;
    }
    const label = LABEL[type];
    let id: string;
    const given = typeof record.id === 'string' && record.id !== '';
    if (given) {
      id = record.id as string;
      if (labelOfId(id) !== label) {
        problems.add(n, 'id', `"${id}" is not a ${label.toLowerCase()} id (${label.toLowerCase()}:<lowercase-words>)`);
        continue;
      }
    } else {
      const base = slugId(label, nameOf(type, record));
      id = base;
      for (let k = 2; index.declared.has(id); k++) id = `${base}-${k}`;
      index.generated.set(n, id);
    }
    const first = index.declared.get(id);
    if (first !== undefined) {
      problems.add(n, 'id', `${id} is declared already on line ${first}`);
      continue;
    }
    index.declared.set(id, n);
    if (type === 'claim') index.claims++;
    else {
      index.entities.push({ line: n, type, id, given, input: record });
      if (type === 'source' && typeof record.text === 'string') index.sourceTexts.set(id, record.text);
    }
  }
  index.lines = n;
  onProgress?.({ phase: 'checking', line: n, lines: n });
  problems.throwIfAny();
  return index;
}

/** The same value, whatever representation a stored record gives it: dates by their text, no undefined. */
function canonical(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.map(canonical);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.value === 'string' && 'precision' in o) return o.value;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, canonical(o[k])]));
  }
  return v;
}

const RELATIONSHIP_FIELDS = new Set(['memberOf', 'partOf', 'occurredIn', 'participants', 'publisher', 'file', 'descriptionBasis']);

/** Whether a stored node already holds what the record would write (its properties; relationships are merged anyway). */
function sameNode(stored: Record<string, unknown>, data: Record<string, unknown>): boolean {
  return Object.keys(data).every((k) => RELATIONSHIP_FIELDS.has(k) || !(k in stored) || JSON.stringify(canonical(stored[k])) === JSON.stringify(canonical(data[k])));
}

function claimShape(c: ClaimData): unknown {
  return canonical({
    claimant: c.claimant, source: c.source, statement: c.statement, quote: c.quote, about: [...c.about].sort(), topic: c.topic,
    stance: c.stance, hedged: c.hedged, statedAt: c.statedAt, period: c.period, quantity: c.quantity, measure: c.measure, assertion: c.assertion,
  });
}

const dedupe = <T>(items: readonly T[], key: (t: T) => string): T[] => [...new Map(items.map((t) => [key(t), t])).values()];
const linkKey = (l: TypedLink) => `${l.type}|${l.from}|${l.to}|${l.kind}`;


export interface WrittenImport {
  summary: Omit<ImportSummary, 'change'>;
  targets: string[];
  links: LinkChanges;
}

/** Thrown inside the transaction when the file changes nothing: it rolls back, so no change number is taken and nothing is recorded. */
export class NothingChanged extends Error {
  constructor(readonly summary: Omit<ImportSummary, 'change'>) {
    super('nothing changed');
  }
}


/**
 * Second pass, inside one transaction: checks every record against the store, writes sources,
 * actors, places and events, then claims a batch at a time (each batch's analysis read before it is
 * written), then links. Any problem stops the writing; the problems are thrown as ImportRejected once
 * the whole file is checked, which rolls the transaction back.
 */
export async function writeRecords(tx: GraphTransaction, index: RecordIndex, lines: Lines, options: { plan: Plan; onProgress?: OnProgress }): Promise<WrittenImport> {
  const problems = new Collector();
  const created = zero();
  const unchanged = zero();
  const targets: string[] = [];
  const found: LinkChanges = { added: [], removed: [] };
  const storedCache = new Map<string, Awaited<ReturnType<Exists>>>();
  const exists: Exists = async (label, id) => {
    if (index.declared.has(id)) return labelOfId(id) === label;
    let known = storedCache.get(id);
    if (known === undefined) {
      known = presence((await tx.getNodes(label, [id]))[0]);
      // Claims are many: only the other labels' answers are kept.
      if (label !== 'Claim') storedCache.set(id, known);
    }
    return known;
  };
  const storedTexts = new Map<string, string | null>();
  const sourceText = async (id: string): Promise<string | null> => {
    if (index.sourceTexts.has(id)) return index.sourceTexts.get(id)!;
    if (!storedTexts.has(id)) storedTexts.set(id, labelOfId(id) === 'Source' ? ((await tx.getNodes('Source', [id]))[0]?.text ?? null) : null);
    return storedTexts.get(id)!;
  };

  // Sources, actors, places and events: checked, compared with what is stored, written before any claim.
  const graph: GraphData = { ...EMPTY_GRAPH, sources: [], actors: [], places: [], events: [] };
  const builders = { source: sourceData, actor: actorData, place: placeData, event: eventData } as const;
  for (const label of ['Source', 'Actor', 'Place', 'Event'] as const) {
    const entities = index.entities.filter((e) => LABEL[e.type] === label);
    if (entities.length === 0) continue;
    const stored = await tx.getNodes(label, entities.map((e) => e.id));
    for (const [i, e] of entities.entries()) {
      const p = new Problems();
      const build = builders[e.type] as unknown as (x: Exists, p: Problems, index: number, input: unknown, id: () => Promise<string>) => Promise<Record<string, unknown>>;
      const data = await build(exists, p, e.line, e.input, async () => e.id);
      const was = stored[i];
      if (p.list.length === 0 && was) {
        if (sameNode(was as unknown as Record<string, unknown>, data)) {
          unchanged[e.type]++;
          continue;
        }
        p.add(e.line, 'id', `${e.id} is stored already with other content${e.given ? '' : ' (give this record an id of its own)'}`);
      }
      problems.take(p);
      created[e.type]++;
      targets.push(e.id);
      (graph[`${e.type}s` as 'sources'] as unknown[]).push(data);
    }
  }
  if (!problems.any && targets.length > 0) await tx.insert(graph);
  graph.sources = graph.actors = graph.places = graph.events = [];

  // Claims, a batch at a time.
  let n = 0;
  let batch: Array<{ line: number; input: AddClaimInput }> = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const ids = batch.map((b) => (typeof b.input.id === 'string' && b.input.id ? b.input.id : index.generated.get(b.line)!));
    const stored = await tx.getNodes('Claim', ids);
    const existing = ids.filter((_, i) => stored[i]);
    const storedClaims = new Map((await tx.claimsWithRelations(existing)).map((c) => [c.id, c]));
    const claims: ClaimData[] = [];
    for (const [i, { line, input }] of batch.entries()) {
      const p = new Problems();
      const text = typeof input.source === 'string' ? await sourceText(input.source) : null;
      if (text === null) p.add(line, 'source', `no source ${String(input.source)}`);
      const source = text === null ? null : ({ id: input.source, text } as never);
      const fields = await claimFields(exists, p, line, input, source);
      if (fields) {
        const claim: ClaimData = { id: ids[i]!, source: input.source, ...fields };
        const was = storedClaims.get(claim.id);
        if (was && JSON.stringify(claimShape(was)) === JSON.stringify(claimShape(claim))) unchanged.claim++;
        else if (was || stored[i]) p.add(line, 'id', `${claim.id} is stored already with other content${input.id ? '' : ' (give this claim an id of its own)'}`);
        else claims.push(claim);
      }
      problems.take(p);
    }
    batch = [];
    if (problems.any || claims.length === 0) return;
    const { links, write } = await options.plan(tx, claims.map((c) => c.id), { before: [], after: claims });
    await tx.insert({ ...EMPTY_GRAPH, claims });
    await tx.writeLinks(dedupe(write, linkKey));
    found.added.push(...links.added);
    found.removed.push(...links.removed);
    created.claim += claims.length;
    for (const c of claims) targets.push(c.id);
  };
  for await (const text of lines()) {
    n++;
    if (n % BATCH_LINES === 0) options.onProgress?.({ phase: 'writing', line: n, lines: index.lines });
    if (!text.includes('"claim"')) continue;
    const { record } = parse(text);
    if (record?.type !== 'claim') continue;
    batch.push({ line: n, input: record as unknown as AddClaimInput });
    if (batch.length >= BATCH_LINES) await flush();
  }
  await flush();

  // Links the file states, once every claim is written.
  for (const l of index.links) {
    const p = new Problems();
    if (l.type !== 'CONTRADICTS' && l.type !== 'CORROBORATES') p.add(l.line, 'type', `${JSON.stringify(l.type ?? null)} is not CONTRADICTS or CORROBORATES`);
    if (!l.explanation.trim()) p.add(l.line, 'explanation', 'say why the claims conflict or agree');
    if (l.from === l.to) p.add(l.line, 'to', 'a claim cannot be linked to itself');
    for (const field of ['from', 'to'] as const) if (!(await exists('Claim', l[field]))) p.add(l.line, field, `no claim ${l[field]}`);
    problems.take(p);
    if (problems.any) continue;
    const stated: TypedLink = { type: l.type, from: l.from, to: l.to, kind: 'EXPLICIT', explanation: l.explanation.trim(), rule: null, independent: null, dependence: null };
    const same = (await tx.statedLinksOf(l.type, [l.from])).some((s) => s.from === l.from && s.to === l.to && s.kind === 'EXPLICIT' && s.explanation === stated.explanation);
    if (same) {
      unchanged.link++;
      continue;
    }
    // Kuzu 0.11 may return a row twice once the transaction has written the claim's relationships.
    const claims = dedupe(await tx.claimsWithRelations([...new Set([l.from, l.to])]), (c) => c.id);
    const { links, write } = await options.plan(tx, [l.from, l.to], { before: claims, after: claims, stated });
    await tx.deleteDerivedLinks([l.from, l.to]);
    await tx.writeLinks(dedupe(write, linkKey));
    found.added.push(...links.added);
    found.removed.push(...links.removed);
    created.link++;
    targets.push(l.from, l.to);
  }
  options.onProgress?.({ phase: 'writing', line: index.lines, lines: index.lines });
  problems.throwIfAny();
  const links = { added: dedupe(found.added, linkKey), removed: dedupe(found.removed, linkKey) };
  const summary = { lines: index.lines, created, unchanged, linksFound: links.added.length, linksRemoved: links.removed.length };
  if (targets.length === 0) throw new NothingChanged(summary);
  return { summary, targets: [...new Set(targets)], links };
}

/**
 * Imports an NDJSON file as one write: all of it or nothing, one entry in the audit trail (none when
 * every record is already stored as it is). Rejects with ImportRejected, having written nothing.
 */
export async function importNdjson(curator: Curator, writer: Writer, lines: Lines, onProgress?: OnProgress): Promise<ImportSummary> {
  const index = await indexRecords(lines, onProgress);
  try {
    const { value, change } = await curator.bulkWrite(writer, 'import', async (tx, plan) => {
      const { summary, targets, links } = await writeRecords(tx, index, lines, { plan, onProgress });
      const made = RECORD_TYPES.filter((t) => summary.created[t] > 0).map((t) => `${summary.created[t]} ${t}${summary.created[t] === 1 ? '' : 's'}`);
      return { value: summary, targets, links, summary: `imported ${made.join(', ')}`, after: { created: summary.created, unchanged: summary.unchanged } };
    });
    return { ...value, change: change.id };
  } catch (error) {
    if (error instanceof NothingChanged) return { ...error.summary, change: null };
    throw error;
  }
}
