/**
 * Generated NDJSON import files for the import tests: one source, two actors and a place declared
 * in the file, then `claims` claims quoting the source, every `measureEvery`-th with a figure
 * (so analysis finds contradictions between them), and two stated links.
 */
import fs from 'node:fs';

export const SENTENCES = [
  'Russian forces captured 40 square kilometres near Kurakhove last week.',
  'Ukrainian officials said Russian forces captured 25 square kilometres near Kurakhove.',
  'The front line held along the river.',
];

export function header(tag: string): string[] {
  return [
    { type: 'actor', id: `actor:${tag}-army`, name: `${tag} army`, kind: 'MILITARY' },
    { type: 'actor', id: `actor:${tag}-observer`, name: `${tag} observer`, kind: 'THINK_TANK' },
    { type: 'place', id: `place:${tag}-front`, name: `${tag} front`, kind: 'AREA' },
    { type: 'source', id: `source:${tag}-report`, title: `${tag} report`, text: SENTENCES.join(' '), publishedOn: '2024-11-20' },
  ].map((r) => JSON.stringify(r));
}

export function claimLine(tag: string, n: number, measureEvery: number): string {
  const figure = n % measureEvery === 0;
  const quote = figure ? SENTENCES[n % 2]! : SENTENCES[2]!;
  return JSON.stringify({
    type: 'claim', id: `claim:${tag}-${n}`, source: `source:${tag}-report`, claimant: n % 2 ? `actor:${tag}-army` : `actor:${tag}-observer`,
    statement: `Statement ${n} of ${tag}.`, quote, about: [`place:${tag}-front`], topic: 'TERRITORY', statedAt: '2024-11-20',
    ...(figure ? {
      quantity: { value: n % 2 ? 40 : 25, unit: 'SQUARE_KILOMETERS', text: n % 2 ? '40 square kilometres' : '25 square kilometres' },
      measure: { kind: 'TERRITORY_CAPTURED', side: `actor:${tag}-army`, place: `place:${tag}-front` },
      period: { start: '2024-11-13', end: '2024-11-20' },
    } : {}),
  });
}

/** Writes the file line by line (never the whole file in memory) and returns its path. */
export function writeImportFile(path: string, tag: string, claims: number, measureEvery = 1_000): string {
  const fd = fs.openSync(path, 'w');
  try {
    for (const line of header(tag)) fs.writeSync(fd, `${line}\n`);
    let chunk = '';
    for (let n = 1; n <= claims; n++) {
      chunk += `${claimLine(tag, n, measureEvery)}\n`;
      if (chunk.length > 1 << 20) {
        fs.writeSync(fd, chunk);
        chunk = '';
      }
    }
    fs.writeSync(fd, chunk);
    if (claims >= 2) {
      fs.writeSync(fd, `${JSON.stringify({ type: 'link', from: `claim:${tag}-1`, to: `claim:${tag}-2`, linkType: 'CORROBORATES', explanation: 'Both describe the front.' })}\n`);
      fs.writeSync(fd, `${JSON.stringify({ type: 'link', from: `claim:${tag}-2`, to: `claim:${tag}-1`, linkType: 'CONTRADICTS', explanation: 'The second denies the first.' })}\n`);
    }
  } finally {
    fs.closeSync(fd);
  }
  return path;
}
