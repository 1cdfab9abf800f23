import { describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from '../../../server/content/build-knowledge-base.js';
import { parseSearchParams, toSearchUrl, toggleFilter } from '../../../server/web/search-params.js';
import { fixtureKnowledgeFiles } from '../../fixtures/fixture-files.js';

const taxonomy = async () => buildKnowledgeBase(await fixtureKnowledgeFiles(), '2026-11-28').knowledgeBase!.taxonomy;

describe('parseSearchParams', () => {
  it('keeps known facets and ids, in any of their forms, and drops everything else', async () => {
    const query = parseSearchParams({
      q: '  phone \u0000 evidence  ', evidence_types: ['digital-device', 'nope', 'digital-device'], jurisdictions: 'GB-EAW',
      cross_border: 'true', language: 'fr', review_due: 'yes', status: 'draft', __proto__: 'x', sort: 'title', page: '2',
    }, await taxonomy());
    expect(query).toEqual({
      text: 'phone evidence',
      filters: { evidence_types: ['digital-device'], jurisdictions: ['GB-EAW'], language: ['fr'], cross_border: ['true'] },
      sort: 'title', page: 2, hitsPerPage: 20,
    });
  });

  it('never lets a value outside the vocabulary through, whatever it contains', async () => {
    const query = parseSearchParams({ stages: ['trial" OR stages = "x', 'trial\\'], jurisdictions: ['gb-eaw', 'INT '] }, await taxonomy());
    expect(query.filters).toEqual({});
  });

  it('caps the number of values per facet', async () => {
    const codes = ['FR', 'ES', 'IT', 'DE', 'PT', 'BE', 'NL', 'LU', 'AT', 'PL', 'CZ', 'SK', 'HU', 'RO', 'BG', 'GR', 'CY', 'MT', 'SI', 'HR',
      'IE', 'DK', 'SE', 'FI', 'EE', 'LV', 'LT', 'NO', 'IS', 'CH', 'LI', 'GB'];
    expect(parseSearchParams({ jurisdictions: codes }, await taxonomy()).filters.jurisdictions).toHaveLength(30);
  });
});

describe('toSearchUrl', () => {
  it('writes facets in schema order so the same search always has the same URL', async () => {
    const query = parseSearchParams({ stages: 'trial', evidence_types: 'financial', q: 'a&b' }, await taxonomy());
    expect(toSearchUrl(query)).toBe('/search?q=a%26b&evidence_types=financial&stages=trial');
    expect(toSearchUrl(toggleFilter(query, 'stages', 'trial'))).toBe('/search?q=a%26b&evidence_types=financial');
  });
});
