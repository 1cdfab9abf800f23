import type { RequestHandler } from 'express';
import type { AppDependencies } from '../app-dependencies.js';
import { pageContext } from '../page-context.js';
import { sendFeed } from '../send-feed.js';
import { listingsOf } from '../view-models/note-listings.js';

const FEED_SIZE = 50;

/** GET /feed.xml — new and re-reviewed notes, newest review first, from memory. */
export function siteFeed(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const { t, baseUrl, language } = pageContext(res.locals);
    const notes = listingsOf(deps.knowledgeBase, deps.today()).byReviewed.slice(0, FEED_SIZE);
    sendFeed(req, res, {
      title: t('feed.title'),
      selfUrl: `${baseUrl}/feed.xml`,
      baseUrl,
      language,
      author: t('feed.author'),
      entries: notes.map((note) => ({ slug: note.slug, title: note.title, summary: note.summary, lastReviewed: note.last_reviewed })),
    });
  };
}
