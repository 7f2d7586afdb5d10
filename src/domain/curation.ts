/**
 * What curated writes check and compute before anything is stored, with no database: where a
 * quote lies in its source, ids for new nodes, the problems of an input (each naming its field
 * and, in a batch, its index), which claims analysis must compare, and what changed among links.
 */
import { parsePartialDate, type PartialDate } from './dates.js';
import type { ClaimData, LinkData, NodeLabel } from './model.js';
import { nameKey } from './names.js';

/** One thing wrong with an input: `field` is a path in it (`quote`, `period.end`), `index` its place in a batch. */
export interface InputProblem {
  index: number | null;
  field: string;
  message: string;
}

export class InputError extends Error {
  override name = 'InputError';
  constructor(readonly problems: InputProblem[]) {
    super(problems.map((p) => `${p.index === null ? '' : `input[${p.index}].`}${p.field}: ${p.message}`).join('; '));
  }
}

/** Collects problems, then throws them all at once: a client fixes a batch in one round. */
export class Problems {
  readonly list: InputProblem[] = [];
  add(index: number | null, field: string, message: string): void {
    this.list.push({ index, field, message });
  }
  throwIfAny(): void {
    if (this.list.length > 0) throw new InputError(this.list);
  }
  /** Adds a problem that stops the checks here, and throws it with every one found before it. */
  stop(index: number | null, field: string, message: string): never {
    this.add(index, field, message);
    throw new InputError(this.list);
  }
}

/**
 * Where the quote lies in the text, verbatim (UTF-16 offsets, as the seed's are): its first
 * occurrence. Null when the text does not contain it exactly.
 */
export function locateQuote(text: string, quote: string): { start: number; end: number } | null {
  if (!quote.trim()) return null;
  const start = text.indexOf(quote);
  return start < 0 ? null : { start, end: start + quote.length };
}

/** A partial date from its text, or a problem recorded and null. */
export function partialDate(problems: Problems, index: number | null, field: string, value: string | null | undefined): PartialDate | null {
  if (value === null || value === undefined || value === '') return null;
  try {
    return parsePartialDate(value.trim());
  } catch (error) {
    problems.add(index, field, (error as Error).message);
    return null;
  }
}

/** "place:", "actor:", ... then the name's key as a slug, cut at a word: `claim:russia-captured-avdiivka`. */
export function slugId(label: NodeLabel, name: string): string {
  const words = nameKey(name).normalize('NFKD').replace(/[^a-z0-9 ]/g, '').split(' ').filter(Boolean);
  let slug = '';
  for (const w of words) {
    if (slug && slug.length + w.length + 1 > 48) break;
    slug = slug ? `${slug}-${w}` : w;
  }
  return `${label.toLowerCase()}:${slug || 'x'}`;
}

/** Which claims incremental analysis compares with the written ones: same measure kind, or same subject. */
export function scopeOf(claims: readonly ClaimData[]): { measures: Array<{ kind: string; side: string | null }>; subjects: string[] } {
  return {
    measures: claims.flatMap((c) => (c.measure ? [{ kind: c.measure.kind, side: c.measure.side }] : [])),
    subjects: claims.flatMap((c) => (c.assertion ? [c.assertion.subject] : [])),
  };
}

type Typed = LinkData & { type: string };
const key = (l: Typed) => `${l.type}|${l.from}|${l.to}|${l.kind}`;
const same = (a: Typed, b: Typed) =>
  a.explanation === b.explanation && a.rule === b.rule && (a.independent ?? null) === (b.independent ?? null) && (a.dependence ?? null) === (b.dependence ?? null);

/** Links in `after` not in `before` (or changed), and links of `before` gone or changed: a changed link is in both lists. */
export function diffLinks<T extends Typed>(before: readonly T[], after: readonly T[]): { added: T[]; removed: T[] } {
  const was = new Map(before.map((l) => [key(l), l]));
  const is = new Map(after.map((l) => [key(l), l]));
  return {
    added: after.filter((l) => !was.has(key(l)) || !same(was.get(key(l))!, l)),
    removed: before.filter((l) => !is.has(key(l)) || !same(is.get(key(l))!, l)),
  };
}
