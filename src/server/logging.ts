/**
 * Structured logs: one JSON line per GraphQL operation with its request id, operation name,
 * duration, store calls and outcome. Variables and headers are never logged (they may carry
 * secrets); the Neo4j password, API keys and tokens are not part of any logged object.
 */
import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import pino, { type Logger } from 'pino';
import type { Context } from '../graphql/context.js';

export type { Logger };

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'claimgraph' },
      // Defence in depth: should anything ever log these (a request, its headers, the configuration),
      // they come out censored. Tokens and API keys are never logged on purpose.
      redact: {
        paths: [
          'password', '*.password', 'variables',
          'authorization', '*.authorization', 'headers.authorization', '*.headers.authorization', 'headers.cookie', '*.headers.cookie',
          'token', '*.token', 'apiKeys', '*.apiKeys', 'jwtSecret', '*.jwtSecret', 'metricsToken', '*.metricsToken',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/** A caller's x-request-id when it is sane, a fresh one otherwise. */
export function requestId(header: string | undefined): string {
  return header && REQUEST_ID.test(header) ? header : randomUUID();
}

export function operationLog(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ contextValue: ctx, response, operationName, errors }) {
          const codes = [...new Set((errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))];
          response.http.headers.set('x-request-id', ctx.requestId);
          logger.info(
            {
              requestId: ctx.requestId,
              operationName: operationName ?? null,
              durationMs: Math.round((performance.now() - started) * 10) / 10,
              storeCalls: ctx.storeCalls(),
              outcome: codes.length === 0 ? 'ok' : codes.includes('INTERNAL_SERVER_ERROR') ? 'error' : 'rejected',
              ...(codes.length ? { errorCodes: codes } : {}),
            },
            'graphql operation',
          );
        },
      };
    },
  };
}
