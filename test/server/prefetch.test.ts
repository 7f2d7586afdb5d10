/**
 * The look-ahead (graphql/prefetch.ts) read from real operations against the real schema, and the
 * stages a statement takes of it (store/cypher/walks.ts).
 */
import { buildASTSchema, Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { FIELD_EDGES, prefetchOfClaims, prefetchOfNodes } from '../../src/graphql/prefetch.js';
import { loadTypeDefs } from '../../src/server/schema.js';
import { EDGES } from '../../src/store/edges.js';
import { MAX_DEPTH, MAX_STAGES, planStages } from '../../src/store/cypher/walks.js';

const schema = buildASTSchema(parse(loadTypeDefs().join('\n')));

/** What a resolver of the operation's first root field would be given. */
function infoOf(query: string) {
  const doc = parse(query);
  const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return { schema, fragments, fieldNodes: [operation.selectionSet.selections[0] as FieldNode] };
}

describe('the look-ahead', () => {
  it('reads the edges a page of claims selects, through nodes and edges, fragments and aliases, nested where the neighbour has one label', () => {
    const info = infoOf(`{ claims(first: 5) {
      nodes { id claimant { ... on Actor { name } } ...Rest }
      edges { node { sources: source { title publisher { name } } } }
    } }
    fragment Rest on Claim { contradictedBy { id claimant { ... on Actor { name } } } }`);
    expect(prefetchOfClaims(info)).toEqual({
      'Claim.claimant': {},
      'Claim.conflicts': { 'Claim.claimant': {} },
      'Claim.source': { 'Source.publisher': {} },
    });
  });

  it('merges two fields on one edge, and leaves out fields that take arguments or are not one edge', () => {
    const info = infoOf(`{ claim(id: "claim:x") {
      contradictedBy { source { title } }
      contradictions { kind claim { id } }
      history(first: 2) { seq }
      measure { kind }
    } }`);
    expect(prefetchOfNodes(info, 'Claim')).toEqual({ 'Claim.conflicts': { 'Claim.source': {} } });
    const place = infoOf('{ place(id: "place:x") { ancestors { name } claims(first: 2) { totalCount } parts { name } } }');
    expect(prefetchOfNodes(place, 'Place')).toEqual({ 'Place.parts': {} });
  });

  it('follows fragments on the node type and on interfaces it implements, not on other types', () => {
    const info = infoOf('{ node(id: "place:x") { ... on Place { parts { id } } ... on Actor { members { id } } ... on Node { id } ...P } } fragment P on Place { events { name } }');
    expect(prefetchOfNodes(info, 'Place')).toEqual({ 'Place.parts': {}, 'Place.events': {} });
    expect(prefetchOfNodes(info, 'Actor')).toEqual({ 'Actor.members': {} });
  });

  it('names only fields of the types it maps, each from the label its edge starts at', () => {
    for (const [label, fields] of Object.entries(FIELD_EDGES)) {
      const type = schema.getType(label) as { getFields(): Record<string, { args: readonly unknown[] }> };
      for (const [name, { edge }] of Object.entries(fields)) {
        expect(type.getFields()[name], `${label}.${name}`).toBeDefined();
        expect(type.getFields()[name]!.args, `${label}.${name}`).toHaveLength(0);
        expect(EDGES[edge].from).toBe(label);
      }
    }
  });
});

describe('the stages of a statement', () => {
  it('walks an edge both ways as two stages, nested stages named under their parent', () => {
    const stages = planStages({ 'Claim.conflicts': { 'Claim.claimant': {} }, 'Claim.source': {} }, 'Claim');
    expect(stages.map((s) => [s.edge, s.direction, s.column, s.then.map((t) => t.column)])).toEqual([
      ['Claim.conflicts', 'OUTGOING', 'w0_', ['w0_0_']],
      ['Claim.conflicts', 'INCOMING', 'w1_', ['w1_0_']],
      ['Claim.source', 'OUTGOING', 'w2_', []],
    ]);
  });

  it(`keeps at most ${MAX_STAGES} stages, the nearest first, and ${MAX_DEPTH} levels`, () => {
    const count = (stages: ReturnType<typeof planStages>): number => stages.reduce((n, s) => n + 1 + count(s.then), 0);
    const wide = planStages({
      'Claim.claimant': {}, 'Claim.source': { 'Source.publisher': { 'Actor.memberOf': {} } }, 'Claim.about': {}, 'Claim.conflicts': { 'Claim.claimant': {} },
      'Claim.corroborations': {}, 'Claim.refersTo': {}, 'Claim.referredBy': {},
    }, 'Claim');
    expect(count(wide)).toBe(MAX_STAGES);
    expect(wide.map((s) => s.edge)).toEqual([
      'Claim.claimant', 'Claim.source', 'Claim.about', 'Claim.conflicts', 'Claim.conflicts', 'Claim.corroborations', 'Claim.corroborations', 'Claim.refersTo',
    ]);
    const deep = planStages({ 'Place.parts': { 'Place.parts': { 'Place.parts': { 'Place.parts': {} } } } }, 'Place');
    expect(deep[0]!.then[0]!.then[0]!.then).toEqual([]);
  });

  it('leaves out an edge that does not start at the label it would be walked from', () => {
    const stages = planStages({ 'Place.parts': {}, 'Claim.source': { 'Place.parts': {}, 'Source.publisher': {} } }, 'Claim');
    expect(stages.map((s) => [s.edge, s.then.map((t) => t.edge)])).toEqual([['Claim.source', ['Source.publisher']]]);
  });
});
