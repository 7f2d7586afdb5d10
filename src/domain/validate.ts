/**
 * Checks a GraphData before anything is written: a graph that fails here is never loaded,
 * so a store never holds half of a bad import.
 */
import { isPartialDate, earliestDay, latestDay, type PartialDate } from './dates.js';
import {
  ACTOR_KINDS, BASIS_KINDS, EVENT_KINDS, LINK_KINDS, MEASURE_KINDS, PLACE_KINDS, PREDICATES, QUALIFIERS, REFERENCE_RELATIONS,
  SHORT_NAME_LENGTH, STANCES, TOPICS, UNITS, labelOfId, type DescriptionBasis, type GraphData, type NodeLabel,
} from './model.js';

export class GraphValidationError extends Error {
  override name = 'GraphValidationError';
  constructor(readonly problems: string[]) {
    super(`The graph is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  - ${problems.slice(0, 50).join('\n  - ')}`);
  }
}

export function validateGraph(g: GraphData): void {
  const problems: string[] = [];
  const ids = new Map<string, NodeLabel>();
  const register = (id: string, expected: NodeLabel) => {
    const label = labelOfId(id);
    if (label !== expected) problems.push(`${id}: not a valid ${expected} id (expected "${expected.toLowerCase()}:<slug>")`);
    if (ids.has(id)) problems.push(`${id}: defined twice`);
    ids.set(id, expected);
  };
  const ref = (owner: string, id: string | null, ...allowed: NodeLabel[]) => {
    if (id === null) return;
    const label = ids.get(id);
    if (!label) problems.push(`${owner}: refers to unknown ${allowed.join('/')} ${id}`);
    else if (!allowed.includes(label)) problems.push(`${owner}: ${id} is a ${label}, expected ${allowed.join('/')}`);
  };
  const oneOf = (owner: string, field: string, value: string, allowed: readonly string[]) => {
    if (!allowed.includes(value)) problems.push(`${owner}: ${field} "${value}" is not one of ${allowed.join(', ')}`);
  };
  const date = (owner: string, field: string, d: PartialDate | null) => {
    if (d && !isPartialDate(d)) problems.push(`${owner}: ${field} ${JSON.stringify(d)} is not a valid partial date`);
  };
  const named = (owner: string, name: string) => {
    if (!name.trim()) problems.push(`${owner}: empty name`);
  };

  for (const a of g.actors) register(a.id, 'Actor');
  for (const p of g.places) register(p.id, 'Place');
  for (const e of g.events) register(e.id, 'Event');
  for (const s of g.sources) register(s.id, 'Source');
  for (const c of g.claims) register(c.id, 'Claim');

  const texts = new Map(g.sources.map((s) => [s.id, s.text] as const));
  /** An ARTICLE basis names a source and quotes it verbatim; the other kinds carry neither. */
  const basis = (owner: string, b: DescriptionBasis | null | undefined) => {
    if (!b) return;
    oneOf(owner, 'descriptionBasis.kind', b.kind, BASIS_KINDS);
    if (b.kind !== 'ARTICLE') {
      if (b.source || b.quote) problems.push(`${owner}: a ${b.kind} basis has no source or quote`);
      return;
    }
    ref(owner, b.source, 'Source');
    if (!b.quote?.trim()) problems.push(`${owner}: an ARTICLE basis quotes its article`);
    else if (b.source && texts.has(b.source) && !texts.get(b.source)!.includes(b.quote)) {
      problems.push(`${owner}: descriptionBasis quote is not found verbatim in ${b.source}`);
    }
  };

  for (const a of g.actors) {
    basis(a.id, a.descriptionBasis);
    named(a.id, a.name);
    oneOf(a.id, 'kind', a.kind, ACTOR_KINDS);
    for (const m of a.memberOf) ref(a.id, m, 'Actor');
  }
  for (const p of g.places) {
    basis(p.id, p.descriptionBasis);
    named(p.id, p.name);
    oneOf(p.id, 'kind', p.kind, PLACE_KINDS);
    for (const parent of p.partOf) ref(p.id, parent, 'Place');
  }
  problems.push(...cycles(g.places.map((p) => [p.id, p.partOf]), 'partOf'));
  problems.push(...cycles(g.actors.map((a) => [a.id, a.memberOf]), 'memberOf'));
  for (const e of g.events) {
    basis(e.id, e.descriptionBasis);
    named(e.id, e.name);
    oneOf(e.id, 'kind', e.kind, EVENT_KINDS);
    for (const p of e.occurredIn) ref(e.id, p, 'Place');
    for (const a of e.participants) ref(e.id, a, 'Actor');
    date(e.id, 'start', e.start);
    date(e.id, 'end', e.end);
  }
  for (const s of g.sources) {
    basis(s.id, s.descriptionBasis);
    named(s.id, s.title);
    if (s.shortName != null && (!s.shortName.trim() || s.shortName.length > SHORT_NAME_LENGTH)) {
      problems.push(`${s.id}: a short name has 1 to ${SHORT_NAME_LENGTH} characters; "${s.shortName}" has ${s.shortName.length}`);
    }
    ref(s.id, s.publisher, 'Actor');
    date(s.id, 'publishedOn', s.publishedOn);
    if (!s.text) problems.push(`${s.id}: has no text`);
  }
  for (const c of g.claims) {
    ref(c.id, c.source, 'Source');
    ref(c.id, c.claimant, 'Actor', 'Source');
    if (labelOfId(c.claimant) === 'Source' && c.claimant !== c.source) {
      problems.push(`${c.id}: a source can only be the claimant of claims it reports itself`);
    }
    if (c.about.length === 0) problems.push(`${c.id}: is about nothing`);
    for (const x of c.about) ref(c.id, x, 'Place', 'Actor', 'Event');
    if (!c.statement.trim()) problems.push(`${c.id}: empty statement`);
    oneOf(c.id, 'topic', c.topic, TOPICS);
    oneOf(c.id, 'stance', c.stance, STANCES);
    date(c.id, 'statedAt', c.statedAt);
    if (c.period) {
      date(c.id, 'period.start', c.period.start);
      date(c.id, 'period.end', c.period.end);
      if (c.period.start && c.period.end && earliestDay(c.period.start) > latestDay(c.period.end)) {
        problems.push(`${c.id}: period ends before it starts`);
      }
    }
    if (c.quantity) {
      if (!Number.isFinite(c.quantity.value)) problems.push(`${c.id}: quantity value is not a number`);
      oneOf(c.id, 'quantity.unit', c.quantity.unit, UNITS);
      oneOf(c.id, 'quantity.qualifier', c.quantity.qualifier, QUALIFIERS);
      if (c.quantity.vague !== undefined && typeof c.quantity.vague !== 'boolean') problems.push(`${c.id}: quantity.vague must be true or false`);
    }
    for (const r of c.refersTo ?? []) {
      const owner = `${c.id} refersTo ${r.claim}`;
      ref(owner, r.claim, 'Claim');
      oneOf(owner, 'relation', r.relation, REFERENCE_RELATIONS);
      if (r.claim === c.id) problems.push(`${owner}: a claim cannot refer to itself`);
      if (!r.explanation?.trim()) problems.push(`${owner}: needs an explanation`);
    }
    if (c.assertion) {
      oneOf(c.id, 'assertion.predicate', c.assertion.predicate, PREDICATES);
      ref(c.id, c.assertion.subject, 'Place', 'Actor');
      ref(c.id, c.assertion.side, 'Actor');
      if (typeof c.assertion.holds !== 'boolean') problems.push(`${c.id}: assertion.holds must be true or false`);
    }
    if (c.measure) {
      oneOf(c.id, 'measure.kind', c.measure.kind, MEASURE_KINDS);
      ref(c.id, c.measure.side, 'Actor');
      ref(c.id, c.measure.place, 'Place');
    }
    const text = texts.get(c.source);
    if (text !== undefined && text.slice(c.quoteStart, c.quoteEnd) !== c.quote) {
      problems.push(`${c.id}: quote is not found verbatim at ${c.quoteStart}..${c.quoteEnd} of ${c.source}`);
    }
    if (!c.quote.trim()) problems.push(`${c.id}: empty quote`);
  }
  for (const [name, links] of [['contradiction', g.contradictions], ['corroboration', g.corroborations]] as const) {
    for (const l of links) {
      const owner = `${name} ${l.from} -> ${l.to}`;
      ref(owner, l.from, 'Claim');
      ref(owner, l.to, 'Claim');
      if (l.from === l.to) problems.push(`${owner}: a claim cannot be linked to itself`);
      oneOf(owner, 'kind', l.kind, LINK_KINDS);
      if (!l.explanation.trim()) problems.push(`${owner}: needs an explanation`);
    }
  }
  if (problems.length > 0) throw new GraphValidationError(problems);
}

function cycles(edges: Array<[string, string[]]>, what: string): string[] {
  const next = new Map(edges);
  const state = new Map<string, 'visiting' | 'done'>();
  const found: string[] = [];
  const visit = (id: string, path: string[]) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      found.push(`${what} cycle: ${[...path, id].join(' -> ')}`);
      return;
    }
    state.set(id, 'visiting');
    for (const n of next.get(id) ?? []) visit(n, [...path, id]);
    state.set(id, 'done');
  };
  for (const [id] of edges) visit(id, []);
  return found;
}
