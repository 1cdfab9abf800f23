import { XMLParser, XMLValidator } from 'fast-xml-parser';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp } from './test-app.js';

describe('GET /authorities', () => {
  it('lists every authority with its citation, kind, status and how many notes cite it', async () => {
    const { app, kb } = await createTestApp();
    const { text } = await request(app).get('/authorities').expect(200);
    for (const authority of kb.authorities) expect(text).toContain(`<a href="/authorities/${authority.id}">`);
    expect(text).toContain('Authorities found: 4');
    expect(text).toMatch(/Application no\. 25965\/04[\s\S]*?Case · European Court of Human Rights \(First Section\)/);
    expect(text).toMatch(/status-ok[^>]*>Good law</);
  });

  it('filters by kind, jurisdiction, court and decade, with counts, and searches words without JavaScript', async () => {
    const { app } = await createTestApp();
    const cases = (await request(app).get('/authorities?kind=case').expect(200)).text;
    expect(cases).toContain('Authorities found: 2');
    expect(cases).toMatch(/name="kind" value="case" checked> <span class="facet-label">Case<\/span> <span class="facet-count">2<\/span>/);
    expect((await request(app).get('/authorities?decade=1990s').expect(200)).text).toContain('Authorities found: 1');
    expect((await request(app).get('/authorities?jurisdiction=GB-EAW&kind=legislation').expect(200)).text).toContain(
      'Youth Justice and Criminal Evidence Act 1999',
    );
    expect((await request(app).get('/authorities?q=25965%2F04').expect(200)).text).toContain('Authorities found: 1');
    expect((await request(app).get('/authorities?q=tucuman+nothing').expect(200)).text).toContain('No authority matches.');
  });
});

describe('GET /authorities/:id', () => {
  it('answers 301 from a former id (an alias) to the page, its feed and its data, keeping the query', async () => {
    const { app } = await createTestApp();
    await request(app).get('/authorities/rantsev-v-cyprus?lang=fr').expect(301).expect('location', '/authorities/rantsev-v-cyprus-and-russia?lang=fr');
    await request(app).get('/authorities/rantsev-v-cyprus.xml').expect(301).expect('location', '/authorities/rantsev-v-cyprus-and-russia.xml');
    await request(app).get('/api/authorities/rantsev-v-cyprus').expect(301).expect('location', '/api/authorities/rantsev-v-cyprus-and-russia');
    await request(app).get('/authorities/rantsev-v-nowhere').expect(404);
  });

  it('shows the citation to copy, the primary text, provisions and every note citing it, linked to the section that cites it', async () => {
    const { app } = await createTestApp();
    const { text } = await request(app).get('/authorities/palermo-protocol').expect(200);
    // The full reference: its name, citation, issuing body and date, plain and OSCOLA-like.
    expect(text).toContain(
      '<p class="citation-text" id="cb-citation">Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children. 2237 UNTS 319; UN General Assembly resolution 55/25, annex II. United Nations General Assembly, 15 November 2000.</p>',
    );
    expect(text).toContain(
      '<p class="citation-text" id="cb-citation-oscola">Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children (15 November 2000) 2237 UNTS 319; UN General Assembly resolution 55/25, annex II</p>',
    );
    expect(text).toContain('data-copy="cb-citation"');
    expect(text).toContain('data-copy="cb-citation-oscola"');
    // Landing on a provision (#art-3) shows its own reference, pinpointed.
    expect(text).toContain('data-pinpoint="Citing Article 3 — Use of terms"');
    expect(text).toContain(
      '<p class="citation-text" id="cb-citation-art-3-oscola">Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children (15 November 2000) 2237 UNTS 319; UN General Assembly resolution 55/25, annex II, art 3</p>',
    );
    expect(text).toContain('No link to the text has been verified yet');
    expect(text).toMatch(
      /<li id="art-3" tabindex="-1" data-pinpoint="[^"]+"><strong>Article 3 — Use of terms<\/strong>\s*<ul class="cited-by-list"><li><a href="\/notes\/labour-inspection-records#why-it-matters"/,
    );
    // "Cited by": each note once, with the provision's label (never its id) and the section.
    expect(text).toContain('<h3>International notes</h3>');
    expect(text).toContain(
      '<ul class="cited-at"><li><a href="/notes/labour-inspection-records#why-it-matters"><span class="pinpoint">Article 3 — Use of terms</span> · in <span lang="en">“Why it matters”</span></a></li></ul>',
    );
    expect(text).not.toMatch(/>art-3</);
    expect(text).toContain(
      '<link rel="alternate" type="application/atom+xml" title="Atom feed: be told when a note cites this" href="/authorities/palermo-protocol.xml">',
    );
  });

  it('links the primary text and shows history, and a superseded authority prominently', async () => {
    const { app, kb } = await createTestApp();
    const chowdury = await request(app).get('/authorities/chowdury-v-greece').expect(200);
    expect(chowdury.text).toContain('<h2 id="later-history">Later history</h2>');
    expect(chowdury.text).toMatch(
      /<strong>Followed<\/strong> \(<time datetime="2017-03-30">30 March 2017<\/time>\): <a href="\/authorities\/rantsev-v-cyprus-and-russia">Rantsev v Cyprus and Russia/,
    );
    const rantsev = await request(app).get('/authorities/rantsev-v-cyprus-and-russia').expect(200);
    expect(rantsev.text).toContain('<a class="button-primary" href="http://www.bailii.org/eu/cases/ECHR/2010/22.html" rel="noopener">Read the text</a>');
    expect(rantsev.text).toContain('No note cites this authority yet.');
    // A repealed law, as a reader must see it: a warning with what replaced it.
    const act = kb.authorityById.get('uk-yjcea-1999')!;
    Object.assign(act, { status: 'repealed', replaced_by: { citation: 'A later Act' } });
    try {
      const repealed = (await request(app).get('/authorities/uk-yjcea-1999').expect(200)).text;
      expect(repealed).toContain('<div class="notice notice-danger" role="note">');
      expect(repealed).toContain('Replaced by A later Act.');
      const note = (await request(app).get('/notes/section-28-cross-examination?fresh=1').expect(200)).text;
      expect(note).toMatch(
        /Check before relying on this note: it cites 1 authority\(ies\)[^<]*<a href="\/authorities\/uk-yjcea-1999">Youth Justice and Criminal Evidence Act 1999<\/a> \(Repealed\)/,
      );
    } finally {
      Object.assign(act, { status: 'good-law', replaced_by: undefined });
    }
  });

  it('answers 404 to unknown and hostile ids, never 500', async () => {
    const { app } = await createTestApp();
    for (const id of ['nope', '..%2F..%2Fetc%2Fpasswd', '%00', 'a'.repeat(1900), '%E2%80%AE', 'constructor', '__proto__', 'palermo-protocol.xml.xml']) {
      expect((await request(app).get(`/authorities/${id}`)).status, id).toBe(404);
      expect((await request(app).get(`/api/authorities/${id}`)).status, id).toBe(404);
    }
    // An address over 2 KB is refused before any route reads it.
    expect((await request(app).get(`/authorities/${'a'.repeat(5000)}`)).status).toBe(414);
    expect((await request(app).get(`/api/authorities/${'a'.repeat(5000)}`)).status).toBe(414);
  });

  it('publishes a valid Atom feed of the notes citing it', async () => {
    const { app } = await createTestApp();
    const { text } = await request(app)
      .get('/authorities/palermo-protocol.xml')
      .expect(200)
      .expect('content-type', /application\/atom\+xml/);
    expect(XMLValidator.validate(text)).toBe(true);
    const feed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' }).parse(text).feed as {
      entry: Array<{ title: { '#text': string } }>;
    };
    expect(feed.entry.map((entry) => entry.title['#text'])).toEqual(['Using labour-inspection records in forced-labour cases']);
  });
});

describe('the authorities API', () => {
  it("answers one authority in the contract's shape, with cited_by linking to the citing section", async () => {
    const { app } = await createTestApp();
    const { body } = await request(app).get('/api/authorities/uk-yjcea-1999').expect(200);
    expect(body).toEqual({
      id: 'uk-yjcea-1999',
      kind: 'legislation',
      title: 'Youth Justice and Criminal Evidence Act 1999',
      citation: '1999 c. 23',
      court: 'Parliament of the United Kingdom',
      jurisdiction: 'GB-EAW',
      date: '1999-07-27',
      url: null,
      status: 'good-law',
      provisions: [
        { id: 's-27', label: 'Section 27 — Video recorded evidence in chief' },
        {
          id: 's-28',
          label: 'Section 28 — Video recorded cross-examination or re-examination',
          url: 'https://www.legislation.gov.uk/ukpga/1999/23/section/28',
        },
      ],
      history: [],
      cited_by: [
        {
          slug: 'section-28-cross-examination',
          title: 'Pre-recorded cross-examination under section 28',
          url: '/notes/section-28-cross-examination#what-to-do',
          pinpoint: 's-28',
        },
      ],
    });
    expect((await request(app).get('/api/authorities').expect(200)).body.authorities).toHaveLength(4);
  });

  it('adds the matching authorities to /api/search without changing anything else in its shape', async () => {
    const { app } = await createTestApp();
    const { body } = await request(app).get('/api/search?q=rantsev').expect(200);
    expect(Object.keys(body).sort()).toEqual(['authorities', 'facets', 'filters', 'hits', 'page', 'query', 'sort', 'totalHits', 'totalPages']);
    expect(body.authorities).toEqual([
      {
        id: 'rantsev-v-cyprus-and-russia',
        title: 'Rantsev v Cyprus and Russia',
        citation: 'Application no. 25965/04, ECHR 2010 (extracts); (2010) 51 EHRR 1',
        url: '/authorities/rantsev-v-cyprus-and-russia',
        kind: 'case',
        status: 'good-law',
      },
    ]);
    const page = (await request(app).get('/search?q=rantsev').expect(200)).text;
    expect(page).toMatch(/Matching authorities<\/h2>\s*<ul class="plain-list">\s*<li><a href="\/authorities\/rantsev-v-cyprus-and-russia">/);
  });
});

describe('a guidance page', () => {
  it('lists the authorities the note relies on, each with its pinpoint and status, linking to the provision', async () => {
    const { app } = await createTestApp();
    const { text } = await request(app).get('/notes/labour-inspection-records').expect(200);
    expect(text).toContain('<h2 id="cb-authorities">Authorities this note relies on</h2>');
    expect(text).toContain('<li><a href="/authorities/chowdury-v-greece">Chowdury and Others v Greece</a>, <span class="pinpoint">§§ 93-101</span>');
    expect(text).toContain(
      '<li><a href="/authorities/palermo-protocol#art-3">Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children</a>, <span class="pinpoint">Article 3 — Use of terms</span>',
    );
    expect(text).toContain('<a href="/authorities/palermo-protocol#art-3">Article 3</a>');
  });
});
