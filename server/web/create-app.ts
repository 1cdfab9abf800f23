import express, { type ErrorRequestHandler, type Express } from 'express';
import type { KnowledgeBase } from '../content/build-knowledge-base.js';
import { ConfigError, NotFoundError, SearchEngineError } from '../errors.js';
import type { NoteIndex } from '../search/note-index.js';

/** What the web app needs; main.ts builds these, tests pass fakes behind NoteIndex. */
export interface AppDependencies {
  noteIndex: NoteIndex;
  knowledgeBase: KnowledgeBase;
  log?: (line: string) => void;
}

/** Builds the Express app. It never listens: main.ts does, and tests drive it with supertest. */
export function createApp(deps: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const status = await deps.noteIndex.status().catch(() => ({ reachable: false, indexPresent: false, documentCount: undefined }));
    if (status.reachable && status.indexPresent) {
      res.json({ status: 'ready', notes: status.documentCount ?? null });
      return;
    }
    res.status(503).json({
      error: { code: status.reachable ? 'index_missing' : 'search_unreachable', message: status.reachable ? 'The search index is being built.' : 'The search engine is not reachable.' },
    });
  });

  app.use((_req, _res, next) => next(new NotFoundError('No such page.')));
  app.use(errorHandler(deps.log));
  return app;
}

/** The one place errors become responses: a status, a code and a message, never a stack trace. */
function errorHandler(log: AppDependencies['log']): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    const [status, code, message] =
      error instanceof NotFoundError ? [404, 'not_found', error.message]
      : error instanceof SearchEngineError ? [503, 'search_unavailable', 'Search is temporarily unavailable.']
      : isClientError(error) ? [error.status, 'bad_request', 'The request could not be read.']
      : [500, 'internal', 'Something went wrong on our side.'];
    if (status >= 500 && !(error instanceof ConfigError)) log?.(`${code}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    res.status(status).json({ error: { code, message } });
  };
}

function isClientError(error: unknown): error is { status: number } {
  const status = (error as { status?: unknown })?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}
