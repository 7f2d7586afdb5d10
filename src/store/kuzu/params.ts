/**
 * The guard in front of Kuzu 0.11, which can bring the whole process down on misuse: a parameter
 * missing, or an empty list bound to one, segfaults it. Every statement passes here first.
 */
import { StoreQueryError } from '../errors.js';

const PARAM = /\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Every `$name` bound, nothing extra, no empty or undefined list, no list of non-scalars. */
export function checkParams(text: string, params: Record<string, unknown>): void {
  const used = new Set([...text.matchAll(PARAM)].map((m) => m[1]!));
  for (const name of used) {
    if (!(name in params) || params[name] === undefined) throw new StoreQueryError(`parameter $${name} is missing`);
    const v = params[name];
    if (Array.isArray(v) && v.length === 0) throw new StoreQueryError(`parameter $${name} is an empty list`);
    if (Array.isArray(v) && v.some((x) => x === null || x === undefined || typeof x === 'object')) {
      throw new StoreQueryError(`parameter $${name} must be a list of scalars`);
    }
    if (typeof v === 'number' && !Number.isFinite(v)) throw new StoreQueryError(`parameter $${name} is not a finite number`);
  }
  for (const name of Object.keys(params)) {
    if (!used.has(name)) throw new StoreQueryError(`parameter $${name} is not used by the statement`);
  }
}
