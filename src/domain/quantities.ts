/**
 * Numbers as intervals. "about 4,200" is a band around 4,200; "exceeded 420,000" is (420,000, ∞);
 * "at most 300" is [0, 300]. Two figures agree when their intervals overlap.
 */
import type { Qualifier, Quantity, Unit } from './model.js';

export interface Interval {
  low: number;
  high: number;
  lowOpen: boolean;
  highOpen: boolean;
}

/** Every unit we record is already a base unit; the table is where conversions (e.g. mi² -> km²) belong. */
const BASE_UNIT: Record<Unit, { base: Unit; factor: number; symbol: string }> = {
  SQUARE_KILOMETERS: { base: 'SQUARE_KILOMETERS', factor: 1, symbol: 'km²' },
  PEOPLE: { base: 'PEOPLE', factor: 1, symbol: 'people' },
  SQUARE_KILOMETERS_PER_DAY: { base: 'SQUARE_KILOMETERS_PER_DAY', factor: 1, symbol: 'km²/day' },
  PEOPLE_PER_SQUARE_KILOMETER: { base: 'PEOPLE_PER_SQUARE_KILOMETER', factor: 1, symbol: 'people/km²' },
  TIMES: { base: 'TIMES', factor: 1, symbol: 'times' },
  YEARS: { base: 'YEARS', factor: 1, symbol: 'years' },
  DAYS: { base: 'YEARS', factor: 1 / 365.25, symbol: 'days' },
  COUNT: { base: 'COUNT', factor: 1, symbol: '' },
};

export function baseUnit(unit: Unit): Unit {
  return BASE_UNIT[unit].base;
}

/**
 * The interval a quantity stands for, in its base unit. `tolerance` is the relative half-width of
 * an approximate figure (0.05: "about 4,200" is 3,990 to 4,410). Quantities here are never negative.
 */
export function quantityInterval(q: Quantity, tolerance: number): Interval {
  const v = q.value * BASE_UNIT[q.unit].factor;
  const bands: Record<Qualifier, Interval> = {
    EXACT: { low: v, high: v, lowOpen: false, highOpen: false },
    APPROXIMATELY: { low: v * (1 - tolerance), high: v * (1 + tolerance), lowOpen: false, highOpen: false },
    AT_LEAST: { low: v, high: Infinity, lowOpen: false, highOpen: true },
    MORE_THAN: { low: v, high: Infinity, lowOpen: true, highOpen: true },
    AT_MOST: { low: 0, high: v, lowOpen: false, highOpen: false },
    LESS_THAN: { low: 0, high: v, lowOpen: false, highOpen: true },
  };
  return bands[q.qualifier];
}

/** True when some value lies in both intervals. */
export function intervalsOverlap(a: Interval, b: Interval): boolean {
  if (a.low > b.high || b.low > a.high) return false;
  if (a.low === b.high && (a.lowOpen || b.highOpen)) return false;
  if (b.low === a.high && (b.lowOpen || a.highOpen)) return false;
  return true;
}

/** True when every value of `a` is greater than every value of `b`. */
export function exceeds(a: Interval, b: Interval): boolean {
  return a.low > b.high || (a.low === b.high && (a.lowOpen || b.highOpen));
}

const QUALIFIER_WORDS: Record<Qualifier, string> = {
  EXACT: '',
  APPROXIMATELY: 'about ',
  AT_LEAST: 'at least ',
  MORE_THAN: 'more than ',
  AT_MOST: 'at most ',
  LESS_THAN: 'less than ',
};

/**
 * "about 752 km²", "more than 420,000 people". A vague amount ("Thousands") is given in its own
 * words with the bound it entails, never as a figure the text stated: "“thousands” (no figure given; at least 2,000 people)".
 */
export function describeQuantity(q: Quantity): string {
  const symbol = BASE_UNIT[q.unit].symbol;
  const figure = `${QUALIFIER_WORDS[q.qualifier]}${q.value.toLocaleString('en-US')}${symbol ? ` ${symbol}` : ''}`;
  return q.vague ? `“${q.text}” (no figure given; ${figure})` : figure;
}
