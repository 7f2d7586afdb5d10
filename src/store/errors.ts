/** Errors a store raises. Adapters translate every driver/engine error into one of these. */

/** The database cannot be reached or opened (down, locked by another process, not writable). */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A query failed inside the database. The message is for logs, never for clients. */
export class StoreQueryError extends Error {
  override name = 'StoreQueryError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A query ran longer than QUERY_TIMEOUT_MS, or its request ran out of REQUEST_TIMEOUT_MS, and was cancelled. */
export class StoreTimeoutError extends Error {
  override name = 'StoreTimeoutError';
}

/** A bulk load was asked of a store that already holds nodes. */
export class StoreNotEmptyError extends Error {
  override name = 'StoreNotEmptyError';
}

/**
 * The data folder holds a store this build cannot use as it is and will not change: another schema
 * it cannot migrate to its own, or another Kuzu storage version. The message says what was found,
 * what this build expects and what to do.
 */
export class StoreIncompatibleError extends Error {
  override name = 'StoreIncompatibleError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Milliseconds a query may run: the per-query limit, cut to what is left before a request's deadline. */
export function timeLeft(queryTimeoutMs: number, deadline: number | undefined): number {
  if (deadline === undefined) return queryTimeoutMs;
  const left = Math.floor(deadline - Date.now());
  if (left <= 0) throw new StoreTimeoutError('The request ran out of time before this query could start');
  return Math.min(queryTimeoutMs, left);
}
