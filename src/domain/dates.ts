/**
 * Dates as precise as the text allows. "in 2024" is a year, "in December 2024" a month,
 * "on May 31" (in a 2024 report) a day; a claim never gets a finer date than its text gives.
 * A partial date covers an interval of days, from `earliest` to `latest`.
 */
export type DatePrecision = 'DAY' | 'MONTH' | 'YEAR';

export interface PartialDate {
  value: string;
  precision: DatePrecision;
}

export interface Period {
  start: PartialDate | null;
  end: PartialDate | null;
}

const FORMS: Array<[RegExp, DatePrecision]> = [
  [/^\d{4}$/, 'YEAR'],
  [/^\d{4}-(0[1-9]|1[0-2])$/, 'MONTH'],
  [/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'DAY'],
];

/** The precision that a value such as "2024", "2024-05" or "2024-05-31" has, or null if malformed. */
export function precisionOf(value: string): DatePrecision | null {
  for (const [re, precision] of FORMS) {
    if (re.test(value)) {
      if (precision === 'DAY' && !isRealDay(value)) return null;
      return precision;
    }
  }
  return null;
}

function isRealDay(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Parses "2024", "2024-05" or "2024-05-31" into a partial date, or throws a RangeError. */
export function parsePartialDate(value: string): PartialDate {
  const precision = precisionOf(value);
  if (!precision) throw new RangeError(`"${value}" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD`);
  return { value, precision };
}

export function isPartialDate(d: PartialDate): boolean {
  return precisionOf(d.value) === d.precision;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** First day the partial date can mean, as YYYY-MM-DD. */
export function earliestDay(d: PartialDate): string {
  if (d.precision === 'YEAR') return `${d.value}-01-01`;
  if (d.precision === 'MONTH') return `${d.value}-01`;
  return d.value;
}

/** Last day the partial date can mean, as YYYY-MM-DD. */
export function latestDay(d: PartialDate): string {
  if (d.precision === 'YEAR') return `${d.value}-12-31`;
  if (d.precision === 'MONTH') {
    const [y, m] = d.value.split('-').map(Number) as [number, number];
    return `${d.value}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
  }
  return d.value;
}

export interface DayRange {
  from: string | null;
  to: string | null;
}

/**
 * A date range from user input: `from` takes the earliest day of its value and `to` the latest,
 * so { from: "2024", to: "2024" } is the whole of 2024.
 */
export function dayRange(from: string | null | undefined, to: string | null | undefined): DayRange {
  const range: DayRange = {
    from: from ? earliestDay(parsePartialDate(from)) : null,
    to: to ? latestDay(parsePartialDate(to)) : null,
  };
  if (range.from && range.to && range.from > range.to) {
    throw new RangeError(`the range starts (${from}) after it ends (${to})`);
  }
  return range;
}
