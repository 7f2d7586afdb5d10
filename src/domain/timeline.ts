/**
 * Claims over time, for charts: counts per period bucket and side. The store counts per day, month
 * or year; seasons are made of their months here (winter takes December and the next January and
 * February), so every precision an analyst can ask for comes from one kind of store answer.
 */
import { earliestDay, latestDay, precisionOf, type DatePrecision, type PartialDate } from './dates.js';

/** Which date of a claim places it on a timeline: when it was stated, or when what it describes began. */
export type TimelineDate = 'STATED' | 'PERIOD';

export interface TimelineRow {
  /** The date (statement, or start of the period) cut to the bucket's width (a coarser date stays whole); null for undated claims. */
  bucket: string | null;
  side: string | null;
  claims: number;
  contested: number;
}

export interface TimelineBucket {
  period: PartialDate | null;
  side: string | null;
  claims: number;
  contested: number;
}

/** Characters of an ISO day that make a bucket of this precision; seasons are counted by month. */
export function bucketWidth(precision: DatePrecision): 4 | 7 | 10 {
  return precision === 'YEAR' ? 4 : precision === 'DAY' ? 10 : 7;
}

/** The season a month (YYYY-MM) falls in: December 2024 and January 2025 are both winter 2024. */
export function seasonOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  if (m === 12) return `${y}-winter`;
  if (m <= 2) return `${y - 1}-winter`;
  return `${y}-${m <= 5 ? 'spring' : m <= 8 ? 'summer' : 'autumn'}`;
}

/**
 * The store's rows as buckets of the precision asked for, ordered by period (a coarser date, such as
 * a claim dated only "2024" in a monthly timeline, before the finer buckets it spans; undated last),
 * then side.
 */
export function timelineBuckets(rows: readonly TimelineRow[], precision: DatePrecision): TimelineBucket[] {
  const merged = new Map<string, TimelineBucket>();
  for (const r of rows) {
    const value = r.bucket !== null && precision === 'SEASON' && precisionOf(r.bucket) === 'MONTH' ? seasonOf(r.bucket) : r.bucket;
    const key = `${value ?? '~'}|${r.side ?? '~'}`;
    const b = merged.get(key) ?? { period: value === null ? null : { value, precision: precisionOf(value)! }, side: r.side, claims: 0, contested: 0 };
    b.claims += r.claims;
    b.contested += r.contested;
    merged.set(key, b);
  }
  // By first day, the wider of two buckets starting together first (2024 before 2024-01), undated last, then by side.
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const undatedLast = (b: TimelineBucket) => (b.period ? 0 : 1);
  return [...merged.values()].sort((a, b) =>
    undatedLast(a) - undatedLast(b)
    || (a.period && b.period ? cmp(earliestDay(a.period), earliestDay(b.period)) || cmp(latestDay(b.period), latestDay(a.period)) : 0)
    || cmp(a.side ?? '~', b.side ?? '~'));
}
