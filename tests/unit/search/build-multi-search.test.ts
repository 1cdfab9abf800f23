import { describe, expect, it } from 'vitest';
import { buildFilter, buildMultiSearch, quoteFilterValue, readMultiSearch } from '../../../server/search/build-multi-search.js';
import type { NoteQuery } from '../../../server/search/note-index.js';

const query = (filters: NoteQuery['filters'], extra: Partial<NoteQuery> = {}): NoteQuery =>
  ({ text: 'phone', filters, sort: 'relevance', page: 1, hitsPerPage: 20, ...extra });

describe('buildMultiSearch', () => {
  it('quotes values with backslashes first, then double quotes', () => {
    expect(quoteFilterValue('a\\" OR status = "draft')).toBe('"a\\\\\\" OR status = \\"draft"');
  });

  it('ORs values inside a facet and ANDs facets, ignoring fields that are not facets', () => {
    expect(buildFilter({ jurisdictions: ['GB-EAW', 'RO'], stages: ['trial'], status: ['draft'], cross_border: ['true'] })).toEqual([
      ['jurisdictions = "GB-EAW"', 'jurisdictions = "RO"'], ['stages = "trial"'], ['cross_border = true'],
    ]);
  });

  it('adds one count-only query per selected facet, without that facet\'s own filter', () => {
    const [main, ...facetQueries] = buildMultiSearch(query({ jurisdictions: ['GB-EAW'], stages: ['trial'] }), 'notes');
    expect(main).toMatchObject({ indexUid: 'notes', q: 'phone', page: 1, hitsPerPage: 20, filter: [['jurisdictions = "GB-EAW"'], ['stages = "trial"']] });
    expect(facetQueries).toEqual([
      { indexUid: 'notes', q: 'phone', filter: [['stages = "trial"']], facets: ['jurisdictions'], limit: 0 },
      { indexUid: 'notes', q: 'phone', filter: [['jurisdictions = "GB-EAW"']], facets: ['stages'], limit: 0 },
    ]);
  });

  it('sorts by review date then title, or by title', () => {
    expect(buildMultiSearch(query({}, { sort: 'reviewed' }), 'notes')[0]?.sort).toEqual(['last_reviewed:desc', 'title:asc']);
    expect(buildMultiSearch(query({}, { sort: 'title' }), 'notes')[0]?.sort).toEqual(['title:asc']);
    expect(buildMultiSearch(query({}), 'notes')[0]).not.toHaveProperty('sort');
  });

  it('takes each selected facet\'s counts from its own query', () => {
    const q = query({ stages: ['trial'] });
    const main = { hits: [], facetDistribution: { stages: { trial: 2 }, language: { en: 2 } }, totalHits: 2, totalPages: 1, page: 1 };
    const stages = { hits: [], facetDistribution: { stages: { trial: 2, investigation: 5 } } };
    const result = readMultiSearch(q, [main, stages] as never);
    expect(result.facets).toEqual({ stages: { trial: 2, investigation: 5 }, language: { en: 2 } });
    expect(result.totalHits).toBe(2);
  });
});
