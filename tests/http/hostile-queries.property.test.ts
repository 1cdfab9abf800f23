import fc from 'fast-check';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { FACETS } from '../../server/content/note-schema.js';
import { createTestApp } from './test-app.js';

const ROUTES = [
  '/',
  '/search',
  '/api/search',
  '/search.xml',
  '/feed.xml',
  '/glossary',
  '/map',
  '/api/facets',
  '/notes/phone-evidence-control',
  '/api/notes/phone-evidence-control',
  '/browse/evidence_types/financial',
  '/collections/evidence-beyond-testimony',
  '/healthz',
  '/readyz',
  '/recommendations',
  '/api/recommendations',
  '/recommendations.xml',
  '/jurisdictions',
  '/jurisdictions/GB-EAW',
];
const KEYS = ['q', 'page', 'sort', 'lang', 'rows', 'columns', ...FACETS.map((facet) => facet.field), '__proto__', 'constructor', 'q[]', 'stages[a]'];

// Any text, including control characters, quotes, percent signs and lone surrogates' replacements.
const value = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('"', '\\', '%', '%00', '../', 'true', '-1', '1e309', 'NaN'),
);
const queryString = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 10 })), value), { maxLength: 8 })
  .map((pairs) => pairs.map(([key, item]) => `${encodeURIComponent(key)}=${encodeURIComponent(item)}`).join('&'));

// Hundreds of requests each: on two shared cores, with the engine tests running beside them, 5 s is not enough.
describe('any query string on any route', () => {
  it('never answers 500 and never hangs', async () => {
    const { app } = await createTestApp();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), queryString, async (route, query) => {
        const response = await request(app).get(`${route}?${query}`).timeout(5_000);
        expect(response.status, `${route}?${query}`).toBeLessThan(500);
      }),
      { numRuns: 400 },
    );
  }, 60_000);

  it('never answers 500 to an arbitrary path', async () => {
    const { app } = await createTestApp();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { minLength: 1, maxLength: 4 }), async (segments) => {
        const response = await request(app)
          .get(`/${segments.map(encodeURIComponent).join('/')}`)
          .timeout(5_000);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
