import { describe, expect, it } from 'vitest';
import { dayRange, earliestDay, latestDay, parseInstant, parsePartialDate, precisionOf } from '../../src/domain/dates.js';

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

describe('instants (changes since)', () => {
  it('read an ISO day from midnight UTC, and an instant with its offset', () => {
    expect(parseInstant('2026-11-27')).toBe('2026-11-27T00:00:00.000Z');
    expect(parseInstant('2026-11-27T10:00Z')).toBe('2026-11-27T10:00:00.000Z');
    expect(parseInstant('2026-11-27T12:00:00.5+02:00')).toBe('2026-11-27T10:00:00.500Z');
  });

  it('refuse what Date.parse would guess at: other forms, local times, days the calendar lacks', () => {
    for (const bad of ['1', 'March 2024', 'Wed, 27 Nov 2026 10:00:00 GMT', '2026-11-27T10:00:00', '2024-02-30', '2024-13-01', '2026-11-27T24:00Z', '', 'yesterday']) {
      expect(parseInstant(bad), bad).toBeNull();
    }
  });
});
