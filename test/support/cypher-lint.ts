/**
 * Offline Cypher checker for tests: validates query text against Neo4j's Cypher 5
 * syntax and semantics without a running server.
 *
 * It is built on `@neo4j-cypher/language-support`'s `lintCypherQuery`. That runs
 * Neo4j's own parser and semantic analysis (compiled from the Java front-end), so it
 * reports the errors the server would report at parse time: syntax errors,
 * undefined variables, aggregation misuse, type mismatches on literals, wrong
 * argument counts of built-in functions, unknown YIELD columns, and so on.
 *
 * What it cannot see: anything that needs the data or the real schema (labels,
 * properties, constraints, parameter values). Unknown labels and properties are
 * warnings in the package and only produced when a schema is given; we give none.
 * Only diagnostics with severity Error are returned; warnings (deprecations,
 * cartesian products...) are ignored.
 */
import { createRequire } from 'node:module';
import type { DbSchema } from '@neo4j-cypher/language-support';

// The package's ESM build is not loadable by Node as it is (extensionless imports, no "type"), so
// vitest would transform its 22 MB through Vite in every file that lints (tens of seconds).
// Its CommonJS build is the same code and Node loads it directly.
const { lintCypherQuery, parseStatementsStrs, testData } = createRequire(import.meta.url)(
  '@neo4j-cypher/language-support',
) as typeof import('@neo4j-cypher/language-support');

/** LSP DiagnosticSeverity.Error */
const SEVERITY_ERROR = 1;

export interface CypherProblemsOptions {
  /**
   * Report calls to functions and procedures that are not in the package's bundled
   * registry (Neo4j built-ins, db.*, dbms.*, APOC core, GDS) as errors, and let the
   * semantic analysis check procedure arguments and YIELD columns. Default true.
   * Turn off for queries that call plugins not in that list.
   */
  checkFunctionsAndProcedures?: boolean;
}

type Registries = Pick<DbSchema, 'functions' | 'procedures'>;

/**
 * Before every statement the package compares the registries it was given with the previous
 * ones by `JSON.stringify` (1.3 MB each, twice per statement: a tenth of the lint time). Each
 * registry here gets a non-enumerable `toJSON` naming it, so that comparison costs nothing;
 * `Object.values` and look-ups by name, which are all the package does with them, do not see it.
 */
function tagged<T extends object>(registry: T | undefined, tag: string): T | undefined {
  if (!registry) return undefined;
  const copy = { ...registry };
  Object.defineProperty(copy, 'toJSON', { value: () => tag, enumerable: false });
  return copy;
}

function taggedByVersion<T extends object>(scoped: Partial<Record<string, T>> | undefined, kind: string) {
  if (!scoped) return undefined;
  return Object.fromEntries(Object.entries(scoped).map(([version, registry]) => [version, tagged(registry, `${kind} ${version}`)]));
}

// The package ships the function/procedure registry it uses for its own tests; it
// is a dump from a real Neo4j server (built-ins + APOC + GDS), keyed by Cypher version.
const bundledRegistries: Registries = (() => {
  const mock = (testData as { mockSchema?: DbSchema } | undefined)?.mockSchema;
  return {
    functions: taggedByVersion(mock?.functions, 'functions') as DbSchema['functions'],
    procedures: taggedByVersion(mock?.procedures, 'procedures') as DbSchema['procedures'],
  };
})();

const PARAM_NOT_DEFINED = /^Parameter \$.* is not defined\.$/;
// CYPHER 25 is a Neo4j 2025.x language; our target is Neo4j 5 (Cypher 5).
const CYPHER_25_PREFIX =
  /^(?:\s|\/\/[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*(?:(?:EXPLAIN|PROFILE)\s+)?CYPHER\s+25(?![0-9])/i;

let selfChecked = false;

function lint(query: string, options: CypherProblemsOptions): string[] {
  const schema: DbSchema = { defaultLanguage: 'CYPHER 5' };
  if (options.checkFunctionsAndProcedures !== false) {
    schema.functions = bundledRegistries.functions;
    schema.procedures = bundledRegistries.procedures;
  }
  const problems: string[] = [];
  for (const statement of parseStatementsStrs(query)) {
    if (CYPHER_25_PREFIX.test(statement)) {
      problems.push('CYPHER 25 is not available in Neo4j 5; write Cypher 5 (no version prefix)');
    }
  }
  const diagnostics = lintCypherQuery(query, schema, false);
  for (const d of diagnostics) {
    if (d.severity !== SEVERITY_ERROR) continue;
    // We never declare parameters, so "$x is not defined" is noise.
    if (typeof d.message === 'string' && PARAM_NOT_DEFINED.test(d.message)) continue;
    const message = (typeof d.message === 'string' ? d.message : d.message.value).replace(/\s*\n\s*/g, ' ');
    const { line, character } = d.range.start;
    problems.push(`${message} (line ${line + 1}, column ${character + 1})`);
  }
  return problems;
}

/**
 * The package swallows any exception thrown inside its semantic analysis and then
 * reports nothing, which would make every query "valid". Check once that it works.
 */
function ensureSemanticAnalysisWorks(): void {
  if (selfChecked) return;
  // With the registries most checks use, so the package does not rebuild its resolver twice.
  const probe = lint('RETURN cypherLintSelfCheckUndefinedVariable', {});
  if (!probe.some((p) => p.includes('cypherLintSelfCheckUndefinedVariable'))) {
    throw new Error(
      'cypher-lint: @neo4j-cypher/language-support semantic analysis is not reporting errors; ' +
        'results would be meaningless',
    );
  }
  selfChecked = true;
}

/**
 * Error messages (with 1-based line/column) for a Cypher 5 query, or [] when Neo4j 5
 * would accept it at parse/semantic-analysis time. Synchronous.
 * Several statements separated by `;` are each checked.
 */
export function cypherProblems(query: string, options: CypherProblemsOptions = {}): string[] {
  ensureSemanticAnalysisWorks();
  // The same text is often built by several statement builders: check it once.
  const key = `${options.checkFunctionsAndProcedures !== false}\u0000${query}`;
  let problems = checked.get(key);
  if (!problems) checked.set(key, (problems = lint(query, options)));
  return [...problems];
}

const checked = new Map<string, string[]>();
