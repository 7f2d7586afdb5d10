import { describe, expect, it } from 'vitest';
import { seasonOf, timelineBuckets } from '../../src/domain/timeline.js';

describe('timeline buckets', () => {
  it('put December and the next January and February in one winter', () => {
    expect(['2024-12', '2025-01', '2025-02', '2025-03', '2024-06', '2024-11'].map(seasonOf)).toEqual([
      '2024-winter', '2024-winter', '2024-winter', '2025-spring', '2024-summer', '2024-autumn',
    ]);
  });

  it('merge months into seasons per side, in time order, undated last', () => {
    const rows = [
      { bucket: '2024-09', side: 'actor:russia', claims: 2, contested: 1 },
      { bucket: '2024-11', side: 'actor:russia', claims: 1, contested: 0 },
      { bucket: '2024-12', side: 'actor:russia', claims: 4, contested: 2 },
      { bucket: '2025-01', side: 'actor:russia', claims: 1, contested: 1 },
      { bucket: '2024-10', side: null, claims: 3, contested: 0 },
      { bucket: null, side: 'actor:ukraine', claims: 5, contested: 1 },
    ];
    expect(timelineBuckets(rows, 'SEASON')).toEqual([
      { period: { value: '2024-autumn', precision: 'SEASON' }, side: 'actor:russia', claims: 3, contested: 1 },
      { period: { value: '2024-autumn', precision: 'SEASON' }, side: null, claims: 3, contested: 0 },
      { period: { value: '2024-winter', precision: 'SEASON' }, side: 'actor:russia', claims: 5, contested: 3 },
      { period: null, side: 'actor:ukraine', claims: 5, contested: 1 },
    ]);
    expect(timelineBuckets(rows, 'MONTH').map((b) => b.period?.value ?? null)).toEqual(['2024-09', '2024-10', '2024-11', '2024-12', '2025-01', null]);
  });
});

describe('timeline buckets of imprecise dates', () => {
  it('keep a date coarser than the bucket whole, before the finer buckets it spans', () => {
    const rows = [
      { bucket: '2024-05', side: null, claims: 1, contested: 0 },
      { bucket: '2024', side: null, claims: 2, contested: 1 },
      { bucket: '2024-autumn', side: null, claims: 1, contested: 0 },
      { bucket: '2024-10', side: null, claims: 1, contested: 0 },
    ];
    expect(timelineBuckets(rows, 'MONTH').map((b) => b.period)).toEqual([
      { value: '2024', precision: 'YEAR' }, { value: '2024-05', precision: 'MONTH' },
      { value: '2024-autumn', precision: 'SEASON' }, { value: '2024-10', precision: 'MONTH' },
    ]);
    expect(timelineBuckets(rows, 'SEASON').map((b) => [b.period?.value, b.claims])).toEqual([['2024', 2], ['2024-spring', 1], ['2024-autumn', 2]]);
  });
});
