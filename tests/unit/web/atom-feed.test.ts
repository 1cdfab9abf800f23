import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildAtomFeed, escapeXml } from '../../../server/web/view-models/atom-feed.js';

const FORGED_TITLE = 'x ]]>]]></title><link href="https://evil.example/"/></entry><entry><title><![CDATA[y';
const HOSTILE_SUMMARY = 'See <img src=x onerror="alert(1)"> & more \u0000\u0008 with controls';

function feedOf(entries: { slug: string; title: string; summary: string }[]) {
  const xml = buildAtomFeed({
    title: 'Casebook',
    selfUrl: 'https://casebook.example.org/feed.xml',
    baseUrl: 'https://casebook.example.org',
    language: 'en',
    author: 'Casebook editors',
    entries: entries.map((entry) => ({ ...entry, lastReviewed: '2026-11-01' })),
  });
  expect(XMLValidator.validate(xml)).toBe(true);
  const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' || name === 'link' }).parse(xml) as {
    feed: { author: { name: string }; entry?: { title: { '#text': string }; summary: { '#text': string }; link: { '@_href': string }[] }[] };
  };
  return { xml, feed: parsed.feed };
}

describe('buildAtomFeed', () => {
  it('keeps a forged title as the text of its one entry: no extra entry, no re-pointed link', () => {
    const { feed } = feedOf([{ slug: 'phone-evidence-control', title: FORGED_TITLE, summary: HOSTILE_SUMMARY }]);
    expect(feed.entry).toHaveLength(1);
    expect(feed.entry![0]!.title['#text']).toBe(FORGED_TITLE);
    expect(feed.entry![0]!.link.map((link) => link['@_href'])).toEqual(['https://casebook.example.org/notes/phone-evidence-control']);
  });

  it('sends a summary with markup as text, never as HTML, and drops characters XML forbids', () => {
    const { xml, feed } = feedOf([{ slug: 'a-note', title: 'A note', summary: HOSTILE_SUMMARY }]);
    expect(xml).toContain('<summary type="text">See &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; more  with controls</summary>');
    expect(feed.entry![0]!.summary['#text']).toBe('See <img src=x onerror="alert(1)"> & more  with controls');
  });

  it('names an author, as RFC 4287 requires', () => {
    expect(feedOf([]).feed.author.name).toBe('Casebook editors');
  });

  it('escapes every markup character', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
  });
});
