import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { AUTHORED_FIELDS, FACETS, type VocabularyFacet } from '../../server/content/note-schema.js';
import { createTestApp } from './test-app.js';

// Every vocabulary from the schema's descriptor list reaches the API and the pages with no edit of
// its own (`sectors` was added that way); none is named here.
const vocabularies = AUTHORED_FIELDS.filter((descriptor) => descriptor.kind === 'vocabulary' && descriptor.facet).map(
  (descriptor) => descriptor.field as VocabularyFacet,
);

describe('every vocabulary of the note schema', () => {
  it("is listed by GET /api/facets with its ids, labels and definitions, in the sidebar's order", async () => {
    const { app, kb } = await createTestApp();
    const { body } = await request(app).get('/api/facets').expect(200);
    const facets = body.facets as Array<{ field: string; label: string; values: Array<{ value: string; definition?: string }> }>;
    expect(facets.map((facet) => facet.field)).toEqual(FACETS.map((facet) => facet.field));
    for (const field of vocabularies) {
      const facet = facets.find((candidate) => candidate.field === field)!;
      expect(facet.label, field).toBe(kb.taxonomy.vocabularies[field].label.en);
      expect(facet.values.map((value) => value.value)).toEqual(kb.taxonomy.vocabularies[field].values.map((value) => value.id));
      expect(
        facet.values.every((value) => (value.definition ?? '').length >= 10),
        field,
      ).toBe(true);
    }
  });

  it('is a field of every note in GET /api/notes/:slug, empty or not', async () => {
    const { app } = await createTestApp();
    const { body } = await request(app).get('/api/notes/phone-evidence-control').expect(200);
    for (const field of vocabularies.filter((name) => AUTHORED_FIELDS.find((descriptor) => descriptor.field === name)!.presence !== 'optional')) {
      expect(body, field).toHaveProperty(field);
    }
  });

  it('filters GET /api/search and shows a sidebar group on GET /search', async () => {
    const { app, kb } = await createTestApp();
    for (const field of vocabularies) {
      const id = kb.taxonomy.vocabularies[field].values[0]!.id;
      const { body } = await request(app)
        .get('/api/search')
        .query({ [field]: id })
        .expect(200);
      expect(body.filters[field], field).toEqual([id]);
      const { text } = await request(app)
        .get('/search')
        .query({ [field]: id })
        .expect(200);
      expect(text, field).toContain(`data-facet="${field}"`);
      expect(text, field).toMatch(new RegExp(`name="${field}" value="${id}" checked`));
    }
  });
});
