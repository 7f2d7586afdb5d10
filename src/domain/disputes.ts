/**
 * From links to what an analyst reads: pairs of linked claims (each pair once, with every reason),
 * and disputes: groups of claims connected by links, with the positions taken in each and how many
 * independent origins hold each position.
 */
import { assertionClause, measureText } from './analysis.js';
import { dateDays, describePeriod, periodDays } from './periods.js';
import { earliestDay, latestDay, type PartialDate, type Period } from './dates.js';
import type { Assertion, LinkKind, Measure, Quantity, Stance } from './model.js';
import { describeQuantity } from './quantities.js';

interface LinkedClaim {
  id: string;
  statement: string;
  stance: Stance;
  quantity: Quantity | null;
  period: Period | null;
  measure: Measure | null;
  assertion: Assertion | null;
  statedAt: PartialDate | null;
}

export interface Link<C extends LinkedClaim> {
  type: 'CONTRADICTS' | 'CORROBORATES';
  a: C;
  b: C;
  claimantA: string;
  claimantB: string;
  kind: LinkKind;
  explanation: string;
  rule: string | null;
  independent?: boolean | null;
  dependence?: string | null;
}

export interface Reason {
  kind: LinkKind;
  explanation: string;
  rule: string | null;
  independent: boolean | null;
  dependence: string | null;
}

export interface Pair<C extends LinkedClaim> {
  a: C;
  b: C;
  claimantA: string;
  claimantB: string;
  reasons: Reason[];
}

const statedKey = (c: LinkedClaim) => (c.statedAt ? dateDays(c.statedAt).from : '');

/** One pair per unordered couple of claims, newest statement first (then the smaller and larger id), reasons in link order. */
export function pairs<C extends LinkedClaim>(links: ReadonlyArray<Omit<Link<C>, 'type'>>): Array<Pair<C>> {
  const byPair = new Map<string, Pair<C>>();
  for (const l of links) {
    const key = [l.a.id, l.b.id].sort().join('|');
    const pair = byPair.get(key) ?? { a: l.a, b: l.b, claimantA: l.claimantA, claimantB: l.claimantB, reasons: [] };
    pair.reasons.push({ kind: l.kind, explanation: l.explanation, rule: l.rule, independent: l.independent ?? null, dependence: l.dependence ?? null });
    byPair.set(key, pair);
  }
  // The store pages pairs in this order too (GraphStore.findPairs): plain code-unit comparisons, no locale.
  const newest = (p: Pair<C>) => [statedKey(p.a), statedKey(p.b)].sort().at(-1)!;
  const pairKey = (p: Pair<C>) => [p.a.id, p.b.id].sort().join(' ');
  const compare = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return [...byPair.values()].sort((x, y) => compare(newest(y), newest(x)) || compare(pairKey(x), pairKey(y)));
}

export interface Position<C extends LinkedClaim> {
  quantity: Quantity | null;
  period: Period | null;
  holds: boolean | null;
  summary: string;
  claims: C[];
  /** Distinct origins among the claims: claims of one claimant, or joined by a dependent corroboration, count once. */
  independentSources: number;
}

export interface Dispute<C extends LinkedClaim> {
  topic: string;
  contested: boolean;
  positions: Array<Position<C>>;
  claims: C[];
}

type NameOf = (id: string | null) => string;

/** The span the claims' periods cover together, from the earliest start to the latest end. */
function span(claims: LinkedClaim[]): Period | null {
  const periods = claims.map((c) => c.period).filter((p): p is Period => p !== null);
  if (periods.length === 0) return null;
  const pick = (dates: Array<PartialDate | null>, edge: (d: PartialDate) => string, later: boolean) =>
    dates.reduce<PartialDate | null>((best, d) => (d && (!best || (later ? edge(d) > edge(best) : edge(d) < edge(best))) ? d : best), null);
  const start = periods.some((p) => !p.start) ? null : pick(periods.map((p) => p.start), earliestDay, false);
  const end = periods.some((p) => !p.end) ? null : pick(periods.map((p) => p.end), latestDay, true);
  return { start, end };
}

function topicOf(claims: LinkedClaim[], nameOf: NameOf): string {
  const measured = claims.find((c) => c.measure);
  if (measured?.measure) {
    const m = measured.measure;
    const when = span(claims.filter((c) => c.measure));
    return `${measureText(m.kind, m.side, nameOf)}${m.place ? ` in ${nameOf(m.place)}` : ''}${when ? ` ${describePeriod(when)}` : ''}`;
  }
  const asserted = claims.find((c) => c.assertion);
  if (asserted?.assertion) {
    return `whether ${assertionClause(asserted.assertion, true, nameOf)}`;
  }
  return claims[0]!.statement;
}

function positionOf(c: LinkedClaim): { key: string; position: Omit<Position<LinkedClaim>, 'claims' | 'independentSources'> } {
  if (c.quantity) {
    const period = c.period ? periodDays(c.period) : null;
    return {
      key: `q|${c.quantity.value}|${c.quantity.unit}|${c.quantity.qualifier}|${period?.from}|${period?.to}`,
      position: {
        quantity: c.quantity, period: c.period, holds: null,
        summary: `${describeQuantity(c.quantity)}${c.period ? ` ${describePeriod(c.period)}` : ''}`,
      },
    };
  }
  if (c.assertion) {
    const holds = c.assertion.holds !== (c.stance === 'DENIES');
    return { key: `a|${holds}`, position: { quantity: null, period: c.period, holds, summary: holds ? 'yes' : 'no' } };
  }
  return { key: `s|${c.id}`, position: { quantity: null, period: c.period, holds: null, summary: c.statement } };
}

/** Union-find over ids: `join` merges two sets, `root` names an id's set. */
function unionFind() {
  const parent = new Map<string, string>();
  const root = (id: string): string => {
    const p = parent.get(id) ?? id;
    if (p === id) return id;
    const r = root(p);
    parent.set(id, r);
    return r;
  };
  const join = (a: string, b: string) => parent.set(root(a), root(b));
  return { root, join };
}

/**
 * Disputes: connected groups of linked claims. Positions are distinct values (figure and period) or
 * stances; a claim without either is its own position, summarised by its statement. A position's
 * independent sources are its claims' distinct origins: claims made by one claimant, or joined
 * (directly or through other claims of the dispute) by a corroboration that is not independent,
 * are one origin.
 */
export function disputes<C extends LinkedClaim>(links: ReadonlyArray<Link<C>>, nameOf: NameOf): Array<Dispute<C>> {
  const group = unionFind();
  const origin = unionFind();
  const claims = new Map<string, C>();
  const claimOf = new Map<string, string>();
  const sameClaimant = (claimant: string, claim: string) => {
    const first = claimOf.get(claimant);
    if (first === undefined) claimOf.set(claimant, claim);
    else origin.join(claim, first);
  };
  for (const l of links) {
    claims.set(l.a.id, l.a);
    claims.set(l.b.id, l.b);
    group.join(l.a.id, l.b.id);
    sameClaimant(l.claimantA, l.a.id);
    sameClaimant(l.claimantB, l.b.id);
    if (l.type === 'CORROBORATES' && l.independent === false) origin.join(l.a.id, l.b.id);
  }
  const groups = new Map<string, C[]>();
  for (const c of [...claims.values()].sort((x, y) => x.id.localeCompare(y.id))) {
    const root = group.root(c.id);
    groups.set(root, [...(groups.get(root) ?? []), c]);
  }
  const contested = new Set(links.filter((l) => l.type === 'CONTRADICTS').map((l) => group.root(l.a.id)));
  return [...groups.entries()]
    .map(([root, members]): Dispute<C> => {
      const positions = new Map<string, Position<C>>();
      for (const c of members) {
        const { key, position } = positionOf(c);
        const existing = positions.get(key) ?? { ...position, claims: [] as C[], independentSources: 0 };
        existing.claims.push(c);
        positions.set(key, existing);
      }
      for (const p of positions.values()) p.independentSources = new Set(p.claims.map((c) => origin.root(c.id))).size;
      return { topic: topicOf(members, nameOf), contested: contested.has(root), positions: [...positions.values()], claims: members };
    })
    .sort((x, y) => Number(y.contested) - Number(x.contested) || y.claims.length - x.claims.length || x.topic.localeCompare(y.topic));
}
