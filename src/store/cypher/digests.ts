/**
 * Claim digests (schema.ts DERIVED_NODES): for a subject with many claims, how many claims the
 * default list holds (every claim not deprecated about it; for a place, also about any place inside
 * it) and the ids of its first DIGEST_HEAD claims in each order. Counting and date-ordering the
 * 66,714 claims about Kursk in a million read a property of each, scattered over the claim table
 * (Kuzu indexes only primary keys); a digest is one primary-key lookup whatever the subject's size.
 *
 * A digest is written by the same statement that pages a subject's claims (queries.claimPagesOfAnchors),
 * from the claims as the write that changed them left them: inside that write on Neo4j, so it never
 * disagrees with the claims it stands for, and in a write of its own right after it on Kuzu
 * (CypherStore.writeDeriving, Engine.seesOwnWrites). Every write refreshes the digests of the
 * subjects it touched (DigestScope), and a subject with fewer claims than the store's threshold has
 * none, which sends its reads to the claims themselves.
 */
import { placesAround } from '../../domain/analysis.js';
import { earliestDay } from '../../domain/dates.js';
import { idsByLabel, labelOfId, MAX_HIERARCHY_DEPTH, type GraphData } from '../../domain/model.js';
import type { ClaimAnchor, ClaimCriteria, ClaimOrder, PageRequest, Subject } from '../GraphStore.js';
import type { Dialect } from './dialect.js';
import type { Row, Run, Statement } from './Engine.js';
import { LISTED_RANKS, PLACE_CHAIN, claimPagesOfAnchors, listsDefault, notDeprecated } from './queries.js';
import { batches, statements } from './writes.js';

/** Ids kept per order: the first pages an analyst reads (two pages of the largest, first: 100). */
export const DIGEST_HEAD = 200;

/**
 * Below this many claims a subject's list is read from its claims. On Kuzu that read costs 2-3 ms
 * of CPU for a subject of 20 claims (the variable-length walk down the parts of a place and the
 * ordering have a fixed cost in its planner and operators: bench:profile, docs/store.md), against
 * 0.3 ms for a digest's lookup, so every subject with a claim keeps one. On Neo4j the read is an
 * index seek and an expand, and with PREFETCH it carries the page's walks in the same statement:
 * a digest would add a statement and only pays for large subjects.
 */
export const DEFAULT_DIGEST_MIN = { kuzu: 0, neo4j: 500 } as const;

/** Subjects per statement when every digest is rebuilt. */
const REBUILD_BATCH = 200;

/** The row that records the threshold the digests were built with; no subject id has this form. */
export const DIGEST_SETTINGS = '#settings';

/** The default list: every claim not deprecated. */
const LISTED: ClaimCriteria = { ranks: [...LISTED_RANKS] };

const ORDER_LIST: Record<ClaimOrder, 'newest' | 'oldest'> = { STATED_DESC: 'newest', STATED_ASC: 'oldest' };

const SUBJECT_LABELS = ['Place', 'Actor', 'Event'] as const satisfies ReadonlyArray<Subject['label']>;

const ANCHOR_OF = { Place: 'aboutPlace', Actor: 'aboutActor', Event: 'aboutEvent' } as const satisfies Record<Subject['label'], ClaimAnchor>;

/** Whether criteria (about aside) ask for nothing but the default list: no filter, and the ranks it lists if any. */
function onlyListed({ about: _about, ranks, ...rest }: ClaimCriteria): boolean {
  return (ranks === undefined || listsDefault(ranks)) && Object.values(rest).every((v) => v === undefined);
}

/** The subject a criteria lists the default list of, when that is all it asks: the one shape a digest answers. */
export function digestSubject(criteria: ClaimCriteria): Subject | null {
  return criteria.about?.length === 1 && onlyListed(criteria) ? criteria.about[0]! : null;
}

/** Whether a findClaimsFor anchor and criteria ask for a subject's default list. */
export function digestAnchor(anchor: ClaimAnchor, criteria: ClaimCriteria): boolean {
  return (anchor === 'aboutPlace' || anchor === 'aboutActor' || anchor === 'aboutEvent') && criteria.about === undefined && onlyListed(criteria);
}

/** Rows (id, total, ids): the digests of these subjects, with the ids of one order; a subject without one has no row. */
export function digestsOf(d: Dialect, ids: readonly string[], order: ClaimOrder): Statement {
  const { condition, params } = d.idIn('g', 'ids', ids);
  return { text: `MATCH (g:ClaimDigest) WHERE ${condition} RETURN g.id AS id, g.total AS total, g.${ORDER_LIST[order]} AS ids`, params };
}

export interface Digest {
  total: number;
  ids: string[];
}

/**
 * A page served from a digest, or null when the digest cannot serve it: the page reaches past the
 * ids it keeps (the caller reads the claims themselves). The total says whether another follows.
 */
export function pageOfDigest(digest: Digest, page: PageRequest): { ids: string[]; total: number; hasMore: boolean } | null {
  const end = page.offset + page.limit;
  if (end > digest.ids.length && digest.ids.length < digest.total) return null;
  return { ids: digest.ids.slice(page.offset, end), total: digest.total, hasMore: digest.total > end };
}

export function digestOfRow(r: Row): Digest {
  return { total: Number(r.total), ids: ((r.ids as unknown[] | null) ?? []).map(String) };
}

/**
 * The subjects whose digests a write may change: those of the claims it writes (before and after),
 * the places it writes (a new PART_OF adds a place's claims to its new parents'), and actors it
 * merges. Places are widened to every place holding them when the digests are refreshed.
 */
export type DigestScope = Set<string>;

/** What writing a graph touches by its data: the subjects its claims name and its places. The subjects its claims had before come from subjectsBefore. */
export function scopeOfGraph(graph: GraphData, into: DigestScope = new Set()): DigestScope {
  for (const c of graph.claims) for (const s of c.about) into.add(s);
  for (const p of graph.places) into.add(p.id);
  return into;
}

/** Rows `id`: every subject with a digest. */
export const digestIds = (): Statement => ({ text: 'MATCH (g:ClaimDigest) WHERE g.id <> $settings RETURN g.id AS id', params: { settings: DIGEST_SETTINGS } });

/** Rows `id`: the subjects these claims are about. */
function subjectsOfClaims(d: Dialect, ids: readonly string[]): Statement {
  const { condition, params } = d.idIn('c', 'ids', ids);
  return { text: `MATCH (c:Claim)-[:ABOUT]->(s${d.anyLabel(['Place', 'Actor', 'Event'])}) WHERE ${condition} RETURN DISTINCT s.id AS id`, params };
}

/**
 * Adds to the scope the subjects these claims are about before a write changes them: the lists they
 * leave. Read before the write's own statements, so only committed rows are read (dialect.idsPerReadInWrite).
 */
export async function subjectsBefore(run: Run, d: Dialect, claims: readonly string[], into: DigestScope): Promise<void> {
  for (const batch of batches(claims, 1000)) for (const r of await run(subjectsOfClaims(d, batch))) into.add(String(r.id));
}

/** Rows `id`: these places and every place holding them: a claim about Sudzha is in Kursk Oblast's list and Russia's. */
function placesHolding(d: Dialect, ids: readonly string[]): Statement {
  const { condition, params } = d.idIn('p', 'ids', ids);
  return { text: `MATCH (p:Place)-${PLACE_CHAIN}->(a:Place) WHERE ${condition} RETURN DISTINCT a.id AS id`, params };
}

/** Rows (key, total): how many claims of the default list each subject of a label has; subjects with none have no row. */
function listedCounts(d: Dialect, label: Subject['label']): Statement {
  const chain = label === 'Place' ? `<-${PLACE_CHAIN}-(p:Place) WITH DISTINCT k, p MATCH (p)` : '';
  return {
    text: `MATCH (k:${label})${chain}<-[:ABOUT]-(c:Claim)${d.where('k, c', [notDeprecated('c')])} RETURN k.id AS key, count(DISTINCT c) AS total`,
    params: {},
  };
}

function writeDigest(id: string, total: number, newest: readonly string[], oldest: readonly string[]): Statement {
  return {
    text: 'MERGE (g:ClaimDigest {id: $id}) SET g.total = $total, g.newest = $newest, g.oldest = $oldest',
    params: { id, total, newest: [...newest], oldest: [...oldest] },
    integers: ['total'],
  };
}

function dropDigests(d: Dialect, ids: readonly string[]): Statement {
  const { condition, params } = d.idIn('g', 'ids', ids);
  return { text: `MATCH (g:ClaimDigest) WHERE ${condition} DELETE g`, params };
}

const DROP_ALL: Statement = { text: 'MATCH (g:ClaimDigest) DELETE g', params: {} };

/** Rows `total`: the threshold the digests were built with, if they were. */
export const digestSettings = (): Statement => ({ text: 'MATCH (g:ClaimDigest) WHERE g.id = $id RETURN g.total AS total', params: { id: DIGEST_SETTINGS } });

/**
 * Recomputes the digests of these subjects (places as given: the caller adds the places holding
 * them): written for those with at least `min` claims, removed for the others. Inside a write.
 */
async function recompute(run: Run, d: Dialect, subjects: readonly string[], min: number, perStatement = d.idsPerReadInWrite): Promise<void> {
  const byLabel = idsByLabel(subjects, SUBJECT_LABELS);
  const kept = new Set<string>();
  for (const [label, ids] of byLabel) {
    for (const batch of batches(ids, perStatement)) {
      const page = (order: ClaimOrder) => run(claimPagesOfAnchors(d, ANCHOR_OF[label], batch, LISTED, order, 0, DIGEST_HEAD));
      const newest = await page('STATED_DESC');
      const oldest = new Map((await page('STATED_ASC')).map((r) => [String(r.key), digestOfRow(r).ids]));
      for (const r of newest) {
        const { total, ids: head } = digestOfRow(r);
        if (total === 0 || total < min) continue;
        await run(writeDigest(String(r.key), total, head, oldest.get(String(r.key)) ?? []));
        kept.add(String(r.key));
      }
    }
  }
  for (const batch of batches(subjects.filter((id) => !kept.has(id)), d.idsPerReadInWrite)) await run(dropDigests(d, batch));
}

/** Refreshes the digests of a write's scope, and of every place holding a place in it. After its changes (CypherStore.derive). */
export async function refreshDigests(run: Run, d: Dialect, scope: DigestScope, min: number): Promise<void> {
  const subjects = new Set(scope);
  // The places and claims a write adds are among these: ids in the batches a read inside a write may name (dialect.idsPerReadInWrite).
  for (const batch of batches([...scope].filter((id) => labelOfId(id) === 'Place'), d.idsPerReadInWrite)) {
    for (const r of await run(placesHolding(d, batch))) subjects.add(String(r.id));
  }
  if (subjects.size > 0) await recompute(run, d, [...subjects], min);
}

/** A digest as stored: the subject's id, its default list's size, and the first ids in each order. */
export interface DigestRow {
  id: string;
  total: number;
  newest: string[];
  oldest: string[];
}

/**
 * Every digest of a graph that is all the store holds (a bulk load), computed from the graph in
 * hand instead of read back from the store by rebuildDigests' statements, which at a million
 * claims took 189 to 329 s of a 540 s load. The same lists: every claim not deprecated about the
 * subject, for a place also about the places inside it down to MAX_HIERARCHY_DEPTH parts (PLACE_CHAIN),
 * each claim once; dated ones first by the first day they may have been stated (statedFrom), then by id
 * (ids and days are ASCII, so JavaScript orders their strings as the engines do).
 * test/contract/digests.test.ts checks them against rebuildDigests, row for row.
 */
export function digestsOfGraph(graph: GraphData, min: number): DigestRow[] {
  const parents = new Map(graph.places.map((p) => [p.id, p.partOf]));
  const holding = new Map<string, string[]>();
  /** The place and every place holding it within MAX_HIERARCHY_DEPTH steps up. */
  const holdersOf = (place: string): string[] => {
    let found = holding.get(place);
    if (!found) holding.set(place, (found = [place, ...placesAround(place, parents, MAX_HIERARCHY_DEPTH)]));
    return found;
  };
  // Each claim of a default list with the subjects whose lists hold it, sorted once per order and
  // dealt out: every subject's head comes out in order without sorting each subject's list.
  type Listed = { id: string; stated: string | null; subjects: string[] };
  const listed: Listed[] = [];
  const totals = new Map<string, number>();
  for (const c of graph.claims) {
    if (!LISTED_RANKS.includes(c.rank ?? 'NORMAL')) continue;
    const subjects = new Set<string>();
    for (const s of c.about) {
      const label = labelOfId(s);
      if (label === 'Place') for (const p of holdersOf(s)) subjects.add(p);
      else if (label === 'Actor' || label === 'Event') subjects.add(s);
    }
    listed.push({ id: c.id, stated: c.statedAt ? earliestDay(c.statedAt) : null, subjects: [...subjects] });
    for (const s of subjects) totals.set(s, (totals.get(s) ?? 0) + 1);
  }
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  /** Undated last, then by date (1 ascending, -1 descending), then by id. */
  const heads = (direction: 1 | -1): Map<string, string[]> => {
    const order = (a: Listed, b: Listed) =>
      (a.stated === null ? 1 : 0) - (b.stated === null ? 1 : 0) || (a.stated === null || b.stated === null ? 0 : direction * compare(a.stated, b.stated)) || compare(a.id, b.id);
    const out = new Map<string, string[]>();
    for (const e of [...listed].sort(order)) {
      for (const s of e.subjects) {
        let head = out.get(s);
        if (!head) out.set(s, (head = []));
        if (head.length < DIGEST_HEAD) head.push(e.id);
      }
    }
    return out;
  };
  const newest = heads(-1);
  const oldest = heads(1);
  const rows: DigestRow[] = [];
  for (const [id, total] of totals) {
    if (total >= Math.max(min, 1)) rows.push({ id, total, newest: newest.get(id)!, oldest: oldest.get(id)! });
  }
  return rows;
}

/** Writes these digests in place of any stored, and records the threshold they were computed with. Inside a write. */
export async function writeDigests(run: Run, d: Dialect, rows: readonly DigestRow[], min: number): Promise<void> {
  await run(DROP_ALL);
  const one = 'CREATE (g:ClaimDigest {id: $id, total: $total, newest: $newest, oldest: $oldest})';
  const many = 'UNWIND $rows AS r CREATE (g:ClaimDigest {id: r.id, total: r.total, newest: r.newest, oldest: r.oldest})';
  for (const s of statements(d, rows, one, many, ['total'])) await run(s);
  await run(recordThreshold(min));
}

function recordThreshold(min: number): Statement {
  return { text: 'MERGE (g:ClaimDigest {id: $id}) SET g.total = $total', params: { id: DIGEST_SETTINGS, total: min }, integers: ['total'] };
}

/** Rebuilds every digest (after a bulk load, or when the threshold changed) and records the threshold. Inside a write. */
export async function rebuildDigests(run: Run, d: Dialect, min: number): Promise<void> {
  await run(DROP_ALL);
  const big: string[] = [];
  for (const label of ['Place', 'Actor', 'Event'] as const) {
    for (const r of await run(listedCounts(d, label))) if (Number(r.total) >= Math.max(min, 1)) big.push(String(r.key));
  }
  // Nothing of the graph is written before these reads (only digests, read by no statement here):
  // they may name many subjects at once, and one statement sorting a batch's claims together reads
  // the claim table in order where one per subject read it scattered, again for each subject.
  await recompute(run, d, big, min, REBUILD_BATCH);
  await run(recordThreshold(min));
}
