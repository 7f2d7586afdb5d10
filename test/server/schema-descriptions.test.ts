/** The schema documents itself: every type, field, argument, enum value and directive has a description. */
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isSpecifiedDirective, isSpecifiedScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../../src/server/schema.js';

describe('the schema', () => {
  it('describes every element', () => {
    const schema = buildSchema(loadTypeDefs().join('\n'));
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) if (!field.description) missing.push(`${type.name}.${field.name}`);
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
    for (const directive of schema.getDirectives().filter((d) => !isSpecifiedDirective(d))) {
      if (!directive.description) missing.push(`@${directive.name}`);
      for (const arg of directive.args) if (!arg.description) missing.push(`@${directive.name}(${arg.name})`);
    }
    expect(missing).toEqual([]);
  });
});
