import type { RequestHandler } from 'express';
import type { AppDependencies } from '../create-app.js';
import { pageContext } from '../page-context.js';
import { buildHomePage } from '../view-models/home-page.js';

/** GET / — search box, browse tiles, recently reviewed notes, collections, why this exists. */
export function showHome(deps: AppDependencies): RequestHandler {
  return async (_req, res) => {
    const { language, t } = pageContext(res.locals);
    res.render('home', { model: buildHomePage(deps.knowledgeBase, language, t, deps.today()), title: t('site.tagline') });
  };
}
