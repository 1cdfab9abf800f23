import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp } from './test-app.js';

describe('GET /search', () => {
  it('shows results, facets with counts in schema order, and works as a plain form', async () => {
    const { app } = await createTestApp();
    const { text } = await request(app).get('/search?jurisdictions=GB-EAW').expect(200);
    expect(text).toContain('<form class="search-page" action="/search" method="get"');
    // The two notes naming England and Wales, and the universal international one that applies there.
    expect(text).toContain('3 notes');
    expect(text).toContain('href="/notes/labour-inspection-records"');
    expect(text).toContain('International and regional instruments that apply in England and Wales add 1 note.');
    expect(text).toMatch(
      /<input type="checkbox" name="jurisdiction_scope" value="applies" aria-describedby="cb-scope-help" checked> <span>Include the international and regional instruments that apply in England and Wales \(\+1\)<\/span>/,
    );
    expect((await request(app).get('/search?jurisdictions=GB-EAW&jurisdiction_scope=named').expect(200)).text).toContain('2 notes');
    expect(text).toContain('href="/notes/phone-evidence-control"');
    expect(text).toMatch(/name="jurisdictions" value="GB-EAW" checked/);
    const legends = [...text.matchAll(/<legend>([^<]+)/g)].map((match) => match[1]!.trim());
    expect(legends.slice(0, 3)).toEqual(['Evidence type', 'Victim-centred technique', 'Jurisdiction']);
  });

  it("groups jurisdictions by world region with names in the reader's language", async () => {
    const { app } = await createTestApp();
    const { text } = await request(app).get('/search?lang=fr').expect(200);
    expect(text).toContain('<html lang="fr">');
    expect(text).toMatch(/data-facet-group>Europe<\/p>/);
    expect(text).toContain('Angleterre et pays de Galles');
    expect(text).toContain('Roumanie');
  });

  it('shows each selected filter as a removable chip, and a clear-all link that keeps the words', async () => {
    const { app } = await createTestApp();
    const { text } = await request(app).get('/search?q=phone&jurisdictions=GB-EAW&stages=investigation').expect(200);
    expect(text).toContain('href="/search?q=phone&amp;stages=investigation" aria-label="Remove filter: Jurisdiction: England and Wales"');
    expect(text).toContain('class="chip-clear" href="/search?q=phone"');
  });

  it('says which filter emptied the list, and offers the search without it with its count', async () => {
    const { app } = await createTestApp();
    const { text } = await request(app).get('/search?jurisdictions=FR&stages=trial&jurisdiction_scope=named').expect(200);
    expect(text).toContain('No notes match.');
    expect(text).toContain('The filter Jurisdiction: France left no results. Without it: <a href="/search?stages=trial">2 notes</a>');
    expect(text).toContain('The filter Stage: Trial left no results. Without it: <a href="/search?jurisdictions=FR&amp;jurisdiction_scope=named">1 note</a>');
  });

  it('drops unknown facets, unknown ids and injection attempts, and never fails on hostile input', async () => {
    const { app, noteIndex } = await createTestApp();
    const hostile =
      '/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&jurisdictions=GB-EAW&jurisdictions=%22%20OR%20language%20%3D%20%22fr' +
      '&status=draft&evidence_types=phone&page=-3&sort=__proto__&q[]=x&stages[foo]=trial&cross_border=maybe';
    const { text } = await request(app).get(hostile).expect(200);
    expect(noteIndex.queries.at(-1)).toEqual({
      text: '<script>alert(1)</script>',
      filters: { jurisdictions: ['GB-EAW'] },
      sort: 'relevance',
      page: 1,
      hitsPerPage: 20,
      language: 'en',
      appliesIn: { codes: ['GB-EAW', 'GB'], systems: ['COE', 'OSCE'], universal: true },
    });
    expect(text).not.toContain('<script>alert(1)');
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('caps the page number and the length of the query', async () => {
    const { app, noteIndex } = await createTestApp();
    await request(app)
      .get(`/search?page=99999999999&q=${'a'.repeat(1900)}`)
      .expect(200);
    expect(noteIndex.queries.at(-1)).toMatchObject({ page: 250, text: 'a'.repeat(200) });
    // An address over 2 KB is refused before the query is read.
    const asked = noteIndex.queries.length;
    await request(app)
      .get(`/search?q=${'a'.repeat(5000)}`)
      .expect(414);
    expect(noteIndex.queries).toHaveLength(asked);
  });

  it('answers 503 with a readable message when the engine is down', async () => {
    const { app, noteIndex } = await createTestApp();
    noteIndex.available = false;
    const { text } = await request(app).get('/search?q=phone').expect(503);
    expect(text).toContain('Search is unavailable for a moment');
  });

  it('loads no inline script and sends a content security policy', async () => {
    const { app } = await createTestApp();
    const response = await request(app).get('/search').expect(200);
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.text.match(/<script(?![^>]*\bsrc=)[^>]*>/g)).toBeNull();
  });
});

describe('GET /api/search', () => {
  it("answers the contract's JSON shape with hits in rank order", async () => {
    const { app } = await createTestApp();
    const { body } = await request(app).get('/api/search?stages=investigation&sort=title').expect(200);
    expect(body).toMatchObject({ query: '', page: 1, totalPages: 1, totalHits: 4 });
    expect(body.hits[0]).toEqual({
      slug: 'phone-evidence-control',
      title: 'Corroborating coercion with phone-extraction evidence',
      summary: expect.any(String),
      language: 'en',
      url: '/notes/phone-evidence-control',
      evidence_basis: 'practitioner-consensus',
      jurisdictions: ['GB-EAW', 'RO'],
      last_reviewed: '2026-06-30',
      snippet: '',
    });
  });

  it("lists a facet's values as the engine counted them: labelled, ticked, in the vocabulary's order, none that no note matches", async () => {
    // What the engine answers is the engine's business (disjunctive counts are checked against
    // Meilisearch in the integration suite); this is what the app makes of an answer it chose.
    const { app, noteIndex } = await createTestApp();
    noteIndex.decorate = (result) => ({
      ...result,
      facets: { ...result.facets, stages: { trial: 2, investigation: 4 } },
      universe: { ...result.universe, stages: { sentencing: 1, trial: 3, investigation: 5 } },
    });
    const { body } = await request(app).get('/api/search?stages=investigation').expect(200);
    expect(body.facets.stages).toEqual([
      { value: 'investigation', label: 'Investigation', count: 4, selected: true },
      { value: 'trial', label: 'Trial', count: 2, selected: false },
    ]);
  });

  it('answers 503 as JSON when the engine is down', async () => {
    const { app, noteIndex } = await createTestApp();
    noteIndex.available = false;
    const { body } = await request(app).get('/api/search?q=x').expect(503);
    expect(body).toEqual({ error: { code: 'search_unavailable', message: expect.any(String) } });
  });
});

describe('GET /search.xml and /feed.xml', () => {
  it('publishes Atom feeds of new and re-reviewed notes, newest first', async () => {
    const { app } = await createTestApp();
    const site = await request(app)
      .get('/feed.xml')
      .expect(200)
      .expect('content-type', /application\/atom\+xml/);
    expect(site.text).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">');
    expect(site.text).toMatch(/<author><name>[^<]+<\/name><\/author>/);
    const links = [...site.text.matchAll(/<link rel="alternate" type="text\/html" href="(https:\/\/casebook\.example\.org\/notes\/[^"]+)"/g)].map(
      (match) => match[1],
    );
    expect(links[0]).toBe('https://casebook.example.org/notes/phone-evidence-control');
    expect(links).toHaveLength(5);
    // A search's feed applies "France" as the page does: its own note, the EU and Council of Europe one, the universal one.
    const search = await request(app).get('/search.xml?jurisdictions=FR').expect(200);
    expect([...search.text.matchAll(/<entry>/g)]).toHaveLength(3);
    const named = await request(app).get('/search.xml?jurisdictions=FR&jurisdiction_scope=named').expect(200);
    expect([...named.text.matchAll(/<entry>/g)]).toHaveLength(1);
  });
});

describe('section answers, retries and suggestions', () => {
  it('links a hit to the section that matched, in the API and on the page', async () => {
    const { app, noteIndex } = await createTestApp();
    noteIndex.decorate = (result) => ({
      ...result,
      hits: result.hits.map((hit) => ({ ...hit, section: { id: 'the-victims-phone', heading: "The victim's phone" } })),
    });
    const { body } = await request(app).get('/api/search?q=phone').expect(200);
    expect(body.hits[0]).toMatchObject({
      section: { id: 'the-victims-phone', heading: "The victim's phone" },
      url: expect.stringMatching(/^\/notes\/[a-z0-9-]+#the-victims-phone$/),
    });
    const { text } = await request(app).get('/search?q=phone').expect(200);
    expect(text).toMatch(/<p class="hit-section"[^>]*>.*<a href="\/notes\/[a-z0-9-]+#the-victims-phone">§ The victim&#39;s phone<\/a>/);
  });

  it('leaves hits without a section pointing to the note, with no section field', async () => {
    const { app } = await createTestApp();
    const { body } = await request(app).get('/api/search?q=phone').expect(200);
    expect(body.hits[0].url).toMatch(/^\/notes\/[a-z0-9-]+$/);
    expect(body.hits[0]).not.toHaveProperty('section');
  });

  it("says which words no note contains when the results answer the rest of the query, in the reader's language", async () => {
    const { app, noteIndex } = await createTestApp();
    noteIndex.decorate = (result) => ({ ...result, relaxed: { dropped: ['livestream'], text: 'phone' } });
    expect((await request(app).get('/search?q=livestream+phone').expect(200)).text).toContain('No note contains “livestream”; showing results for “phone”.');
    expect((await request(app).get('/search?q=livestream+phone&lang=fr').expect(200)).text).toContain('Aucune fiche ne contient «');
    expect((await request(app).get('/api/search?q=livestream+phone').expect(200)).body.relaxed).toEqual({ dropped: ['livestream'], query: 'phone' });
  });

  it('offers "Did you mean" from the knowledge base\'s own words', async () => {
    const { app } = await createTestApp();
    const { text } = await request(app).get('/search?q=phone+evidnce').expect(200);
    expect(text).toContain('Did you mean <a href="/search?q=phone+evidence">phone evidence</a>?');
    expect((await request(app).get('/api/search?q=phone+evidnce').expect(200)).body.did_you_mean).toBe('phone evidence');
    expect((await request(app).get('/api/search?q=phone+evidence').expect(200)).body).not.toHaveProperty('did_you_mean');
  });

  it('adds links to browse the selected values when filters leave nothing', async () => {
    const { app } = await createTestApp();
    const { text } = await request(app).get('/search?q=zzzz&evidence_types=financial').expect(200);
    expect(text).toContain('href="/browse/evidence_types/financial"');
  });
});
