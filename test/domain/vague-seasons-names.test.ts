/** What issue 10 asks of the domain's words: vague amounts stay vague, seasons stay seasons, Cyrillic names fold. */
import { describe, expect, it } from 'vitest';
import { dayRange, earliestDay, latestDay, parsePartialDate } from '../../src/domain/dates.js';
import { nameKey } from '../../src/domain/names.js';
import { describePeriod } from '../../src/domain/periods.js';
import { describeQuantity } from '../../src/domain/quantities.js';

describe('vague amounts', () => {
  it('are described in their own words with the bound they entail, never as a stated figure', () => {
    const thousands = { value: 2000, unit: 'PEOPLE', qualifier: 'AT_LEAST', text: 'Thousands', vague: true } as const;
    expect(describeQuantity(thousands)).toBe('“Thousands” (no figure given; at least 2,000 people)');
    expect(describeQuantity({ ...thousands, vague: false })).toBe('at least 2,000 people');
    expect(describeQuantity({ value: 752, unit: 'SQUARE_KILOMETERS', qualifier: 'APPROXIMATELY', text: 'about 752 square kilometers' })).toBe('about 752 km²');
  });
});

describe('seasons', () => {
  it('span their meteorological months, winter into the next year', () => {
    const days = (v: string) => [earliestDay(parsePartialDate(v)), latestDay(parsePartialDate(v))];
    expect(days('2024-spring')).toEqual(['2024-03-01', '2024-05-31']);
    expect(days('2024-summer')).toEqual(['2024-06-01', '2024-08-31']);
    expect(days('2024-autumn')).toEqual(['2024-09-01', '2024-11-30']);
    expect(days('2023-winter')).toEqual(['2023-12-01', '2024-02-29']);
    expect(parsePartialDate('2024-autumn').precision).toBe('SEASON');
    expect(() => parsePartialDate('2024-fall')).toThrow(/season such as 2024-autumn/);
  });

  it('read as seasons, and filter as their days', () => {
    const autumn = parsePartialDate('2024-autumn');
    expect(describePeriod({ start: autumn, end: autumn })).toBe('in autumn 2024');
    expect(describePeriod({ start: autumn, end: parsePartialDate('2024-12') })).toBe('from autumn 2024 to December 2024');
    expect(dayRange('2024-autumn', '2024-autumn')).toEqual({ from: '2024-09-01', to: '2024-11-30' });
  });
});

describe('names in Cyrillic', () => {
  it('fold case, ё/е, й/и, ї/і and apostrophes the way Latin names do', () => {
    expect(nameKey('СУДЖА')).toBe(nameKey('Суджа'));
    expect(nameKey('Артёмовск')).toBe(nameKey('Артемовск'));
    expect(nameKey('Київ')).toBe(nameKey('Киів'));
    expect(nameKey("Слов'янськ")).toBe(nameKey('Словʼянськ'));
    expect(nameKey('Слов’янськ')).toBe('словянськ');
    expect(nameKey('Покровськ')).not.toBe(nameKey('Pokrovsk'));
  });
});
