import type { RequestHandler } from 'express';
import type { KnowledgeBase } from '../../content/knowledge-base.js';
import { searchNotes } from '../../search/search-notes.js';
import type { NoteQuery } from '../../search/note-index.js';
import type { AppDependencies } from '../app-dependencies.js';
import { parseSearchParams } from '../search-params.js';
import { buildJurisdictionScope } from '../view-models/jurisdiction-scope.js';
import { listingsOf } from '../view-models/note-listings.js';
import { latestHistoryOf } from '../view-models/authority-page.js';
import { buildSearchPage, buildWaysIn, type SearchPageModel, type WaysIn } from '../view-models/search-page.js';
import type { InterfaceLanguage } from '../i18n.js';
import { sendFeed } from '../send-feed.js';
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

/** A search's query: jurisdictions selected take in what applies there, a country's subdivisions among the codes the knowledge base uses. */
function readQuery(deps: AppDependencies, rawQuery: Record<string, unknown>): NoteQuery {
  return parseSearchParams(rawQuery, deps.knowledgeBase.taxonomy, listingsOf(deps.knowledgeBase, deps.today()).jurisdictions);
}

async function searchPage(deps: AppDependencies, rawQuery: Record<string, unknown>, locals: Record<string, unknown>): Promise<SearchPageModel> {
  const { language, t } = pageContext(locals);
  const query = { ...readQuery(deps, rawQuery), language };
  const knowledgeBase = deps.knowledgeBase;
  const titleOf = (id: string) => knowledgeBase.authorityById.get(id)?.title;
  // With the instruments that apply there on, the facet says how many results they add: the count of
  // the notes naming the jurisdictions, asked beside the page.
  const [outcome, named] = await Promise.all([
    searchNotes(deps.noteIndex, query),
    query.appliesIn
      ? deps.noteIndex.count([{ query: { ...query, appliesIn: undefined }, facets: [] }]).then(
          ([count]) => count?.totalHits,
          () => undefined,
        )
      : undefined,
  ]);
  const model = buildSearchPage(query, outcome, knowledgeBase.taxonomy, language, t, waysInOf(knowledgeBase, language), (id) =>
    latestHistoryOf(knowledgeBase.authorityById.get(id), language, t, titleOf),
  );
  return {
    ...model,
    jurisdictionScope: outcome.result ? buildJurisdictionScope(query, outcome.result.totalHits, named, knowledgeBase.taxonomy, language, t) : undefined,
  };
}

/** GET /search: the results page; works without JavaScript. */
export function showSearch(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const model = await searchPage(deps, req.query, res.locals);
    // With results, the second link a keyboard reaches jumps past the search box and the filters to the first of them.
    const skipTo = model.hits.length > 0 ? { href: '#cb-hits', label: pageContext(res.locals).t('search.skipToResults') } : undefined;
    res.status(model.unavailable ? 503 : 200).render('search', { model, title: model.title, skipTo });
  };
}

/**
 * GET /api/search: the same search as JSON (docs/contract.md §4), built straight from the engine's answer
 * (buildSearchApi), not through the page's model. An engine that does not answer is a 503, logged
 * with its cause, by the error handler.
 */
export function searchApi(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const { language, t } = pageContext(res.locals);
    const knowledgeBase = deps.knowledgeBase;
    const query = { ...readQuery(deps, req.query), language };
    const result = await deps.noteIndex.search(query);
    res.json(buildSearchApi(query, result, knowledgeBase.taxonomy, language, t));
  };
}

/** GET /search.xml: an Atom feed of one search, newest review first. */
export function searchFeed(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const { t, baseUrl, language } = pageContext(res.locals);
    const query = { ...readQuery(deps, req.query), sort: 'reviewed' as const, page: 1, hitsPerPage: 50 };
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
