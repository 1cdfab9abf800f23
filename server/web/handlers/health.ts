import type { RequestHandler } from 'express';
import type { AppDependencies } from '../app-dependencies.js';

/** GET /healthz — the process is up. */
export function healthz(): RequestHandler {
  return (_req, res) => {
    res.json({ status: 'ok' });
  };
}

/** GET /readyz — the engine answers, the index exists and the database answers (503 while the index is built, or either is down). */
export function readyz(deps: AppDependencies): RequestHandler {
  return async (_req, res) => {
    const [status, databaseUp] = await Promise.all([
      deps.noteIndex.status().catch(() => ({ reachable: false, indexPresent: false, documentCount: undefined })),
      deps.database ? deps.database.isHealthy() : true,
    ]);
    if (!databaseUp) {
      res.status(503).json({ error: { code: 'database_unreachable', message: 'The database of accounts and contributions is not reachable.' } });
      return;
    }
    if (status.reachable && status.indexPresent) {
      res.json({ status: 'ready', notes: status.documentCount ?? null });
      return;
    }
    res.status(503).json({
      error: {
        code: status.reachable ? 'index_missing' : 'search_unreachable',
        message: status.reachable ? 'The search index is being built.' : 'The search engine is not reachable.',
      },
    });
  };
}
