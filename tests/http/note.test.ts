import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp } from './test-app.js';

describe('GET /notes/:slug', () => {
  it('shows the headline card, tags as browse links, sources, a citation and translations', async () => {
    const { app } = await createTestApp();
    const { text } = await request(app).get('/notes/labour-inspection-records').expect(200);
    expect(text).toContain('<h1 data-page-title>Using labour-inspection records in forced-labour cases</h1>');
    expect(text).toContain('class="badge badge-legal basis-persuasive-authority"');
    expect(text).toContain('href="/jurisdictions/GR">Greece</a>');
    expect(text).toContain('href="/browse/exploitation_types/debt-bondage"');
    expect(text).toContain('Chowdury and Others v Greece</span>'.replace('</span>', ''));
    expect(text).toContain('<span class="citation">no. 21884/15, 30 March 2017</span>');
    // Dates in the reader's language, and the date it was read.
    expect(text).toContain(
      'Casebook, “Using labour-inspection records in forced-labour cases”, last reviewed 1 November 2025, https://casebook.example.org/notes/labour-inspection-records (accessed 28 November 2026).',
    );
    expect(text).toContain(
      'Casebook, ‘Using labour-inspection records in forced-labour cases’ (last reviewed 1 November 2025) &lt;https://casebook.example.org/notes/labour-inspection-records&gt; accessed 28 November 2026',
    );
    expect(text).toContain('<meta property="og:url" content="https://casebook.example.org/notes/labour-inspection-records">');
  });

  it('gives every heading an anchor and lists them in the contents', async () => {
    const { app } = await createTestApp();
    const { text } = await request(app).get('/notes/section-28-cross-examination').expect(200);
    expect(text).toContain('<h2 id="what-to-do">What to do<a class="heading-anchor" aria-label="Link to this section" href="#what-to-do">#</a></h2>');
    expect(text).toContain('<a href="#what-to-do-1" lang="en">What to do</a>');
  });

  it('warns when the review is more than 18 months old', async () => {
    const { app } = await createTestApp();
    expect((await request(app).get('/notes/section-28-cross-examination')).text).toContain('more than 18 months ago');
    expect((await request(app).get('/notes/labour-inspection-records')).text).not.toContain('more than 18 months ago');
  });

  it('shows the evidence note as the reason for the rating, and links translations both ways', async () => {
    const { app } = await createTestApp();
    const english = (await request(app).get('/notes/phone-evidence-control')).text;
    expect(english).toContain('Recommended in prosecution guidance; no outcome evaluation found.');
    expect(english).toContain('<a href="/notes/preuve-telephonique" hreflang="fr">French</a>');
    expect((await request(app).get('/notes/preuve-telephonique')).text).toContain('<a href="/notes/phone-evidence-control" hreflang="en">English</a>');
  });

  it('lists related notes from the engine, never the note itself, and still serves the page when the engine is down', async () => {
    const { app, noteIndex } = await createTestApp();
    const up = (await request(app).get('/notes/phone-evidence-control')).text;
    const related = up.slice(up.indexOf('id="cb-related"'));
    expect(related).toContain('href="/notes/preuve-telephonique"');
    expect(related).not.toContain('href="/notes/phone-evidence-control"');
    noteIndex.available = false;
    const down = await request(app).get('/notes/labour-inspection-records').expect(200);
    expect(down.text).not.toContain('id="cb-related"');
    // Related notes already fetched are remembered, so a page read before the outage keeps them.
    expect((await request(app).get('/notes/phone-evidence-control').expect(200)).text).toContain('id="cb-related"');
  });

  it('redirects a former slug with 301, keeping the query', async () => {
    const { app } = await createTestApp();
    await request(app).get('/notes/phone-evidence-coercion?lang=fr').expect(301).expect('location', '/notes/phone-evidence-control?lang=fr');
  });

  it('answers 404 with a helpful page for drafts and unknown slugs', async () => {
    const { app } = await createTestApp();
    for (const slug of ['draft-child-interviews', 'no-such-note']) {
      const { text } = await request(app).get(`/notes/${slug}`).expect(404);
      expect(text).toContain('Page not found');
      expect(text).toContain('action="/search"');
    }
    const { text } = await request(app).get('/notes/phone-control').expect(404);
    expect(text).toContain('href="/notes/phone-evidence-control"');
  });
});

describe('GET /api/notes/:slug', () => {
  it('answers the front matter, html, headings and url', async () => {
    const { app } = await createTestApp();
    const { body } = await request(app).get('/api/notes/phone-evidence-control').expect(200);
    expect(body).toMatchObject({ slug: 'phone-evidence-control', language: 'en', url: '/notes/phone-evidence-control', jurisdictions: ['GB-EAW', 'RO'] });
    expect(body.html).toContain('<h2 id="what-to-do">');
    expect(body.headings).toEqual([
      { depth: 2, id: 'what-to-do', text: 'What to do' },
      { depth: 2, id: 'why-it-matters', text: 'Why it matters' },
    ]);
    expect(body).not.toHaveProperty('body');
    expect(body).not.toHaveProperty('file');
  });

  it('answers 404 as JSON for a draft, and 301 for an alias', async () => {
    const { app } = await createTestApp();
    expect((await request(app).get('/api/notes/draft-child-interviews').expect(404)).body.error.code).toBe('not_found');
    await request(app).get('/api/notes/phone-evidence-coercion').expect(301).expect('location', '/api/notes/phone-evidence-control');
  });
});
