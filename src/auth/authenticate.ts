/**
 * Who is calling, from an `Authorization: Bearer <token>` header: an API key of API_KEYS or a JWT
 * (JWT_SECRET or JWKS_URL), checked in that order. No header means an anonymous caller.
 */
import { apiKeyMatcher, type ApiKey } from './api-keys.js';
import { unauthenticated } from './errors.js';
import { jwtVerifier, JWT_SHAPE, type JwtConfig } from './jwt.js';
import type { Viewer } from './roles.js';

export interface AuthConfig extends JwtConfig {
  apiKeys: readonly ApiKey[];
}

/**
 * The viewer a request's Authorization header names (null when there is none). Throws
 * UNAUTHENTICATED (HTTP 401) for a header that is not `Bearer <token>` and for a token that is
 * no known key, or a JWT that does not verify or has expired; FORBIDDEN (403) for a valid JWT
 * that grants no known role; SERVICE_UNAVAILABLE (503) when JWKS_URL cannot be reached.
 */
export type Authenticate = (authorization: string | undefined) => Promise<Viewer>;

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** The token of an `Authorization: Bearer <token>` header; undefined for any other header or none. */
export const bearerToken = (authorization: string | undefined): string | undefined => BEARER.exec(authorization ?? '')?.[1];

/** True when the server accepts any token at all: API keys, a JWT secret or a key set. */
export function acceptsTokens(config: AuthConfig): boolean {
  return config.apiKeys.length > 0 || Boolean(config.jwtSecret) || Boolean(config.jwksUrl);
}

/**
 * The authenticator of `config`. When it accepts no tokens, every caller is anonymous and
 * Authorization headers are ignored (a proxy in front may use them): such a server is read-only.
 */
export function createAuthenticator(config: AuthConfig): Authenticate {
  if (!acceptsTokens(config)) return async () => null;
  const matchKey = apiKeyMatcher(config.apiKeys);
  const verifyJwt = jwtVerifier(config);
  const unknown = verifyJwt
    ? config.apiKeys.length > 0 ? 'The token is neither a known API key nor a JWT.' : 'The token is not a JWT.'
    : 'The token is not a known API key.';
  return async (authorization) => {
    if (authorization === undefined || authorization.trim() === '') return null;
    const token = bearerToken(authorization);
    if (!token) throw unauthenticated('The Authorization header must read "Bearer <token>".', true);
    const byKey = matchKey(token);
    if (byKey) return byKey;
    if (verifyJwt && JWT_SHAPE.test(token)) return verifyJwt(token);
    throw unauthenticated(unknown, true);
  };
}
