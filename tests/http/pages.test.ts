import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { CONTRACT_IDS } from '../../server/content/note-schema.js';
import { labelOf } from '../../server/content/taxonomy.js';
import { createTestApp } from './test-app.js';

describe('GET /', () => {
  it('offers the search box, browse tiles with counts, recent notes, collections and sourced figures', async () => {
    const { app, kb } = await createTestApp();
    const { text } = await request(app).get('/').expect(200);
    expect(text).toContain('action="/search"');
    const label = labelOf(kb.taxonomy, 'evidence_types', 'digital-device');
    expect(text).toContain(`href="/browse/evidence_types/digital-device"><span class="tile-label">${label}</span> <span class="tile-count">2 notes`);
    expect(text).toContain('href="/collections/evidence-beyond-testimony"');
    expect(text).toContain('133,943');
    expect(text).toContain('Trafficking in Persons Report 2024 (2023)');
  });
});

describe('GET /browse/:facet/:id', () => {
  it('shows the definition, then the notes tagged with the value', async () => {
    const { app, kb } = await createTestApp();
    const { text } = await request(app).get('/browse/evidence_types/digital-device').expect(200);
    const definition = kb.taxonomy.vocabularies.evidence_types.values.find((value) => value.id === 'digital-device')!.text.en!.definition;
    expect(text).toContain(definition.replace(/'/g, '&#39;'));
    expect(text).toContain('href="/notes/phone-evidence-control"');
    expect(text).toContain('href="/notes/preuve-telephonique"');
    expect(text).not.toContain('href="/notes/labour-inspection-records"');
  });

  it('browses derived facets and jurisdictions', async () => {
    const { app } = await createTestApp();
    expect((await request(app).get('/browse/world_regions/americas').expect(200)).text).toContain('href="/notes/prueba-financiera"');
    expect((await request(app).get('/browse/jurisdictions/GB-EAW').expect(200)).text).toContain('<h1>England and Wales</h1>');
  });

  it('answers 404 for an unknown facet or id', async () => {
    const { app } = await createTestApp();
    await request(app).get('/browse/evidence_types/nope').expect(404);
    await request(app).get('/browse/status/draft').expect(404);
    await request(app).get('/browse/__proto__/x').expect(404);
  });
});

describe('GET /glossary', () => {
  it('defines every vocabulary value and explains the two axes of the evidence basis', async () => {
    const { app } = await createTestApp();
    const { text } = await request(app).get('/glossary').expect(200);
    for (const [facet, ids] of Object.entries(CONTRACT_IDS)) for (const id of ids) expect(text, `${facet}/${id}`).toContain(`id="${facet}-${id}"`);
    expect(text).toContain('<h3>Legal authority</h3>');
    expect(text).toContain('<h3>Empirical support</h3>');
  });
});

describe('GET /map', () => {
  it('is a real table of techniques by evidence types, cells linking to the matching search', async () => {
    const { app } = await createTestApp();
    const { text } = await request(app).get('/map').expect(200);
    expect(text).toContain('<table class="evidence-map">');
    expect(text).toContain('<caption id="cb-map-caption">Victim-centred technique by Evidence type: number of notes</caption>');
    expect(text).toMatch(
      /<td class="level-4"><a href="\/search\?evidence_types=digital-device&amp;victim_centred_techniques=evidence-led-prosecution" aria-label="1 note: [^"]+">1<\/a><\/td>/,
    );
    // The same count in French and Spanish takes their singular too (and 0 would in French: "0 fiche").
    expect((await request(app).get('/map?lang=fr').expect(200)).text).toMatch(/aria-label="1 fiche\u202f: [^"]+">1<\/a>/);
    expect((await request(app).get('/map?lang=es').expect(200)).text).toMatch(/aria-label="1 ficha: [^"]+">1<\/a>/);
  });

  it('lets the reader choose other axes and ignores unknown ones', async () => {
    const { app, kb } = await createTestApp();
    const caption = `${kb.taxonomy.vocabularies.stages.label.en} by ${kb.taxonomy.vocabularies.exploitation_types.label.en}`;
    expect((await request(app).get('/map?rows=stages&columns=exploitation_types').expect(200)).text).toContain(caption);
    expect((await request(app).get('/map?rows=status&columns=status').expect(200)).text).toContain('Victim-centred technique by Evidence type');
  });
});

describe('GET /collections/:slug', () => {
  it("shows the introduction and the notes in the trainer's order", async () => {
    const { app } = await createTestApp();
    const { text } = await request(app).get('/collections/evidence-beyond-testimony').expect(200);
    expect(text.indexOf('/notes/phone-evidence-control')).toBeLessThan(text.indexOf('/notes/labour-inspection-records'));
    expect(text).toContain('Read the notes in order');
    await request(app).get('/collections/nope').expect(404);
  });
});

describe('GET /api/facets', () => {
  it('lists every facet in schema order with labels, definitions and counts', async () => {
    const { app } = await createTestApp();
    const { body } = await request(app).get('/api/facets?lang=es').expect(200);
    expect(body.facets.map((facet: { field: string }) => facet.field).slice(0, 3)).toEqual(['evidence_types', 'victim_centred_techniques', 'jurisdictions']);
    const financial = body.facets[0].values.find((value: { value: string }) => value.value === 'financial');
    expect(financial).toMatchObject({ count: 2, definition: expect.any(String) });
    expect(body.language).toBe('es');
  });
});

describe('the interface language', () => {
  it('comes from ?lang=, is remembered in a cookie, and otherwise from Accept-Language', async () => {
    const { app } = await createTestApp();
    const chosen = await request(app).get('/glossary?lang=es').expect(200);
    expect(chosen.headers['set-cookie']?.[0]).toMatch(/^lang=es;.*HttpOnly/);
    expect(chosen.text).toContain('<html lang="es">');
    expect((await request(app).get('/glossary').set('Cookie', 'lang=fr')).text).toContain('<html lang="fr">');
    expect((await request(app).get('/glossary').set('Accept-Language', 'es-MX,es;q=0.9')).text).toContain('<html lang="es">');
    expect((await request(app).get('/glossary').set('Accept-Language', 'de')).text).toContain('<html lang="en">');
    expect((await request(app).get('/glossary?lang=xx').set('Cookie', 'lang=<script>')).text).toContain('<html lang="en">');
  });
});
