/**
 * The query cost limit: one model for every operation, computed by graphql-query-complexity with
 * the variables the operation was sent with, before any resolver runs.
 *
 * An operation costs the most objects it can return. A field of object (interface, union) type
 * counts 1 and a leaf 0. A list counts its selection once per item it can hold, and the schema
 * states how many that is with `@listSize` (schema/base.graphql): a connection multiplies its
 * selection by its `first` (DEFAULT_PAGE_SIZE when it is left out; never more than MAX_PAGE_SIZE,
 * which the resolvers refuse), its page fields (`sizedFields`: nodes, edges) are not multiplied
 * again, and a plain list multiplies by its `assumedSize`. A fragment on an abstract type counts
 * its most expensive branch.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError, getDirectiveValues, getNamedType, getNullableType, getVariableValues, isCompositeType, isInterfaceType,
  isLeafType, isListType, isObjectType,
  type DocumentNode, type GraphQLDirective, type GraphQLField, type GraphQLSchema, type OperationDefinitionNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { Config } from '../config.js';
import { tooComplex } from './limits.js';

export type CostLimits = Pick<Config, 'maxCost' | 'defaultPageSize' | 'maxPageSize'>;

interface ListSize {
  assumedSize?: number;
  slicingArguments?: string[];
  sizedFields?: string[];
}

/** Read once per field of a schema; introspection fields have no SDL and no size. */
const sizes = new WeakMap<GraphQLField<unknown, unknown>, ListSize | null>();

function listSizeOf(directive: GraphQLDirective, field: GraphQLField<unknown, unknown>): ListSize | undefined {
  let size = sizes.get(field);
  if (size === undefined) {
    size = (field.astNode && (getDirectiveValues(directive, field.astNode) as ListSize | undefined)) ?? null;
    sizes.set(field, size);
  }
  return size ?? undefined;
}

function listDirective(schema: GraphQLSchema): GraphQLDirective {
  const directive = schema.getDirective('listSize');
  if (!directive) throw new Error('The schema declares no @listSize directive: the cost limit needs it');
  return directive;
}

/**
 * Every list of objects must state its size, so that a field added later cannot escape the limit:
 * returns `Type.field` for each one that does not (neither `@listSize` nor a page of a connection).
 */
export function unsizedLists(schema: GraphQLSchema): string[] {
  const directive = listDirective(schema);
  const types = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__'));
  const pages = new Set<string>();
  for (const type of types) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const size = listSizeOf(directive, field);
      for (const page of size?.sizedFields ?? []) pages.add(`${getNamedType(field.type).name}.${page}`);
    }
  }
  const missing: string[] = [];
  for (const type of types) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (!isListType(getNullableType(field.type)) || !isCompositeType(getNamedType(field.type))) continue;
      const size = listSizeOf(directive, field);
      const stated = size?.assumedSize !== undefined || (size?.slicingArguments?.length ?? 0) > 0;
      if (!stated && !pages.has(`${type.name}.${field.name}`)) missing.push(`${type.name}.${field.name}`);
    }
  }
  return missing;
}

/** The estimator of the model above, for a schema carrying @listSize. */
export function costEstimator(schema: GraphQLSchema, limits: CostLimits): ComplexityEstimator {
  const directive = listDirective(schema);
  const items = (value: unknown): number => {
    if (Array.isArray(value)) return value.length;
    if (typeof value === 'number') return Math.max(0, Math.min(value, limits.maxPageSize));
    return limits.defaultPageSize;
  };
  return ({ field, args, childComplexity }) => {
    const own = isLeafType(getNamedType(field.type)) ? 0 : 1;
    const size = listSizeOf(directive, field);
    const slicing = size?.slicingArguments?.[0];
    // A connection object counts once; its page (the selection under it) once per item.
    if (slicing !== undefined && !isListType(getNullableType(field.type))) return own + items(args[slicing]) * childComplexity;
    if (slicing !== undefined) return items(args[slicing]) * (own + childComplexity);
    if (size?.assumedSize !== undefined) return size.assumedSize * (own + childComplexity);
    return own + childComplexity;
  };
}

/** What an operation costs, with its variables; undefined when the variables do not coerce (execution reports that). */
export function operationCost(
  schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode,
  variables: Record<string, unknown>, limits: CostLimits,
): number | undefined {
  if (getVariableValues(schema, operation.variableDefinitions ?? [], variables).errors) return undefined;
  return getComplexity({
    schema, query: document, variables, operationName: operation.name?.value, estimators: [costEstimator(schema, limits)],
  });
}

/** Refuses an operation that costs more than MAX_COST with HTTP 400 QUERY_TOO_COMPLEX, naming the limit and the cost. */
export function costLimitPlugin(limits: CostLimits): ApolloServerPlugin {
  return {
    async serverWillStart({ schema }) {
      const missing = unsizedLists(schema);
      if (missing.length > 0) throw new Error(`These lists state no @listSize, so the cost limit cannot bound them: ${missing.join(', ')}`);
    },
    async requestDidStart() {
      return {
        async didResolveOperation(ctx) {
          if (!ctx.operation) return;
          let cost: number | undefined;
          try {
            cost = operationCost(ctx.schema, ctx.document, ctx.operation, ctx.request.variables ?? {}, limits);
          } catch (error) {
            // graphql-query-complexity stops counting at 10,000 fields (fragments spread within fragments).
            if (!(error instanceof GraphQLError)) throw error;
            cost = Infinity;
          }
          if (cost === undefined || cost <= limits.maxCost) return;
          // Apollo answers 500 for anything thrown by a plugin unless the response says otherwise.
          ctx.response.http.status = 400;
          throw tooComplex(
            `The query costs ${Number.isFinite(cost) ? cost : 'more than can be counted'}; the limit is ${limits.maxCost} (MAX_COST). `
              + 'A connection counts its selection once per item of `first`, a list once per item it may hold: ask for fewer with first, or nest fewer lists.',
            'MAX_COST',
          );
        },
      };
    },
  };
}
