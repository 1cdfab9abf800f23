import { Feed } from 'feed';
import { escapeHtml } from '../../search/safe-highlight.js';

/** One entry of a feed: a note, dated by its last review. */
export interface FeedEntry {
  slug: string;
  title: string;
  summary: string;
  lastReviewed: string;
  /** Names what changed on the note (a tracker row) when the entry is not its review: the entry id ends with it. */
  anchor?: string;
}

/** An Atom feed of notes, newest review first; built with the `feed` library. Pure. */
export function buildAtomFeed(input: { title: string; selfUrl: string; baseUrl: string; language: string; entries: readonly FeedEntry[] }): string {
  const updated = input.entries.reduce((latest, entry) => (entry.lastReviewed > latest ? entry.lastReviewed : latest), '1970-01-01');
  const feed = new Feed({
    title: input.title,
    id: input.selfUrl,
    link: `${input.baseUrl}/`,
    language: input.language,
    updated: new Date(`${updated}T00:00:00Z`),
    feedLinks: { atom: input.selfUrl },
    copyright: 'Casebook contributors',
  });
  for (const entry of input.entries) {
    const url = `${input.baseUrl}/notes/${entry.slug}`;
    // A re-review is news too: the entry id includes the review date so readers see it again.
    const id = entry.anchor ? `${url}#${entry.anchor}` : `${url}#reviewed-${entry.lastReviewed}`;
    // The library marks title and summary type="html": plain text must arrive escaped, or a reader
    // would run markup from a note's title (and "]]>" would end the CDATA section early).
    feed.addItem({ title: escapeHtml(entry.title), id, link: url, description: escapeHtml(entry.summary), date: new Date(`${entry.lastReviewed}T00:00:00Z`) });
  }
  return feed.atom1();
}
