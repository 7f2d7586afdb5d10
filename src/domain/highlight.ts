/**
 * Where a search's words appear in a text, for showing a hit: fragments around each match with the
 * word marked. Engines stem words ("encircled" matches "encirclement"); so does this, crudely, by a
 * shared beginning, which is enough to point at the place the engine matched.
 */

const WORD = /[\p{L}\p{N}]+/gu;
/** A word, or a character HTML gives a meaning to: a fragment is marked up, so its text is escaped. */
const WORD_OR_MARKUP = /[\p{L}\p{N}]+|[&<>"']/gu;
const ESCAPED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** A text word matches a searched word when they share their first five letters (or all of a shorter one). */
function matches(word: string, searched: readonly string[]): boolean {
  const w = word.toLowerCase();
  return searched.some((s) => {
    const n = Math.min(5, s.length);
    return w.length >= n && w.slice(0, n) === s.slice(0, n);
  });
}

/** Up to `max` fragments of the texts around the searched words, HTML-escaped, each match in <em>...</em>. */
export function highlights(query: string, texts: ReadonlyArray<string | null | undefined>, max = 3, radius = 60): string[] {
  const searched = [...query.toLowerCase().matchAll(WORD)].map((m) => m[0]).filter((w) => w.length >= 2);
  if (searched.length === 0) return [];
  const out: string[] = [];
  for (const text of texts) {
    if (!text) continue;
    let covered = -1;
    for (const m of text.matchAll(WORD)) {
      if (out.length >= max) return out;
      if (m.index! < covered || !matches(m[0], searched)) continue;
      const start = Math.max(0, m.index! - radius);
      const end = Math.min(text.length, m.index! + m[0].length + radius);
      const fragment = text.slice(start, end).replace(WORD_OR_MARKUP, (w) => ESCAPED[w] ?? (matches(w, searched) ? `<em>${w}</em>` : w));
      out.push(`${start > 0 ? '…' : ''}${fragment.trim()}${end < text.length ? '…' : ''}`);
      covered = end;
    }
  }
  return out;
}
