/**
 * Operation limits. graphql-armor bounds the shape of a query (depth, aliases, directives, tokens,
 * field cost); the list-size rule bounds what it can return: each connection multiplies what is
 * under it by its `first` (or the default page size) and each plain list by an assumed fan-out,
 * so nested connections cannot ask for the whole graph. A rejected query gets QUERY_TOO_COMPLEX,
 * names the limit and its value, and says nothing about the schema.
 */
import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError, getNamedType, getNullableType, isListType, isObjectType, isInterfaceType, valueFromAST,
  type FragmentDefinitionNode, type GraphQLNamedType, type GraphQLSchema, type SelectionSetNode, type ValidationRule,
} from 'graphql';
import type { Config } from '../config.js';

export type Limits = Pick<Config, 'maxDepth' | 'maxAliases' | 'maxDirectives' | 'maxTokens' | 'maxCost' | 'maxResults' | 'defaultPageSize' | 'introspection'>;

/** What a plain list (memberOf, contradictedBy, about, ...) is assumed to hold when estimating results. */
export const LIST_FANOUT = 10;

export function tooComplex(message: string, limit: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', limit, http: { status: 400 } } });
}

function reject(limit: string) {
  return (ctx: { reportError(error: GraphQLError): void } | null, error: GraphQLError) => {
    ctx?.reportError(tooComplex(error.message.replace(/^Syntax Error: /, ''), limit));
  };
}

export function armorProtection(limits: Limits): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[] } {
  const common = { exposeLimits: true, propagateOnRejection: false };
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ...common, onReject: [reject('MAX_DEPTH')] },
    maxAliases: { n: limits.maxAliases, ...common, onReject: [reject('MAX_ALIASES')] },
    maxDirectives: { n: limits.maxDirectives, ...common, onReject: [reject('MAX_DIRECTIVES')] },
    // Its token plugin re-parses the document and turns every syntax error into a 500; graphql's own
    // parser counts tokens instead (Apollo's parseOptions.maxTokens), and formatError names the limit.
    maxTokens: { enabled: false },
    costLimit: { maxCost: limits.maxCost, ...common, onReject: [reject('MAX_COST')] },
    // "Did you mean ...?" would reveal field names that introspection, when off, hides.
    blockFieldSuggestion: { enabled: !limits.introspection },
  });
  const protection = armor.protect() as { plugins?: ApolloServerPlugin[]; validationRules?: ValidationRule[] };
  return { plugins: protection.plugins ?? [], validationRules: protection.validationRules ?? [] };
}

/** Upper bound of the objects an operation can return, with the variables it was sent with. */
export function estimateResults(
  schema: GraphQLSchema,
  selectionSet: SelectionSetNode,
  rootType: GraphQLNamedType,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  defaultPageSize: number,
): number {
  const walk = (set: SelectionSetNode, parentType: GraphQLNamedType, multiplier: number, depth: number): number => {
    if (depth > 64) return Infinity;
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === 'InlineFragment') {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
        if (type) total += walk(selection.selectionSet, type, multiplier, depth + 1);
      } else if (selection.kind === 'FragmentSpread') {
        const fragment = fragments[selection.name.value];
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (fragment && type) total += walk(fragment.selectionSet, type, multiplier, depth + 1);
      } else {
        if (!isObjectType(parentType) && !isInterfaceType(parentType)) continue;
        const field = parentType.getFields()[selection.name.value];
        if (!field) continue;
        const named = getNamedType(field.type);
        let m = multiplier;
        if (named.name.endsWith('Connection')) {
          const arg = selection.arguments?.find((a) => a.name.value === 'first');
          const first = arg ? valueFromAST(arg.value, field.args.find((a) => a.name === 'first')!.type, variables) : undefined;
          m *= typeof first === 'number' && first >= 0 ? first : defaultPageSize;
        } else if (isListType(getNullableType(field.type)) && !parentType.name.endsWith('Connection')) {
          m *= LIST_FANOUT;
        }
        total += m;
        if (selection.selectionSet) total += walk(selection.selectionSet, named, m, depth + 1);
      }
    }
    return total;
  };
  return walk(selectionSet, rootType, 1, 0);
}

/** Rejects operations whose estimated results exceed MAX_RESULTS, before any resolver runs. */
export function resultLimitPlugin(limits: Limits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(ctx: GraphQLRequestContextDidResolveOperation<any>) {
          const operation = ctx.operation;
          const root = operation && ctx.schema.getRootType(operation.operation);
          if (!operation || !root) return;
          const estimate = estimateResults(
            ctx.schema, operation.selectionSet, root, ctx.document.definitions
              .filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition')
              .reduce<Record<string, FragmentDefinitionNode>>((all, f) => ({ ...all, [f.name.value]: f }), {}),
            ctx.request.variables ?? {}, limits.defaultPageSize,
          );
          if (estimate > limits.maxResults) {
            // Apollo answers 500 for anything thrown by a plugin unless the response says otherwise.
            ctx.response.http.status = 400;
            throw tooComplex(
              `The query could return up to ${Number.isFinite(estimate) ? estimate : 'unboundedly many'} objects; the limit is ${limits.maxResults} (MAX_RESULTS). Ask for fewer with first, or nest fewer lists.`,
              'MAX_RESULTS',
            );
          }
        },
      };
    },
  };
}
