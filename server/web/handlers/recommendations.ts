import type { RequestHandler } from 'express';
import type { AppDependencies } from '../app-dependencies.js';
import { pageContext } from '../page-context.js';
import { buildAtomFeed } from '../view-models/atom-feed.js';
import { buildRecommendationsPage, listStatusChanges, parseRecommendationFilters, toRecommendationsJson } from '../view-models/recommendations-page.js';

const FEED_SIZE = 100;

/**
 * GET /recommendations — recommendations by audience and the tracker matrix, filterable by
 * audience and world region with a plain GET form. Read from the engine, so a status changed in a
 * file shows here after `npm run index`.
 */
export function showRecommendations(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const { language, t } = pageContext(res.locals);
    const filters = parseRecommendationFilters(req.query, deps.knowledgeBase.taxonomy);
    const records = await deps.noteIndex.recommendations();
    res.render('recommendations', {
      model: buildRecommendationsPage(records, filters, deps.knowledgeBase.taxonomy, language, t),
      title: t('recommendations.title'),
    });
  };
}

/** GET /api/recommendations — `{ recommendations: [{ slug, title, url, audience, rests_on, implementation }] }`, optionally filtered by audience. */
export function recommendationsApi(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const filters = parseRecommendationFilters(req.query, deps.knowledgeBase.taxonomy);
    const records = (await deps.noteIndex.recommendations()).filter(
      (record) => filters.audience.length === 0 || record.audience.some((id) => filters.audience.includes(id)),
    );
    res.json(toRecommendationsJson(records));
  };
}

/** GET /recommendations.xml — an Atom feed of status changes in the tracker, newest first. */
export function recommendationsFeed(deps: AppDependencies): RequestHandler {
  return async (_req, res) => {
    const { t, baseUrl, language } = pageContext(res.locals);
    const records = await deps.noteIndex.recommendations();
    res.type('application/atom+xml').send(
      buildAtomFeed({
        title: t('recommendations.feedTitle'),
        selfUrl: `${baseUrl}/recommendations.xml`,
        baseUrl,
        language,
        author: t('feed.author'),
        entries: listStatusChanges(records, deps.knowledgeBase.taxonomy, language, t, FEED_SIZE),
      }),
    );
  };
}
