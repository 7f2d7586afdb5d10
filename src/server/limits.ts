/**
 * Limits on an operation's shape: graphql-armor bounds depth, aliases and directives, graphql's
 * parser the tokens (Apollo's parseOptions), and cost.ts what it can return. A rejected query gets
 * QUERY_TOO_COMPLEX, names the limit and its value, and says nothing about the schema.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationRule } from 'graphql';
import type { Config } from '../config.js';

export type Limits = Pick<Config, 'maxDepth' | 'maxAliases' | 'maxDirectives' | 'introspection'>;

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
    // Cost is bounded by one model that knows connections and list sizes (cost.ts), not armor's flat count.
    costLimit: { enabled: false },
    // "Did you mean ...?" would reveal field names that introspection, when off, hides.
    blockFieldSuggestion: { enabled: !limits.introspection },
  });
  // graphql-armor is typed against @apollo/server's CommonJS build and we import its ES module build:
  // the same types, declared twice, which TypeScript will not unify.
  const { plugins, validationRules } = armor.protect() as unknown as { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[] };
  return { plugins, validationRules };
}
