import { Feed } from 'feed';

/** One entry of a feed: a note, dated by its last review. */
export interface FeedEntry {
  slug: string;
  title: string;
  summary: string;
  lastReviewed: string;
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
    feed.addItem({ title: entry.title, id: `${url}#reviewed-${entry.lastReviewed}`, link: url, description: entry.summary, date: new Date(`${entry.lastReviewed}T00:00:00Z`) });
  }
  return feed.atom1();
}
