/**
 * Name matching for actors, places and events. The corpus spells the same name several ways
 * (Avdiivka / Avdijivka, Zelensky / Zelenskyi, Syrskyi / Syrsky); transliteration variants are
 * recorded as aliases, and every lookup compares *keys*: case-, diacritics- and
 * punctuation-insensitive forms of a name.
 */

/** The comparison key of a name: "Vovchans’k" and "vovchans'k" and "VOVCHANSK" share one key. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // combining marks left by NFKD: é -> e, й -> и
    .toLowerCase()
    .replace(/['’ʼ`´‘]/g, '') // apostrophes inside transliterations: Vovchans'k
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Every distinct key under which an entity can be found: its name and each alias. */
export function nameKeys(name: string, aliases: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const n of [name, ...aliases]) {
    const key = nameKey(n);
    if (key) keys.add(key);
  }
  return [...keys];
}

export interface NamedCandidate {
  id: string;
  label: string;
  name: string;
}

export type NameResolution<T extends NamedCandidate> =
  | { kind: 'found'; match: T }
  | { kind: 'none' }
  | { kind: 'ambiguous'; candidates: T[] };

/** Decides what a name lookup means: exactly one distinct entity, none, or several. */
export function resolveName<T extends NamedCandidate>(candidates: readonly T[]): NameResolution<T> {
  const distinct = [...new Map(candidates.map((c) => [c.id, c])).values()];
  if (distinct.length === 0) return { kind: 'none' };
  if (distinct.length === 1) return { kind: 'found', match: distinct[0]! };
  distinct.sort((a, b) => a.id.localeCompare(b.id));
  return { kind: 'ambiguous', candidates: distinct };
}

export function describeCandidates(candidates: readonly NamedCandidate[]): string {
  return candidates.map((c) => `${c.label} "${c.name}" (${c.id})`).join(', ');
}

/** Edits (insert, delete, substitute, swap two neighbours) between two keys; stops counting past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

export interface NamedKeys extends NamedCandidate {
  /** The entity's name keys (see nameKey): its name's and every alias's. */
  keys: readonly string[];
}

/**
 * The entities whose names come closest to a name nothing matched, best first: a few typing
 * mistakes away from one of their keys (more allowed for longer names), or starting with it
 * ("Kursck" -> Kursk Oblast via "Kursk"; "Pokrov" -> Pokrovsk). At most `limit`.
 */
export function closestNames<T extends NamedKeys>(text: string, candidates: readonly T[], limit = 5): T[] {
  const key = nameKey(text);
  if (!key) return [];
  const max = key.length <= 4 ? 1 : key.length <= 8 ? 2 : 3;
  const scored = candidates.flatMap((c) => {
    const distance = Math.min(...c.keys.map((k) => (k.startsWith(key) && key.length >= 3 ? 0.5 : editDistance(key, k, max))));
    return distance <= max ? [{ c, distance }] : [];
  });
  scored.sort((x, y) => x.distance - y.distance || x.c.name.localeCompare(y.c.name) || (x.c.id < y.c.id ? -1 : 1));
  return scored.slice(0, limit).map((s) => s.c);
}
