/**
 * deriveLinks compares only the pairs a rule could link (same measure, side and unit with nested
 * places; same subject at overlapping times). This checks, on random claims, that it finds exactly
 * what comparing every pair finds: deriveLinks of two claims compares just that pair.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveLinks, type AnalysedClaim, type AnalysisContext, type DerivedLink } from '../../src/domain/analysis.js';
import type { PartialDate } from '../../src/domain/dates.js';

const PLACES = ['place:ukraine', 'place:donetsk', 'place:pokrovsk', 'place:kursk', null] as const;
const ctx: AnalysisContext = {
  tolerance: 0.05,
  parentOf: new Map([['place:donetsk', ['place:ukraine']], ['place:pokrovsk', ['place:donetsk']]]),
  nameOf: new Map([['actor:russia', 'Russia'], ['actor:ukraine', 'Ukraine'], ['place:ukraine', 'Ukraine'], ['place:pokrovsk', 'Pokrovsk']]),
};

const date = fc.constantFrom<PartialDate>(
  { value: '2024', precision: 'YEAR' }, { value: '2024-05', precision: 'MONTH' }, { value: '2024-06', precision: 'MONTH' },
  { value: '2024-05-31', precision: 'DAY' }, { value: '2024-06-01', precision: 'DAY' },
);
const side = fc.constantFrom('actor:russia', 'actor:ukraine', null);

const base = fc.record({
  source: fc.constantFrom('source:a', 'source:b'),
  claimant: fc.constantFrom('actor:isw', 'actor:ru-mod', 'source:a'),
  stance: fc.constantFrom('ASSERTS' as const, 'ASSERTS' as const, 'DENIES' as const),
  statedAt: fc.option(date, { freq: 4 }),
});
// Figures share few kinds, sides and places, so nested and same-scope pairs are common.
const figure = fc.record({
  period: fc.record({ start: fc.option(date, { freq: 6 }), end: fc.option(date, { freq: 6 }) }),
  value: fc.integer({ min: 1, max: 2000 }),
  qualifier: fc.constantFrom('EXACT' as const, 'APPROXIMATELY' as const, 'AT_LEAST' as const, 'LESS_THAN' as const),
  kind: fc.constantFrom('TERRITORY_CAPTURED' as const, 'PERSONNEL_LOSSES' as const, 'ADVANCE_RATE' as const, 'OTHER' as const),
  side: fc.constantFrom('actor:russia', 'actor:ukraine', null),
  place: fc.constantFrom(...PLACES),
});
const assertion = fc.record({
  period: fc.option(fc.record({ start: fc.option(date), end: fc.option(date) }), { freq: 3 }),
  predicate: fc.constantFrom('CONTROLS' as const, 'CAPTURED' as const),
  subject: fc.constantFrom('place:pokrovsk', 'place:kursk'),
  side: fc.constantFrom('actor:russia', 'actor:ukraine', null),
  holds: fc.boolean(),
});
const claim = fc.oneof(
  fc.tuple(base, figure).map(([b, f]): Omit<AnalysedClaim, 'id'> => ({
    ...b, period: f.period, assertion: null,
    quantity: { value: f.value, unit: f.kind === 'PERSONNEL_LOSSES' ? 'PEOPLE' : 'SQUARE_KILOMETERS', qualifier: f.qualifier, text: '' },
    measure: { kind: f.kind, side: f.side, place: f.place },
  })),
  fc.tuple(base, assertion).map(([b, a]): Omit<AnalysedClaim, 'id'> => ({
    ...b, period: a.period, quantity: null, measure: null,
    assertion: { predicate: a.predicate, subject: a.subject, side: a.side, holds: a.holds },
  })),
);

function allPairs(claims: AnalysedClaim[]): DerivedLink[] {
  const links: DerivedLink[] = [];
  for (let i = 0; i < claims.length; i++) {
    for (let j = i + 1; j < claims.length; j++) links.push(...deriveLinks([claims[i]!, claims[j]!], ctx));
  }
  return links.sort((x, y) => (x.from + x.to).localeCompare(y.from + y.to));
}

describe('deriveLinks', () => {
  it('finds exactly the links that comparing every pair finds', () => {
    fc.assert(
      fc.property(fc.array(claim, { maxLength: 40 }), (drawn) => {
        const claims: AnalysedClaim[] = drawn.map((c, i) => ({ ...c, id: `claim:c${String(i).padStart(2, '0')}` }));
        expect(deriveLinks(claims, ctx)).toEqual(allPairs(claims));
      }),
      { numRuns: 300 },
    );
  });

  it('finds the same links, explained the same way, whatever order the claims come in', () => {
    fc.assert(
      fc.property(fc.array(claim, { maxLength: 30 }), (drawn) => {
        const claims: AnalysedClaim[] = drawn.map((c, i) => ({ ...c, id: `claim:c${String(i).padStart(2, '0')}` }));
        expect(deriveLinks([...claims].reverse(), ctx)).toEqual(deriveLinks(claims, ctx));
      }),
      { numRuns: 200 },
    );
  });

  it('the random claims do produce links of every rule (the property is not vacuous)', () => {
    const rules = new Set<string>();
    let nestedAcrossPlaces = 0;
    fc.assert(
      fc.property(fc.array(claim, { minLength: 20, maxLength: 40 }), (drawn) => {
        for (const l of deriveLinks(drawn.map((c, i) => ({ ...c, id: `claim:c${i}` })), ctx)) {
          rules.add(l.rule);
          if (l.explanation.includes('period and place lie')) nestedAcrossPlaces += 1;
        }
      }),
      { numRuns: 200, seed: 42 },
    );
    expect([...rules].sort()).toEqual(['cumulative-nested', 'denial', 'exclusive-control', 'opposite-assertions', 'same-assertion', 'same-scope-disjoint', 'same-scope-overlap']);
    expect(nestedAcrossPlaces).toBeGreaterThan(0);
  });

  it('compares assertions whose times only touch on one day', () => {
    const control = (id: string, side: string, when: Partial<AnalysedClaim>): AnalysedClaim => ({
      id, source: 'source:a', claimant: 'actor:isw', stance: 'ASSERTS', statedAt: null, period: null, quantity: null, measure: null,
      assertion: { predicate: 'CONTROLS', subject: 'place:pokrovsk', side, holds: true }, ...when,
    });
    const may = control('claim:a', 'actor:russia', { period: { start: { value: '2024-05', precision: 'MONTH' }, end: { value: '2024-05', precision: 'MONTH' } } });
    const lastDay = control('claim:b', 'actor:ukraine', { statedAt: { value: '2024-05-31', precision: 'DAY' } });
    const june = control('claim:c', 'actor:ukraine', { statedAt: { value: '2024-06-01', precision: 'DAY' } });
    expect(deriveLinks([may, lastDay, june], ctx).map((l) => [l.from, l.to, l.rule])).toEqual([['claim:b', 'claim:a', 'exclusive-control']]);
  });
});
