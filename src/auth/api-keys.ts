/**
 * API keys: `name:role:key` entries of API_KEYS. Parsing checks every entry at start; matching
 * compares SHA-256 digests with timingSafeEqual against every key, so neither a key's length nor
 * how much of it a guess got right shows in the time an answer takes.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isRole, ROLES, type Role, type Viewer } from './roles.js';

export interface ApiKey {
  name: string;
  role: Role;
  key: string;
}

/** Names appear in logs and in the audit trail, so they are kept plain. */
const NAME = /^[\w.@-]{1,64}$/;
/** Shorter keys could be guessed. */
export const MIN_KEY_LENGTH = 16;

/**
 * The entries of API_KEYS (comma- or newline-separated; a key may itself hold colons), or the
 * problems with them, one per bad entry. Problems name an entry by its position and, when valid,
 * its name, and never show a key or anything that might be one (a misplaced field could be).
 */
export function parseApiKeys(text: string): { keys: ApiKey[]; problems: string[] } {
  const keys: ApiKey[] = [];
  const problems: string[] = [];
  const entries = text.split(/[,\n]/).map((e) => e.trim()).filter(Boolean);
  const seenNames = new Map<string, number>();
  const seenKeys = new Map<string, number>();
  entries.forEach((entry, i) => {
    const n = i + 1;
    const parts = entry.split(':');
    if (parts.length < 3) {
      problems.push(`entry ${n} must be name:role:key; it has ${parts.length === 1 ? 'no colon' : 'only two parts'}`);
      return;
    }
    const name = parts[0]!.trim();
    const role = parts[1]!.trim().toLowerCase();
    const key = parts.slice(2).join(':').trim();
    const label = NAME.test(name) ? `entry ${n} ("${name}")` : `entry ${n}`;
    let ok = true;
    if (!NAME.test(name)) {
      problems.push(`${label}: the name must be 1 to 64 letters, digits or _ . @ -`);
      ok = false;
    }
    if (!isRole(role)) {
      problems.push(`${label}: the role must be one of ${ROLES.join(', ')}`);
      ok = false;
    }
    if (key.length < MIN_KEY_LENGTH) {
      problems.push(`${label}: the key must be at least ${MIN_KEY_LENGTH} characters long`);
      ok = false;
    }
    const sameName = seenNames.get(name);
    if (NAME.test(name) && sameName !== undefined) {
      problems.push(`entries ${sameName} and ${n} have the same name "${name}"`);
      ok = false;
    }
    const sameKey = seenKeys.get(key);
    if (key && sameKey !== undefined) {
      problems.push(`entries ${sameKey} and ${n} have the same key`);
      ok = false;
    }
    if (!seenNames.has(name)) seenNames.set(name, n);
    if (key && !seenKeys.has(key)) seenKeys.set(key, n);
    if (ok) keys.push({ name, role: role as Role, key });
  });
  return { keys, problems };
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether a token is `secret`, compared as SHA-256 digests with timingSafeEqual: the time taken
 * tells nothing of the secret, its length included.
 */
export function secretMatcher(secret: string): (token: string) => boolean {
  const expected = digest(secret);
  return (token) => timingSafeEqual(digest(token), expected);
}

/** A matcher over `keys`: the viewer a key names, or undefined when it is none of them. */
export function apiKeyMatcher(keys: readonly ApiKey[]): (token: string) => Viewer | undefined {
  const known = keys.map((k) => ({ viewer: { name: k.name, role: k.role }, digest: digest(k.key) }));
  return (token) => {
    const given = digest(token);
    let found: Viewer | undefined;
    // Every key is compared, match or not: the time taken does not depend on which one matched.
    for (const k of known) if (timingSafeEqual(given, k.digest) && found === undefined) found = k.viewer;
    return found;
  };
}
