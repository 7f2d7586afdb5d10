/**
 * Dates as precise as the text allows. "in 2024" is a year, "in December 2024" a month, "during
 * the autumn" (of 2024) a season, "on May 31" (in a 2024 report) a day; a claim never gets a finer
 * date than its text gives. A partial date covers an interval of days, from `earliest` to `latest`.
 */
export type DatePrecision = 'DAY' | 'MONTH' | 'SEASON' | 'YEAR';

/**
 * Meteorological seasons of the northern hemisphere, by their first and last month. Winter starts
 * in December of its year and ends in February of the next: "2024-winter" is Dec 2024 - Feb 2025.
 */
export const SEASONS = { spring: [3, 5], summer: [6, 8], autumn: [9, 11], winter: [12, 14] } as const;
export type Season = keyof typeof SEASONS;

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
  [/^\d{4}-(spring|summer|autumn|winter)$/, 'SEASON'],
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
  if (!precision) throw new RangeError(`"${value}" is not a date: use YYYY, YYYY-MM, YYYY-MM-DD or a season such as 2024-autumn`);
  return { value, precision };
}

export function isPartialDate(d: PartialDate): boolean {
  return precisionOf(d.value) === d.precision;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A season's first and last month as [year, month] pairs (winter's last month is in the next year). */
function seasonMonths(value: string): [[number, number], [number, number]] {
  const [year, season] = value.split('-') as [string, Season];
  const [first, last] = SEASONS[season];
  const y = Number(year);
  return [[y, first], last > 12 ? [y + 1, last - 12] : [y, last]];
}

const month = ([y, m]: [number, number]) => `${y}-${String(m).padStart(2, '0')}`;

/** First day the partial date can mean, as YYYY-MM-DD. */
export function earliestDay(d: PartialDate): string {
  if (d.precision === 'YEAR') return `${d.value}-01-01`;
  if (d.precision === 'SEASON') return `${month(seasonMonths(d.value)[0])}-01`;
  if (d.precision === 'MONTH') return `${d.value}-01`;
  return d.value;
}

/** Last day the partial date can mean, as YYYY-MM-DD. */
export function latestDay(d: PartialDate): string {
  if (d.precision === 'YEAR') return `${d.value}-12-31`;
  if (d.precision === 'SEASON') {
    const [y, m] = seasonMonths(d.value)[1];
    return `${month([y, m])}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
  }
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

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * An ISO 8601 day (`2026-11-27`, its first instant in UTC) or instant with its offset
 * (`2026-11-27T10:00:00Z`, `...+02:00`) as an ISO instant in UTC; null for anything else: other
 * forms that Date.parse would read in the server's own time zone, a time without an offset, or a
 * day the calendar does not have (2024-02-30).
 */
export function parseInstant(text: string): string | null {
  const m = INSTANT.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (day.getUTCMonth() !== Number(mo) - 1 || day.getUTCDate() !== Number(d)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  const ms = Date.parse(m[4] === undefined ? `${y}-${mo}-${d}T00:00:00Z` : text.trim());
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
