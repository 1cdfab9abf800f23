import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from '../../../server/content/build-knowledge-base.js';
import { FACETS } from '../../../server/content/note-schema.js';
import type { NoteQuery, NoteSearchResult } from '../../../server/search/note-index.js';
import { createTranslator, INTERFACE_LANGUAGES } from '../../../server/web/i18n.js';
import { buildSearchApi } from '../../../server/web/view-models/search-api.js';
import { buildSearchPage, type SearchPageModel } from '../../../server/web/view-models/search-page.js';
import { fixtureKnowledgeFiles } from '../../fixtures/fixture-files.js';

// What /api/search answered when it was built from the results page's model (until 2026-11-30):
// the API must stay the page's facts, whichever way it is built.
function projectPage(model: SearchPageModel) {
  return {
    query: model.query.text,
    filters: model.query.filters,
    sort: model.query.sort,
    page: model.query.page,
    totalPages: model.pagination.totalPages,
    totalHits: model.totalHits,
    hits: model.hits.map((hit) => ({
      slug: hit.slug,
      title: hit.title,
      summary: hit.summary,
      language: hit.language,
      url: hit.url,
      evidence_basis: hit.basis.id,
      jurisdictions: hit.jurisdictionCodes,
      last_reviewed: hit.lastReviewed,
      snippet: hit.snippetHtml,
      ...(hit.section ? { section: hit.section } : {}),
    })),
    ...(model.relaxed ? { relaxed: { dropped: model.relaxed.dropped, query: model.relaxed.text } } : {}),
    ...(model.didYouMean ? { did_you_mean: model.didYouMean.text } : {}),
    facets: Object.fromEntries(
      model.facets
        .map(
          (facet) =>
            [
              facet.field,
              facet.values.filter((value) => value.count > 0 || value.selected).map(({ value, label, count, selected }) => ({ value, label, count, selected })),
            ] as const,
        )
        .filter(([, values]) => values.length > 0),
    ),
    authorities: model.authorities.map(({ id, title, citation, url, kind, status }) => ({ id, title, citation, url, kind, status })),
  };
}

describe('the search API answer', () => {
  it('is the results page model projected: the same facets, labels, counts, hits and links in every language', async () => {
    const kb = buildKnowledgeBase(await fixtureKnowledgeFiles(), '2026-11-30').knowledgeBase!;
    const tax = kb.taxonomy;
    // Each facet's values: its vocabulary's ids, or for the open fields (jurisdictions, languages…) a few codes, one unknown.
    const valuesOf = (field: string): string[] =>
      (tax.vocabularies as Record<string, { values: Array<{ id: string }> } | undefined>)[field]?.values.map((value) => value.id) ?? [
        'GB-EAW',
        'RO',
        'NG',
        'INT',
        'en',
        'fr',
        'zz-unknown',
      ];
    const counts = (field: string) => fc.dictionary(fc.constantFrom(...valuesOf(field)), fc.integer({ min: 0, max: 500 }), { maxKeys: 8 });
    const facetCounts = fc.record(Object.fromEntries(FACETS.map((facet) => [facet.field, counts(facet.field)])), { requiredKeys: [] }) as fc.Arbitrary<
      Record<string, Record<string, number>>
    >;
    const filters = fc.record(Object.fromEntries(FACETS.map((facet) => [facet.field, fc.subarray(valuesOf(facet.field), { minLength: 1, maxLength: 2 })])), {
      requiredKeys: [],
    }) as fc.Arbitrary<NoteQuery['filters']>;
    const section = fc.record({ id: fc.stringMatching(/^[a-z0-9-]{1,12}$/), heading: fc.string({ maxLength: 20 }) });
    const hit = fc.record(
      {
        slug: fc.stringMatching(/^[a-z0-9-]{1,16}$/),
        title: fc.string({ maxLength: 20 }),
        summary: fc.string({ maxLength: 30 }),
        language: fc.constantFrom('en', 'fr', 'es'),
        evidence_basis: fc.constantFrom(...valuesOf('evidence_basis')),
        jurisdictions: fc.subarray(['GB-EAW', 'RO', 'NG', 'INT']),
        last_reviewed: fc.constantFrom('2025-01-31', '2026-11-30'),
        titleHtml: fc.string({ maxLength: 20 }),
        snippetHtml: fc.string({ maxLength: 30 }),
        section: fc.option(section, { nil: undefined }),
      },
      { requiredKeys: ['slug', 'title', 'summary', 'language', 'evidence_basis', 'jurisdictions', 'last_reviewed', 'titleHtml', 'snippetHtml'] },
    );
    const authority = fc.record({
      id: fc.stringMatching(/^[a-z0-9-]{1,16}$/),
      title: fc.string({ maxLength: 20 }),
      citation: fc.string({ maxLength: 20 }),
      url: fc.constant(null),
      kind: fc.constantFrom('judgment', 'statute', 'treaty'),
      status: fc.constantFrom('good-law', 'overruled'),
    });
    const result = fc.record(
      {
        totalHits: fc.integer({ min: 0, max: 20_000 }),
        totalPages: fc.integer({ min: 0, max: 1_000 }),
        page: fc.integer({ min: 1, max: 9 }),
        hits: fc.array(hit, { maxLength: 5 }),
        facets: facetCounts,
        universe: fc.option(facetCounts, { nil: undefined }),
        authorities: fc.option(fc.array(authority, { maxLength: 3 }), { nil: undefined }),
        relaxed: fc.option(fc.record({ dropped: fc.array(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 2 }), text: fc.string({ maxLength: 20 }) }), {
          nil: undefined,
        }),
        didYouMean: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }),
      },
      { requiredKeys: ['totalHits', 'totalPages', 'page', 'hits', 'facets'] },
    ) as fc.Arbitrary<NoteSearchResult>;
    const query = fc.record({
      text: fc.string({ maxLength: 20 }),
      filters,
      sort: fc.constantFrom('relevance', 'reviewed', 'title'),
      page: fc.integer({ min: 1, max: 300 }),
      hitsPerPage: fc.constant(20),
    }) as fc.Arbitrary<NoteQuery>;

    fc.assert(
      fc.property(query, result, fc.constantFrom(...INTERFACE_LANGUAGES), (q, r, language) => {
        const t = createTranslator(language);
        const page = buildSearchPage(q, { result: r, alternatives: [] }, tax, language, t);
        expect(JSON.parse(JSON.stringify(buildSearchApi(q, r, tax, language, t)))).toEqual(JSON.parse(JSON.stringify(projectPage(page))));
      }),
      { numRuns: 300 },
    );
    // 300 runs take about 5 s alone, more on a shared 2-core machine: the default 5 s was a race, not a check.
  }, 60_000);
});
