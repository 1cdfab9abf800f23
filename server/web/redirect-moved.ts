import type { Request, Response } from 'express';

/**
 * Answers 301 to where a renamed note or authority now lives (a former slug or id, kept as an
 * alias so links in slides and briefs never break), keeping the query string as sent.
 */
export function redirectMoved(req: Request, res: Response, path: string): void {
  const index = req.originalUrl.indexOf('?');
  res.redirect(301, `${path}${index === -1 ? '' : req.originalUrl.slice(index)}`);
}
