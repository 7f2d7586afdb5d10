/**
 * `npm run import -- file.ndjson`: imports an NDJSON file into the configured store (Kuzu in
 * DATA_DIR, or Neo4j when NEO4J_URI is set), all of it or nothing (ingest/import-ndjson.ts). A
 * progress bar on stderr when it is a terminal, a plain line per batch of lines otherwise; a summary
 * on stdout. Exits 1 with the problems (line and field) when the file is rejected.
 */
import fs from 'node:fs';
import os from 'node:os';
import { loadConfig } from './config.js';
import { Curator } from './ingest/curate.js';
import { fileLines, ImportRejected, importNdjson, RECORD_TYPES, type ImportProgress, type ImportSummary } from './ingest/import-ndjson.js';
import { createStore } from './store/createStore.js';

function progressReporter(stream: NodeJS.WriteStream): (p: ImportProgress) => void {
  return (p) => {
    const done = p.lines !== null && p.line >= p.lines;
    if (stream.isTTY) {
      const width = 30;
      const share = p.lines ? Math.min(1, p.line / p.lines) : 0;
      const bar = p.lines ? `[${'#'.repeat(Math.round(share * width)).padEnd(width, '.')}] ${Math.round(share * 100)}%` : '';
      stream.write(`\r${p.phase} ${bar} line ${p.line}${p.lines ? `/${p.lines}` : ''}   ${done ? '\n' : ''}`);
    } else {
      // One line per batch (import-ndjson.ts BATCH_LINES): logs show where an import stood, and the crash test waits for one.
      stream.write(`${p.phase}: line ${p.line}${p.lines ? ` of ${p.lines}` : ''}\n`);
    }
  };
}

/** The command's own output (no logger: stdout is the summary, stderr progress and problems). */
const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

function describe(s: ImportSummary): string {
  const list = (c: ImportSummary['created']) => RECORD_TYPES.map((t) => `${c[t]} ${t}${c[t] === 1 ? '' : 's'}`).join(', ');
  return [
    `created:   ${list(s.created)}`,
    `unchanged: ${list(s.unchanged)}`,
    `links found: ${s.linksFound}, links dropped: ${s.linksRemoved}`,
    s.change ? `recorded as ${s.change}` : 'nothing changed: no change recorded',
  ].join('\n');
}

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file || !fs.existsSync(file)) {
    err(`usage: npm run import -- file.ndjson${file ? ` (no file ${file})` : ''}`);
    return 2;
  }
  const config = loadConfig();
  const store = await createStore(config);
  try {
    await store.init();
    const curator = new Curator(store, { tolerance: config.approximateTolerance, bulkTimeoutMs: config.importTimeoutMs });
    const who = { name: `cli:${os.userInfo().username}`, role: 'editor' };
    const summary = await importNdjson(curator, who, fileLines(file), progressReporter(process.stderr));
    out(describe(summary));
    return 0;
  } catch (error) {
    if (!(error instanceof ImportRejected)) throw error;
    err(`rejected, nothing imported: ${error.problems.length + error.more} problem${error.problems.length + error.more === 1 ? '' : 's'}`);
    for (const p of error.problems) err(`  line ${p.line}${p.field ? ` ${p.field}` : ''}: ${p.message}`);
    if (error.more > 0) err(`  ... and ${error.more} more`);
    return 1;
  } finally {
    await store.close();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  err(`import failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
