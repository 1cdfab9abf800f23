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

/** A client sent more requests than its share (HTTP 429). */
export class RateLimitedError extends Error {
  override name = 'RateLimitedError';
}
