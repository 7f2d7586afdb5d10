/**
 * Periods as day intervals. "in 2024" is 2024-01-01..2024-12-31; "from January 1 to April 29, 2024"
 * is exact to the day; an open bound stretches to the edge of time.
 */
import { earliestDay, latestDay, type PartialDate, type Period } from './dates.js';

export interface DayInterval {
  from: string;
  to: string;
}

const BEGINNING = '0000-01-01';
const END = '9999-12-31';

export function periodDays(period: Period): DayInterval {
  return {
    from: period.start ? earliestDay(period.start) : BEGINNING,
    to: period.end ? latestDay(period.end) : END,
  };
}

/** The days a partial date can mean. */
export function dateDays(d: PartialDate): DayInterval {
  return { from: earliestDay(d), to: latestDay(d) };
}

export function sameDays(a: DayInterval, b: DayInterval): boolean {
  return a.from === b.from && a.to === b.to;
}

export function daysWithin(inner: DayInterval, outer: DayInterval): boolean {
  return outer.from <= inner.from && inner.to <= outer.to;
}

export function daysOverlap(a: DayInterval, b: DayInterval): boolean {
  return a.from <= b.to && b.from <= a.to;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2024", "autumn 2024", "December 2024", "31 May 2024". */
export function describeDate(d: PartialDate): string {
  const [y, m, day] = d.value.split('-');
  if (d.precision === 'YEAR') return y!;
  if (d.precision === 'SEASON') return `${m} ${y}`;
  if (d.precision === 'MONTH') return `${MONTHS[Number(m) - 1]} ${y}`;
  return `${Number(day)} ${MONTHS[Number(m) - 1]} ${y}`;
}

/** "in 2024", "from 1 January 2024 to 29 April 2024", "since 2024", "until 31 May 2024". */
export function describePeriod(p: Period): string {
  if (p.start && p.end) {
    if (p.start.value === p.end.value) return `in ${describeDate(p.start)}`;
    if (p.start.precision === 'YEAR' && p.end.value.startsWith(p.start.value) && p.end.precision === 'DAY') {
      return `in ${p.start.value} up to ${describeDate(p.end)}`;
    }
    return `from ${describeDate(p.start)} to ${describeDate(p.end)}`;
  }
  if (p.start) return `since ${describeDate(p.start)}`;
  if (p.end) return `until ${describeDate(p.end)}`;
  return 'at an unstated time';
}
