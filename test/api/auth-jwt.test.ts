/**
 * JWTs over real HTTP: one server verifying HS256 against JWT_SECRET (with an issuer and an
 * audience), one verifying against a JWKS that a tiny HTTP server of this test serves. Anonymous
 * reads stay open on both (ANONYMOUS_READ's default); a token that does not verify never does. A
 * token's role decides what it may write, and the audit trail names its `sub`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator, type AuthConfig } from '../../src/auth/index.js';
import { createLogger } from '../../src/server/logging.js';
import { fingerprint } from '../support/fingerprint.js';
import { fixtureGraph } from '../support/fixture-graph.js';
import { startTestServer, type TestServer } from '../support/server.js';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const ISSUER = 'https://idp.example.org';
const AUDIENCE = 'claimgraph';
const QUERY = '{ places(first: 1) { totalCount } }';
const RANK = 'mutation { setClaimRank(id: "claim:isw-sudzha", rank: PREFERRED, reason: "Confirmed by imagery.") { id rank } }';
/** The last change of the trail, and the claim's latest, as anyone may read them. */
const LAST_CHANGE = '{ changes(first: 100) { nodes { who role operation reason targets } } claim(id: "claim:isw-sudzha") { history(first: 1) { who role } } }';
const bytes = (secret: string) => new TextEncoder().encode(secret);

/** A signed token; `claims` may override the defaults (sub alice, role editor, valid for 5 minutes). */
async function hs256(claims: JWTPayload = {}, secret = SECRET): Promise<string> {
  return new SignJWT({ role: 'editor', ...claims }).setProtectedHeader({ alg: 'HS256' }).setSubject(String(claims.sub ?? 'alice'))
    .setIssuer(String(claims.iss ?? ISSUER)).setAudience((claims.aud as string) ?? AUDIENCE).setIssuedAt()
    .setExpirationTime((claims.exp as number) ?? '5m').sign(bytes(secret));
}

async function post(url: string, authorization?: string, query = QUERY) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions: Record<string, unknown> }> } };
}

/** The trail's last change and the claim's latest, once the write went through. */
async function lastChange(server: TestServer) {
  const { data } = await server.query(LAST_CHANGE);
  return { trail: data!.changes.nodes.at(-1), history: data!.claim.history[0] };
}

const authConfig = (config: Partial<AuthConfig>): AuthConfig => ({
  apiKeys: [], jwtSecret: undefined, jwksUrl: undefined, jwtIssuer: undefined, jwtAudience: undefined, jwtRoleClaim: 'role', ...config,
});

async function refusal(promise: Promise<unknown>): Promise<{ code: unknown; status: unknown; message: string }> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(GraphQLError);
  const e = error as GraphQLError;
  return { code: e.extensions.code, status: (e.extensions.http as { status?: number }).status, message: e.message };
}

describe('JWT_SECRET (HS256)', () => {
  const lines: string[] = [];
  let server: TestServer;
  beforeAll(async () => {
    const logger = createLogger('trace', { write: (line: string) => void lines.push(line) });
    server = await startTestServer({ graph: fixtureGraph(), logger, env: { JWT_SECRET: SECRET, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('lets a valid token and an anonymous caller query', async () => {
    expect((await post(server.url, `Bearer ${await hs256()}`)).status).toBe(200);
    expect((await post(server.url)).status).toBe(200);
  });

  it('refuses an expired token, one signed with another secret and one for another audience or issuer, with 401', async () => {
    const cases: Array<[string, string]> = [
      [await hs256({ exp: Math.floor(Date.now() / 1000) - 60 }), 'The token has expired.'],
      [await hs256({}, 'another-secret-of-at-least-32-characters'), 'The token\'s signature does not verify.'],
      [await hs256({ aud: 'another-application' }), 'The token\'s "aud" claim is not one this server accepts.'],
      [await hs256({ iss: 'https://elsewhere.example.org' }), 'The token\'s "iss" claim is not one this server accepts.'],
      ['not.a.jwt', 'The token is not a well-formed JWT.'],
      ['opaque-token-0123456789', 'The token is not a JWT.'],
    ];
    for (const [token, message] of cases) {
      const res = await post(server.url, `Bearer ${token}`);
      expect(res.status, message).toBe(401);
      expect(res.body).toEqual({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
    }
  });

  it('answers a valid token that grants no known role with FORBIDDEN and 403', async () => {
    const res = await post(server.url, `Bearer ${await hs256({ role: ['viewer', 'owner'] })}`);
    expect(res.status).toBe(403);
    expect(res.body.errors).toEqual([{
      message: 'The token of "alice" grants no role this server knows in its "role" claim (it has "viewer", "owner"; known roles: reader, editor, admin).',
      extensions: { code: 'FORBIDDEN' },
    }]);
  });

  it('lets an editor\'s token write, and records its sub as who wrote', async () => {
    const res = await post(server.url, `Bearer ${await hs256({ sub: 'erin@idp.example.org', role: 'editor' })}`, RANK);
    expect(res).toEqual({ status: 200, body: { data: { setClaimRank: { id: 'claim:isw-sudzha', rank: 'PREFERRED' } } } });
    expect(await lastChange(server)).toEqual({
      trail: { who: 'erin@idp.example.org', role: 'editor', operation: 'setClaimRank', reason: 'Confirmed by imagery.', targets: ['claim:isw-sudzha'] },
      history: { who: 'erin@idp.example.org', role: 'editor' },
    });
  });

  it('refuses a write with a reader\'s token, FORBIDDEN and 403, and writes nothing', async () => {
    const before = await fingerprint(server);
    const res = await post(server.url, `Bearer ${await hs256({ role: 'reader' })}`, RANK);
    expect(res.status).toBe(403);
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors).toEqual([expect.objectContaining({ message: 'This needs the editor role; "alice" has the reader role.', extensions: { code: 'FORBIDDEN' } })]);
    expect(await fingerprint(server)).toEqual(before);
  });

  it('never logs a token', async () => {
    lines.length = 0;
    const tokens = [await hs256(), await hs256({ exp: Math.floor(Date.now() / 1000) - 60 }), await hs256({}, 'another-secret-of-at-least-32-characters')];
    for (const token of tokens) await post(server.url, `Bearer ${token}`);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const text = lines.join('');
    for (const token of tokens) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(token.split('.')[2]);
    }
    expect(text).not.toContain(SECRET);
  });
});

describe('the viewer a JWT names', () => {
  const authenticate = createAuthenticator(authConfig({ jwtSecret: SECRET }));

  it('is the sub with the highest known role of the role claim', async () => {
    expect(await authenticate(`Bearer ${await hs256({ role: 'reader' })}`)).toEqual({ name: 'alice', role: 'reader' });
    expect(await authenticate(`Bearer ${await hs256({ sub: 'bob', role: ['reader', 'admin', 'owner', 'editor'] })}`)).toEqual({ name: 'bob', role: 'admin' });
  });

  it('is the name claim when there is no sub', async () => {
    const token = await new SignJWT({ name: 'carol', role: 'editor' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m').sign(bytes(SECRET));
    expect(await authenticate(`Bearer ${token}`)).toEqual({ name: 'carol', role: 'editor' });
    const nobody = await new SignJWT({ role: 'editor' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m').sign(bytes(SECRET));
    expect(await refusal(authenticate(`Bearer ${nobody}`))).toEqual({
      code: 'UNAUTHENTICATED', status: 401, message: 'The token names no one: it has neither a "sub" nor a "name" claim.',
    });
  });

  it('reads JWT_ROLE_CLAIM as a claim name first (namespaced claims hold dots), then as a dotted path', async () => {
    const namespaced = createAuthenticator(authConfig({ jwtSecret: SECRET, jwtRoleClaim: 'https://claimgraph.example.org/roles' }));
    expect(await namespaced(`Bearer ${await hs256({ 'https://claimgraph.example.org/roles': ['editor'] })}`)).toEqual({ name: 'alice', role: 'editor' });
    const nested = createAuthenticator(authConfig({ jwtSecret: SECRET, jwtRoleClaim: 'realm_access.roles' }));
    expect(await nested(`Bearer ${await hs256({ role: undefined, realm_access: { roles: ['offline_access', 'admin'] } })}`)).toEqual({ name: 'alice', role: 'admin' });
  });

  it('requires an expiry: a token without one would be good forever once leaked', async () => {
    const forever = await new SignJWT({ sub: 'alice', role: 'editor' }).setProtectedHeader({ alg: 'HS256' }).sign(bytes(SECRET));
    expect(await refusal(authenticate(`Bearer ${forever}`))).toEqual({
      code: 'UNAUTHENTICATED', status: 401, message: 'The token has no "exp" claim, and this server requires one.',
    });
  });

  it('accepts HS256 only from a secret', async () => {
    const hs512 = await new SignJWT({ sub: 'alice', role: 'admin' }).setProtectedHeader({ alg: 'HS512' }).setExpirationTime('5m').sign(bytes(SECRET));
    expect(await refusal(authenticate(`Bearer ${hs512}`))).toMatchObject({ code: 'UNAUTHENTICATED', message: 'The token is signed with an algorithm this server does not accept.' });
  });

  it('is anonymous for every header when the server accepts no tokens (it is read-only)', async () => {
    const none = createAuthenticator(authConfig({}));
    expect(await none(`Bearer ${await hs256()}`)).toBeNull();
    expect(await none('garbage')).toBeNull();
  });
});

describe('JWKS_URL', () => {
  let jwks: http.Server;
  let jwksUrl: string;
  let privateKey: CryptoKey;
  let otherKey: CryptoKey;
  let server: TestServer;
  const sign = (key: CryptoKey, kid: string, claims: JWTPayload = {}) =>
    new SignJWT({ role: 'editor', ...claims }).setProtectedHeader({ alg: 'ES256', kid }).setSubject('dana').setAudience(AUDIENCE).setExpirationTime('5m').sign(key);

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    privateKey = pair.privateKey;
    otherKey = (await generateKeyPair('ES256')).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'ES256', use: 'sig' };
    jwks = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    server = await startTestServer({ graph: fixtureGraph(), env: { JWKS_URL: jwksUrl, JWT_AUDIENCE: AUDIENCE } });
  });
  afterAll(async () => {
    await server?.close();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  it('accepts a token signed by a key of the set', async () => {
    expect((await post(server.url, `Bearer ${await sign(privateKey, 'key-1')}`)).status).toBe(200);
    const authenticate = createAuthenticator(authConfig({ jwksUrl, jwtAudience: AUDIENCE }));
    expect(await authenticate(`Bearer ${await sign(privateKey, 'key-1', { role: 'admin' })}`)).toEqual({ name: 'dana', role: 'admin' });
  });

  it('lets an editor\'s token from the set write, recorded under its sub', async () => {
    const res = await post(server.url, `Bearer ${await sign(privateKey, 'key-1')}`, RANK);
    expect(res.body.errors).toBeUndefined();
    expect((await lastChange(server)).trail).toMatchObject({ who: 'dana', role: 'editor', operation: 'setClaimRank' });
  });

  it('refuses a token signed by another key, or naming a key the set lacks, with 401', async () => {
    const forged = await post(server.url, `Bearer ${await sign(otherKey, 'key-1')}`);
    expect(forged).toEqual({ status: 401, body: { errors: [{ message: 'The token\'s signature does not verify.', extensions: { code: 'UNAUTHENTICATED' } }] } });
    const unknownKid = await post(server.url, `Bearer ${await sign(otherKey, 'key-2')}`);
    expect(unknownKid.status).toBe(401);
    expect(unknownKid.body.errors![0]!.message).toBe('The token is not signed by a key of this server\'s key set.');
  });

  it('answers SERVICE_UNAVAILABLE (503), not the caller\'s fault, when the key set cannot be fetched', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const authenticate = createAuthenticator(authConfig({ jwksUrl: `http://127.0.0.1:${port}/jwks.json` }));
    expect(await refusal(authenticate(`Bearer ${await sign(privateKey, 'key-1')}`))).toEqual({
      code: 'SERVICE_UNAVAILABLE', status: 503, message: 'Tokens cannot be verified right now (the key set did not answer); try again shortly.',
    });
  });
});
