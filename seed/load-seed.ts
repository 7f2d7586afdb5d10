/**
 * The seed corpus: this folder is a graph folder (graph/*.json, the curated graph, beside the
 * articles/ it quotes), read by src/ingest/graph-folder.ts like any other. The server finds it
 * through SEED_DIR; tests, the seed command and the benchmark read it from here.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GraphData } from '../src/domain/model.js';
import { readGraphFolder } from '../src/ingest/graph-folder.js';

export const SEED_DIR = path.dirname(fileURLToPath(import.meta.url));

/** The seed graph, validated. */
export function readSeedGraph(dir: string = SEED_DIR): GraphData {
  return readGraphFolder(dir);
}
