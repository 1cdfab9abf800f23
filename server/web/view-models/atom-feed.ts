/** One entry of a feed: a note, dated by its last review. */
export interface FeedEntry {
  slug: string;
  title: string;
  summary: string;
  lastReviewed: string;
  /** Names what changed on the note (a tracker row) when the entry is not its review: the entry id ends with it. */
  anchor?: string;
}

// Characters XML 1.0 does not allow at all (C0 controls other than tab, newline and return, lone
// surrogates, U+FFFE/U+FFFF): a note's text could otherwise make the whole feed unreadable.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as XML character data or an attribute value: every markup character escaped, forbidden characters dropped. Pure. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (character) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[character]};`);
}

/*
 * Written by hand rather than with the `feed` library: it wraps text in CDATA and escapes only the
 * first `]]>`, so a note title could close the section and add entries or links of its own. Here
 * every text is escaped and typed `text`, so a title or summary is always just text to a reader.
 */
/** An Atom feed (RFC 4287) of notes, newest review first. Pure. */
export function buildAtomFeed(input: {
  title: string;
  selfUrl: string;
  baseUrl: string;
  language: string;
  author: string;
  entries: readonly FeedEntry[];
}): string {
  const updated = input.entries.reduce((latest, entry) => (entry.lastReviewed > latest ? entry.lastReviewed : latest), '1970-01-01');
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    // A browser shows the feed as a page through this stylesheet; feed readers ignore it.
    '<?xml-stylesheet type="text/xsl" href="/static/feed.xsl"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(input.language)}">`,
    `  <id>${escapeXml(input.selfUrl)}</id>`,
    `  <title type="text">${escapeXml(input.title)}</title>`,
    `  <updated>${updated}T00:00:00Z</updated>`,
    `  <author><name>${escapeXml(input.author)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(input.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(`${input.baseUrl}/`)}"/>`,
    '  <rights>Casebook contributors</rights>',
  ];
  for (const entry of input.entries) {
    const url = `${input.baseUrl}/notes/${encodeURIComponent(entry.slug)}`;
    lines.push(
      '  <entry>',
      // A re-review is news too: the entry id includes the review date so readers see it again.
      `    <id>${escapeXml(entry.anchor ? `${url}#${entry.anchor}` : `${url}#reviewed-${entry.lastReviewed}`)}</id>`,
      `    <title type="text">${escapeXml(entry.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(url)}"/>`,
      `    <updated>${escapeXml(entry.lastReviewed)}T00:00:00Z</updated>`,
      `    <summary type="text">${escapeXml(entry.summary)}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
