/** The driver's errors, by their codes, as the store's own (store/errors.ts). Messages go to logs only. */
import neo4j from 'neo4j-driver';
import { StoreQueryError, StoreTimeoutError, StoreUnavailableError } from '../errors.js';

/** The driver could not reach a server, or lost it: the store is down, not the query wrong. */
const UNAVAILABLE = new Set<string>([neo4j.error.SERVICE_UNAVAILABLE, neo4j.error.SESSION_EXPIRED, neo4j.error.PROTOCOL_ERROR]);

/**
 * Every status a server sends starts with `Neo.`; anything else the driver raised itself, without
 * an answer from a server (its connection-acquisition timeout has the code "N/A"): unavailable too.
 */
const fromServer = (code: string) => code.startsWith('Neo.');

/** Wrong credentials or a database that does not exist: the store is unusable until configured. */
const REFUSED = /^Neo\.ClientError\.Security\.|^Neo\.ClientError\.Database\.DatabaseNotFound$/;

/** The server ended a transaction that outlived its timeout (the deadline or QUERY_TIMEOUT_MS). */
const TIMED_OUT = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);

export function translate(error: unknown): Error {
  if (error instanceof StoreQueryError || error instanceof StoreUnavailableError || error instanceof StoreTimeoutError) return error;
  const code = error instanceof neo4j.Neo4jError ? error.code : '';
  const message = error instanceof Error ? error.message : String(error);
  if (UNAVAILABLE.has(code) || (error instanceof neo4j.Neo4jError && !fromServer(code))) return new StoreUnavailableError(`Neo4j is unavailable: ${message}`, { cause: error });
  if (REFUSED.test(code)) {
    return new StoreUnavailableError(`Neo4j refused the request (${code}): check NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE`, { cause: error });
  }
  if (TIMED_OUT.has(code)) return new StoreTimeoutError(`Neo4j query cancelled: ${message}`);
  return new StoreQueryError(`Neo4j query failed (${code || 'no code'}): ${message}`, { cause: error });
}
