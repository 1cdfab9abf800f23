/*
 * The few errors a caller must tell apart. Each keeps the original failure in `cause`; the web
 * error middleware and the CLI exit codes map these classes, nothing else.
 */

/** A setting is missing or malformed; start-up stops with this message. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The search engine is unreachable, refused a request, or a write task failed (CLI exit code 2, HTTP 503). */
export class SearchEngineError extends Error {
  override name = 'SearchEngineError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A note, alias or collection does not exist or is not published (HTTP 404). */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** A client sent more requests than its share (HTTP 429), and may try again after `retryAfterSeconds`. */
export class RateLimitedError extends Error {
  override name = 'RateLimitedError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** A Markdown body is larger or slower to render than its budget allows (HTTP 422 for a submission). */
export class RenderBudgetError extends Error {
  override name = 'RenderBudgetError';
  constructor(
    message: string,
    readonly reason: 'too_large' | 'too_slow' | 'too_deep' | 'busy',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A state change lost a race or no longer applies: another decision came first, a slug was taken (HTTP 409). */
export class ConflictError extends Error {
  override name = 'ConflictError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The database is unreachable, could not start, or its schema is newer than this code (CLI exit code 2, HTTP 503). */
export class StorageError extends Error {
  override name = 'StorageError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
