/**
 * Run by import-memory.test.ts in a child process with --expose-gc: generates a file of `claims`
 * claims, imports it through both passes over a transaction that keeps nothing (so only the
 * importer's own memory is measured), and prints the largest heap seen after a collection at
 * each progress report, in bytes.
 */
import path from 'node:path';
import { fileLines, indexRecords, writeRecords } from '../../src/ingest/import-ndjson.js';
import type { GraphTransaction } from '../../src/store/GraphStore.js';
import { writeImportFile } from './import-file.js';

const [dir, claims] = [process.argv[2]!, Number(process.argv[3])];
const gc = (globalThis as { gc?: () => void }).gc!;
const file = fileLines(writeImportFile(path.join(dir, `memory-${claims}.ndjson`), 'mem', claims, 1_000_000));
let peak = 0;
const sample = () => {
  gc();
  peak = Math.max(peak, process.memoryUsage().heapUsed);
};
const forgetful = {
  seq: 1,
  getNodes: async (_label: string, ids: readonly string[]) => ids.map(() => null),
  claimsWithRelations: async () => [],
  statedLinksOf: async () => [],
  upsert: async () => undefined,
  insert: async () => undefined,
  writeLinks: async () => undefined,
  deleteDerivedLinks: async () => undefined,
} as unknown as GraphTransaction;
sample();
const index = await indexRecords(file, sample);
await writeRecords(forgetful, index, file, { plan: async () => ({ links: { added: [], removed: [] }, write: [] }), onProgress: sample });
sample();
process.stdout.write(JSON.stringify({ peak }));
