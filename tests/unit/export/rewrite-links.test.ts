import { describe, expect, it } from 'vitest';
import { packFileFor } from '../../../server/export/pack-pages.js';
import { relativeHref, resolvePackLink, rewriteLinks, type LinkTargets } from '../../../server/export/rewrite-links.js';

const pages = ['/', '/search', '/glossary', '/map', '/notes/phone-evidence', '/browse/jurisdictions/GB-EAW', '/collections/basics'];
const targets: LinkTargets = { pages: new Map(pages.map((url) => [url, packFileFor(url)])), aliases: new Map([['old-phone', 'phone-evidence']]) };

describe('packFileFor', () => {
  it('gives each page a file, the home page index.html', () => {
    expect(packFileFor('/')).toBe('index.html');
    expect(packFileFor('/notes/phone-evidence')).toBe('notes/phone-evidence.html');
    expect(packFileFor('/browse/jurisdictions/GB-EAW')).toBe('browse/jurisdictions/GB-EAW.html');
  });

  it('never lets a path climb out of the pack', () => {
    expect(packFileFor('/notes/..')).toBe('notes/-.html');
    expect(packFileFor('/notes/%2e%2e%2fetc')).toBe('notes/..-etc.html');
  });
});

describe('relativeHref', () => {
  it('links between folders with ../ so the pack works from file:// and under any folder of a host', () => {
    expect(relativeHref('notes/a.html', 'index.html')).toBe('../index.html');
    expect(relativeHref('index.html', 'notes/a.html')).toBe('notes/a.html');
    expect(relativeHref('browse/jurisdictions/KE.html', 'static/casebook.css')).toBe('../../static/casebook.css');
    expect(relativeHref('notes/a.html', 'notes/a.html')).toBe('a.html');
  });
});

describe('resolvePackLink', () => {
  it('keeps in-page, external and mail links as they are', () => {
    for (const href of ['#what-to-do', 'https://hudoc.echr.coe.int/eng?i=001-96549', 'mailto:a@b.c'])
      expect(resolvePackLink(href, targets)).toEqual({ kind: 'keep' });
  });

  it('gives a protocol-relative link https:, which opened from file:// would name a file', () => {
    expect(resolvePackLink('//cdn.example/x', targets)).toEqual({ kind: 'live', url: 'https://cdn.example/x' });
    expect(resolvePackLink('/\\evil.example/x', targets)).toEqual({ kind: 'live', url: 'https://evil.example/x' });
  });

  it('resolves dot segments, escaped or not, so no link reaches outside the pack', () => {
    expect(resolvePackLink('/static/../../etc/passwd', targets)).toEqual({ kind: 'none' });
    expect(resolvePackLink('/static/%2e%2e/%2e%2e/x', targets)).toEqual({ kind: 'none' });
    expect(resolvePackLink('/static/css/../casebook.css', targets)).toEqual({ kind: 'pack', file: 'static/casebook.css', query: '', hash: '' });
    expect(resolvePackLink('/notes/x/../phone-evidence', targets)).toMatchObject({ kind: 'pack', file: 'notes/phone-evidence.html' });
  });

  it('sends a former slug to the note it now names, keeping the section', () => {
    expect(resolvePackLink('/notes/old-phone#the-facts', targets)).toEqual({ kind: 'pack', file: 'notes/phone-evidence.html', query: '', hash: '#the-facts' });
  });

  it('drops ?lang= and keeps a search query for the pack search page', () => {
    expect(resolvePackLink('/glossary?lang=fr', targets)).toMatchObject({ kind: 'pack', file: 'glossary.html', query: '' });
    expect(resolvePackLink('/search?evidence_types=financial&stages=trial&lang=es', targets)).toMatchObject({
      kind: 'pack',
      file: 'search.html',
      query: '?evidence_types=financial&stages=trial',
    });
  });

  it('sends pages the pack lacks to the live site when it is known, else nowhere', () => {
    expect(resolvePackLink('/contribute?edit=phone-evidence', { ...targets, liveUrl: 'https://casebook.example.org' })).toEqual({
      kind: 'live',
      url: 'https://casebook.example.org/contribute?edit=phone-evidence',
    });
    expect(resolvePackLink('/notes/not-in-this-pack', targets)).toEqual({ kind: 'none' });
    expect(resolvePackLink('/map?rows=stages', targets)).toEqual({ kind: 'none' });
  });
});

describe('rewriteLinks', () => {
  const page = [
    '<link rel="stylesheet" href="/static/casebook.css">',
    '<link rel="alternate" type="application/atom+xml" href="/feed.xml">',
    '<script src="/static/casebook.js" defer></script>',
    '<a class="brand" href="/">Casebook</a>',
    '<a href="/search?evidence_types=financial&amp;stages=trial">Search</a>',
    '<a href="/contribute">Contribute</a>',
    '<a href="#what-to-do">What to do</a>',
    '<form action="/search" method="get"></form>',
    '<p>Write href="/notes/x" in Markdown to link.</p>',
  ].join('\n');

  it('makes every site link relative to the page, escaping & again', () => {
    const html = rewriteLinks(page, 'notes/phone-evidence.html', targets);
    expect(html).toContain('<link rel="stylesheet" href="../static/casebook.css">');
    expect(html).toContain('<script src="../static/casebook.js" defer>');
    expect(html).toContain('<a class="brand" href="../index.html">');
    expect(html).toContain('href="../search.html?evidence_types=financial&amp;stages=trial"');
    expect(html).toContain('<form action="../search.html" method="get">');
    expect(html).toContain('<a href="#what-to-do">');
  });

  it('keeps the text of a link the pack cannot follow and removes a <link> with no target', () => {
    const html = rewriteLinks(page, 'index.html', targets);
    expect(html).toContain('<a>Contribute</a>');
    expect(html).not.toContain('feed.xml');
  });

  it('leaves text that merely looks like an attribute alone', () => {
    expect(rewriteLinks(page, 'index.html', targets)).toContain('<p>Write href="/notes/x" in Markdown to link.</p>');
  });

  it('points links the pack lacks at the live site when it has one', () => {
    const html = rewriteLinks(page, 'index.html', { ...targets, liveUrl: 'https://casebook.example.org' });
    expect(html).toContain('<a href="https://casebook.example.org/contribute">');
    expect(html).toContain('href="https://casebook.example.org/feed.xml"');
  });
});
