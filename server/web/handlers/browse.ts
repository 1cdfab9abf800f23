import type { RequestHandler } from 'express';
import { NotFoundError } from '../../errors.js';
import type { AppDependencies } from '../app-dependencies.js';
import { pageContext } from '../page-context.js';
import { isKnownFacetValue } from '../search-params.js';
import { BROWSABLE_FACETS, buildBrowsePage } from '../view-models/browse-page.js';
import { buildBrowseIndex } from '../view-models/listing-pages.js';
import { parsePage } from '../view-models/pagination.js';

/** GET /browse/:facet/:id — the definition of one value, then the notes tagged with it. */
export function showBrowse(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const field = String(req.params.facet);
    const value = String(req.params.id);
    if (!BROWSABLE_FACETS.includes(field) || !isKnownFacetValue(deps.knowledgeBase.taxonomy, field, value)) {
      throw new NotFoundError(`There is no browse page for ${field}/${value}.`);
    }
    const { language, t } = pageContext(res.locals);
    const model = buildBrowsePage(deps.knowledgeBase, field, value, { language, t, today: deps.today(), page: parsePage(req.query.page) });
    res.render('browse', { model, title: `${model.label} · ${model.facetLabel}`, description: model.definition });
  };
}

/** GET /browse — every browsable facet and the values notes carry, each a link to its browse page. */
export function showBrowseIndex(deps: AppDependencies): RequestHandler {
  return (_req, res) => {
    const { language, t } = pageContext(res.locals);
    res.render('browse-index', {
      model: buildBrowseIndex(deps.knowledgeBase, language, t, deps.today()),
      title: t('listing.browse.title'),
      description: t('listing.browse.intro'),
    });
  };
}
