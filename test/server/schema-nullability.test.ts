/**
 * A field that takes arguments can fail on a bad one; when it is non-null, its error nulls its parent
 * and, up the chain, the whole answer. Such fields are nullable (GitHub's API does the same), so the
 * rest of an answer keeps its data. Mutations and subscriptions are one field an operation each.
 */
import { buildSchema, isEnumType, isInterfaceType, isNonNullType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { RELATIONSHIP_TYPES } from '../../src/domain/model.js';
import { loadTypeDefs } from '../../src/server/schema.js';

describe('the schema', () => {
  it('makes every query field that takes arguments nullable', () => {
    const schema = buildSchema(loadTypeDefs().join('\n'));
    const operationRoots = new Set<unknown>([schema.getMutationType(), schema.getSubscriptionType()]);
    const nonNull: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || operationRoots.has(type)) continue;
      if (!isObjectType(type) && !isInterfaceType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        if (field.args.length > 0 && isNonNullType(field.type)) nonNull.push(`${type.name}.${field.name}: ${String(field.type)}`);
      }
    }
    expect(nonNull).toEqual([]);
  });
});

describe('the RelationshipType enum', () => {
  it('names the relationship types of the model, in its order', () => {
    const type = buildSchema(loadTypeDefs().join('\n')).getType('RelationshipType');
    expect(isEnumType(type) && type.getValues().map((v) => v.name)).toEqual([...RELATIONSHIP_TYPES]);
  });
});
