/**
 * Reads the curated seed graph (seed/graph/*.json) and the articles it quotes (seed/articles/)
 * into a validated GraphData. The JSON is the reviewable source of truth; nothing here invents data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  ActorData, ClaimData, EventData, GraphData, LinkData, PlaceData, SourceData,
} from '../src/domain/model.js';
import { validateGraph } from '../src/domain/validate.js';
import type { GraphStore } from '../src/store/GraphStore.js';
import { ingestGraph, type IngestOptions } from '../src/ingest.js';

export const SEED_DIR = path.dirname(fileURLToPath(import.meta.url));

type SourceEntry = Omit<SourceData, 'text'> & { file: string };
type ClaimEntry = ClaimData & { quoteOccurrence?: number };
interface LinkEntry {
  from: string;
  to: string;
  kind: LinkData['kind'];
  explanation: string;
  rule?: string | null;
}

function readJson<T>(dir: string, name: string): T {
  return JSON.parse(fs.readFileSync(path.join(dir, 'graph', `${name}.json`), 'utf8')) as T;
}

export function readSeedGraph(dir: string = SEED_DIR): GraphData {
  const actors = readJson<ActorData[]>(dir, 'actors');
  const places = readJson<PlaceData[]>(dir, 'places');
  const events = readJson<EventData[]>(dir, 'events');
  const sources = readJson<SourceEntry[]>(dir, 'sources').map(
    (s): SourceData => ({ ...s, text: fs.readFileSync(path.join(dir, 'articles', s.file), 'utf8') }),
  );
  const claims = readJson<ClaimEntry[]>(dir, 'claims').map(({ quoteOccurrence: _ignored, ...c }): ClaimData => ({
    ...c,
    statedAt: c.statedAt ?? null,
    period: c.period ?? null,
    quantity: c.quantity ?? null,
    measure: c.measure ?? null,
    assertion: c.assertion ?? null,
  }));
  const links = readJson<{ contradicts: LinkEntry[]; corroborates: LinkEntry[] }>(dir, 'links');
  const link = (l: LinkEntry): LinkData => ({ ...l, rule: l.rule ?? null });
  const graph: GraphData = {
    actors: actors.map((a) => ({ ...a, aliases: a.aliases ?? [], memberOf: a.memberOf ?? [], description: a.description ?? null })),
    places: places.map((p) => ({ ...p, aliases: p.aliases ?? [], partOf: p.partOf ?? null })),
    events: events.map((e) => ({
      ...e, aliases: e.aliases ?? [], occurredIn: e.occurredIn ?? [], participants: e.participants ?? [],
      description: e.description ?? null, start: e.start ?? null, end: e.end ?? null,
    })),
    sources,
    claims,
    contradictions: links.contradicts.map(link),
    corroborations: links.corroborates.map(link),
  };
  validateGraph(graph);
  return graph;
}

/** Loads the seed graph when the store holds no claims yet (first start on the embedded store). */
export async function ensureSeeded(store: GraphStore, options: IngestOptions): Promise<boolean> {
  const counts = await store.counts();
  if (Object.values(counts.nodes).some((n) => n > 0)) return false;
  await ingestGraph(store, readSeedGraph(), options);
  return true;
}
