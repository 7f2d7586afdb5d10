/**
 * The only reader of process.env. Each setting is declared once below: its variable, its default,
 * how its text is parsed and checked (a zod schema), and the sentence the README's configuration
 * table shows for it (`npm run docs:config` prints the table; a test checks the README has it).
 */
import path from 'node:path';
import { z } from 'zod';
import { parseApiKeys, type ApiKey } from './auth/api-keys.js';

/** How a setting's text becomes a value, and what a bad value is told it should have been. */
interface Kind<T> {
  parse: z.ZodType<T, string>;
  expects: string;
  /**
   * A secret: a bad value is never shown back. Its parser's issue messages say what is wrong
   * instead, and leave the secret out.
   */
  redacted?: true;
}

/** One environment variable. `default` is text, parsed like a value that was set. */
interface Setting<T> extends Kind<T> {
  env: string;
  default: string | undefined;
  /** The README's default column; the default itself when not given. */
  shown: string;
  doc: string;
}

const integer = (min: number, max: number): Kind<number> => ({
  parse: z.string().trim().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max)),
  expects: `an integer from ${min} to ${max}`,
});
/** A number, or `auto`: the store chooses for the engine it runs on (undefined here). */
const autoOr = (kind: Kind<number>): Kind<number | undefined> => ({
  parse: z.union([z.string().trim().toLowerCase().pipe(z.literal('auto')).transform(() => undefined), kind.parse]),
  expects: `auto, or ${kind.expects}`,
});
const fraction: Kind<number> = {
  parse: z.string().trim().regex(/^(0|0?\.\d+)$/).transform(Number).pipe(z.number().min(0).lt(1)),
  expects: 'a fraction from 0 up to 1',
};
const boolean: Kind<boolean> = {
  parse: z.string().trim().toLowerCase().pipe(z.enum(['1', 'true', 'yes', 'on', '0', 'false', 'no', 'off']))
    .transform((v) => ['1', 'true', 'yes', 'on'].includes(v)),
  expects: 'true or false',
};
const oneOf = <const T extends readonly [string, ...string[]]>(values: T): Kind<T[number]> => ({
  parse: z.string().trim().pipe(z.enum(values)),
  expects: `one of ${values.join(', ')}`,
});
const text: Kind<string> = { parse: z.string().trim(), expects: 'text' };
const secret: Kind<string> = { parse: z.string(), expects: 'text' };
const MIN_JWT_SECRET = 32;
const jwtSecret: Kind<string> = {
  parse: z.string().refine((s) => s.length >= MIN_JWT_SECRET, `must be at least ${MIN_JWT_SECRET} characters long (HS256 wants 256 bits)`),
  expects: `text of at least ${MIN_JWT_SECRET} characters`,
  redacted: true,
};
const apiKeys: Kind<ApiKey[]> = {
  parse: z.string().transform((text, ctx) => {
    const { keys, problems } = parseApiKeys(text);
    for (const message of problems) ctx.addIssue({ code: 'custom', message });
    return keys;
  }),
  expects: 'comma-separated name:role:key entries',
  redacted: true,
};
const MIN_METRICS_TOKEN = 16;
const metricsToken: Kind<string> = {
  parse: z.string().transform((s) => s.trim())
    .refine((s) => s.length >= MIN_METRICS_TOKEN, `must be at least ${MIN_METRICS_TOKEN} characters long`)
    .refine((s) => !/\s/.test(s), 'must hold no spaces (it is sent as "Authorization: Bearer <token>")'),
  expects: `text of at least ${MIN_METRICS_TOKEN} characters, no spaces`,
  redacted: true,
};
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Keys fetched over plain HTTP could be swapped on the way, except from this machine. */
const jwksUrl: Kind<string> = {
  parse: z.string().trim().refine((s) => {
    const url = URL.parse(s);
    return url !== null && (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname)));
  }),
  expects: 'an https:// URL (http:// only for localhost)',
};
/** An origin as browsers send it: scheme, host and port, nothing else. */
const origin = z.string().transform((s, ctx) => {
  const url = URL.parse(s);
  const bare = url && ['http:', 'https:'].includes(url.protocol) && url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  if (!bare || s.endsWith('#') || s.endsWith('?')) {
    ctx.addIssue({ code: 'custom', message: 'not an origin' });
    return z.NEVER;
  }
  return url.origin;
});
const origins: Kind<string[]> = {
  parse: z.string().transform((text) => text.split(',').map((o) => o.trim()).filter(Boolean)).pipe(z.array(origin)).transform((list) => [...new Set(list)]),
  expects: 'comma-separated origins such as https://analyst.example.org (scheme, host and port; no path)',
};
/** A folder, resolved against the working directory once, at start. */
const folder: Kind<string> = { parse: z.string().trim().transform((p) => path.resolve(p)), expects: 'a folder path' };
const boltUri: Kind<string> = {
  parse: z.string().trim().regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/\S+$/),
  expects: 'a URI starting with neo4j://, neo4j+s://, bolt:// or bolt+s://',
};

function setting<T>(env: string, kind: Kind<T>, defaultText: string, doc: string): Setting<T> {
  return { env, ...kind, default: defaultText, shown: `\`${defaultText}\``, doc };
}
/** A setting without a default: its value is undefined unless set. */
function optional<T>(env: string, kind: Kind<T>, shown: string, doc: string): Setting<T | undefined> {
  return { env, ...kind, default: undefined, shown, doc };
}

/** Every setting, in the order the README lists them. */
export const SETTINGS = {
  port: setting('PORT', integer(0, 65535), '4000', 'HTTP port the server listens on (0 picks a free port).'),
  host: optional('HOST', text, '(all interfaces)', 'Address to bind, e.g. `127.0.0.1` to accept local connections only.'),
  dataDir: setting('DATA_DIR', folder, './data', 'Folder of the embedded Kuzu database (used when `NEO4J_URI` is not set).'),
  kuzuBufferPoolMb: setting('KUZU_BUFFER_POOL_MB', integer(64, 1 << 20), '512', 'Memory Kuzu may use for its page cache, in MiB.'),
  kuzuCheckpointMb: setting('KUZU_CHECKPOINT_MB', integer(0, 1 << 20), '16', 'How large Kuzu\'s write-ahead log may grow, in MiB, before the server checkpoints it into the database file and opens the database again (statements wait meanwhile; see [docs/store.md](docs/store.md#kuzu-workarounds)). 0: after every write.'),
  neo4jUri: optional('NEO4J_URI', boltUri, '(unset)', 'Bolt URI, e.g. `neo4j://localhost:7687` or `neo4j+s://xxxx.databases.neo4j.io`. Setting it switches the server to Neo4j.'),
  neo4jUser: setting('NEO4J_USER', text, 'neo4j', 'Neo4j user name.'),
  neo4jPassword: { ...setting('NEO4J_PASSWORD', secret, '', 'Neo4j password. Never logged.'), shown: '(empty)' },
  neo4jDatabase: setting('NEO4J_DATABASE', text, 'neo4j', 'Neo4j database name, named on every session.'),
  neo4jConnectTimeoutMs: setting('NEO4J_CONNECT_TIMEOUT_MS', integer(100, 600_000), '5000', 'How long to wait for a Neo4j connection before the store counts as unavailable.'),
  neo4jMaxRetryMs: setting('NEO4J_MAX_RETRY_MS', integer(0, 600_000), '5000', 'How long the driver retries a transaction on transient errors (leader switch, dropped connection).'),
  seedIfEmpty: setting('SEED_IF_EMPTY', boolean, 'true', 'On start, load the seed graph when the embedded store is empty (never applies to Neo4j: use `npm run seed`).'),
  seedDir: setting('SEED_DIR', folder, './seed', 'Graph folder (`graph/*.json` and `articles/`) that seeds an empty embedded store. When it holds no `graph/` folder, the server starts with an empty store and logs a warning.'),
  defaultPageSize: setting('DEFAULT_PAGE_SIZE', integer(1, 10_000), '20', 'Page size of a connection when `first` is not given.'),
  maxPageSize: setting('MAX_PAGE_SIZE', integer(1, 10_000), '100', 'Hard cap on `first`; larger values are rejected with `BAD_USER_INPUT`.'),
  prefetch: setting('PREFETCH', oneOf(['auto', 'on', 'off']), 'auto', 'Read the relationship fields an operation selects of a page of claims or a node looked up by id (`claimant`, `source`, `contradictedBy`, ...) in the statement that reads them: one statement per root field instead of one per field and level (see [What a query costs the store](#what-a-query-costs-the-store)). `auto`: on with Neo4j, where each statement is a network round trip and plans are cached; off with Kuzu, whose planner makes each joined field cost more than a statement of its own.'),
  fetchSelected: setting('FETCH_SELECTED', boolean, 'true', 'Read of each node only the properties the query selects (its id and name always), instead of every property: a walk from 50 claims to their claimants does not carry each claimant\'s description and aliases. Queries that ask for an analysis, the audit trail or anything else not listed in `src/graphql/fields.ts`, and every mutation, read whole nodes. Off: every operation reads whole nodes.'),
  claimDigestMin: setting('CLAIM_DIGEST_MIN', autoOr(integer(0, 1_000_000_000)), 'auto', 'A subject (place, actor, event) with at least this many claims keeps a claim digest: how many claims are about it and the ids of its first 200 in each order, rewritten by every write that changes them, so that its default list (`claims(filter: { about })`, `Place.claims`, ...) is one lookup however many claims it has (see [What a query costs the store](#what-a-query-costs-the-store)). 0: every subject with a claim. `auto`: 0 on Kuzu, where reading even a few claims of a subject and its parts costs several times the lookup; 500 on Neo4j, where that read is an index seek and a digest would add a statement. Changing it rebuilds the digests at the next start; give every process of a Neo4j deployment the same value.'),
  queryTimeoutMs: setting('QUERY_TIMEOUT_MS', integer(1, 3_600_000), '10000', 'Longest a single store query may run before it is cancelled.'),
  requestTimeoutMs: setting('REQUEST_TIMEOUT_MS', integer(1, 3_600_000), '30000', 'Longest a whole GraphQL operation may spend in the store: each store query gets what is left of it, and none starts after it.'),
  introspection: setting('INTROSPECTION', boolean, 'true', 'Allow schema introspection. Off also turns off the explorers (`/`, GraphiQL at `/graphql`, the visual explorer at `/explore`) and "Did you mean" suggestions.'),
  shutdownTimeoutMs: setting('SHUTDOWN_TIMEOUT_MS', integer(100, 600_000), '10000', 'Longest a shutdown on SIGTERM or SIGINT may take: idle connections close at once, requests in flight get half of it to finish, then the store is closed; past it the process exits with code 1 anyway.'),
  maxDepth: setting('MAX_DEPTH', integer(1, 1000), '12', 'Deepest selection nesting an operation may have.'),
  maxAliases: setting('MAX_ALIASES', integer(0, 10_000), '15', 'Most aliases in one operation.'),
  maxDirectives: setting('MAX_DIRECTIVES', integer(0, 10_000), '20', 'Most directives in one operation.'),
  maxTokens: setting('MAX_TOKENS', integer(10, 1_000_000), '2000', 'Most lexical tokens in one document.'),
  maxCost: setting('MAX_COST', integer(1, 100_000_000), '10000', 'Most objects an operation may ask for, counted before it runs: a connection counts its selection once per item of `first` (or `DEFAULT_PAGE_SIZE`), a plain list once per item of the bound the schema states (`@listSize`).'),
  maxBodyBytes: setting('MAX_BODY_BYTES', integer(1024, 100 * 1024 * 1024), '102400', 'Largest request body accepted; larger ones get 413.'),
  importTimeoutMs: setting('IMPORT_TIMEOUT_MS', integer(1_000, 24 * 3_600_000), '3600000', 'Longest an import (`npm run import`, `POST /import`) may run as its one transaction on Neo4j, which bounds whole transactions (one hour); on Kuzu each of its statements keeps QUERY_TIMEOUT_MS.'),
  importMaxBytes: setting('IMPORT_MAX_BYTES', integer(1024, 64 * 1024 ** 3), '268435456', 'Largest NDJSON file `POST /import` accepts (256 MiB); a larger one gets 413 and nothing is written. The file is kept on disk while it is imported, never whole in memory.'),
  responseCacheMb: setting('RESPONSE_CACHE_MB', integer(0, 1 << 20), '64', "Memory for answers to repeated queries, in MiB (least recently used go first); 0 turns the cache off. Answers are kept per version of the graph, which every write raises, so no answer from before a write is served after it."),
  cacheControl: setting('CACHE_CONTROL', text, 'no-cache', 'The `Cache-Control` of query answers. `no-cache`: browsers and CDNs may keep an answer but ask each time, and get `304 Not Modified` (by `ETag`) while the graph is unchanged; `public, max-age=60` lets them serve it a minute without asking.'),
  logLevel: setting('LOG_LEVEL', oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info', 'pino log level: fatal, error, warn, info, debug, trace or silent.'),
  metrics: setting('METRICS', boolean, 'true', 'Serve `GET /metrics` in Prometheus\'s text format: operation durations, store calls, the answer cache, the graph\'s version, writes and process metrics (see [Metrics](#metrics)). Without `METRICS_TOKEN` it asks for no token: keep it where only your monitoring reaches it, or turn it off.'),
  metricsToken: optional('METRICS_TOKEN', metricsToken, '(unset)', 'When set, `GET /metrics` answers only a request sending `Authorization: Bearer <this token>` (16 characters or more, no spaces), 401 otherwise: Prometheus\'s `authorization: { credentials: ... }`. Never logged.'),
  approximateTolerance: setting('APPROXIMATE_TOLERANCE', fraction, '0.05', 'Claim analysis: "about N" stands for N ± this fraction of N (0.05: about 4,200 is 3,990 to 4,410).'),
  apiKeys: { ...setting('API_KEYS', apiKeys, '', 'API keys callers send as `Authorization: Bearer <key>`: comma-separated `name:role:key` entries, the role `reader`, `editor` or `admin`, the key 16 characters or more (it may hold colons). The name is who the audit trail records. Never logged.'), shown: '(none)' },
  jwtSecret: optional('JWT_SECRET', jwtSecret, '(unset)', 'Accept JWTs signed with HS256 with this secret (32 characters or more). Never logged. Set this or `JWKS_URL`, not both.'),
  jwksUrl: optional('JWKS_URL', jwksUrl, '(unset)', 'Accept JWTs signed by a key of the JSON Web Key Set at this URL (`https://`; `http://` only for localhost), fetched on first use and cached.'),
  jwtIssuer: optional('JWT_ISSUER', text, '(any)', 'When set, a JWT must have this `iss`.'),
  jwtAudience: optional('JWT_AUDIENCE', text, '(any)', 'When set, a JWT\'s `aud` must include this. Set it with `JWKS_URL`: without it, tokens the same issuer made for other applications are accepted too.'),
  jwtRoleClaim: setting('JWT_ROLE_CLAIM', text, 'role', 'The JWT claim that holds the role, a string or an array of strings (the highest known role counts): a claim name such as `https://example.org/roles`, or a dotted path such as `realm_access.roles`.'),
  anonymousRead: setting('ANONYMOUS_READ', boolean, 'true', 'Let callers without a token query and export. When false, a request without a valid token answers `UNAUTHENTICATED` (HTTP 401); it needs `API_KEYS`, `JWT_SECRET` or `JWKS_URL`.'),
  corsOrigins: { ...setting('CORS_ORIGINS', origins, '', 'Browser origins allowed to call `/graphql` and `/export` with a token, comma-separated, e.g. `https://analyst.example.org`. When unset, pages of any origin may query, but none may send an `Authorization` header; when set, only these origins get CORS answers, and they may, and a WebSocket from a page of any other origin than these and the server\'s own is refused (403).'), shown: '(none)' },
} as const;

type Settings = typeof SETTINGS;
type Values = { [K in keyof Settings]: Settings[K] extends Setting<infer T> ? T : never };
type Neo4jKey = Extract<keyof Settings, `neo4j${string}`>;

export interface Neo4jConfig {
  uri: string;
  user: string;
  password: string;
  database: string;
  connectTimeoutMs: number;
  maxRetryMs: number;
}

export interface Config extends Omit<Values, Neo4jKey> {
  /** Set when NEO4J_URI is: the server then runs on Neo4j instead of the embedded store. */
  neo4j: Neo4jConfig | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/** Reads and validates the configuration once; throws one ConfigError naming every bad key. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [key, s] of Object.entries(SETTINGS) as Array<[keyof Settings, Setting<unknown>]>) {
    const raw = env[s.env];
    const given = raw !== undefined && raw.trim() !== '';
    const input = given ? raw : s.default;
    if (input === undefined) {
      values[key] = undefined;
      continue;
    }
    const parsed = s.parse.safeParse(input);
    if (parsed.success) values[key] = parsed.data;
    else if (s.redacted) problems.push(...parsed.error.issues.map((issue) => `${s.env} ${issue.message}`));
    else problems.push(`${s.env} must be ${s.expects}; got "${input}"`);
  }
  const v = values as Values;
  if (v.defaultPageSize > v.maxPageSize) {
    problems.push(`DEFAULT_PAGE_SIZE (${v.defaultPageSize}) must not exceed MAX_PAGE_SIZE (${v.maxPageSize})`);
  }
  problems.push(...authProblems(v, env));
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  const { neo4jUri, neo4jUser, neo4jPassword, neo4jDatabase, neo4jConnectTimeoutMs, neo4jMaxRetryMs, ...rest } = v;
  return {
    ...rest,
    neo4j: neo4jUri
      ? { uri: neo4jUri, user: neo4jUser, password: neo4jPassword, database: neo4jDatabase, connectTimeoutMs: neo4jConnectTimeoutMs, maxRetryMs: neo4jMaxRetryMs }
      : undefined,
  };
}

/** The authentication settings checked against each other: by whether they are set, since a bad value is reported already. */
function authProblems(v: Values, env: Env): string[] {
  const problems: string[] = [];
  const set = (name: string) => (env[name]?.trim() ?? '') !== '';
  const jwt = set('JWT_SECRET') || set('JWKS_URL');
  if (set('JWT_SECRET') && set('JWKS_URL')) problems.push('JWT_SECRET and JWKS_URL are both set: JWTs are verified against one of them; unset the other');
  if (set('JWT_ISSUER') && !jwt) problems.push('JWT_ISSUER is set, but neither JWT_SECRET nor JWKS_URL is: no JWT is accepted');
  if (set('JWT_AUDIENCE') && !jwt) problems.push('JWT_AUDIENCE is set, but neither JWT_SECRET nor JWKS_URL is: no JWT is accepted');
  if (v.anonymousRead === false && !jwt && !set('API_KEYS')) {
    problems.push('ANONYMOUS_READ=false needs API_KEYS, JWT_SECRET or JWKS_URL: without them no one could query');
  }
  if (set('METRICS_TOKEN') && v.metrics === false) problems.push('METRICS_TOKEN is set, but METRICS is false: there is no /metrics to guard');
  return problems;
}

/** The README's configuration table, as markdown. */
export function renderConfigTable(): string {
  const rows = Object.values(SETTINGS).map((s) => `| \`${s.env}\` | ${s.shown} | ${s.doc} |`);
  return ['| Variable | Default | Meaning |', '| --- | --- | --- |', ...rows].join('\n');
}
