import { describe, expect, it } from 'vitest';
import { deriveLinks, placeWithin, type AnalysisContext } from '../../src/domain/analysis.js';
import type { PartialDate } from '../../src/domain/dates.js';
import type { Assertion, ClaimData, MeasureKind, Qualifier } from '../../src/domain/model.js';
import { describeQuantity, exceeds, intervalsOverlap, quantityInterval } from '../../src/domain/quantities.js';
import { describePeriod } from '../../src/domain/periods.js';

const d = (value: string): PartialDate => ({ value, precision: value.length === 4 ? 'YEAR' : value.length === 7 ? 'MONTH' : 'DAY' });

const ctx: AnalysisContext = {
  tolerance: 0.05,
  parentOf: new Map([['place:donetsk-oblast', ['place:ukraine']], ['place:pokrovsk', ['place:donetsk-oblast']]]),
  nameOf: new Map([
    ['actor:isw', 'ISW'], ['actor:belousov', 'Andrey Belousov'], ['actor:russia', 'Russia'], ['actor:ukraine', 'Ukraine'],
    ['place:ukraine', 'Ukraine'], ['place:donetsk-oblast', 'Donetsk Oblast'], ['actor:syrskyi', 'Oleksandr Syrskyi'],
    ['source:x', 'Article X'], ['place:kursk-oblast', 'Kursk Oblast'], ['actor:unnamed', 'unnamed sources'], ['place:avdiivka', 'Avdiivka'],
  ]),
};

type Figure = { id: string; claimant: string; value: number; qualifier: Qualifier; from: string | null; to: string | null; kind?: MeasureKind; place?: string; side?: string; stated?: string };

function figure(f: Figure): ClaimData {
  return {
    id: f.id, source: 'source:x', claimant: f.claimant, statement: '', quote: '', quoteStart: 0, quoteEnd: 0, about: [], topic: 'TERRITORY',
    stance: 'ASSERTS', hedged: false, statedAt: f.stated ? d(f.stated) : null,
    period: { start: f.from ? d(f.from) : null, end: f.to ? d(f.to) : null },
    quantity: { value: f.value, unit: f.kind === 'PERSONNEL_LOSSES' ? 'PEOPLE' : 'SQUARE_KILOMETERS', qualifier: f.qualifier, text: '' },
    measure: { kind: f.kind ?? 'TERRITORY_CAPTURED', side: f.side ?? 'actor:russia', place: f.place ?? 'place:ukraine' },
    assertion: null,
  };
}

function categorical(id: string, claimant: string, assertion: Assertion, stance: 'ASSERTS' | 'DENIES', when: string | null, source = 'source:x') {
  return { ...figure({ id, claimant, value: 0, qualifier: 'EXACT', from: null, to: null }), quantity: null, measure: null, period: null, statedAt: when ? d(when) : null, stance, source, assertion };
}

describe('quantities as intervals', () => {
  it('turn qualifiers into bands and open intervals', () => {
    const q = (value: number, qualifier: Qualifier) => quantityInterval({ value, unit: 'PEOPLE', qualifier, text: '' }, 0.05);
    expect(q(4200, 'APPROXIMATELY')).toEqual({ low: 3990, high: 4410, lowOpen: false, highOpen: false });
    expect(q(420000, 'MORE_THAN')).toEqual({ low: 420000, high: Infinity, lowOpen: true, highOpen: true });
    expect(q(300, 'AT_MOST')).toEqual({ low: 0, high: 300, lowOpen: false, highOpen: false });
    expect(intervalsOverlap(q(420000, 'EXACT'), q(420000, 'MORE_THAN'))).toBe(false);
    expect(intervalsOverlap(q(420000, 'EXACT'), q(420000, 'AT_LEAST'))).toBe(true);
    expect(exceeds(q(420000, 'MORE_THAN'), q(420000, 'EXACT'))).toBe(true);
    expect(exceeds(q(420000, 'AT_LEAST'), q(420000, 'EXACT'))).toBe(false);
    expect(describeQuantity({ value: 420000, unit: 'PEOPLE', qualifier: 'MORE_THAN', text: '' })).toBe('more than 420,000 people');
  });

  it('describe periods in words', () => {
    expect(describePeriod({ start: d('2024'), end: d('2024') })).toBe('in 2024');
    expect(describePeriod({ start: d('2024-01-01'), end: d('2024-04-29') })).toBe('from 1 January 2024 to 29 April 2024');
    expect(describePeriod({ start: d('2024'), end: d('2024-05-31') })).toBe('in 2024 up to 31 May 2024');
    expect(describePeriod({ start: d('2024-12'), end: d('2024-12') })).toBe('in December 2024');
  });
});

describe('numeric rules', () => {
  it('Belousov 880 km² for Jan 1 - Apr 29 against ISW about 752 km² in 2024 to May 31: contradiction', () => {
    const links = deriveLinks([
      figure({ id: 'claim:belousov', claimant: 'actor:belousov', value: 880, qualifier: 'EXACT', from: '2024-01-01', to: '2024-04-29', stated: '2024' }),
      figure({ id: 'claim:isw', claimant: 'actor:isw', value: 752, qualifier: 'APPROXIMATELY', from: '2024', to: '2024-05-31', stated: '2024-05-31' }),
    ], ctx);
    expect(links).toEqual([{
      type: 'CONTRADICTS', from: 'claim:isw', to: 'claim:belousov', kind: 'NUMERIC', rule: 'cumulative-nested',
      explanation: 'On territory captured by Russia: Andrey Belousov gives 880 km² in Ukraine from 1 January 2024 to 29 April 2024, more than ISW gives about 752 km² in Ukraine in 2024 up to 31 May 2024. The first period lies within the second, and territory captured only adds up over time, so both cannot be true.',
    }]);
  });

  it('the reverse of a nested excess is no contradiction', () => {
    expect(deriveLinks([
      figure({ id: 'claim:december', claimant: 'actor:isw', value: 593, qualifier: 'EXACT', from: '2024-12', to: '2024-12' }),
      figure({ id: 'claim:year', claimant: 'actor:isw', value: 4200, qualifier: 'APPROXIMATELY', from: '2024', to: '2024' }),
    ], ctx)).toEqual([]);
  });

  it('4,168 km² against about 4,200 km² in 2024: corroboration', () => {
    const links = deriveLinks([
      figure({ id: 'claim:a', claimant: 'source:x', value: 4168, qualifier: 'EXACT', from: '2024', to: '2024' }),
      figure({ id: 'claim:b', claimant: 'actor:isw', value: 4200, qualifier: 'APPROXIMATELY', from: '2024', to: '2024' }),
    ], ctx);
    expect(links).toMatchObject([{ type: 'CORROBORATES', kind: 'NUMERIC', rule: 'same-scope-overlap' }]);
    expect(links[0]!.explanation).toContain('the article "Article X" gives 4,168 km² in Ukraine in 2024');
  });

  it("427,000 losses against Syrskyi's 'exceeded 420,000': corroboration; 410,000 would contradict", () => {
    const syrskyi = figure({ id: 'claim:syrskyi', claimant: 'actor:syrskyi', value: 420000, qualifier: 'MORE_THAN', from: '2024', to: '2024', kind: 'PERSONNEL_LOSSES' });
    expect(deriveLinks([figure({ id: 'claim:ua', claimant: 'actor:ukraine', value: 427000, qualifier: 'EXACT', from: '2024', to: '2024', kind: 'PERSONNEL_LOSSES' }), syrskyi], ctx))
      .toMatchObject([{ type: 'CORROBORATES', rule: 'same-scope-overlap' }]);
    expect(deriveLinks([figure({ id: 'claim:low', claimant: 'actor:ukraine', value: 410000, qualifier: 'EXACT', from: '2024', to: '2024', kind: 'PERSONNEL_LOSSES' }), syrskyi], ctx))
      .toMatchObject([{ type: 'CONTRADICTS', rule: 'same-scope-disjoint' }]);
  });

  it('equal bounds: "more than 420,000" against exactly 420,000 contradict', () => {
    expect(deriveLinks([
      figure({ id: 'claim:a', claimant: 'actor:ukraine', value: 420000, qualifier: 'EXACT', from: '2024', to: '2024', kind: 'PERSONNEL_LOSSES' }),
      figure({ id: 'claim:b', claimant: 'actor:syrskyi', value: 420000, qualifier: 'MORE_THAN', from: '2024', to: '2024', kind: 'PERSONNEL_LOSSES' }),
    ], ctx)).toMatchObject([{ type: 'CONTRADICTS', rule: 'same-scope-disjoint' }]);
  });

  it('does not compare a figure for Donetsk Oblast with one for Ukraine as the same thing', () => {
    expect(deriveLinks([
      figure({ id: 'claim:oblast', claimant: 'actor:isw', value: 1000, qualifier: 'EXACT', from: '2024', to: '2024', place: 'place:donetsk-oblast' }),
      figure({ id: 'claim:country', claimant: 'actor:isw', value: 4200, qualifier: 'APPROXIMATELY', from: '2024', to: '2024' }),
    ], ctx)).toEqual([]);
    // ... but a part cannot exceed the whole over the same period.
    expect(deriveLinks([
      figure({ id: 'claim:oblast', claimant: 'actor:isw', value: 5000, qualifier: 'EXACT', from: '2024', to: '2024', place: 'place:donetsk-oblast' }),
      figure({ id: 'claim:country', claimant: 'actor:isw', value: 4200, qualifier: 'APPROXIMATELY', from: '2024', to: '2024' }),
    ], ctx)).toMatchObject([{ type: 'CONTRADICTS', rule: 'cumulative-nested' }]);
    expect(placeWithin('place:pokrovsk', 'place:ukraine', ctx.parentOf)).toBe(true);
    expect(placeWithin('place:ukraine', 'place:pokrovsk', ctx.parentOf)).toBe(false);
  });

  it('periods that merely differ are not a contradiction; year and day precision are told apart', () => {
    expect(deriveLinks([
      figure({ id: 'claim:a', claimant: 'actor:isw', value: 100, qualifier: 'EXACT', from: '2024-01', to: '2024-06' }),
      figure({ id: 'claim:b', claimant: 'actor:isw', value: 900, qualifier: 'EXACT', from: '2024-03', to: '2024-12' }),
    ], ctx)).toEqual([]);
    // "in 2024" is not the same period as "1 January to 31 December 2024"? It is: the same days.
    expect(deriveLinks([
      figure({ id: 'claim:a', claimant: 'actor:isw', value: 100, qualifier: 'EXACT', from: '2024', to: '2024' }),
      figure({ id: 'claim:b', claimant: 'actor:isw', value: 900, qualifier: 'EXACT', from: '2024-01-01', to: '2024-12-31' }),
    ], ctx)).toMatchObject([{ rule: 'same-scope-disjoint' }]);
  });

  it('open intervals: a figure "since 2024" is not within "in 2024"', () => {
    expect(deriveLinks([
      figure({ id: 'claim:a', claimant: 'actor:isw', value: 5000, qualifier: 'EXACT', from: '2024', to: null }),
      figure({ id: 'claim:b', claimant: 'actor:isw', value: 4200, qualifier: 'EXACT', from: '2024', to: '2024' }),
    ], ctx)).toEqual([]);
  });

  it('compares only the same measure for the same side', () => {
    expect(deriveLinks([
      figure({ id: 'claim:a', claimant: 'actor:isw', value: 100, qualifier: 'EXACT', from: '2024', to: '2024', side: 'actor:ukraine' }),
      figure({ id: 'claim:b', claimant: 'actor:isw', value: 900, qualifier: 'EXACT', from: '2024', to: '2024' }),
      figure({ id: 'claim:c', claimant: 'actor:isw', value: 900, qualifier: 'EXACT', from: '2024', to: '2024', kind: 'PERSONNEL_LOSSES' }),
    ], ctx)).toEqual([]);
  });
});

describe('categorical rules', () => {
  const risk: Assertion = { predicate: 'AT_RISK_OF_ENCIRCLEMENT', subject: 'place:kursk-oblast', side: 'actor:ukraine', holds: true };

  it('a denial conflicts with the claim it denies, undated claims of one report count as simultaneous', () => {
    const links = deriveLinks([
      categorical('claim:risk', 'actor:unnamed', risk, 'ASSERTS', null),
      categorical('claim:denial', 'actor:syrskyi', risk, 'DENIES', null),
    ], ctx);
    expect(links).toMatchObject([{ type: 'CONTRADICTS', from: 'claim:denial', to: 'claim:risk', kind: 'DENIAL', rule: 'denial' }]);
    expect(links[0]!.explanation).toBe('According to unnamed sources, forces of Ukraine are at risk of encirclement in Kursk Oblast (at an unstated time); according to Oleksandr Syrskyi, forces of Ukraine are not at risk of encirclement in Kursk Oblast (at an unstated time). One denies what the other asserts.');
  });

  it('opposite assertions conflict only at overlapping times', () => {
    const controls = (holds: boolean): Assertion => ({ predicate: 'CONTROLS', subject: 'place:pokrovsk', side: 'actor:ukraine', holds });
    expect(deriveLinks([categorical('claim:a', 'actor:isw', controls(true), 'ASSERTS', '2024-12'), categorical('claim:b', 'actor:russia', controls(false), 'ASSERTS', '2024-12-15')], ctx))
      .toMatchObject([{ kind: 'CATEGORICAL', rule: 'opposite-assertions' }]);
    expect(deriveLinks([categorical('claim:a', 'actor:isw', controls(true), 'ASSERTS', '2024-12'), categorical('claim:b', 'actor:russia', controls(false), 'ASSERTS', '2025-03')], ctx)).toEqual([]);
    expect(deriveLinks([categorical('claim:a', 'actor:isw', controls(true), 'ASSERTS', null), categorical('claim:b', 'actor:russia', controls(false), 'ASSERTS', null, 'source:y')], ctx)).toEqual([]);
  });

  it('two claims asserting the same thing at overlapping times corroborate each other', () => {
    const captured: Assertion = { predicate: 'CAPTURED', subject: 'place:avdiivka', side: 'actor:russia', holds: true };
    const links = deriveLinks([
      { ...categorical('claim:article', 'source:x', captured, 'ASSERTS', null), period: { start: d('2024'), end: d('2024') } },
      { ...categorical('claim:isw', 'actor:isw', captured, 'ASSERTS', null, 'source:y'), period: { start: d('2024'), end: d('2024') } },
    ], ctx);
    expect(links).toEqual([{
      type: 'CORROBORATES', from: 'claim:article', to: 'claim:isw', kind: 'CATEGORICAL', rule: 'same-assertion',
      explanation: 'According to ISW, Russia captured Avdiivka (in 2024); according to the article "Article X", Russia captured Avdiivka (in 2024). They state the same thing about the same subject at overlapping times.',
    }]);
  });

  it('a denial agrees with a claim of the negation; the same words differ with another side, predicate or time', () => {
    const breakthrough = (holds: boolean, side = 'actor:russia', predicate: Assertion['predicate'] = 'BREAKTHROUGH'): Assertion => ({ predicate, subject: 'place:donetsk-oblast', side, holds });
    const [denial, none] = [categorical('claim:denial', 'actor:ukraine', breakthrough(true), 'DENIES', null), categorical('claim:none', 'actor:isw', breakthrough(false), 'ASSERTS', null)];
    expect(deriveLinks([denial, none], ctx)).toMatchObject([{ type: 'CORROBORATES', kind: 'CATEGORICAL', rule: 'same-assertion' }]);
    expect(deriveLinks([denial, none], ctx)[0]!.explanation).toBe(
      'According to ISW, Russia did not make a major breakthrough in Donetsk Oblast (at an unstated time); according to Ukraine, Russia did not make a major breakthrough in Donetsk Oblast (at an unstated time). They state the same thing about the same subject at overlapping times.',
    );
    expect(deriveLinks([none, categorical('claim:b', 'actor:russia', breakthrough(false, 'actor:ukraine'), 'ASSERTS', null)], ctx)).toEqual([]);
    expect(deriveLinks([none, categorical('claim:b', 'actor:russia', breakthrough(false, 'actor:russia', 'ADVANCING'), 'ASSERTS', null)], ctx)).toEqual([]);
    // Undated claims of two reports are not compared; dated ones only when their times overlap.
    expect(deriveLinks([none, categorical('claim:b', 'actor:russia', breakthrough(false), 'ASSERTS', null, 'source:y')], ctx)).toEqual([]);
    expect(deriveLinks([
      categorical('claim:a', 'actor:isw', breakthrough(false), 'ASSERTS', '2024-05'), categorical('claim:b', 'actor:ukraine', breakthrough(false), 'ASSERTS', '2024-06'),
    ], ctx)).toEqual([]);
  });

  it('two sides cannot control one place at once', () => {
    expect(deriveLinks([
      categorical('claim:a', 'actor:isw', { predicate: 'CONTROLS', subject: 'place:pokrovsk', side: 'actor:ukraine', holds: true }, 'ASSERTS', '2024'),
      categorical('claim:b', 'actor:russia', { predicate: 'CONTROLS', subject: 'place:pokrovsk', side: 'actor:russia', holds: true }, 'ASSERTS', '2024-06'),
    ], ctx)).toMatchObject([{ kind: 'CATEGORICAL', rule: 'exclusive-control', from: 'claim:b', to: 'claim:a' }]);
  });
});
