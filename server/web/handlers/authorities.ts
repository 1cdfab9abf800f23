import type { RequestHandler } from 'express';
import { NotFoundError } from '../../errors.js';
import type { AppDependencies } from '../app-dependencies.js';
import { pageContext } from '../page-context.js';
import { redirectMoved } from '../redirect-moved.js';
import { buildAtomFeed } from '../view-models/atom-feed.js';
import { buildAuthorityList, parseAuthorityFilters } from '../view-models/authority-list.js';
import { buildAuthorityPage, toAuthorityJson } from '../view-models/authority-page.js';

const FEED_SUFFIX = '.xml';

/** GET /authorities — every authority, searchable and filterable by kind, jurisdiction, court and decade (no JavaScript needed). */
export function showAuthorities(deps: AppDependencies): RequestHandler {
  return (req, res) => {
    const { language, t } = pageContext(res.locals);
    const model = buildAuthorityList(deps.knowledgeBase, parseAuthorityFilters(req.query), language, t);
    res.render('authorities', { title: t('authority.listTitle'), description: t('authority.listIntro'), model });
  };
}

/** GET /authorities/:id — one authority with "cited by"; `/authorities/<id>.xml` is its feed of citing notes. */
export function showAuthority(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const requested = String(req.params.id);
    const wantsFeed = requested.endsWith(FEED_SUFFIX);
    const id = wantsFeed ? requested.slice(0, -FEED_SUFFIX.length) : requested;
    const authority = deps.knowledgeBase.authorityById.get(id);
    if (!authority) {
      const current = deps.knowledgeBase.authorityAliases.get(id);
      if (current) return redirectMoved(req, res, `/authorities/${current}${wantsFeed ? FEED_SUFFIX : ''}`);
      throw new NotFoundError(`No authority has the id "${id}".`);
    }
    const { language, t, baseUrl } = pageContext(res.locals);
    if (wantsFeed) {
      const notes = (deps.knowledgeBase.citedBy.get(id) ?? [])
        .flatMap((citation) => deps.knowledgeBase.bySlug.get(citation.slug) ?? [])
        .sort((a, b) => b.last_reviewed.localeCompare(a.last_reviewed));
      res.type('application/atom+xml').send(
        buildAtomFeed({
          title: t('authority.feedTitle', { title: authority.title }),
          selfUrl: `${baseUrl}/authorities/${id}${FEED_SUFFIX}`,
          baseUrl,
          language,
          author: t('feed.author'),
          entries: notes.map((note) => ({ slug: note.slug, title: note.title, summary: note.summary, lastReviewed: note.last_reviewed })),
        }),
      );
      return;
    }
    const model = buildAuthorityPage(authority, deps.knowledgeBase, language, t);
    res.render('authority', { title: authority.title, description: authority.summary, canonical: `${baseUrl}/authorities/${id}`, model, feed: model.feedUrl });
  };
}

/** GET /api/authorities — every authority as data, with the notes citing each. */
export function authoritiesApi(deps: AppDependencies): RequestHandler {
  return (_req, res) => {
    res.json({ authorities: deps.knowledgeBase.authorities.map((authority) => toAuthorityJson(authority, deps.knowledgeBase)) });
  };
}

/** GET /api/authorities/:id — one authority as data (docs/contract.md §4). */
export function authorityApi(deps: AppDependencies): RequestHandler {
  return (req, res) => {
    const id = String(req.params.id);
    const authority = deps.knowledgeBase.authorityById.get(id);
    if (!authority) {
      const current = deps.knowledgeBase.authorityAliases.get(id);
      if (current) return redirectMoved(req, res, `/api/authorities/${current}`);
      throw new NotFoundError(`No authority has the id "${id}".`);
    }
    res.json(toAuthorityJson(authority, deps.knowledgeBase));
  };
}
