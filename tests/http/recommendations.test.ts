import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from '../../server/content/build-knowledge-base.js';
import { createApp } from '../../server/web/create-app.js';
import { fixtureKnowledgeFiles, noteFile } from '../fixtures/fixture-files.js';
import { InMemoryNoteIndex } from './in-memory-note-index.js';

/** A recommendation no developer wrote: three tracked jurisdictions, one with a hostile source title. */
const CONTRIBUTED = `
title: Fund independent advocates for victims throughout proceedings
summary: Victim services should give every identified victim an independent advocate from first contact to after the verdict.
language: en
jurisdictions: [INT]
victim_centred_techniques: [support-advocacy]
stages: [investigation, trial]
content_type: policy-recommendation
evidence_basis: practitioner-consensus
last_reviewed: 2026-03-01
audience: [victim-services]
rests_on: [phone-evidence-control, labour-inspection-records]
implementation:
  - jurisdiction: NZ
    status: adopted
    as_of: 2026-02-01
    source: {title: "Act ]]> <script>alert(1)</script>", url: "https://www.legislation.govt.nz/act/public/2015/0030/latest/whole.html"}
  - jurisdiction: KE
    status: partly
    as_of: 2026-01-15
    source: {title: Kenya policy, url: "https://example.org/kenya/policy.pdf"}
  - jurisdiction: PE
    status: unknown
    as_of: 2026-01-10
`;

const SECOND = `
title: Give prosecutors the power not to prosecute trafficked people
summary: Legislatures should let prosecutors decline to charge victims for offences they were compelled to commit.
language: en
jurisdictions: [INT]
victim_centred_techniques: [non-punishment]
stages: [charging]
content_type: policy-recommendation
evidence_basis: practitioner-consensus
last_reviewed: 2026-03-01
audience: [legislature]
rests_on: [phone-evidence-control]
implementation:
  - jurisdiction: GB-EAW
    status: adopted
    as_of: 2025-06-01
    source: {title: Modern Slavery Act 2015 s. 45, url: "https://www.legislation.gov.uk/ukpga/2015/30/section/45"}
  - jurisdiction: NZ
    status: not-adopted
    as_of: 2025-05-01
    source: {title: NZ report, url: "https://example.org/nz/report"}
`;

async function createRecommendationApp() {
  const files = await fixtureKnowledgeFiles(noteFile('advocates.md', CONTRIBUTED), noteFile('non-punishment-power.md', SECOND));
  const { knowledgeBase, problems } = buildKnowledgeBase(files, '2026-11-28');
  expect(problems).toEqual([]);
  const noteIndex = new InMemoryNoteIndex(knowledgeBase!);
  const app = createApp({ noteIndex, knowledgeBase: knowledgeBase!, today: () => '2026-11-28', publicUrl: 'https://casebook.example.org' });
  return { app, noteIndex };
}

/** The page's text as a reader hears it: tags out, spaces collapsed. */
function readable(html: string): string {
  return html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
}

describe('GET /recommendations', () => {
  it('lists each recommendation once, with its audiences as tags and every status counted (unknown is "not yet checked", never "not adopted")', async () => {
    const { app } = await createRecommendationApp();
    const { text } = await request(app).get('/recommendations').expect(200);
    expect(text.match(/class="note-card-title"><a href="\/notes\/advocates"/g)).toHaveLength(1);
    expect(text).toContain('<a class="tag" href="/recommendations?audience=victim-services">Victim services</a>');
    expect(text).toContain('<a class="tag" href="/recommendations?audience=legislature">Legislature</a>');
    expect(readable(text)).toContain('Tracked jurisdictions by status: Adopted 1 · partly 1 · not yet checked 1');
    expect(readable(text)).toContain('Tracked jurisdictions by status: Adopted 1 · not adopted 1');
    expect(text).not.toContain('Adopted in 1 of 3');
    expect(text).toContain('<a href="#tracker">Tracker</a>');
    expect(text).toContain('<section id="tracker"');
  });

  it('shows a contributed recommendation in the tracker: a sign and a name per status, the source named under it, no date on "not yet checked", a legend', async () => {
    const { app } = await createRecommendationApp();
    const { text } = await request(app).get('/recommendations').expect(200);
    expect(text).toContain('<table class="tracker">');
    for (const code of ['NZ', 'KE', 'PE', 'GB-EAW']) expect(text).toContain(`<a href="/jurisdictions/${code}">`);
    expect(text).toContain(
      '<span class="status status-partly"><span class="status-icon" aria-hidden="true">◐</span> Partly adopted</span> <span class="status-date"><time datetime="2026-01-15">as of 15 January 2026</time></span> <span class="status-source">Source: <a href="https://example.org/kenya/policy.pdf" rel="noopener">Kenya policy</a></span>',
    );
    expect(text).toContain('<span class="status status-unknown"><span class="status-icon" aria-hidden="true">?</span> Not yet checked</span>\n');
    expect(text).not.toContain('2026-01-10');
    expect(text).toContain('<td><span class="visually-hidden">Not tracked</span></td>');
    expect(text).not.toContain(' title="Kenya policy"');
    expect(readable(text)).toContain('Not yet checkedListed for tracking, but no one has checked yet');
    // The same statuses as a list per jurisdiction, for a phone.
    expect(text).toMatch(
      /<details class="tracker-jurisdiction" id="tracker-KE">\s*<summary><h3>Kenya<\/h3> <span class="tracker-jurisdiction-counts">Partly 1<\/span><\/summary>\s*<p><a href="\/jurisdictions\/KE">Kenya: country profile<\/a><\/p>\s*<ul class="tracker-list">\s*<li><a href="\/notes\/advocates" lang="en">Fund independent advocates/,
    );
    expect(text).not.toContain('<script>alert(1)</script>');
  });

  it('filters by audience and by world region with a plain GET form', async () => {
    const { app } = await createRecommendationApp();
    const byAudience = (await request(app).get('/recommendations?audience=legislature').expect(200)).text;
    expect(byAudience).toContain('name="audience" value="legislature" checked');
    expect(byAudience).not.toContain('Fund independent advocates');
    const byRegion = (await request(app).get('/recommendations?world_regions=americas').expect(200)).text;
    expect(byRegion).toContain('<a href="/jurisdictions/PE">');
    expect(byRegion).not.toContain('<a href="/jurisdictions/KE">');
    expect(byRegion).not.toContain('<a href="/jurisdictions/GB-EAW">');
    expect(byRegion).toContain('<form class="recommendation-filters" action="/recommendations" method="get"');
  });

  it('ignores hostile filter values and answers 503 while the engine is down', async () => {
    const { app, noteIndex } = await createRecommendationApp();
    const { text } = await request(app).get('/recommendations?audience=%22%3E%3Cscript%3E&audience[x]=1&world_regions=__proto__').expect(200);
    expect(readable(text)).toContain('Adopted 1 · partly 1 · not yet checked 1');
    expect(text).not.toContain('"><script>');
    noteIndex.available = false;
    await request(app).get('/recommendations').expect(503);
    await request(app).get('/api/recommendations').expect(503).expect('content-type', /json/);
  });

  it('speaks French and Spanish', async () => {
    const { app } = await createRecommendationApp();
    expect(readable((await request(app).get('/recommendations?lang=fr').expect(200)).text)).toContain('Adoptée 1 · en partie 1 · pas encore vérifiée 1');
    expect(readable((await request(app).get('/recommendations?lang=es').expect(200)).text)).toContain('Adoptada 1 · en parte 1 · sin verificar aún 1');
  });
});

describe('GET /api/recommendations', () => {
  it('answers exactly { recommendations: [{ slug, title, url, audience, rests_on, implementation }] }', async () => {
    const { app } = await createRecommendationApp();
    const { body } = await request(app).get('/api/recommendations').expect(200).expect('content-type', /json/);
    const advocates = body.recommendations.find((item: { slug: string }) => item.slug === 'advocates');
    expect(Object.keys(body)).toEqual(['recommendations']);
    expect(advocates).toEqual({
      slug: 'advocates',
      title: 'Fund independent advocates for victims throughout proceedings',
      url: '/notes/advocates',
      audience: ['victim-services'],
      rests_on: ['phone-evidence-control', 'labour-inspection-records'],
      implementation: [
        {
          jurisdiction: 'NZ',
          status: 'adopted',
          as_of: '2026-02-01',
          source: { title: 'Act ]]> <script>alert(1)</script>', url: 'https://www.legislation.govt.nz/act/public/2015/0030/latest/whole.html' },
        },
        { jurisdiction: 'KE', status: 'partly', as_of: '2026-01-15', source: { title: 'Kenya policy', url: 'https://example.org/kenya/policy.pdf' } },
        { jurisdiction: 'PE', status: 'unknown', as_of: '2026-01-10', source: null },
      ],
    });
    expect(
      (await request(app).get('/api/recommendations?audience=legislature').expect(200)).body.recommendations.map((item: { slug: string }) => item.slug),
    ).toEqual(['non-punishment-power']);
  });
});

describe('GET /recommendations.xml', () => {
  it('is an Atom feed of status changes, newest first, with text escaped', async () => {
    const { app } = await createRecommendationApp();
    const { text } = await request(app)
      .get('/recommendations.xml')
      .expect(200)
      .expect('content-type', /application\/atom\+xml/);
    expect(text).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">');
    expect(text).toContain('<id>https://casebook.example.org/notes/advocates#tracker-NZ-adopted-2026-02-01</id>');
    expect(text.indexOf('tracker-NZ-adopted-2026-02-01')).toBeLessThan(text.indexOf('tracker-KE-partly-2026-01-15'));
    expect(text).toContain('Source: Act ]]&gt; &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).not.toContain('<script>');
  });
});

describe('a recommendation on its guidance page', () => {
  it('shows the evidence it rests on, its audience and its tracker row', async () => {
    const { app } = await createRecommendationApp();
    const { text } = await request(app).get('/notes/advocates').expect(200);
    expect(text).toContain('<h2 id="cb-rests-on">Evidence it rests on</h2>');
    expect(text).toMatch(/<li><a href="\/notes\/phone-evidence-control" lang="en">[^<]+<\/a><\/li>/);
    expect(text).toContain('href="/browse/audience/victim-services"');
    expect(text).toContain('<li id="tracker-KE"><a href="/jurisdictions/KE">Kenya</a>');
    expect(text).toContain('Source: <a href="https://example.org/kenya/policy.pdf" rel="noopener">Kenya policy</a>');
    expect(text).toMatch(
      /<li id="tracker-PE"><a href="\/jurisdictions\/PE">Peru<\/a><br><span class="status status-unknown"><span class="status-icon" aria-hidden="true">\?<\/span> Not yet checked<\/span>\n<\/li>/,
    );
    expect(text).toContain('<a href="/jurisdictions/INT">International</a>');
  });
});

describe('GET /jurisdictions and /jurisdictions/:code', () => {
  it('lists every jurisdiction of the knowledge base by world region, with counts, tracked-only ones included', async () => {
    const { app } = await createRecommendationApp();
    const { text } = await request(app).get('/jurisdictions').expect(200);
    expect(text).toContain('<h2 id="region-europe">Europe</h2>');
    expect(text).toMatch(
      /href="\/jurisdictions\/GB-EAW"><span class="tile-label">England and Wales<\/span> <span class="tile-count">\d+ notes? · 1 recommendations tracked/,
    );
    expect(text).toContain('href="/jurisdictions/PE"');
    expect(text).toContain('href="/jurisdictions/INT"');
  });

  it('shows the contributed recommendation on each of its three country profiles', async () => {
    const { app } = await createRecommendationApp();
    for (const [code, status] of [
      ['NZ', 'Adopted'],
      ['KE', 'Partly adopted'],
      ['PE', 'Not yet checked'],
    ] as const) {
      const { text } = await request(app).get(`/jurisdictions/${code}`).expect(200);
      expect(text, code).toContain('<a href="/notes/advocates" lang="en">Fund independent advocates for victims throughout proceedings</a>:');
      expect(text, code).toContain(`</span> ${status}</span>`);
    }
  });

  it("lists a jurisdiction's legislation and cases, the international notes that apply, and its coverage gaps with a link to contribute", async () => {
    const { app, noteIndex } = await createRecommendationApp();
    const { text } = await request(app).get('/jurisdictions/GB-EAW').expect(200);
    expect(text).toContain('<h1>England and Wales</h1>');
    expect(text).toContain('href="/notes/section-28-cross-examination"');
    expect(text).toContain('<h2 id="cb-gaps">Coverage gaps</h2>');
    expect(text).toContain('href="/browse/evidence_types/financial"');
    expect(text).toContain('<a class="button-secondary" href="/contribute">Contribute a note</a>');
    // Served from memory while the engine is down; only the statuses are marked unavailable.
    noteIndex.available = false;
    expect((await request(app).get('/jurisdictions/GB-EAW').expect(200)).text).toContain('The recommendation statuses cannot be shown right now');
  });

  it('redirects a lower-case code and answers 404 for hostile or unknown codes', async () => {
    const { app } = await createRecommendationApp();
    await request(app).get('/jurisdictions/gb-eaw').expect(301).expect('location', '/jurisdictions/GB-EAW');
    for (const hostile of ['XX', 'ZZ-TOP', '..%2F..%2Fetc', '%3Cscript%3E', '__proto__', 'constructor', 'A'.repeat(1900), 'FR%00', 'JP']) {
      const response = await request(app).get(`/jurisdictions/${hostile}`);
      expect(response.status, hostile).toBe(404);
      expect(response.text).not.toContain('<script>');
    }
    // An address over 2 KB is refused before any route reads it.
    expect((await request(app).get(`/jurisdictions/${'A'.repeat(5000)}`)).status).toBe(414);
  });
});

describe('the evidence map', () => {
  it('links every jurisdiction to its profile', async () => {
    const { app } = await createRecommendationApp();
    const { text } = await request(app).get('/map').expect(200);
    expect(text).toContain('<a class="tag" href="/jurisdictions/GB-EAW">England and Wales</a>');
    expect(text).toContain('href="/jurisdictions"');
  });
});
