/**
 * What a client may see of an error. Coded errors we raise pass as they are; store failures
 * become SERVICE_UNAVAILABLE or QUERY_TIMEOUT; anything else is masked, so no stack trace or
 * store message leaves the server. The original goes to the log.
 */
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { StoreQueryError, StoreTimeoutError, StoreUnavailableError } from '../store/errors.js';

const PASS_THROUGH = new Set([
  'BAD_USER_INPUT', 'NOT_FOUND', 'UNAUTHENTICATED', 'FORBIDDEN', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED',
  'SERVICE_UNAVAILABLE', 'QUERY_TIMEOUT', 'QUERY_TOO_COMPLEX',
]);

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { locations: formatted.locations, path: formatted.path };
  if (original instanceof StoreUnavailableError) {
    return { ...base, message: 'The graph store is unavailable; try again shortly.', extensions: { code: 'SERVICE_UNAVAILABLE' } };
  }
  if (original instanceof StoreTimeoutError) {
    return { ...base, message: 'The query took too long and was cancelled.', extensions: { code: 'QUERY_TIMEOUT' } };
  }
  // Limit rejections reach us as validation errors; they carry the limit they enforce.
  if (typeof formatted.extensions?.limit === 'string') {
    return { message: formatted.message, extensions: { code: 'QUERY_TOO_COMPLEX', limit: formatted.extensions.limit } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PASS_THROUGH.has(code) && !(original instanceof StoreQueryError)) {
    const { stacktrace: _dropped, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  console.error('[claimgraph] internal error:', original);
  return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
