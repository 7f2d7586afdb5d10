import { describe, expect, it } from 'vitest';
import { dayRange, earliestDay, latestDay, parsePartialDate, precisionOf } from '../../src/domain/dates.js';

describe('partial dates', () => {
  it('know their precision and reject what is not a date', () => {
    expect(precisionOf('2024')).toBe('YEAR');
    expect(precisionOf('2024-12')).toBe('MONTH');
    expect(precisionOf('2024-05-31')).toBe('DAY');
    for (const bad of ['24', '2024-13', '2024-02-30', '2024-5-1', 'May 2024', '']) expect(precisionOf(bad), bad).toBeNull();
    expect(() => parsePartialDate('2023-02-29')).toThrow('"2023-02-29" is not a date');
  });

  it('cover the days they can mean', () => {
    expect([earliestDay({ value: '2024', precision: 'YEAR' }), latestDay({ value: '2024', precision: 'YEAR' })]).toEqual(['2024-01-01', '2024-12-31']);
    expect(latestDay({ value: '2024-02', precision: 'MONTH' })).toBe('2024-02-29');
    expect(latestDay({ value: '2023-02', precision: 'MONTH' })).toBe('2023-02-28');
    expect(latestDay({ value: '2024-05-31', precision: 'DAY' })).toBe('2024-05-31');
  });

  it('make ranges from partial bounds, open on either side', () => {
    expect(dayRange('2024', '2024')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(dayRange('2024-12', null)).toEqual({ from: '2024-12-01', to: null });
    expect(dayRange(undefined, '2024-04')).toEqual({ from: null, to: '2024-04-30' });
    expect(dayRange('2024-05', '2024-05')).toEqual({ from: '2024-05-01', to: '2024-05-31' });
    expect(() => dayRange('2025', '2024')).toThrow('starts (2025) after it ends (2024)');
  });
});
