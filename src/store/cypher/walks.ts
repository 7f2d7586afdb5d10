/**
 * A read's nodes together with the relationship fields the operation will ask of them (Prefetch),
 * in the same statement. Kuzu 0.11 has neither correlated subqueries (`COLLECT {}`, `CALL {}`) nor
 * pattern comprehension, so each edge is one `OPTIONAL MATCH ... WITH collect()` stage that folds
 * the rows back to one per node before the next stage: a form both engines run, so one text serves
 * both. A walk both ways is two stages, one per direction, so each collected link's direction is
 * its stage's (neighbours() instead matches undirected and asks dialect.startsAt).
 */
import type { NodeLabel } from '../../domain/model.js';
import type { EdgeName, Fields, Neighbour, Prefetch, Walked } from '../GraphStore.js';
import { EDGES, directionsOf, type WalkDirection } from '../edges.js';
import { LINK_PROPERTIES, NODE_PROPERTIES, RELATIONSHIPS, fieldsOf, hotProperties } from '../schema.js';
import type { Dialect } from './dialect.js';
import type { Row } from './Engine.js';
import { linkProps, record } from './rows.js';

/**
 * Stages one statement takes at most, and how deep they nest: each stage is a join and a grouping,
 * and past a handful the statement costs more than the round trip it saves. Edges left out are
 * fetched by the loaders as before.
 */
export const MAX_STAGES = 8;
export const MAX_DEPTH = 3;

/** One stage: an edge walked one way from variable `from`, its result in column `column`. */
export interface WalkStage {
  edge: EdgeName;
  direction: WalkDirection;
  column: string;
  then: WalkStage[];
}

/**
 * The stages of a Prefetch walked from nodes of `from`, within MAX_STAGES and MAX_DEPTH, breadth
 * first so the nearest fields are kept. An edge that does not start at the label it would be walked
 * from is left out: its walk could only find nothing.
 */
export function planStages(prefetch: Prefetch, from: NodeLabel): WalkStage[] {
  let budget = MAX_STAGES;
  const roots: WalkStage[] = [];
  let level: Array<{ prefetch: Prefetch; labels: readonly NodeLabel[]; into: WalkStage[]; column: string }> = [
    { prefetch, labels: [from], into: roots, column: 'w' },
  ];
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0; depth++) {
    const next: typeof level = [];
    for (const { prefetch: p, labels, into, column } of level) {
      for (const [edge, then] of Object.entries(p) as Array<[EdgeName, Prefetch]>) {
        const spec = EDGES[edge];
        if (!labels.includes(spec.from)) continue;
        for (const direction of directionsOf(edge)) {
          if (budget === 0) return roots;
          budget -= 1;
          const stage: WalkStage = { edge, direction, column: `${column}${into.length}_`, then: [] };
          into.push(stage);
          next.push({ prefetch: then ?? {}, labels: spec.to, into: stage.then, column: stage.column });
        }
      }
    }
    level = next;
  }
  return roots;
}

/** One step from the node before it along `rel`, the relationship bound to `r`. */
export const step = (r: string, rel: string, direction: WalkDirection): string =>
  direction === 'OUTGOING' ? `-[${r}:${rel}]->` : `<-[${r}:${rel}]-`;

/**
 * A neighbour's properties, always named (hotNode returns a node with no cold property whole): a
 * node nested in a list of maps reaches the row decoders as the driver's own object, which neither
 * engine's decoder unpacks there. The request's `fields` where it gave them (queries.hotNode).
 */
const readable = (labels: readonly NodeLabel[], fields: Fields | undefined): string[] =>
  fieldsOf(labels, fields) ?? hotProperties(labels) ?? [...new Set(labels.flatMap((l) => NODE_PROPERTIES[l].map(([name]) => name)))];

/**
 * The text of the stages walking from node variable `v`, rows grouped by `carried` and `v` between
 * stages. After it each stage's column holds, for each row's `v`, a list of
 * `{node, <link properties>, <nested columns>}`: null on Kuzu when the list is empty.
 */
export function walkText(d: Dialect, v: string, stages: readonly WalkStage[], carried: readonly string[], fields?: Fields): string {
  let text = '';
  const done: string[] = [];
  for (const s of stages) {
    const spec = EDGES[s.edge];
    const x = `${s.column}x`;
    const r = `${s.column}r`;
    const keep = [...carried, v, ...done];
    text += ` OPTIONAL MATCH (${v})${step(r, spec.rel, s.direction)}(${x}${d.anyLabel(spec.to)})`;
    const items = [`node: ${d.properties(x, readable(spec.to, fields))}`];
    if (RELATIONSHIPS[spec.rel].hasLinkProperties) items.push(...LINK_PROPERTIES.map(([name]) => `${name}: ${r}.${name}`));
    if (s.then.length > 0) {
      text += walkText(d, x, s.then, [...keep, r], fields);
      items.push(...s.then.map((t) => `${t.column}: ${t.column}`));
    }
    text += ` WITH ${keep.join(', ')}, collect(CASE WHEN ${x} IS NULL THEN NULL ELSE {${items.join(', ')}} END) AS ${s.column}`;
    done.push(s.column);
  }
  return text;
}

/** The columns the stages leave, for a RETURN. */
export const walkColumns = (stages: readonly WalkStage[]): string[] => stages.map((s) => s.column);

/**
 * Adds what the stages found from node `id` (a row, or a nested item of a stage) to `into`. A node
 * reached twice (a page's claim that also contradicts another) has its list filled once.
 */
export function gatherWalks(stages: readonly WalkStage[], id: string, from: Row, into: Walked, filled = new Set<string>()): void {
  for (const s of stages) {
    let byId = into.get(s.edge);
    if (!byId) into.set(s.edge, (byId = new Map()));
    const once = `${s.edge} ${s.direction} ${id}`;
    if (filled.has(once)) continue;
    filled.add(once);
    const list: Neighbour[] = byId.get(id) ?? [];
    byId.set(id, list);
    const link = RELATIONSHIPS[EDGES[s.edge].rel].hasLinkProperties;
    for (const item of (from[s.column] as Row[] | null | undefined) ?? []) {
      const node = record(item.node);
      list.push({ node, link: link ? { ...linkProps(item), direction: s.direction } : null });
      gatherWalks(s.then, node.id, item, into, filled);
    }
  }
}
