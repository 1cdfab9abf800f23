import type { RequestHandler } from 'express';
import type { AppDependencies } from '../app-dependencies.js';
import { pageContext } from '../page-context.js';
import { buildGlossaryPage } from '../view-models/glossary-page.js';

/** GET /glossary — every vocabulary value with its definition, and how the evidence basis is graded. */
export function showGlossary(deps: AppDependencies): RequestHandler {
  return (_req, res) => {
    const { language, t } = pageContext(res.locals);
    res.render('glossary', { model: buildGlossaryPage(deps.knowledgeBase.taxonomy, language, t), title: t('glossary.title') });
  };
}
