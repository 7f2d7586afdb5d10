/** The cost model: every list states its size in the schema, and an operation costs the most objects it can return. */
import { buildSchema, getDirectiveValues, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MAX_HIERARCHY_DEPTH } from '../../src/domain/model.js';
import { operationCost, unsizedLists } from '../../src/server/cost.js';
import { loadTypeDefs } from '../../src/server/schema.js';

const schema = buildSchema(loadTypeDefs().join('\n'));
const limits = { maxCost: 10_000, defaultPageSize: 20, maxPageSize: 100 };

function cost(query: string, variables: Record<string, unknown> = {}): number | undefined {
  const document = parse(query);
  return operationCost(schema, document, document.definitions[0] as OperationDefinitionNode, variables, limits);
}

describe('list sizes in the schema', () => {
  it('are stated for every list of objects', () => {
    expect(unsizedLists(schema)).toEqual([]);
  });

  it('are required of a list added later', () => {
    const grown = buildSchema(`${loadTypeDefs().join('\n')}\nextend type Actor { "Everyone." friends: [Actor!]! }`);
    expect(unsizedLists(grown)).toEqual(['Actor.friends']);
  });

  it('bound the ancestors of a place by the depth the domain allows', () => {
    const ancestors = schema.getType('Place') && (schema.getType('Place') as any).getFields().ancestors;
    expect(getDirectiveValues(schema.getDirective('listSize')!, ancestors.astNode)).toEqual({ assumedSize: MAX_HIERARCHY_DEPTH });
  });
});

describe('operation cost', () => {
  it('counts objects, not leaves', () => {
    expect(cost('{ __typename }')).toBe(0);
    expect(cost('{ actor(id: "actor:isw") { id name kind } }')).toBe(1);
    expect(cost('{ actor(id: "actor:isw") { side { name } } }')).toBe(2);
  });

  it('multiplies a connection by first, its default, or at most MAX_PAGE_SIZE', () => {
    expect(cost('{ actors(first: 3) { totalCount nodes { id } } }')).toBe(1 + 3 * 1);
    expect(cost('{ actors { nodes { id } edges { node { id } } } }')).toBe(1 + 20 * (1 + 2));
    expect(cost('query($n: Int) { actors(first: $n) { nodes { id } } }', { n: 7 })).toBe(1 + 7);
    expect(cost('{ actors(first: 100000) { nodes { id } } }')).toBe(1 + 100);
  });

  it('multiplies a plain list by its assumed size, and nodes(ids:) by the ids given', () => {
    expect(cost('{ claim(id: "c") { contradictedBy { id } } }')).toBe(1 + 10);
    expect(cost('{ nodes(ids: ["a", "b", "c"]) { id } }')).toBe(3);
  });

  it('counts the most expensive branch of an abstract type, and nothing skipped', () => {
    expect(cost('{ node(id: "x") { ... on Actor { memberOf { id } } ... on Place { parts { id } } } }')).toBe(1 + 30);
    expect(cost('query($skip: Boolean!) { actors @skip(if: $skip) { nodes { id } } }', { skip: true })).toBe(0);
  });

  it('leaves variables that do not coerce to execution, which reports them', () => {
    expect(cost('query($n: Int) { actors(first: $n) { nodes { id } } }', { n: 'many' })).toBeUndefined();
  });
});
