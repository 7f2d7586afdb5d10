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
