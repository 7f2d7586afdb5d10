/** The authentication settings: API_KEYS, the JWT settings, ANONYMOUS_READ and CORS_ORIGINS, checked at start. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const KEY_A = 'alice-key-0123456789';
const KEY_B = 'bob:key:with:colons:0123';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message.split('\n').slice(1).map((line) => line.replace(/^ {2}- /, ''));
  }
  throw new Error('the configuration was accepted');
}

describe('API_KEYS', () => {
  it('reads name:role:key entries; a key may hold colons, a role any case, and blank entries are skipped', () => {
    const config = loadConfig({ API_KEYS: ` alice:editor:${KEY_A} ,\nbob:Admin:${KEY_B},` });
    expect(config.apiKeys).toEqual([{ name: 'alice', role: 'editor', key: KEY_A }, { name: 'bob', role: 'admin', key: KEY_B }]);
    expect(loadConfig({}).apiKeys).toEqual([]);
  });

  it('stops the start naming each bad entry, without showing any key', () => {
    const problems = problemsOf({
      API_KEYS: [`alice:owner:${KEY_A}`, 'only-a-secret-key-0000', 'carol:reader:short', `alice:reader:${KEY_A}`, 'not a name:reader:zzzzzzzzzzzzzzzzzz'].join(','),
    });
    expect(problems).toEqual([
      'API_KEYS entry 1 ("alice"): the role must be one of reader, editor, admin',
      'API_KEYS entry 2 must be name:role:key; it has no colon',
      'API_KEYS entry 3 ("carol"): the key must be at least 16 characters long',
      'API_KEYS entries 1 and 4 have the same name "alice"',
      'API_KEYS entries 1 and 4 have the same key',
      'API_KEYS entry 5: the name must be 1 to 64 letters, digits or _ . @ -',
    ]);
    const text = problems.join('\n');
    for (const secret of [KEY_A, 'only-a-secret-key-0000', 'short', 'zzzzzzzzzzzzzzzzzz']) expect(text).not.toContain(secret);
  });
});

describe('JWT settings', () => {
  it('defaults the role claim to "role" and accepts a long secret or an https key set', () => {
    expect(loadConfig({ JWT_SECRET: 'x'.repeat(32) })).toMatchObject({ jwtSecret: 'x'.repeat(32), jwtRoleClaim: 'role', jwksUrl: undefined });
    expect(loadConfig({ JWKS_URL: 'https://idp.example.org/.well-known/jwks.json', JWT_AUDIENCE: 'claimgraph' }).jwksUrl)
      .toBe('https://idp.example.org/.well-known/jwks.json');
    expect(loadConfig({ JWKS_URL: 'http://127.0.0.1:9999/jwks' }).jwksUrl).toBe('http://127.0.0.1:9999/jwks');
  });

  it('refuses a short secret without showing it, plain HTTP key sets elsewhere than localhost, and settings that contradict each other', () => {
    expect(problemsOf({ JWT_SECRET: 'too-short-secret', JWKS_URL: 'http://idp.example.org/jwks' })).toEqual([
      'JWT_SECRET must be at least 32 characters long (HS256 wants 256 bits)',
      'JWKS_URL must be an https:// URL (http:// only for localhost); got "http://idp.example.org/jwks"',
      'JWT_SECRET and JWKS_URL are both set: JWTs are verified against one of them; unset the other',
    ]);
    expect(problemsOf({ JWT_ISSUER: 'https://idp.example.org', JWT_AUDIENCE: 'claimgraph' })).toEqual([
      'JWT_ISSUER is set, but neither JWT_SECRET nor JWKS_URL is: no JWT is accepted',
      'JWT_AUDIENCE is set, but neither JWT_SECRET nor JWKS_URL is: no JWT is accepted',
    ]);
  });
});

describe('ANONYMOUS_READ', () => {
  it('is on by default, and off only when some token can be accepted', () => {
    expect(loadConfig({}).anonymousRead).toBe(true);
    expect(loadConfig({ ANONYMOUS_READ: 'false', API_KEYS: `alice:reader:${KEY_A}` }).anonymousRead).toBe(false);
    expect(problemsOf({ ANONYMOUS_READ: 'false' })).toEqual(['ANONYMOUS_READ=false needs API_KEYS, JWT_SECRET or JWKS_URL: without them no one could query']);
  });
});

describe('METRICS_TOKEN', () => {
  it('is unset by default; refused short, without being shown, or with METRICS off', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: ' scrape-token-0000001 ' }).metricsToken).toBe('scrape-token-0000001');
    expect(problemsOf({ METRICS_TOKEN: 'short-token' })).toEqual(['METRICS_TOKEN must be at least 16 characters long']);
    expect(problemsOf({ METRICS_TOKEN: 'scrape token 0000001' })).toEqual(['METRICS_TOKEN must hold no spaces (it is sent as "Authorization: Bearer <token>")']);
    expect(problemsOf({ METRICS_TOKEN: 'scrape-token-0000001', METRICS: 'false' })).toEqual(['METRICS_TOKEN is set, but METRICS is false: there is no /metrics to guard']);
  });
});

describe('CORS_ORIGINS', () => {
  it('reads origins as browsers send them', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: 'https://Analyst.example.org/, http://localhost:5173' }).corsOrigins).toEqual(['https://analyst.example.org', 'http://localhost:5173']);
  });

  it('refuses anything that is not an origin, * included', () => {
    for (const value of ['*', 'https://a.example.org/app', 'analyst.example.org', 'ftp://a.example.org']) {
      expect(problemsOf({ CORS_ORIGINS: value })).toEqual([
        `CORS_ORIGINS must be comma-separated origins such as https://analyst.example.org (scheme, host and port; no path); got "${value}"`,
      ]);
    }
  });
});
