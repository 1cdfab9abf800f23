import type { ErrorRequestHandler } from 'express';
import { isIP } from 'node:net';
import { ConflictError, NotFoundError, RateLimitedError, RenderBudgetError, SearchEngineError, StorageError } from '../errors.js';
import { isDatabaseUnavailable } from '../storage/in-transaction.js';
import type { AppDependencies } from './app-dependencies.js';
import { formatWait } from './i18n.js';
import type { PageContext } from './page-context.js';
import { BoundedRateStore } from './bounded-rate-store.js';
import { RequestLimitError } from './request-limits.js';
import { toHitModel } from './view-models/search-hits.js';

const LIMIT_CODES = { 400: 'bad_request', 411: 'length_required', 413: 'too_large', 414: 'uri_too_long' } as const;

/** The one place errors become responses: JSON under /api and for health checks, friendly pages elsewhere; never a stack trace. */
export function handleErrors(deps: AppDependencies): ErrorRequestHandler {
  // Every 404 page offers what the engine finds for the words of the address: a search, so it is
  // limited like one, and its words are capped.
  const suggestionLimit = new BoundedRateStore();
  suggestionLimit.init({ windowMs: 60_000 } as Parameters<BoundedRateStore['init']>[0]);
  const suggestionsPerMinute = deps.searchRateLimit ?? 300;
  return async (error: unknown, req, res, _next) => {
    const [status, code, message] =
      error instanceof NotFoundError
        ? [404, 'not_found', error.message]
        : error instanceof ConflictError
          ? [409, 'conflict', error.message]
          : error instanceof RenderBudgetError && error.reason === 'busy'
            ? [503, 'busy', 'The server is busy; please try again in a few seconds.']
            : error instanceof RenderBudgetError
              ? [422, 'unrenderable', `This text cannot be displayed: ${error.message}.`]
              : error instanceof RateLimitedError
                ? [429, 'rate_limited', `Too many requests; please try again ${formatWait(error.retryAfterSeconds, 'en')}.`]
                : error instanceof RequestLimitError
                  ? [error.status, LIMIT_CODES[error.status], error.message]
                  : error instanceof SearchEngineError
                    ? [503, 'search_unavailable', 'Search is temporarily unavailable.']
                    : error instanceof StorageError || isDatabaseUnavailable(error)
                      ? [503, 'database_unavailable', 'Accounts and contributions are temporarily unavailable.']
                      : isTooLarge(error)
                        ? [413, 'too_large', 'The request is larger than this form allows.']
                        : isUploadError(error)
                          ? [400, 'bad_upload', 'The form could not be read: send at most one .md file, in the field named "file", with a plain file name.']
                          : isClientError(error)
                            ? [error.status, 'bad_request', 'The request could not be read.']
                            : [500, 'internal', 'Something went wrong on our side.'];
    // An engine or database that does not answer is an outage to report, not a bug with a stack.
    if (code === 'search_unavailable' || code === 'database_unavailable')
      req.log?.warn({ cause: error instanceof Error ? error.message : String(error) }, code);
    else if (status >= 500) req.log?.error({ err: error }, code);
    if (res.headersSent) return;
    // Nothing was wrong with the request: it may be sent again once a thread is free.
    if (code === 'busy') res.setHeader('Retry-After', '5');
    // A body refused for its size is not read to its end: the connection closes after the answer.
    if (status === 413 || status === 411) res.setHeader('Connection', 'close');
    // A handler may have set another type (a feed) before it failed: the error is a page or JSON.
    res.removeHeader('Content-Type');
    if (req.path.startsWith('/api/') || !res.locals.page) {
      res.status(status).json({ error: { code, message } });
      return;
    }
    const page = res.locals.page as PageContext;
    if (status === 404) {
      // Words from the address often name the note that moved: offer what the engine finds for them.
      const words = decodeSafely(req.path)
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .replace(/\b(notes|browse|collections)\b/g, '')
        .trim()
        .split(' ')
        .filter(Boolean)
        .slice(0, 8)
        .join(' ')
        .slice(0, 100);
      const allowed = words !== '' && suggestionLimit.increment(req.ip && isIP(req.ip) ? req.ip : 'unknown').totalHits <= suggestionsPerMinute;
      const suggestions = allowed
        ? await deps.noteIndex.search({ text: words, filters: {}, sort: 'relevance', page: 1, hitsPerPage: 5 }).then(
            (result) => result.hits.map((hit) => toHitModel(hit, deps.knowledgeBase.taxonomy, page.language, page.t)),
            () => [],
          )
        : [];
      res.status(404).render('not-found', { title: page.t('notFound.title'), words, suggestions });
      return;
    }
    const detail =
      error instanceof RateLimitedError
        ? page.t('error.rateLimitedDetail', { wait: formatWait(error.retryAfterSeconds, page.language) })
        : status < 500
          ? message
          : undefined;
    res
      .status(status)
      .render('error', { title: page.t(status === 429 ? 'error.rateLimited' : status === 409 ? 'error.conflict' : 'error.title'), status, detail });
  };
}

function decodeSafely(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function isTooLarge(error: unknown): boolean {
  const { status, code } = (error ?? {}) as { status?: unknown; code?: unknown };
  return status === 413 || code === 'LIMIT_FILE_SIZE' || code === 'LIMIT_FIELD_VALUE';
}

// multer's own client errors (an unexpected field name, too many files or fields), and busboy's
// parse errors, which multer passes on marked with `storageErrors` (a malformed part header).
function isUploadError(error: unknown): boolean {
  const { name, code, storageErrors } = (error ?? {}) as { name?: unknown; code?: unknown; storageErrors?: unknown };
  if (Array.isArray(storageErrors)) return true;
  return name === 'MulterError' && typeof code === 'string' && code !== 'LIMIT_FILE_SIZE' && code !== 'LIMIT_FIELD_VALUE';
}

function isClientError(error: unknown): error is { status: number } {
  const status = (error as { status?: unknown })?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}
