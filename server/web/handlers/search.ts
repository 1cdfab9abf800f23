import type { RequestHandler } from 'express';
import type { KnowledgeBase } from '../../content/build-knowledge-base.js';
import { searchNotes } from '../../search/search-notes.js';
import type { AppDependencies } from '../create-app.js';
import { parseSearchParams } from '../search-params.js';
import { buildSearchPage, buildWaysIn, type SearchPageModel, type WaysIn } from '../view-models/search-page.js';
import type { InterfaceLanguage } from '../i18n.js';
import { sendFeed } from './feed.js';
import { pageContext } from '../page-context.js';
import { buildSearchApi } from '../view-models/search-api.js';

// The ways in offered beside an empty result count every note of every topic: once per knowledge
// base and language, not on every search (at 10,000 notes that cost most of a search's time).
const waysIn = new WeakMap<KnowledgeBase, Map<InterfaceLanguage, WaysIn>>();

function waysInOf(knowledgeBase: KnowledgeBase, language: InterfaceLanguage): WaysIn {
  let byLanguage = waysIn.get(knowledgeBase);
  if (!byLanguage) waysIn.set(knowledgeBase, (byLanguage = new Map()));
  let ways = byLanguage.get(language);
  if (!ways) byLanguage.set(language, (ways = buildWaysIn(knowledgeBase, language)));
  return ways;
}

async function searchPage(deps: AppDependencies, rawQuery: Record<string, unknown>, locals: Record<string, unknown>): Promise<SearchPageModel> {
  const { language, t } = pageContext(locals);
  const query = { ...parseSearchParams(rawQuery, deps.knowledgeBase.taxonomy), language };
  const knowledgeBase = deps.knowledgeBase;
  return buildSearchPage(query, await searchNotes(deps.noteIndex, query), knowledgeBase.taxonomy, language, t, waysInOf(knowledgeBase, language));
}

/** GET /search: the results page; works without JavaScript. */
export function showSearch(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const model = await searchPage(deps, req.query, res.locals);
    res.status(model.unavailable ? 503 : 200).render('search', { model, title: model.title });
  };
}

/**
 * GET /api/search: the same search as JSON (CONTRACT §4), built straight from the engine's answer
 * (buildSearchApi), not through the page's model. An engine that does not answer is a 503, logged
 * with its cause, by the error handler.
 */
export function searchApi(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const { language, t } = pageContext(res.locals);
    const knowledgeBase = deps.knowledgeBase;
    const query = { ...parseSearchParams(req.query, knowledgeBase.taxonomy), language };
    const result = await deps.noteIndex.search(query);
    res.json(buildSearchApi(query, result, knowledgeBase.taxonomy, language, t));
  };
}

/** GET /search.xml: an Atom feed of one search, newest review first. */
export function searchFeed(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const { t, baseUrl, language } = pageContext(res.locals);
    const query = { ...parseSearchParams(req.query, deps.knowledgeBase.taxonomy), sort: 'reviewed' as const, page: 1, hitsPerPage: 50 };
    const result = await deps.noteIndex.search(query);
    sendFeed(req, res, {
      title: query.text ? `${t('feed.searchTitle')}${t('punctuation.colon')} ${query.text}` : t('feed.searchTitle'),
      selfUrl: `${baseUrl}${req.originalUrl}`,
      baseUrl,
      language,
      author: t('feed.author'),
      entries: result.hits.map((hit) => ({ slug: hit.slug, title: hit.title, summary: hit.summary, lastReviewed: hit.last_reviewed })),
    });
  };
}
