import type { RequestHandler } from 'express';
import type { AppDependencies } from '../create-app.js';

/** GET /healthz — the process is up. */
export function healthz(): RequestHandler {
  return (_req, res) => {
    res.json({ status: 'ok' });
  };
}

/** GET /readyz — the engine answers and the index exists (503 while it is being built or the engine is down). */
export function readyz(deps: AppDependencies): RequestHandler {
  return async (_req, res) => {
    const status = await deps.noteIndex.status().catch(() => ({ reachable: false, indexPresent: false, documentCount: undefined }));
    if (status.reachable && status.indexPresent) {
      res.json({ status: 'ready', notes: status.documentCount ?? null });
      return;
    }
    res.status(503).json({
      error: { code: status.reachable ? 'index_missing' : 'search_unreachable', message: status.reachable ? 'The search index is being built.' : 'The search engine is not reachable.' },
    });
  };
}
