/**
 * JWTs verified with jose: HS256 against JWT_SECRET, or the keys of a remote JWKS (JWKS_URL,
 * fetched on first use and cached by jose, refetched when a token names a key it lacks). The
 * expiry is required, the issuer and audience are checked when configured; the role comes from JWT_ROLE_CLAIM.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { GraphQLError } from 'graphql';
import { forbidden, unauthenticated, verifierUnavailable } from './errors.js';
import { highestRole, ROLES, type Viewer } from './roles.js';

export interface JwtConfig {
  jwtSecret: string | undefined;
  jwksUrl: string | undefined;
  jwtIssuer: string | undefined;
  jwtAudience: string | undefined;
  jwtRoleClaim: string;
}

/** Clocks of the issuer and of this server may differ by this much. */
const CLOCK_TOLERANCE_S = 5;
/** A JWS in compact form: three base64url parts. */
export const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/** A verifier, or undefined when neither JWT_SECRET nor JWKS_URL is set. */
export function jwtVerifier(config: JwtConfig): ((token: string) => Promise<Viewer>) | undefined {
  const key: Uint8Array | JWTVerifyGetKey | undefined = config.jwtSecret
    ? new TextEncoder().encode(config.jwtSecret)
    : config.jwksUrl
      ? createRemoteJWKSet(new URL(config.jwksUrl))
      : undefined;
  if (!key) return undefined;
  const options = {
    // A secret verifies HS256 only; a key set's keys say their own algorithms ("none" is never accepted).
    ...(config.jwtSecret ? { algorithms: ['HS256'] } : {}),
    ...(config.jwtIssuer ? { issuer: config.jwtIssuer } : {}),
    ...(config.jwtAudience ? { audience: config.jwtAudience } : {}),
    clockTolerance: CLOCK_TOLERANCE_S,
    // A token without an expiry would be good forever once leaked.
    requiredClaims: ['exp'],
  };
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = typeof key === 'function' ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options));
    } catch (error) {
      throw refusal(error);
    }
    const name = [payload.sub, payload.name].find((v): v is string => typeof v === 'string' && v.trim() !== '');
    if (!name) throw unauthenticated('The token names no one: it has neither a "sub" nor a "name" claim.', true);
    const claimed = claimOf(payload, config.jwtRoleClaim);
    const values = Array.isArray(claimed) ? claimed : [claimed];
    const role = highestRole(values);
    if (!role) {
      const shown = values.filter((v): v is string => typeof v === 'string').slice(0, 5).map((v) => `"${v.slice(0, 40)}"`);
      throw forbidden(
        `The token of "${name}" grants no role this server knows in its "${config.jwtRoleClaim}" claim ` +
          `(${shown.length ? `it has ${shown.join(', ')}` : 'it has none'}; known roles: ${ROLES.join(', ')}).`,
      );
    }
    return { name, role };
  };
}

/**
 * The claim named `claim`: as it is named (Auth0's namespaced claims are URLs with dots), or else
 * as a dotted path into nested claims (Keycloak's `realm_access.roles`).
 */
function claimOf(payload: JWTPayload, claim: string): unknown {
  if (Object.hasOwn(payload, claim)) return payload[claim];
  let value: unknown = payload;
  for (const part of claim.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** What a failed verification tells the caller: their token's fault (401) or the key set's (503). */
function refusal(error: unknown): GraphQLError {
  const code = error instanceof errors.JOSEError ? error.code : undefined;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return unauthenticated('The token has expired.', true);
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
      const { claim, reason } = error as errors.JWTClaimValidationFailed;
      if (reason === 'missing') return unauthenticated(`The token has no "${claim}" claim, and this server requires one.`, true);
      return unauthenticated(`The token's "${claim}" claim is not one this server accepts.`, true);
    }
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return unauthenticated('The token\'s signature does not verify.', true);
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return unauthenticated('The token is not signed by a key of this server\'s key set.', true);
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return unauthenticated('The token is signed with an algorithm this server does not accept.', true);
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
    case 'ERR_JWK_INVALID':
      return unauthenticated('The token is not a well-formed JWT.', true);
    default:
      // Timeouts, HTTP errors and unreadable answers of JWKS_URL, and failed fetches.
      return verifierUnavailable('Tokens cannot be verified right now (the key set did not answer); try again shortly.', error);
  }
}
