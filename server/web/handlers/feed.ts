import type { RequestHandler } from 'express';
import type { AppDependencies } from '../create-app.js';
import { pageContext } from '../page-context.js';
import { buildAtomFeed } from '../view-models/atom-feed.js';

const FEED_SIZE = 50;

/** GET /feed.xml — new and re-reviewed notes, newest review first, from memory. */
export function siteFeed(deps: AppDependencies): RequestHandler {
  return (_req, res) => {
    const { t, baseUrl, language } = pageContext(res.locals);
    const notes = [...deps.knowledgeBase.notes].sort((a, b) => b.last_reviewed.localeCompare(a.last_reviewed)).slice(0, FEED_SIZE);
    res.type('application/atom+xml').send(buildAtomFeed({
      title: t('feed.title'),
      selfUrl: `${baseUrl}/feed.xml`,
      baseUrl,
      language,
      author: t('feed.author'),
      entries: notes.map((note) => ({ slug: note.slug, title: note.title, summary: note.summary, lastReviewed: note.last_reviewed })),
    }));
  };
}
