/**
 * Without a Neo4j server here, every statement the Neo4j adapter can send is checked by Neo4j's own
 * Cypher 5 parser and semantic analysis (@neo4j-cypher/language-support), and Kuzu runs the same
 * shared text in the contract suite.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { NODE_LABELS, TOPICS } from '../../src/domain/model.js';
import type { ClaimAnchor, ClaimCriteria, EdgeName, Fields } from '../../src/store/GraphStore.js';
import { kuzuDialect, neo4jDialect } from '../../src/store/cypher/dialect.js';
import { pathsOfLength, shortestPaths } from '../../src/store/cypher/paths.js';
import { countSearch, searchLabel } from '../../src/store/cypher/search.js';
import * as q from '../../src/store/cypher/queries.js';
import * as w from '../../src/store/cypher/writes.js';
import * as cur from '../../src/store/cypher/curation.js';
import * as subgraph from '../../src/store/cypher/subgraph.js';
import { relationshipPage } from '../../src/store/cypher/export.js';
import { planStages } from '../../src/store/cypher/walks.js';
import { digestIds, digestSettings, digestsOf, rebuildDigests, refreshDigests, subjectsBefore, writeDigests } from '../../src/store/cypher/digests.js';
import { namesBuilt, nodesByNameKeys, rebuildNames, refreshNames } from '../../src/store/cypher/names.js';
import type { Run } from '../../src/store/cypher/Engine.js';
import { EDGES } from '../../src/store/edges.js';
import { AWAIT_INDEXES, neo4jDropIndex, neo4jSchemaStatements, SHOW_FULLTEXT_INDEXES } from '../../src/store/neo4j/schema-statements.js';
import { groupRelationships, linkRows, nodeRows, relationshipRows } from '../../src/store/graph-rows.js';
import { FULLTEXT, RELATIONSHIPS, REL_TYPES } from '../../src/store/schema.js';
import { cypherProblems } from '../support/cypher-lint.js';
import { fixtureGraph } from '../support/fixture-graph.js';

const d = neo4jDialect;
const criteria: ClaimCriteria[] = [
  {},
  { about: [{ label: 'Place', id: 'place:x' }] },
  { about: [{ label: 'Actor', id: 'actor:x' }], claimantIds: ['actor:y'], sourceIds: ['source:z'] },
  { about: [{ label: 'Event', id: 'event:x' }], topics: [TOPICS[0]], stated: { from: '2024-01-01', to: '2024-12-31' }, contested: true },
  { stated: { from: null, to: '2024-12-31' }, contested: false },
];
const anchors: ClaimAnchor[] = ['madeBy', 'reportedIn', 'aboutActor', 'aboutPlace', 'aboutEvent'];

const SELECTED: Fields = { Claim: ['id', 'statement'], Actor: ['id', 'name'], Source: ['id', 'title', 'shortName'], Place: ['id', 'name'] };

function everyStatement(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const graph = fixtureGraph();
  for (const text of neo4jSchemaStatements()) out.push(['schema', text]);
  out.push(['awaitIndexes', AWAIT_INDEXES], ['showFulltextIndexes', SHOW_FULLTEXT_INDEXES], ['dropIndex', neo4jDropIndex(FULLTEXT.Claim.index)]);
  for (const label of NODE_LABELS) {
    out.push([`nodesByIds ${label}`, q.nodesByIds(d, label, ['x', 'y']).text], [`nodesByIds ${label} one`, q.nodesByIds(d, label, ['x']).text]);
    out.push([`countOf ${label}`, q.countOf(label).text], [`deleteBatchOf ${label}`, w.deleteBatchOf(label, 10).text]);
    if (label !== 'Claim') out.push([`listNodes ${label}`, q.listNodes(d, label, 0, 10).text], [`listNodes ${label} fields`, q.listNodes(d, label, 0, 10, SELECTED).text]);
  }
  for (const [label, rows] of nodeRows(graph)) out.push([`upsertNodes ${label}`, w.upsertNodes(d, label, rows)[0]!.text], [`createNodes ${label}`, w.createNodes(d, label, rows)[0]!.text]);
  out.push(['nodesByNameKeys', nodesByNameKeys(d, ['Place', 'Actor', 'Event'], ['kursk', 'sudzha']).text]);
  out.push(['nodesByNameKeys one', nodesByNameKeys(d, ['Place', 'Actor', 'Event'], ['kursk']).text]);
  out.push(['nodesByNameKeys fields', nodesByNameKeys(d, ['Place', 'Actor'], ['kursk'], SELECTED).text], ['namesBuilt', namesBuilt().text]);
  for (const type of REL_TYPES) out.push([`countRelationships ${type}`, q.countRelationships(d, type).text]);
  for (const type of REL_TYPES) out.push([`relationshipPage ${type}`, relationshipPage(d, type, 0, 10).text]);
  for (const type of REL_TYPES) {
    const spec = RELATIONSHIPS[type];
    for (const [dir, label] of [['OUT', spec.from[0]], ['IN', spec.to[0]]] as const) {
      const from = [`${label.toLowerCase()}:x`];
      // Each type and direction once; the three kinds of far end on one type (each statement costs the parser a fraction of a second).
      const fars = [['outside', { outside: ['x:y'] }], ['anywhere', { outside: [] }], ['within', { within: ['x:y'] }]] as const;
      for (const [farName, far] of type === REL_TYPES[0] ? fars : fars.slice(0, 1)) {
        out.push([`subgraph walk ${type} ${dir} ${farName}`, subgraph.walk(d, type, dir, from, far, 10)!.text]);
      }
    }
  }
  for (const edge of Object.keys(EDGES) as EdgeName[]) {
    const s = q.neighbours(d, edge, ['x', 'y']);
    out.push([`neighbours ${edge} ${s.direction}`, s.text]);
  }
  // What a query selects (FETCH_SELECTED): a map projection of those properties, nested in a walk too.
  out.push(['neighbours Claim.claimant fields', q.neighbours(d, 'Claim.claimant', ['x'], SELECTED).text]);
  out.push(['nodesWalking fields', q.nodesWalking(d, 'Claim', ['x'], planStages({ 'Claim.source': {} }, 'Claim'), SELECTED).text]);
  // PREFETCH: every edge walked along with its start nodes, three to a statement (each is checked
  // by the parser in about half a second), the first nested one level.
  for (const label of NODE_LABELS) {
    const edges = (Object.keys(EDGES) as EdgeName[]).filter((e) => EDGES[e].from === label);
    for (let i = 0; i < edges.length; i += 3) {
      const along = Object.fromEntries(edges.slice(i, i + 3).map((e, j) => [e, j === 0 ? { 'Claim.claimant': {} } : {}]));
      const nested = EDGES[edges[i]!].to.length === 1 && EDGES[edges[i]!].to[0] === 'Claim' ? along : { ...along, [edges[i]!]: {} };
      out.push([`nodesWalking ${edges.slice(i, i + 3).join(', ')}`, q.nodesWalking(d, label, ['x', 'y'], planStages(nested, label)).text]);
    }
  }
  const q1 = planStages({ 'Claim.claimant': {}, 'Claim.source': { 'Source.publisher': {} }, 'Claim.conflicts': { 'Claim.claimant': {} } }, 'Claim');
  criteria.forEach((c, i) => {
    out.push([`countClaims #${i}`, q.countClaims(d, c).text], [`deprecatedClaims #${i}`, q.deprecatedClaims(d, c).text]);
    out.push([`pageOfClaims #${i}`, q.pageOfClaims(d, c, i % 2 ? 'STATED_ASC' : 'STATED_DESC', 0, 10).text]);
    // Every anchor with the first criteria, every criteria with the place anchor.
    for (const a of i === 0 ? anchors : ['aboutPlace' as const]) out.push([`claimPagesOfAnchors ${a} #${i}`, q.claimPagesOfAnchors(d, a, ['x'], c, 'STATED_DESC', 0, 10).text]);
    // The claims read with the pages, walking or not: the part after the page depends on neither.
    if (i === 0) for (const a of ['aboutPlace', 'madeBy'] as const) out.push([`claimPagesOfAnchors ${a} walking`, q.claimPagesOfAnchors(d, a, ['x'], c, 'STATED_DESC', 0, 10, q1).text]);
    if (i === 1) out.push(['claimPagesOfAnchors with claims', q.claimPagesOfAnchors(d, 'aboutPlace', ['x'], c, 'STATED_DESC', 0, 10, []).text]);
    const link = { ...c, between: i % 2 ? ([['actor:a'], ['actor:b']] as [string[], string[]]) : undefined };
    out.push([`links #${i}`, q.links(d, 'CONTRADICTS', link).text], [`links of pairs #${i}`, q.links(d, 'CONTRADICTS', link, ['a b']).text]);
    out.push([`pageOfPairs #${i}`, q.pageOfPairs(d, 'CONTRADICTS', link, 0, 10).text], [`countPairs #${i}`, q.countPairs(d, 'CONTRADICTS', link).text]);
  });
  for (const type of ['CONTRADICTS', 'CORROBORATES'] as const) out.push([`deleteDerivedLinks ${type}`, w.deleteDerivedLinks(type).text]);
  out.push(['claimLackingKept', w.claimLackingKept().text], ...w.keepClaimEnds(d, 10).map((s, i): [string, string] => [`keepClaimEnds ${i}`, s.text]));
  for (const [name, of] of [['every claim', 'all'], ['some claims', ['claim:a', 'claim:b']], ['in batches', { limit: 10 }]] as const) {
    out.push(...w.settleContested(d, of).map((s, i): [string, string] => [`settleContested ${name} ${i}`, s.text]));
  }
  for (const [type] of linkRows(graph)) {
    const rows = [{ from: 'claim:a', to: 'claim:b', kind: 'EXPLICIT', explanation: 'x', rule: null, independent: null, dependence: null }];
    out.push([`deleteLinks ${type}`, w.deleteLinks(d, type, rows)[0]!.text], [`createLinks ${type}`, w.createLinks(d, type, rows)[0]!.text]);
  }
  out.push(['membersOf', q.membersOf(['actor:a']).text], ['statesOf', q.statesOf(['actor:a']).text]);
  out.push(['analysableClaims', q.analysableClaims(d).text], ['displayNames', q.displayNames(d).text], ['placeParents', q.placeParents().text]);
  for (const labels of [['Actor'], ['Source'], ['Place', 'Actor', 'Event'], ['Actor', 'Source']] as const) out.push([`nameIndex ${labels.join('|')}`, q.nameIndex(d, labels).text]);
  criteria.forEach((c, i) => out.push([`timeline #${i}`, q.timeline(d, c, 7, i % 2 ? 'PERIOD' : 'STATED').text]));
  out.push(['shortestPaths', shortestPaths(d, { from: 'actor:a', to: 'place:b', maxLength: 4, types: ['MADE', 'CONTRADICTS', 'ABOUT'], first: 5 }).text]);
  out.push(['pathsOfLength', pathsOfLength(d, { from: 'actor:a', to: 'place:b', maxLength: 4, types: ['MADE', 'CONTRADICTS', 'ABOUT'], first: 5 }, 3, 2).text]);
  for (const label of NODE_LABELS) out.push([`searchLabel ${label}`, searchLabel(d, label, 'x', 5).text], [`countSearch ${label}`, countSearch(d, label, 'x').text]);
  out.push(['actorMemberships', q.actorMemberships().text], ['sourcePublishers', q.sourcePublishers().text], ['restatements', q.restatements().text]);
  out.push(['claimOrigins', q.claimOrigins(d).text], ['statedLinks', q.statedLinks('CORROBORATES').text]);
  // Curated writes and the audit trail.
  out.push(['graphVersion', cur.graphVersion().text], ['nextChange', cur.nextChange().text], ['claimsWithRelations', cur.claimsWithRelations(d, ['claim:a']).text], ['referencesOf', cur.referencesOf(d, ['claim:a']).text]);
  out.push(['scopeClaims', cur.scopeClaims(d, { measures: [{ kind: 'KILLED', side: null }], subjects: ['place:x'] })!.text]);
  out.push(['scopeClaims measures', cur.scopeClaims(d, { measures: [{ kind: 'KILLED', side: null }], subjects: [] })!.text], ['originsOf', cur.originsOf(d, ['claim:a']).text]);
  for (const type of ['CONTRADICTS', 'CORROBORATES'] as const) {
    out.push([`linksTouching ${type} derived`, cur.linksTouching(type, ['claim:a'], true).text], [`linksTouching ${type} stated`, cur.linksTouching(type, ['claim:a'], false).text]);
    out.push([`deleteDerivedLinksTouching ${type}`, cur.deleteDerivedLinksTouching(type, ['claim:a']).text]);
  }
  for (const s of cur.detachClaim('claim:a')) out.push(['detachClaim', s.text]);
  for (const s of cur.moveActor('actor:a', 'actor:b')) out.push(['moveActor', s.text]);
  out.push(['linksTouching all', cur.linksTouching('CONTRADICTS', 'all', true).text], ['countListed Actor', q.countListed('Actor').text]);
  const change = { id: 'change:1', seq: 1, at: '2026-01-01T00:00:00.000Z', who: 'x', role: 'editor', operation: 'addClaims', reason: null, summary: 's', targets: ['claim:a', 'claim:b', 'source:c'], before: null, after: null, linksAdded: [], linksRemoved: [] };
  for (const s of cur.recordChange(change)) out.push(['recordChange', s.text]);
  out.push(['markDeriving', cur.markDeriving(true).text], ['derivingLeft', cur.derivingLeft().text]);
  out.push(['changesOf', cur.changesOf(['claim:a']).text], ['changePage', cur.changePage('2026-01-01', 0, 0, 10).text], ['countChanges', cur.countChanges(null, 0).text]);
  for (const rows of groupRelationships(relationshipRows(graph)).values()) {
    const r = rows[0]!;
    out.push([`mergeRelationships ${r.type}`, w.mergeRelationships(d, r.type, r.fromLabel, r.toLabel, rows)[0]!.text]);
    out.push([`createRelationships ${r.type}`, w.createRelationships(d, r.type, r.fromLabel, r.toLabel, rows)[0]!.text]);
  }
  return out;
}

/** The statements claim digests and name keys run, recorded from a run that answers each with one made-up row. */
async function digestStatements(): Promise<Array<[string, string]>> {
  const d = neo4jDialect;
  const texts = new Set<string>();
  const run: Run = async (s) => {
    texts.add(s.text);
    return [{ key: 'place:x', id: 'place:x', total: 5, ids: ['claim:a'] }];
  };
  await rebuildDigests(run, d, 0);
  await writeDigests(run, d, [{ id: 'place:x', total: 2, newest: ['claim:a', 'claim:b'], oldest: ['claim:b', 'claim:a'] }], 0);
  await subjectsBefore(run, d, ['claim:a', 'claim:b'], new Set());
  await refreshDigests(run, d, new Set(['place:x', 'place:y', 'actor:y', 'event:z']), 10);
  for (const s of [digestsOf(d, ['place:x', 'place:y'], 'STATED_ASC'), digestIds(), digestSettings()]) texts.add(s.text);
  await rebuildNames(run, d);
  await refreshNames(run, d, ['place:x', 'place:y', 'actor:x', 'source:z', 'claim:c']);
  return [...texts].map((text, i) => [`digests and names #${i}`, text]);
}

const DIGEST_STATEMENTS = await digestStatements();

/**
 * A statement's text with the labels and relationship types it names (allow-listed identifiers:
 * schema.ts) and its string literals blanked. Statements of one shape differ only there, where the
 * parser's verdict cannot differ (any name may follow a `:`, keywords included, and no schema is
 * given), so the parser, at 0.05 to 0.5 s a statement, checks one statement of each shape.
 */
function shapeOf(text: string): string {
  return text.replace(/:[A-Za-z_]\w*(?:\|[A-Za-z_]\w*)*/g, ':L').replace(/'[^']*'/g, "''");
}

/**
 * The checker's verdict depends on nothing but its version and the text, and costs 0.05 to 3.6 s
 * a statement (some 90 s of CPU for every shape, the suite's costliest file). The shapes it passed
 * are kept in VALID_FILE, by SHA-256 with the checker's version; only a shape not there (a statement
 * added or changed since) is parsed, and a run that parsed any rewrites the file, to be committed
 * with the change, as vitest does with snapshots. `CYPHER_RECHECK=1` parses every shape.
 */
const VALID_FILE = new URL('./cypher5-valid.json', import.meta.url);
const CHECKER = `@neo4j-cypher/language-support ${JSON.parse(fs.readFileSync(new URL('../../node_modules/@neo4j-cypher/language-support/package.json', import.meta.url), 'utf8')).version}`;

interface ValidFile {
  checker: string;
  shapes: string[];
}

function knownValid(): Set<string> {
  if (process.env.CYPHER_RECHECK === '1' || !fs.existsSync(VALID_FILE)) return new Set();
  const file = JSON.parse(fs.readFileSync(VALID_FILE, 'utf8')) as ValidFile;
  return new Set(file.checker === CHECKER ? file.shapes : []);
}

const digestOf = (text: string) => createHash('sha256').update(text).digest('hex');

describe('Neo4j Cypher', () => {
  // Each shape once, with the first statement (and name) that has it.
  const byShape = new Map<string, [string, string]>();
  for (const [name, text] of [...everyStatement(), ...DIGEST_STATEMENTS]) if (!byShape.has(shapeOf(text))) byShape.set(shapeOf(text), [name, text]);
  const statements = [...byShape.values()];
  const known = knownValid();
  const passed = new Set<string>();
  let parsed = 0;

  it.each(statements)('%s is valid Cypher 5', (_name, text) => {
    const digest = digestOf(text);
    if (!known.has(digest)) {
      parsed++;
      expect(cypherProblems(text)).toEqual([]);
    }
    passed.add(digest);
  });

  afterAll(() => {
    // Only after a run that saw every shape pass (not one filtered by -t, nor one with a failure).
    if (parsed === 0 || passed.size !== statements.length) return;
    const file: ValidFile = { checker: CHECKER, shapes: [...passed].sort() };
    fs.writeFileSync(VALID_FILE, `${JSON.stringify(file, null, 2)}\n`);
  });

  it('gives statements one shape only where they differ in the labels, types and strings they name', () => {
    expect(shapeOf(q.countRelationships(d, 'MADE').text)).toBe(shapeOf(q.countRelationships(d, 'PART_OF').text));
    expect(shapeOf("MATCH (a:Actor|Source {id: 'x'})-[:MADE]->(c:Claim) RETURN c")).toBe(shapeOf("MATCH (a:Place {id: 'y'})-[:ABOUT]->(c:Claim) RETURN c"));
    expect(shapeOf('MATCH (n:Claim) WHERE n.id = $id RETURN n')).not.toBe(shapeOf('MATCH (n:Claim) WHERE n.id IN $id RETURN n'));
    expect(shapeOf('MATCH (n:Claim) RETURN n {.id, .statement}')).not.toBe(shapeOf('MATCH (n:Claim) RETURN n {.id}'));
    expect(statements.length).toBeGreaterThan(150);
  });

  it('catches what is not Cypher 5 (the checker itself works)', () => {
    expect(cypherProblems('MATCH (n:Claim) RETURN n ORDER BY n.x DESC NULLS LAST')).not.toEqual([]);
    // Kuzu's multi-label form is not Neo4j's: the dialects really differ.
    expect(cypherProblems(nodesByNameKeys(kuzuDialect, ['Place', 'Actor'], ['x']).text)).toEqual([]);
    expect(cypherProblems(q.claimPagesOfAnchors(kuzuDialect, 'aboutPlace', ['x'], {}, 'STATED_DESC', 0, 10).text)).not.toEqual([]);
  });

  it('builds claim queries from parameters only, each dialect its own way', () => {
    const s = q.pageOfClaims(d, criteria[3]!, 'STATED_DESC', 20, 10);
    expect(s.text).toMatchInlineSnapshot(`"MATCH (k:Event)<-[:ABOUT]-(c:Claim) WHERE (k.id = $aboutEvent) AND (c.topic IN $topics) AND (c.statedTo >= $statedFrom) AND (c.statedFrom <= $statedTo) AND (coalesce(c.rank, 'NORMAL') <> 'DEPRECATED') AND (EXISTS { MATCH (c)-[:CONTRADICTS]-(:Claim) }) WITH DISTINCT c.id AS id, c.statedFrom AS stated ORDER BY stated IS NULL, stated DESC, id SKIP $offset LIMIT $limit RETURN id"`);
    expect(s.params).toEqual({ aboutEvent: 'event:x', topics: ['TERRITORY'], statedFrom: '2024-01-01', statedTo: '2024-12-31', offset: 20, limit: 10 });
    expect(q.pageOfClaims(kuzuDialect, criteria[3]!, 'STATED_DESC', 20, 10).text).toMatchInlineSnapshot(`"MATCH (k:Event)<-[:ABOUT]-(c:Claim) WHERE k.id = $aboutEvent WITH c WHERE c.topic IN $topics WITH c WHERE c.statedTo >= $statedFrom WITH c WHERE c.statedFrom <= $statedTo WITH c WHERE coalesce(c.rank, 'NORMAL') <> 'DEPRECATED' WITH c WHERE EXISTS { MATCH (c)-[:CONTRADICTS]-(:Claim) } WITH DISTINCT c.id AS id, c.statedFrom AS stated ORDER BY stated IS NULL, stated DESC, id SKIP $offset LIMIT $limit RETURN id"`);
    expect(q.claimPagesOfAnchors(d, 'aboutPlace', ['place:kursk-oblast'], {}, 'STATED_ASC', 0, 5).text).toMatchInlineSnapshot(`"MATCH (k:Place)<-[:PART_OF*0..10]-(p:Place) WHERE k.id IN $anchorIds WITH DISTINCT k, p MATCH (c:Claim)-[:ABOUT]->(p) WHERE (coalesce(c.rank, 'NORMAL') <> 'DEPRECATED') WITH DISTINCT k.id AS key, c.id AS id, c.statedFrom AS stated ORDER BY key, stated IS NULL, stated ASC, id SKIP 0 WITH key, collect(id) AS matched RETURN key, matched[$offset..($offset + $limit)] AS ids, size(matched) AS total"`);
    expect(q.claimPagesOfAnchors(kuzuDialect, 'aboutPlace', ['place:kursk-oblast'], {}, 'STATED_ASC', 0, 5).text).toMatchInlineSnapshot(`"MATCH (k:Place)<-[:PART_OF*0..10]-(p:Place) WHERE k.id = $anchorIds WITH DISTINCT k, p MATCH (c:Claim)-[:ABOUT]->(p) WHERE coalesce(c.rank, 'NORMAL') <> 'DEPRECATED' WITH DISTINCT k.id AS key, c.id AS id, c.statedFrom AS stated ORDER BY key, stated IS NULL, stated ASC, id SKIP 0 WITH key, collect(id) AS matched RETURN key, list_slice(matched, $offset + 1, $offset + $limit) AS ids, size(matched) AS total"`);
  });
});
