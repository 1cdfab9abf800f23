import type { Request, Response } from 'express';
import { formatDate } from './i18n.js';
import { pageContext } from './page-context.js';
import { buildAtomFeed } from './view-models/atom-feed.js';

/** What a feed holds: its title, address and entries. */
export type FeedInput = Parameters<typeof buildAtomFeed>[0];

/**
 * Answers a feed: Atom for feed readers, a readable page for a browser that asks for HTML first
 * (Chromium is retiring XSLT, so the stylesheet in the feed alone is not enough). Feed readers that
 * accept anything get Atom; `Vary: Accept` keeps caches from mixing the two.
 */
export function sendFeed(req: Request, res: Response, feed: FeedInput): void {
  res.vary('Accept');
  if (req.accepts(['application/atom+xml', 'application/xml', 'text/html']) !== 'text/html') {
    res.type('application/atom+xml').send(buildAtomFeed(feed));
    return;
  }
  const { language, t } = pageContext(res.locals);
  res.render('feed', {
    title: feed.title,
    model: {
      title: feed.title,
      selfUrl: feed.selfUrl,
      entries: feed.entries.map((entry) => ({
        title: entry.title,
        summary: entry.summary,
        url: `/notes/${encodeURIComponent(entry.slug)}${entry.anchor ? `#${entry.anchor}` : ''}`,
        lastReviewed: entry.lastReviewed,
        lastReviewedLabel: t('search.reviewed', { date: formatDate(entry.lastReviewed, language) }),
      })),
    },
  });
}
