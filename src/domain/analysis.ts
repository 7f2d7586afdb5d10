/**
 * Claim analysis: finds contradictions and corroborations nobody wrote down, and says why.
 * Pure: it sees claims, the place hierarchy and display names, never a database.
 *
 * Rules (each link records the rule that produced it):
 * - same-scope-overlap / same-scope-disjoint: the same measure, for the same side, place and period;
 *   intervals that overlap corroborate, intervals that do not contradict.
 * - cumulative-nested: for a cumulative measure (territory captured, losses), a figure over a period
 *   (or place) lying within another's that exceeds the other's figure contradicts it. The reverse does not.
 * - opposite-assertions / denial: categorical claims stating opposite things about the same subject
 *   at overlapping times; a denial of what another claim asserts is a DENIAL.
 * - same-assertion: categorical claims stating the same thing (same predicate, subject and side, and
 *   the same truth once stance and holds are combined) at overlapping times corroborate each other.
 * - exclusive-control: two sides said to control the same place at overlapping times.
 *
 * Whether a corroboration's claims come from independent origins is a separate pass (independence.ts).
 */
import type { PartialDate, Period } from './dates.js';
import { SHORT_NAME_LENGTH, type Assertion, type ClaimData, type LinkKind, type MeasureKind } from './model.js';
import { describeDate, describePeriod, daysOverlap, daysWithin, dateDays, periodDays, sameDays, type DayInterval } from './periods.js';
import { baseUnit, describeQuantity, exceeds, intervalsOverlap, quantityInterval } from './quantities.js';

export const CUMULATIVE_MEASURES: ReadonlySet<MeasureKind> = new Set([
  'TERRITORY_CAPTURED', 'PERSONNEL_LOSSES', 'KILLED', 'WOUNDED', 'KILLED_AND_WOUNDED',
]);

export type Rule =
  | 'same-scope-overlap' | 'same-scope-disjoint' | 'cumulative-nested' | 'opposite-assertions' | 'denial' | 'same-assertion' | 'exclusive-control';

export interface DerivedLink {
  type: 'CONTRADICTS' | 'CORROBORATES';
  from: string;
  to: string;
  kind: LinkKind;
  rule: Rule;
  explanation: string;
}

export interface AnalysisContext {
  /** Relative half-width of "about N" (0.05: ±5%). */
  tolerance: number;
  /** Each place's parents (a place may lie in several: Donetsk Oblast in Ukraine and in Donbas). */
  parentOf: ReadonlyMap<string, readonly string[]>;
  /** Display names of actors, places and sources (a source's short name, else its title), by id. */
  nameOf: ReadonlyMap<string, string>;
}

export type AnalysedClaim = Pick<ClaimData, 'id' | 'source' | 'claimant' | 'quantity' | 'measure' | 'period' | 'statedAt' | 'stance'> & {
  assertion?: Assertion | null;
};

export const MEASURE_WORDS: Record<MeasureKind, string> = {
  TERRITORY_CAPTURED: 'territory captured',
  TERRITORY_CONTROLLED: 'territory controlled',
  TERRITORY_REMAINING: 'territory remaining',
  PERSONNEL_LOSSES: 'personnel losses',
  KILLED: 'killed',
  WOUNDED: 'wounded',
  KILLED_AND_WOUNDED: 'killed and wounded',
  ADVANCE_RATE: 'rate of advance',
  CASUALTIES_PER_AREA: 'casualties per km²',
  EQUIPMENT_RATIO: 'equipment ratio',
  TIME_TO_CAPTURE: 'time to capture',
  OTHER: 'figure',
};

/** Every place `place` lies in, through any parent, each once, nearest first; up to `maxSteps` parents up. */
export function placesAround(place: string, parentOf: ReadonlyMap<string, readonly string[]>, maxSteps = Infinity): string[] {
  const seen = new Set<string>([place]);
  const out: string[] = [];
  for (let level = parentOf.get(place) ?? [], step = 1; level.length > 0 && step <= maxSteps; step++) {
    const next: string[] = [];
    for (const p of level) {
      if (seen.has(p)) continue;
      seen.add(p);
      out.push(p);
      next.push(...(parentOf.get(p) ?? []));
    }
    level = next;
  }
  return out;
}

/** True when place `inner` is `outer` or lies inside it, through any parent. */
export function placeWithin(inner: string | null, outer: string | null, parentOf: ReadonlyMap<string, readonly string[]>): boolean {
  if (inner === outer) return true;
  if (!inner || !outer) return false;
  return placesAround(inner, parentOf).includes(outer);
}

/** An explanation's text as a sentence starts: its first letter a capital. */
export const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** How explanations name an actor, place or source: 'Oleksandr Syrskyi', 'the article "UNN"'. */
export function displayName(nameOf: ReadonlyMap<string, string>, id: string | null): string {
  if (!id) return 'unspecified';
  const found = nameOf.get(id) ?? id;
  if (!id.startsWith('source:')) return found;
  // A source speaking in its own voice is named by its short name; one without is named by its
  // title, which can be a whole sentence, so it is cut to a short name's length.
  if (found.length <= SHORT_NAME_LENGTH) return `the article "${found}"`;
  // Cut at a word boundary, within the limit with the ellipsis.
  const cut = found.slice(0, SHORT_NAME_LENGTH - 2);
  const space = cut.lastIndexOf(' ');
  return `the article "${cut.slice(0, space > 0 ? space : SHORT_NAME_LENGTH - 3).replace(/[\s,;:.]+$/, '')}..."`;
}

function name(ctx: AnalysisContext, id: string | null): string {
  return displayName(ctx.nameOf, id);
}

/** "territory captured by Russia", "personnel losses (Russia)". */
export function measureText(kind: MeasureKind, side: string | null, nameOf: (id: string | null) => string): string {
  if (!side) return MEASURE_WORDS[kind];
  return kind.startsWith('TERRITORY') || kind === 'ADVANCE_RATE' ? `${MEASURE_WORDS[kind]} by ${nameOf(side)}` : `${MEASURE_WORDS[kind]} (${nameOf(side)})`;
}

/**
 * The later-stated claim is the one that contradicts (or corroborates); ties go by id so results are
 * stable. Explanations of two claims on an equal footing cite the earlier one (`to`) first, whatever
 * order the claims came in.
 */
function ordered(a: AnalysedClaim, b: AnalysedClaim): [AnalysedClaim, AnalysedClaim] {
  const key = (c: AnalysedClaim) => (c.statedAt ? dateDays(c.statedAt).from : '');
  const ka = key(a);
  const kb = key(b);
  if (ka !== kb) return ka > kb ? [a, b] : [b, a];
  return a.id < b.id ? [a, b] : [b, a];
}

function figure(ctx: AnalysisContext, c: AnalysedClaim): string {
  const place = c.measure!.place ? ` in ${name(ctx, c.measure!.place)}` : '';
  return `${name(ctx, c.claimant)} gives ${describeQuantity(c.quantity!)}${place} ${describePeriod(c.period!)}`;
}

function compareFigures(a: AnalysedClaim, b: AnalysedClaim, ctx: AnalysisContext): DerivedLink | null {
  const ma = a.measure!;
  const mb = b.measure!;
  if (ma.kind !== mb.kind || ma.kind === 'OTHER' || ma.side !== mb.side) return null;
  if (baseUnit(a.quantity!.unit) !== baseUnit(b.quantity!.unit)) return null;
  const da = periodDays(a.period!);
  const db = periodDays(b.period!);
  const ia = quantityInterval(a.quantity!, ctx.tolerance);
  const ib = quantityInterval(b.quantity!, ctx.tolerance);
  const what = measureText(ma.kind, ma.side, (id) => name(ctx, id));
  const [from, to] = ordered(a, b);

  if (ma.place === mb.place && sameDays(da, db)) {
    const overlap = intervalsOverlap(ia, ib);
    return {
      type: overlap ? 'CORROBORATES' : 'CONTRADICTS',
      from: from.id,
      to: to.id,
      kind: 'NUMERIC',
      rule: overlap ? 'same-scope-overlap' : 'same-scope-disjoint',
      explanation:
        `On ${what}: ${figure(ctx, to)}; ${figure(ctx, from)}. ` +
        (overlap ? 'Same measure, scope and period, and the figures are compatible.' : 'Same measure, scope and period, but the figures cannot both be true.'),
    };
  }
  if (!CUMULATIVE_MEASURES.has(ma.kind)) return null;
  // A cumulative figure over a smaller scope (period and place within the other's) cannot exceed the larger one.
  for (const [inner, outer, di, dout, ii, iout] of [[a, b, da, db, ia, ib], [b, a, db, da, ib, ia]] as const) {
    if (daysWithin(di, dout) && placeWithin(inner.measure!.place, outer.measure!.place, ctx.parentOf) && exceeds(ii, iout)) {
      return {
        type: 'CONTRADICTS',
        from: from.id,
        to: to.id,
        kind: 'NUMERIC',
        rule: 'cumulative-nested',
        explanation:
          `On ${what}: ${figure(ctx, inner)}, more than ${figure(ctx, outer)}. ` +
          `The first period${inner.measure!.place !== outer.measure!.place ? ' and place lie' : ' lies'} within the second, and ${MEASURE_WORDS[ma.kind]} only adds up over time, so both cannot be true.`,
      };
    }
  }
  return null;
}

function whenOf(c: AnalysedClaim): DayInterval | null {
  if (c.period) return periodDays(c.period);
  if (c.statedAt) return dateDays(c.statedAt);
  return null;
}

function whenText(c: AnalysedClaim): string {
  if (c.period) return describePeriod(c.period as Period);
  if (c.statedAt) return `as of ${describeDate(c.statedAt as PartialDate)}`;
  return 'at an unstated time';
}

/** Claims with no date can only be compared when one report carries both. */
function sameTime(a: AnalysedClaim, b: AnalysedClaim): boolean {
  const wa = whenOf(a);
  const wb = whenOf(b);
  if (wa && wb) return daysOverlap(wa, wb);
  return !wa && !wb && a.source === b.source;
}

const PREDICATE_WORDS: Record<Assertion['predicate'], string> = {
  CONTROLS: '{side} controls {subject}',
  CAPTURED: '{side} captured {subject}',
  ENCIRCLED: 'forces of {side} are encircled in {subject}',
  AT_RISK_OF_ENCIRCLEMENT: 'forces of {side} are at risk of encirclement in {subject}',
  BREAKTHROUGH: '{side} made a major breakthrough in {subject}',
  ADVANCING: '{side} is advancing in {subject}',
};

/** The same statements negated, for a claim that denies one or asserts it does not hold. */
const NEGATED_PREDICATE_WORDS: Record<Assertion['predicate'], string> = {
  CONTROLS: '{side} does not control {subject}',
  CAPTURED: '{side} did not capture {subject}',
  ENCIRCLED: 'forces of {side} are not encircled in {subject}',
  AT_RISK_OF_ENCIRCLEMENT: 'forces of {side} are not at risk of encirclement in {subject}',
  BREAKTHROUGH: '{side} did not make a major breakthrough in {subject}',
  ADVANCING: '{side} is not advancing in {subject}',
};

/** "Russia captured Popasna", or with `holds` false "Russia did not capture Popasna". */
export function assertionClause(s: Pick<Assertion, 'predicate' | 'side' | 'subject'>, holds: boolean, nameOf: (id: string | null) => string): string {
  return (holds ? PREDICATE_WORDS : NEGATED_PREDICATE_WORDS)[s.predicate].replace('{side}', nameOf(s.side)).replace('{subject}', nameOf(s.subject));
}

/**
 * "according to ISW, Russia captured Popasna (as of May 2022)", "according to Oleksandr Syrskyi,
 * forces of Ukraine are not at risk of encirclement in Kursk Oblast (...)". "According to" fits a
 * claimant of either number ("Unnamed sources", "U.S. and German officials"), where "says" did not.
 */
function assertionText(ctx: AnalysisContext, c: AnalysedClaim): string {
  const s = c.assertion!;
  const clause = assertionClause(s, s.holds !== (c.stance === 'DENIES'), (id) => name(ctx, id));
  return `according to ${name(ctx, c.claimant)}, ${clause} (${whenText(c)})`;
}

/** Two claims' statements as one explanation's opening sentence. */
function bothAssertions(ctx: AnalysisContext, first: AnalysedClaim, second: AnalysedClaim): string {
  return capitalised(`${assertionText(ctx, first)}; ${assertionText(ctx, second)}.`);
}

function compareAssertions(a: AnalysedClaim, b: AnalysedClaim, ctx: AnalysisContext): DerivedLink | null {
  const sa = a.assertion!;
  const sb = b.assertion!;
  if (sa.subject !== sb.subject || !sameTime(a, b)) return null;
  const truthA = sa.holds !== (a.stance === 'DENIES');
  const truthB = sb.holds !== (b.stance === 'DENIES');
  if (sa.predicate === sb.predicate && sa.side === sb.side && truthA === truthB) {
    // "Russia captured Avdiivka" twice, or a denial of a breakthrough and a claim that there was none.
    const [from, to] = ordered(a, b);
    return {
      type: 'CORROBORATES', from: from.id, to: to.id, kind: 'CATEGORICAL', rule: 'same-assertion',
      explanation: `${bothAssertions(ctx, to, from)} They state the same thing about the same subject at overlapping times.`,
    };
  }
  if (sa.predicate === sb.predicate && sa.side === sb.side && truthA !== truthB) {
    const denial = a.stance !== b.stance && sa.holds === sb.holds;
    const [denier, denied] = a.stance === 'DENIES' ? [a, b] : [b, a];
    const [from, to] = denial ? [denier, denied] : ordered(a, b);
    return {
      type: 'CONTRADICTS', from: from.id, to: to.id,
      kind: denial ? 'DENIAL' : 'CATEGORICAL',
      rule: denial ? 'denial' : 'opposite-assertions',
      explanation: `${bothAssertions(ctx, to, from)} ${denial ? 'One denies what the other asserts.' : 'They state opposite things about the same subject at overlapping times.'}`,
    };
  }
  if (sa.predicate === 'CONTROLS' && sb.predicate === 'CONTROLS' && truthA && truthB && sa.side && sb.side && sa.side !== sb.side) {
    const [from, to] = ordered(a, b);
    return {
      type: 'CONTRADICTS', from: from.id, to: to.id, kind: 'CATEGORICAL', rule: 'exclusive-control',
      explanation: `${bothAssertions(ctx, to, from)} Two sides cannot both control the same place at the same time.`,
    };
  }
  return null;
}

/**
 * Every link the rules find among the claims, each pair once. Claims need a quantity, measure and
 * period to be compared as figures, or an assertion to be compared as categorical statements.
 *
 * Only pairs a rule could link are compared, so a million claims take seconds, not hours:
 * - figures: a rule needs the same measure kind, side and base unit, and either the same place or
 *   (cumulative measures) one place inside the other; so each figure meets the figures of its own
 *   place and of the places above it.
 * - assertions: a rule needs the same subject and overlapping times (or, undated, the same
 *   source); so within a subject, dated claims are swept in time order.
 * Each pair is compared in input order, as an all-pairs loop would, and the result is sorted. A
 * link, its direction and its explanation depend on the two claims only, never on the order they
 * come in (ingest merges stored and new claims; a recomputation reads them by id).
 */
export function deriveLinks(claims: readonly AnalysedClaim[], ctx: AnalysisContext): DerivedLink[] {
  const links: DerivedLink[] = [];
  const add = (link: DerivedLink | null) => {
    if (link) links.push(link);
  };
  const order = new Map<AnalysedClaim, number>(claims.map((c, i) => [c, i]));
  const inOrder = (a: AnalysedClaim, b: AnalysedClaim): [AnalysedClaim, AnalysedClaim] => (order.get(a)! < order.get(b)! ? [a, b] : [b, a]);

  const figureBuckets = groupBy(
    claims.filter((c) => c.quantity && c.measure && c.period && c.measure.kind !== 'OTHER'),
    (c) => `${c.measure!.kind}|${c.measure!.side ?? ''}|${baseUnit(c.quantity!.unit)}`,
  );
  for (const bucket of figureBuckets.values()) {
    const cumulative = CUMULATIVE_MEASURES.has(bucket[0]!.measure!.kind);
    const byPlace = groupBy(bucket, (c) => c.measure!.place);
    for (const [place, here] of byPlace) {
      for (let i = 0; i < here.length; i++) for (let j = i + 1; j < here.length; j++) add(compareFigures(here[i]!, here[j]!, ctx));
      if (!cumulative || place === null) continue;
      for (const up of placesAround(place, ctx.parentOf)) {
        for (const outer of byPlace.get(up) ?? []) for (const inner of here) add(compareFigures(...inOrder(inner, outer), ctx));
      }
    }
  }

  for (const group of groupBy(claims.filter((c) => c.assertion), (c) => c.assertion!.subject).values()) {
    const dated: Array<{ claim: AnalysedClaim; when: DayInterval }> = [];
    const undated: AnalysedClaim[] = [];
    for (const claim of group) {
      const when = whenOf(claim);
      if (when) dated.push({ claim, when });
      else undated.push(claim);
    }
    dated.sort((a, b) => (a.when.from < b.when.from ? -1 : a.when.from > b.when.from ? 1 : order.get(a.claim)! - order.get(b.claim)!));
    for (let i = 0; i < dated.length; i++) {
      for (let j = i + 1; j < dated.length && dated[j]!.when.from <= dated[i]!.when.to; j++) {
        add(compareAssertions(...inOrder(dated[i]!.claim, dated[j]!.claim), ctx));
      }
    }
    for (const sameSource of groupBy(undated, (c) => c.source).values()) {
      for (let i = 0; i < sameSource.length; i++) for (let j = i + 1; j < sameSource.length; j++) add(compareAssertions(sameSource[i]!, sameSource[j]!, ctx));
    }
  }
  return links.sort((x, y) => (x.from + x.to).localeCompare(y.from + y.to));
}

/** Groups in first-seen order, each keeping input order. */
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
