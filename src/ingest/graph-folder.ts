/**
 * A graph folder: the curated graph as reviewable JSON (`graph/*.json`) beside the articles it
 * quotes (`articles/`), read into a validated GraphData. The seed corpus (seed/) is one; the server
 * finds it through SEED_DIR and depends on nothing else of that folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ActorData, ClaimData, EventData, GraphData, LinkData, PlaceData, SourceData } from '../domain/model.js';
import { validateGraph } from '../domain/validate.js';
import type { GraphStore } from '../store/GraphStore.js';
import { bulkIngest, type IngestOptions } from './ingest-graph.js';

/** A source as sources.json holds it: no text (it is the article file), its short name as `label`. */
type SourceEntry = Omit<SourceData, 'text' | 'shortName'> & { file: string; label?: string | null };
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

/** A place's parents: a list, or (older files) one id or null. */
function toList(value: string[] | string | null | undefined): string[] {
  return value == null ? [] : Array.isArray(value) ? value : [value];
}

/** Reads and validates the graph in `dir`; optional fields left out of the JSON become null or empty. */
export function readGraphFolder(dir: string): GraphData {
  const actors = readJson<ActorData[]>(dir, 'actors');
  const places = readJson<Array<Omit<PlaceData, 'partOf'> & { partOf?: string[] | string | null }>>(dir, 'places');
  const events = readJson<EventData[]>(dir, 'events');
  const sources = readJson<SourceEntry[]>(dir, 'sources').map(
    ({ label, ...s }): SourceData => ({ ...s, shortName: label ?? null, text: fs.readFileSync(path.join(dir, 'articles', s.file), 'utf8') }),
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
    places: places.map((p) => ({ ...p, aliases: p.aliases ?? [], partOf: toList(p.partOf) })),
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

/** What ensureSeeded did: loaded the folder, found the store already holding a graph, or found no folder. */
export type SeedOutcome = 'seeded' | 'not-empty' | 'no-folder';

/**
 * Loads the graph folder `dir` when the store holds no node yet (first start on the embedded store).
 * A store that holds a graph is left alone, whatever the folder holds; a missing folder (no
 * `graph/` in it) is no error: the caller decides whether to serve an empty store. The store being
 * empty, the graph goes in by the bulk path (the same rules, the engine's loader): on Kuzu the seed
 * graph loads in about 1.8 s where upserting it row by row took 4.3-5.1 s (the contract suite checks
 * that both store the same nodes and relationships). The embedded store is one process's, so nothing
 * writes between the count and the load; the load itself refuses a store that is not empty.
 */
export async function ensureSeeded(store: GraphStore, dir: string, options: IngestOptions): Promise<SeedOutcome> {
  const counts = await store.counts();
  if (Object.values(counts.nodes).some((n) => n > 0)) return 'not-empty';
  if (!fs.existsSync(path.join(dir, 'graph'))) return 'no-folder';
  await bulkIngest(store, readGraphFolder(dir), options);
  return 'seeded';
}
