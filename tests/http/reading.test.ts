import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp } from './test-app.js';

// The reading side's listing pages and odd states: nothing a reader can reach is a dead end.

describe('listing pages instead of 404', () => {
  it('GET /notes lists every published note by language, never a draft', async () => {
    const { app, kb } = await createTestApp();
    const { text } = await request(app).get('/notes').expect(200);
    for (const note of kb.notes) expect(text).toContain(`href="/notes/${note.slug}"`);
    expect(text).not.toContain('draft-child-interviews');
    expect(text).toContain('<h2 id="notes-en">Notes in English</h2>');
    expect(text.indexOf('id="notes-en"')).toBeLessThan(text.indexOf('id="notes-fr"'));
    // A French reader sees the French notes first.
    const french = (await request(app).get('/notes?lang=fr').expect(200)).text;
    expect(french.indexOf('id="notes-fr"')).toBeLessThan(french.indexOf('id="notes-en"'));
  });

  it("GET /browse lists each facet's values that notes carry, with counts and links to their browse pages", async () => {
    const { app } = await createTestApp();
    const { text } = await request(app).get('/browse').expect(200);
    expect(text).toMatch(
      /<a class="tile" href="\/browse\/evidence_types\/digital-device"><span class="tile-label">Digital device extraction<\/span> <span class="tile-count">2 notes<\/span><\/a>/,
    );
    expect(text).toContain('href="/browse/jurisdictions/GB-EAW"');
    expect(text).toContain('href="/browse/language/fr"');
    // A value no note carries would be a dead end: it is not listed.
    expect(text).not.toContain('href="/browse/evidence_types/interception"');
  });

  it('GET /collections lists the reading lists, each with its print view, which answers', async () => {
    const { app, kb } = await createTestApp();
    const { text } = await request(app).get('/collections').expect(200);
    const collection = kb.collections[0]!;
    expect(text).toContain(`href="/collections/${collection.slug}"`);
    expect(text).toContain(`href="/print/collections/${collection.slug}"`);
    const print = await request(app).get(`/print/collections/${collection.slug}`).expect(200);
    for (const slug of collection.notes) expect(print.text).toContain(`href="/notes/${slug}"`);
    expect((await request(app).get(`/collections/${collection.slug}`).expect(200)).text).toContain(`href="/print/collections/${collection.slug}"`);
    await request(app).get('/print/collections/no-such-list').expect(404);
  });
});

describe('odd search states', () => {
  it('a page past the end says so and links to the last page, without "no notes match" beside a count', async () => {
    const { app } = await createTestApp();
    const { text } = await request(app).get('/search?q=evidence&page=99').expect(200);
    expect(text).not.toContain('No notes match.');
    expect(text).toContain('There is no page 99: these results end on page 1.');
    expect(text).toContain('<a href="/search?q=evidence">Back to the results</a>');
  });

  it('an empty search offers the busiest topics, the reading lists and the listing pages', async () => {
    const { app, kb } = await createTestApp();
    const { text } = await request(app).get('/search?q=zzzqqxx').expect(200);
    expect(text).toContain('No notes match.');
    const waysIn = text.slice(text.indexOf('id="cb-ways-in"'));
    expect(waysIn).toContain('href="/browse/evidence_types/');
    expect(waysIn).toContain(`href="/collections/${kb.collections[0]!.slug}"`);
    for (const href of ['/browse', '/notes', '/collections']) expect(waysIn).toContain(`href="${href}"`);
  });

  it('keeps every value a facet offered for the words when a filter is ticked, with 0 where none is left (the list does not reflow)', async () => {
    const { app } = await createTestApp();
    const checkboxes = (html: string, field: string) => [...html.matchAll(new RegExp(`name="${field}" value="([^"]+)"`, 'g'))].map((match) => match[1]);
    const before = (await request(app).get('/search').expect(200)).text;
    const after = (await request(app).get('/search?jurisdictions=FR&jurisdiction_scope=named').expect(200)).text;
    for (const field of ['evidence_types', 'stages', 'language']) expect(checkboxes(after, field), field).toEqual(checkboxes(before, field));
    expect(after).toMatch(
      /<li data-facet-value="english" class="facet-empty">\s*<label><input type="checkbox" name="language" value="en"> <span class="facet-label">English<\/span> <span class="facet-count">0<\/span>/,
    );
  });

  it("keeps /api/search's facets as they were: only values that match or are selected", async () => {
    const { app } = await createTestApp();
    const { body } = await request(app).get('/api/search?jurisdictions=FR&jurisdiction_scope=named').expect(200);
    for (const values of Object.values(body.facets) as Array<Array<{ count: number; selected: boolean }>>) {
      for (const value of values) expect(value.count > 0 || value.selected).toBe(true);
    }
    expect(body.facets.language).toEqual([{ value: 'fr', label: 'French', count: 1, selected: false }]);
  });

  it('does not offer a facet with a single value as a choice, unless the reader ticked it', async () => {
    const { app } = await createTestApp();
    // One English note matches: a language facet would offer only "English".
    const { text } = await request(app).get('/search?q=inspection').expect(200);
    const fieldsets = [...text.matchAll(/<fieldset class="facet" data-facet="([^"]+)">([\s\S]*?)<\/fieldset>/g)];
    expect(fieldsets.length).toBeGreaterThan(0);
    for (const [, field, body] of fieldsets) expect((body!.match(/type="checkbox"/g) ?? []).length, field).toBeGreaterThan(1);
    expect(text).not.toContain('data-facet="language"');
    const ticked = (await request(app).get('/search?q=inspection&language=en').expect(200)).text;
    expect(ticked).toMatch(/name="language" value="en" checked/);
  });

  it('puts the filters in a <details> panel, before the results, with the number ticked in its summary', async () => {
    const { app } = await createTestApp();
    const { text } = await request(app).get('/search?stages=trial&jurisdictions=GB-EAW').expect(200);
    expect(text).toContain('<summary class="filters-summary"><span class="filters-summary-label">Filters (2)</span></summary>');
    expect(text.indexOf('data-filters-panel')).toBeLessThan(text.indexOf('id="cb-results"'));
    expect(text.indexOf('id="cb-result-count"')).toBeLessThan(text.indexOf('class="hits"'));
  });
});

describe('French typography and self-explaining badges', () => {
  it('uses a narrow no-break space before a colon in French pages', async () => {
    const { app } = await createTestApp();
    const { text } = await request(app).get('/search?lang=fr&jurisdictions=FR').expect(200);
    expect(text).toContain('<span class="chip-facet">Ressort\u202f:</span>');
    expect(text).toMatch(/<span class="badge-axis">[^<]+\u202f:<\/span>/);
    expect(text).not.toMatch(/<span class="badge-axis">[^<]*[^\u202f]:<\/span>/);
  });

  it('explains the evidence basis in words on the note, with a link to how ratings are graded', async () => {
    const { app, kb } = await createTestApp();
    const { text } = await request(app).get('/notes/phone-evidence-control').expect(200);
    const definition = kb.taxonomy.vocabularies.evidence_basis.values.find((value) => value.id === 'practitioner-consensus')!.text.en!.definition;
    expect(text).toContain(
      `<p class="basis-definition">${definition.replace(/'/g, '&#39;')} <a href="/glossary#evidence_basis-practitioner-consensus">How ratings are graded</a></p>`,
    );
  });
});

describe('one related-notes list per note', () => {
  it("offers notes in the note's language or its translations, ranked by shared tags and jurisdictions, once", async () => {
    const { app } = await createTestApp();
    const { text } = await request(app).get('/notes/phone-evidence-control').expect(200);
    expect(text.match(/id="cb-related"/g)).toHaveLength(1);
    const related = text.slice(text.indexOf('id="cb-related"'), text.indexOf('</section>', text.indexOf('id="cb-related"')));
    expect(related).toContain('href="/notes/preuve-telephonique"');
    expect(related).toContain('href="/notes/section-28-cross-examination"');
    // Spanish, and not a translation: an English reader is not sent there, though it shares a technique.
    expect(related).not.toContain('href="/notes/prueba-financiera"');
  });
});

describe('feeds', () => {
  it('answer Atom with an <author> and a stylesheet to feed readers, and a readable page to a browser', async () => {
    const { app } = await createTestApp();
    const atom = await request(app).get('/feed.xml').expect(200);
    expect(atom.headers['content-type']).toContain('application/atom+xml');
    expect(atom.headers.vary).toContain('Accept');
    expect(atom.text).toContain('<?xml-stylesheet type="text/xsl" href="/static/feed.xsl"?>');
    expect(atom.text).toContain('<author><name>Casebook editors</name></author>');
    const page = await request(app).get('/feed.xml').set('Accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('<p class="citation-text" id="cb-feed-url">https://casebook.example.org/feed.xml</p>');
    expect(page.text).toContain('href="/notes/phone-evidence-control"');
    const search = await request(app).get('/search.xml?jurisdictions=FR').set('Accept', 'text/html').expect(200);
    expect(search.text).toContain('href="/notes/preuve-telephonique"');
    const xsl = await request(app).get('/static/feed.xsl').expect(200);
    expect(xsl.headers['content-type']).toBe('text/xsl; charset=utf-8');
  });
});
