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

/** A query ran longer than QUERY_TIMEOUT_MS and was cancelled. */
export class StoreTimeoutError extends Error {
  override name = 'StoreTimeoutError';
}

/** A bulk load was asked of a store that already holds nodes. */
export class StoreNotEmptyError extends Error {
  override name = 'StoreNotEmptyError';
}
