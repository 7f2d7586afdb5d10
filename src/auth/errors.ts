/**
 * The errors authentication raises, as GraphQL errors so HTTP and the WebSocket server report them
 * alike: each carries its code and the HTTP status it means. Messages never repeat a token.
 */
import { GraphQLError } from 'graphql';

/** RFC 6750: a 401 names the scheme, and whether a token was given and refused. */
const challenge = (tokenGiven: boolean) => `Bearer realm="claimgraph"${tokenGiven ? ', error="invalid_token"' : ''}`;

export function unauthenticated(message: string, tokenGiven = false): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: new Map([['www-authenticate', challenge(tokenGiven)]]) } },
  });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
}

/** Tokens cannot be checked right now (the key set did not answer): the caller is not at fault. */
export function verifierUnavailable(message: string, cause: unknown): GraphQLError {
  const originalError = cause instanceof Error ? cause : undefined;
  return new GraphQLError(message, { originalError, extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } } });
}
