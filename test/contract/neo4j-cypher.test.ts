/**
 * Without a Neo4j server here, every statement the Neo4j adapter can send is checked by Neo4j's own
 * Cypher 5 parser and semantic analysis (@neo4j-cypher/language-support), and Kuzu runs the same
 * shared text in the contract suite.
 */
import { describe, expect, it } from 'vitest';
import { NODE_LABELS, TOPICS } from '../../src/domain/model.js';
import type { ClaimAnchor, ClaimCriteria, EdgeName } from '../../src/store/GraphStore.js';
import * as q from '../../src/store/cypher/queries.js';
import { EDGES } from '../../src/store/edges.js';
import { neo4jDialect } from '../../src/store/neo4j/Neo4jStore.js';
import { neo4jSchemaStatements } from '../../src/store/neo4j/schema-statements.js';
import { groupRelationships, relationshipRows } from '../../src/store/graph-rows.js';
import { REL_TYPES } from '../../src/store/schema.js';
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

function everyStatement(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const text of neo4jSchemaStatements()) out.push(['schema', text]);
  for (const label of NODE_LABELS) {
    out.push([`nodesByIds ${label}`, q.nodesByIds(label, ['x', 'y']).text], [`nodesByIds ${label} one`, q.nodesByIds(label, ['x']).text]);
    out.push([`countOf ${label}`, q.countOf(label).text]);
    out.push([`upsertNodes ${label}`, q.upsertNodes(label)]);
    if (label !== 'Claim') out.push([`listNodes ${label}`, q.listNodes(label, 0, 10).text]);
  }
  out.push(['nodesByNameKey', q.nodesByNameKey(d, ['Place', 'Actor', 'Event'], 'kursk').text]);
  for (const type of REL_TYPES) out.push([`countRelationships ${type}`, q.countRelationships(d, type).text]);
  for (const edge of Object.keys(EDGES) as EdgeName[]) {
    for (const s of q.neighbours(d, edge, ['x', 'y'])) out.push([`neighbours ${edge} ${s.direction}`, s.text]);
    for (const s of q.neighbours(d, edge, ['x'])) out.push([`neighbours ${edge} ${s.direction} one`, s.text]);
  }
  criteria.forEach((c, i) => {
    out.push([`countClaims #${i}`, q.countClaims(d, c).text]);
    out.push([`pageOfClaims #${i}`, q.pageOfClaims(d, c, i % 2 ? 'STATED_ASC' : 'STATED_DESC', 0, 10).text]);
    for (const a of anchors) out.push([`claimsOfAnchors ${a} #${i}`, q.claimsOfAnchors(d, a, ['x'], c, 'STATED_DESC').text]);
  });
  for (const type of ['CONTRADICTS', 'CORROBORATES'] as const) {
    out.push([`deleteDerivedLinks ${type}`, q.deleteDerivedLinks(type)], [`deleteLinks ${type}`, q.deleteLinks(type)], [`createLinks ${type}`, q.createLinks(type)]);
  }
  criteria.forEach((c, i) => {
    out.push([`links #${i}`, q.links(d, 'CONTRADICTS', { ...c, between: i % 2 ? [['actor:a'], ['actor:b']] : undefined }).text]);
  });
  out.push(['membersOf', q.membersOf(['actor:a']).text], ['statesOf', q.statesOf(['actor:a']).text]);
  out.push(['analysableClaims', q.analysableClaims(d).text], ['displayNames', q.displayNames(d).text], ['placeParents', q.placeParents().text]);
  for (const rows of groupRelationships(relationshipRows(fixtureGraph())).values()) {
    const r = rows[0]!;
    out.push([`mergeRelationships ${r.type}`, q.mergeRelationships(r.type, r.fromLabel, r.toLabel)]);
  }
  return out;
}

describe('Neo4j Cypher', () => {
  const statements = everyStatement();

  it.each(statements)('%s is valid Cypher 5', (_name, text) => {
    expect(cypherProblems(text)).toEqual([]);
  });

  it('catches what is not Cypher 5 (the checker itself works)', () => {
    expect(cypherProblems('MATCH (n:Claim) RETURN n ORDER BY n.x DESC NULLS LAST')).not.toEqual([]);
    expect(cypherProblems(q.nodesByNameKey({ anyLabel: (l) => `:${l.join(':')}` }, ['Place', 'Actor'], 'x').text)).toEqual([]);
  });

  it('builds claim queries from parameters only', () => {
    const s = q.pageOfClaims(d, criteria[3]!, 'STATED_DESC', 20, 10);
    expect(s.text).toMatchInlineSnapshot(`"MATCH (k:Event)<-[:ABOUT]-(c:Claim) WHERE k.id = $aboutEvent WITH c WHERE c.topic IN $topics WITH c WHERE c.statedTo >= $statedFrom WITH c WHERE c.statedFrom <= $statedTo WITH c WHERE EXISTS { MATCH (c)-[:CONTRADICTS]-(:Claim) } WITH DISTINCT c.id AS id, c.statedFrom AS stated ORDER BY stated IS NULL, stated DESC, id SKIP $offset LIMIT $limit RETURN id"`);
    expect(s.params).toEqual({ aboutEvent: 'event:x', topics: ['TERRITORY'], statedFrom: '2024-01-01', statedTo: '2024-12-31', offset: 20, limit: 10 });
    expect(q.claimsOfAnchors(d, 'aboutPlace', ['place:kursk-oblast'], {}, 'STATED_ASC').text).toMatchInlineSnapshot(`"MATCH (c:Claim)-[:ABOUT]->(:Place)-[:PART_OF*0..10]->(k:Place) WHERE k.id IN $anchorIds WITH DISTINCT k.id AS key, c.id AS id, c.statedFrom AS stated RETURN key, id, stated ORDER BY key, stated IS NULL, stated ASC, id"`);
  });
});
