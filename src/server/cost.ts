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
 *
 * The graph-shaped answers are the one place where a page's size is not its slicing argument, and
 * where two pages of one answer differ in size: a Subgraph's `nodes` and `edges`. @listSize cannot
 * state that, so PAGE_SIZES does, from the arguments of the field that returns the Subgraph (their
 * defaults when left out, never more than the resolver accepts), and each page counts its own
 * selection once per item it can hold:
 *
 * - `neighbourhood(limit:)`: `limit` nodes and EDGES_PER_NODE x `limit` edges;
 * - `paths(first:, maxLength:)`: `first` paths, each of `maxLength + 1` nodes and `maxLength` edges.
 *
 * schema/graph.graphql states the same bounds in those fields' descriptions.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError, GraphQLIncludeDirective, GraphQLSkipDirective, Kind, getDirectiveValues, getNamedType, getNullableType,
  getVariableValues, isCompositeType, isInterfaceType, isLeafType, isListType, isObjectType,
  type DirectiveNode, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLDirective, type GraphQLField,
  type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { Config } from '../config.js';
import { MAX_PATH_LENGTH } from '../domain/model.js';
import { MAX_NODES, MAX_PATHS } from '../graphql/resolvers/graph.js';
import { tooComplex } from './limits.js';
import { MAX_EDGES_PER_NODE } from '../store/GraphStore.js';

export type CostLimits = Pick<Config, 'maxCost' | 'defaultPageSize' | 'maxPageSize'>;

interface ListSize {
  assumedSize?: number;
  slicingArguments?: string[];
  sizedFields?: string[];
}

/** Relationships a neighbourhood holds per node at most: the store cuts the rest (GraphStore.ts). */
export const EDGES_PER_NODE = MAX_EDGES_PER_NODE;

/** An argument's value for the cost: its default when left out or null, at most `max` (the resolver refuses more). */
type Argument = (name: string, max: number) => number;

/**
 * The fields whose pages are not each as long as their slicing argument (see the comment at the
 * top): how many answers the field gives (`items`, 1 for a single object) and how many items each
 * page of each answer can hold.
 */
const PAGE_SIZES: Record<string, (arg: Argument) => { items: number; pages: Record<string, number> }> = {
  'Query.neighbourhood': (arg) => {
    const limit = arg('limit', MAX_NODES);
    return { items: 1, pages: { nodes: limit, edges: EDGES_PER_NODE * limit } };
  },
  'Query.paths': (arg) => {
    const length = arg('maxLength', MAX_PATH_LENGTH);
    return { items: arg('first', MAX_PATHS), pages: { nodes: length + 1, edges: length } };
  },
};

/** The pages PAGE_SIZES sizes, by field name. */
const PAGE_NAMES = new Set(Object.values(PAGE_SIZES).flatMap((sizes) => Object.keys(sizes(() => 0).pages)));

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
 * returns `Type.field` for each one that does not (neither `@listSize` nor a page of a connection),
 * and for each field returning a Subgraph that PAGE_SIZES does not size.
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
  const subgraphs = pageTypes(schema);
  const missing: string[] = [];
  for (const type of types) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      // Its pages are sized only by PAGE_SIZES: the general rule would count edges as many as nodes.
      if (subgraphs.has(getNamedType(field.type).name) && !PAGE_SIZES[coordinate]) missing.push(coordinate);
      if (!isListType(getNullableType(field.type)) || !isCompositeType(getNamedType(field.type))) continue;
      const size = listSizeOf(directive, field);
      const stated = size?.assumedSize !== undefined || (size?.slicingArguments?.length ?? 0) > 0;
      if (!stated && !pages.has(coordinate) && !missing.includes(coordinate)) missing.push(coordinate);
    }
  }
  return missing;
}

/** The types whose pages PAGE_SIZES sizes (Subgraph). */
function pageTypes(schema: GraphQLSchema): Set<string> {
  const names = new Set<string>();
  for (const coordinate of Object.keys(PAGE_SIZES)) {
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    const type = schema.getType(typeName);
    const field = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[fieldName] : undefined;
    if (field) names.add(getNamedType(field.type).name);
  }
  return names;
}

/** What the estimator needs of the operation to see which page fields a selection holds. */
interface OperationParts {
  fragments: Record<string, FragmentDefinitionNode>;
  /** Coerced variable values, for @skip and @include. */
  variables: Record<string, unknown>;
}

/** Whether @skip or @include leaves a selection out, as graphql-query-complexity (and execution) decide. */
function skipped(node: { directives?: readonly DirectiveNode[] }, variables: Record<string, unknown>): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return true;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if === false;
}

/** The fields named `names` directly in a selection set, through its fragments, leaving out what is skipped. */
function fieldsIn(set: SelectionSetNode | undefined, names: Set<string>, parts: OperationParts, seen = new Set<string>()): FieldNode[] {
  const out: FieldNode[] = [];
  for (const selection of set?.selections ?? []) {
    if (skipped(selection, parts.variables)) continue;
    if (selection.kind === Kind.FIELD) {
      if (names.has(selection.name.value)) out.push(selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      out.push(...fieldsIn(selection.selectionSet, names, parts, seen));
    } else {
      const fragment = parts.fragments[selection.name.value];
      if (!fragment || seen.has(fragment.name.value)) continue;
      seen.add(fragment.name.value);
      out.push(...fieldsIn(fragment.selectionSet, names, parts, seen));
      seen.delete(fragment.name.value);
    }
  }
  return out;
}

/**
 * The estimator of the model above, for a schema carrying @listSize. `operation` gives the
 * fragments and variables that PAGE_SIZES needs to tell a Subgraph's pages apart (without it, none
 * is skipped and fragments are not followed).
 */
export function costEstimator(schema: GraphQLSchema, limits: CostLimits, operation?: OperationParts): ComplexityEstimator {
  const directive = listDirective(schema);
  const parts: OperationParts = operation ?? { fragments: {}, variables: {} };
  const sizedTypes = pageTypes(schema);
  // graphql-query-complexity estimates a field after everything under it: a page of a Subgraph
  // leaves its cost per item here, counted 0 on its own, and the field that returned the Subgraph
  // multiplies each page's by that page's size.
  const perItem = new Map<FieldNode, number>();
  const items = (value: unknown): number => {
    if (Array.isArray(value)) return value.length;
    if (typeof value === 'number') return Math.max(0, Math.min(value, limits.maxPageSize));
    return limits.defaultPageSize;
  };
  return ({ type, field, node, args, childComplexity }) => {
    const own = isLeafType(getNamedType(field.type)) ? 0 : 1;
    const sizes = PAGE_SIZES[`${type.name}.${field.name}`];
    if (sizes) {
      const arg: Argument = (name, max) => {
        const value = args[name] ?? field.args.find((a) => a.name === name)?.defaultValue;
        return typeof value === 'number' ? Math.max(0, Math.min(value, max)) : max;
      };
      const { items: answers, pages } = sizes(arg);
      let paged = 0;
      for (const page of fieldsIn(node.selectionSet, new Set(Object.keys(pages)), parts)) {
        paged += pages[page.name.value]! * (perItem.get(page) ?? 0);
      }
      return answers * (own + paged + childComplexity);
    }
    if (sizedTypes.has(type.name) && PAGE_NAMES.has(field.name)) {
      perItem.set(node, own + childComplexity);
      return 0;
    }
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
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return undefined;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return getComplexity({
    schema, query: document, variables, operationName: operation.name?.value,
    estimators: [costEstimator(schema, limits, { fragments, variables: coerced.coerced })],
  });
}

/** Refuses an operation that costs more than MAX_COST with HTTP 400 QUERY_TOO_COMPLEX, naming the limit and the cost. */
export function costLimitPlugin(limits: CostLimits): ApolloServerPlugin {
  return {
    async serverWillStart({ schema }) {
      const missing = unsizedLists(schema);
      if (missing.length > 0) {
        throw new Error(`The cost limit cannot bound these fields (a list of objects needs @listSize, a field returning a Subgraph its page sizes in cost.ts): ${missing.join(', ')}`);
      }
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
              + 'A connection counts its selection once per item of `first`, a list once per item it may hold: ask for fewer with first (limit, for neighbourhood), or nest fewer lists.',
            'MAX_COST',
          );
        },
      };
    },
  };
}
