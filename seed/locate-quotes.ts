/**
 * `npm run locate-quotes`: after editing a quote in seed/graph/claims.json, recomputes every claim's
 * quoteStart/quoteEnd (JavaScript string offsets into its article). A quote that is missing, or found
 * more than once without a `quoteOccurrence` (0-based) to choose, stops it before anything is written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SEED_DIR } from './load-seed.js';

interface Entry {
  id: string;
  source: string;
  quote: string;
  quoteStart: number;
  quoteEnd: number;
  quoteOccurrence?: number;
}

const claimsFile = path.join(SEED_DIR, 'graph', 'claims.json');
const sources = JSON.parse(fs.readFileSync(path.join(SEED_DIR, 'graph', 'sources.json'), 'utf8')) as Array<{ id: string; file: string }>;
const texts = new Map(sources.map((s) => [s.id, fs.readFileSync(path.join(SEED_DIR, 'articles', s.file), 'utf8')]));
const claims = JSON.parse(fs.readFileSync(claimsFile, 'utf8')) as Entry[];

const problems: string[] = [];
for (const claim of claims) {
  const text = texts.get(claim.source);
  if (text === undefined) {
    problems.push(`${claim.id}: unknown source ${claim.source}`);
    continue;
  }
  const found: number[] = [];
  for (let i = text.indexOf(claim.quote); i >= 0; i = text.indexOf(claim.quote, i + 1)) found.push(i);
  const at = found.length === 1 ? found[0] : claim.quoteOccurrence !== undefined ? found[claim.quoteOccurrence] : undefined;
  if (at === undefined) {
    problems.push(`${claim.id}: quote found ${found.length} times in ${claim.source}${found.length > 1 ? ' (set quoteOccurrence)' : ''}`);
    continue;
  }
  claim.quoteStart = at;
  claim.quoteEnd = at + claim.quote.length;
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
fs.writeFileSync(claimsFile, `${JSON.stringify(claims, null, 2)}\n`);
console.log(`Located ${claims.length} quotes.`);
