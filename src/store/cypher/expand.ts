/**
 * GraphStore.subgraph over an open unit of work: a breadth-first walk, one hop at a time, each hop
 * one statement per relationship type and direction (subgraph.ts), whatever the number of nodes.
 * The walk stays bounded on any graph: a hop keeps at most the nodes `limit` still allows, every
 * statement returns at most ROWS_PER_LIMIT x `limit` rows, and the answer at most `maxEdges`
 * relationships.
 */
import { idsByLabel, NODE_LABELS, type NodeLabel } from '../../domain/model.js';
import { MAX_EDGES_PER_NODE, type EdgeRecord, type NodeRecord, type SubgraphRecord, type SubgraphRequest } from '../GraphStore.js';
import { RELATIONSHIPS } from '../schema.js';
import type { Dialect } from './dialect.js';
import type { Row, Run, Statement } from './Engine.js';
import { walk, type FarEnd } from './subgraph.js';

/** Rows a walk statement may return, per node of the limit: room for several relationships per node kept. */
const ROWS_PER_LIMIT = 4;

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** An edge from a walk's (or an export page's) row: source, target and, for relationships between claims, its properties. */
export function edgeOf(type: EdgeRecord['type'], r: Row): EdgeRecord {
  const source = String(r.source);
  const target = String(r.target);
  const kind = RELATIONSHIPS[type].hasLinkProperties ? str(r.kind) : null;
  return {
    id: `${type}:${source}->${target}${kind ? `:${kind}` : ''}`,
    type, source, target, kind,
    explanation: str(r.explanation), rule: str(r.rule),
    independent: typeof r.independent === 'boolean' ? r.independent : null, dependence: str(r.dependence),
  };
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export async function expandSubgraph(
  run: Run, d: Dialect, request: SubgraphRequest,
  nodesOf: (label: NodeLabel, ids: string[]) => Promise<Map<string, NodeRecord>>,
): Promise<SubgraphRecord> {
  const { depth, types, limit } = request;
  const rows = ROWS_PER_LIMIT * limit;
  const starts = [...new Set(request.ids)];
  const kept = new Set(starts.slice(0, limit));
  let truncated = starts.length > limit;
  const edges = new Map<string, EdgeRecord>();
  let frontier = [...kept];
  let earlier: string[] = [];
  // Hops 1..depth find new nodes; one more walk finds the relationships among the last hop's nodes.
  for (let hop = 1; frontier.length > 0; hop++) {
    const far: FarEnd = hop > depth ? { within: frontier } : { outside: earlier };
    const walks = types.flatMap((type) => (['OUT', 'IN'] as const).map((dir) => ({ type, dir, statement: walk(d, type, dir, frontier, far, rows) })))
      .filter((w): w is { type: typeof w.type; dir: typeof w.dir; statement: Statement } => w.statement !== null);
    const results = await Promise.all(walks.map((w) => run(w.statement)));
    if (results.some((r) => r.length >= rows)) truncated = true;
    const found = walks.flatMap((w, i) => results[i]!.map((r) => edgeOf(w.type, r)));
    const fresh = [...new Set(found.flatMap((e) => [e.source, e.target]).filter((id) => !kept.has(id)))].sort();
    const room = limit - kept.size;
    if (fresh.length > room) truncated = true;
    const next = fresh.slice(0, Math.max(0, room));
    for (const id of next) kept.add(id);
    for (const e of found) if (kept.has(e.source) && kept.has(e.target)) edges.set(e.id, e);
    if (hop > depth) break;
    earlier = [...earlier, ...frontier];
    frontier = next;
  }
  const labels = idsByLabel(kept, NODE_LABELS);
  const found = new Map<string, NodeRecord>();
  for (const map of await Promise.all([...labels].map(([label, ids]) => nodesOf(label, ids)))) for (const [id, n] of map) found.set(id, n);
  // Edges come in hop order: a cut keeps those nearest the start.
  const maxEdges = request.maxEdges ?? MAX_EDGES_PER_NODE * limit;
  if (edges.size > maxEdges) truncated = true;
  return {
    nodes: [...kept].flatMap((id) => found.get(id) ?? []),
    edges: [...edges.values()].slice(0, maxEdges).sort(byId),
    truncated,
  };
}
