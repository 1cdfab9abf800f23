import type { RequestHandler } from 'express';
import type { AppDependencies } from '../app-dependencies.js';
import { pageContext } from '../page-context.js';
import { HITS_PER_PAGE } from '../search-params.js';
import { listJurisdictions } from '../view-models/jurisdiction-pages.js';
import { buildMapPage, parseMapAxes } from '../view-models/map-page.js';

/** GET /map — two facets as a matrix of note counts: one count query per row, one round trip. */
export function showMap(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const { language, t } = pageContext(res.locals);
    const axes = parseMapAxes(req.query);
    const rowIds = deps.knowledgeBase.taxonomy.vocabularies[axes.rows].values.map((value) => value.id);
    const counts = await deps.noteIndex.count(
      rowIds.map((id) => ({
        query: { text: '', filters: { [axes.rows]: [id] }, sort: 'relevance' as const, page: 1, hitsPerPage: HITS_PER_PAGE },
        facets: [axes.columns],
      })),
    );
    const jurisdictions = listJurisdictions(deps.knowledgeBase.notes);
    res.render('map', { model: buildMapPage(axes, counts, deps.knowledgeBase.taxonomy, language, t, jurisdictions), title: t('map.title') });
  };
}
