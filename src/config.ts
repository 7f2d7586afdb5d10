/**
 * The only reader of process.env. Every key is declared once here with its default and meaning;
 * the README's configuration table is checked against this list by a test.
 */
import path from 'node:path';

export interface Config {
  port: number;
  host: string | undefined;
  dataDir: string;
  kuzuBufferPoolMb: number;
  neo4j: { uri: string; user: string; password: string; database: string; connectTimeoutMs: number; maxRetryMs: number } | undefined;
  seedIfEmpty: boolean;
  defaultPageSize: number;
  maxPageSize: number;
  queryTimeoutMs: number;
  requestTimeoutMs: number;
  introspection: boolean;
  approximateTolerance: number;
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
  maxResults: number;
  maxBodyBytes: number;
  logLevel: string;
}

export interface ConfigKey {
  env: string;
  default: string;
  doc: string;
}

export const CONFIG_KEYS: readonly ConfigKey[] = [
  { env: 'PORT', default: '4000', doc: 'HTTP port the server listens on (0 picks a free port).' },
  { env: 'HOST', default: '(all interfaces)', doc: 'Address to bind, e.g. `127.0.0.1` to accept local connections only.' },
  { env: 'DATA_DIR', default: './data', doc: 'Folder of the embedded Kuzu database (used when `NEO4J_URI` is not set).' },
  { env: 'KUZU_BUFFER_POOL_MB', default: '512', doc: 'Memory Kuzu may use for its page cache, in MiB.' },
  { env: 'NEO4J_URI', default: '(unset)', doc: 'Bolt URI, e.g. `neo4j://localhost:7687` or `neo4j+s://xxxx.databases.neo4j.io`. Setting it switches the server to Neo4j.' },
  { env: 'NEO4J_USER', default: 'neo4j', doc: 'Neo4j user name.' },
  { env: 'NEO4J_PASSWORD', default: '(empty)', doc: 'Neo4j password. Never logged.' },
  { env: 'NEO4J_DATABASE', default: 'neo4j', doc: 'Neo4j database name, named on every session.' },
  { env: 'NEO4J_CONNECT_TIMEOUT_MS', default: '5000', doc: 'How long to wait for a Neo4j connection before the store counts as unavailable.' },
  { env: 'NEO4J_MAX_RETRY_MS', default: '5000', doc: 'How long the driver retries a transaction on transient errors (leader switch, dropped connection).' },
  { env: 'SEED_IF_EMPTY', default: 'true', doc: 'On start, load the seed graph when the embedded store is empty (never applies to Neo4j: use `npm run seed`).' },
  { env: 'DEFAULT_PAGE_SIZE', default: '20', doc: 'Page size of a connection when `first` is not given.' },
  { env: 'MAX_PAGE_SIZE', default: '100', doc: 'Hard cap on `first`; larger values are rejected with `BAD_USER_INPUT`.' },
  { env: 'QUERY_TIMEOUT_MS', default: '10000', doc: 'Longest a single store query may run before it is cancelled.' },
  { env: 'REQUEST_TIMEOUT_MS', default: '30000', doc: 'Longest a whole GraphQL operation may spend in the store: each store query gets what is left of it, and none starts after it.' },
  { env: 'INTROSPECTION', default: 'true', doc: 'Allow schema introspection. Off also turns off the explorer landing page and "Did you mean" suggestions.' },
  { env: 'MAX_DEPTH', default: '12', doc: 'Deepest selection nesting an operation may have.' },
  { env: 'MAX_ALIASES', default: '15', doc: 'Most aliases in one operation.' },
  { env: 'MAX_DIRECTIVES', default: '20', doc: 'Most directives in one operation.' },
  { env: 'MAX_TOKENS', default: '2000', doc: 'Most lexical tokens in one document.' },
  { env: 'MAX_COST', default: '5000', doc: "graphql-armor's field cost limit (each field and nesting level adds cost)." },
  { env: 'MAX_RESULTS', default: '10000', doc: 'Most objects an operation may ask for: connections multiply by `first` (or the default page size), other lists by 10.' },
  { env: 'MAX_BODY_BYTES', default: '102400', doc: 'Largest request body accepted; larger ones get 413.' },
  { env: 'LOG_LEVEL', default: 'info', doc: 'pino log level: fatal, error, warn, info, debug, trace or silent.' },
  { env: 'APPROXIMATE_TOLERANCE', default: '0.05', doc: 'Claim analysis: "about N" stands for N ± this fraction of N (0.05: about 4,200 is 3,990 to 4,410).' },
];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function int(env: Env, key: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${key} must be an integer from ${min} to ${max}; got "${raw}"`);
    return fallback;
  }
  return value;
}

function fraction(env: Env, key: string, fallback: number, problems: string[]): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value >= 1) {
    problems.push(`${key} must be a fraction from 0 up to 1; got "${raw}"`);
    return fallback;
  }
  return value;
}

function oneOf(env: Env, key: string, fallback: string, allowed: string[], problems: string[]): string {
  const raw = env[key]?.trim();
  if (!raw) return fallback;
  if (!allowed.includes(raw)) problems.push(`${key} must be one of ${allowed.join(', ')}; got "${raw}"`);
  return allowed.includes(raw) ? raw : fallback;
}

function bool(env: Env, key: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  problems.push(`${key} must be true or false; got "${raw}"`);
  return fallback;
}

/** Reads and validates the configuration once; throws a ConfigError naming every bad key. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const neo4jUri = env.NEO4J_URI?.trim();
  if (neo4jUri && !/^(neo4j|bolt)(\+s|\+ssc)?:\/\//.test(neo4jUri)) {
    problems.push(`NEO4J_URI must start with neo4j://, neo4j+s://, bolt:// or bolt+s://; got "${neo4jUri}"`);
  }
  const config: Config = {
    port: int(env, 'PORT', 4000, 0, 65535, problems),
    host: env.HOST?.trim() || undefined,
    dataDir: path.resolve(env.DATA_DIR?.trim() || './data'),
    kuzuBufferPoolMb: int(env, 'KUZU_BUFFER_POOL_MB', 512, 64, 1 << 20, problems),
    neo4j: neo4jUri
      ? {
          uri: neo4jUri,
          user: env.NEO4J_USER?.trim() || 'neo4j',
          password: env.NEO4J_PASSWORD ?? '',
          database: env.NEO4J_DATABASE?.trim() || 'neo4j',
          connectTimeoutMs: int(env, 'NEO4J_CONNECT_TIMEOUT_MS', 5000, 100, 600_000, problems),
          maxRetryMs: int(env, 'NEO4J_MAX_RETRY_MS', 5000, 0, 600_000, problems),
        }
      : undefined,
    seedIfEmpty: bool(env, 'SEED_IF_EMPTY', true, problems),
    defaultPageSize: int(env, 'DEFAULT_PAGE_SIZE', 20, 1, 10_000, problems),
    maxPageSize: int(env, 'MAX_PAGE_SIZE', 100, 1, 10_000, problems),
    queryTimeoutMs: int(env, 'QUERY_TIMEOUT_MS', 10_000, 1, 3_600_000, problems),
    requestTimeoutMs: int(env, 'REQUEST_TIMEOUT_MS', 30_000, 1, 3_600_000, problems),
    introspection: bool(env, 'INTROSPECTION', true, problems),
    approximateTolerance: fraction(env, 'APPROXIMATE_TOLERANCE', 0.05, problems),
    maxDepth: int(env, 'MAX_DEPTH', 12, 1, 1000, problems),
    maxAliases: int(env, 'MAX_ALIASES', 15, 0, 10_000, problems),
    maxDirectives: int(env, 'MAX_DIRECTIVES', 20, 0, 10_000, problems),
    maxTokens: int(env, 'MAX_TOKENS', 2000, 10, 1_000_000, problems),
    maxCost: int(env, 'MAX_COST', 5000, 1, 10_000_000, problems),
    maxResults: int(env, 'MAX_RESULTS', 10_000, 1, 100_000_000, problems),
    maxBodyBytes: int(env, 'MAX_BODY_BYTES', 102_400, 1024, 100 * 1024 * 1024, problems),
    logLevel: oneOf(env, 'LOG_LEVEL', 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], problems),
  };
  if (config.defaultPageSize > config.maxPageSize) {
    problems.push(`DEFAULT_PAGE_SIZE (${config.defaultPageSize}) must not exceed MAX_PAGE_SIZE (${config.maxPageSize})`);
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return config;
}
