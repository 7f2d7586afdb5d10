/**
 * What a client may see of an error. Coded errors we raise pass as they are; store failures
 * become SERVICE_UNAVAILABLE or QUERY_TIMEOUT; anything else is masked, so no stack trace or
 * store message leaves the server. The original goes to the log, with its stack.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { StoreQueryError, StoreTimeoutError, StoreUnavailableError } from '../store/errors.js';
import type { Logger } from './logging.js';

const PASS_THROUGH = new Set([
  'BAD_USER_INPUT', 'NOT_FOUND', 'UNAUTHENTICATED', 'FORBIDDEN', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED',
  'SERVICE_UNAVAILABLE', 'QUERY_TIMEOUT', 'QUERY_TOO_COMPLEX',
]);

export type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** Apollo's formatError, logging what it masks through the server's logger. */
export function createFormatError(logger: Logger): FormatError {
  return (formatted, error) => mask(formatted, error, logger);
}

function mask(formatted: GraphQLFormattedError, error: unknown, logger: Logger): GraphQLFormattedError {
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
  // graphql 16 writes "more that"; accept the corrected spelling too.
  const tokens = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/.exec(formatted.message);
  if (tokens) {
    return { message: `Token limit of ${tokens[1]} exceeded.`, extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'MAX_TOKENS' } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PASS_THROUGH.has(code) && !(original instanceof StoreQueryError)) {
    const { stacktrace: _dropped, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  logger.error({ err: original, path: formatted.path }, 'internal error in a GraphQL operation');
  return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

function errorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

/** Unknown routes answer JSON too. */
export const notFound: RequestHandler = (req, res) => {
  res.status(404).json(errorBody(`No route for ${req.method} ${req.path}; GraphQL is served at /graphql`, 'NOT_FOUND'));
};

/**
 * Errors before GraphQL (a body that is not JSON, too large, ...) in the GraphQL error shape.
 * Express's own handler would answer HTML with a stack trace.
 */
export function httpErrors(maxBodyBytes: number, logger: Logger): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    const status = Number(error?.status ?? error?.statusCode ?? 500);
    if (error?.type === 'entity.too.large' || status === 413) {
      res.status(413).json(errorBody(`The request body is larger than ${maxBodyBytes} bytes (MAX_BODY_BYTES).`, 'PAYLOAD_TOO_LARGE'));
    } else if (error?.type === 'entity.parse.failed') {
      res.status(400).json(errorBody('The request body is not valid JSON.', 'BAD_REQUEST'));
    } else if (status >= 400 && status < 500) {
      res.status(status).json(errorBody(error?.expose && typeof error.message === 'string' ? error.message : 'Bad request', 'BAD_REQUEST'));
    } else {
      logger.error({ err: error }, 'internal error before GraphQL');
      res.status(500).json(errorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
    }
  };
}
