import { describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from '../../../server/content/build-knowledge-base.js';
import type { NoteQuery } from '../../../server/search/note-index.js';
import { createTranslator } from '../../../server/web/i18n.js';
import { buildSearchPage } from '../../../server/web/view-models/search-page.js';
import { TOP_FACET_VALUES } from '../../../server/web/view-models/facet-panel.js';
import { fixtureKnowledgeFiles } from '../../fixtures/fixture-files.js';
import { DEEPEST_PAGE } from '../../../server/web/search-params.js';

const t = createTranslator('en');
const query = (filters: NoteQuery['filters'] = {}): NoteQuery => ({ text: '', filters, sort: 'relevance', page: 1, hitsPerPage: 20 });

async function pageWith(counts: Record<string, number>, filters: NoteQuery['filters'] = {}, universe?: Record<string, number>) {
  const kb = buildKnowledgeBase(await fixtureKnowledgeFiles(), '2026-11-28').knowledgeBase!;
  const result = {
    totalHits: 3,
    totalPages: 1,
    page: 1,
    hits: [],
    facets: { evidence_types: counts },
    ...(universe ? { universe: { evidence_types: universe } } : {}),
  };
  const page = buildSearchPage(query(filters), { result, alternatives: [] }, kb.taxonomy, 'en', t);
  return page.facets.find((facet) => facet.field === 'evidence_types')!;
}

describe('the facet lists of the search page', () => {
  it('show the busiest values at once, in vocabulary order, and the rest behind "N more"', async () => {
    const ids = [
      'victim-testimony',
      'witness-testimony',
      'cooperating-defendant',
      'suspect-account',
      'documentary',
      'financial',
      'digital-device',
      'communications-data',
      'online-osint',
      'interception',
    ];
    const counts = Object.fromEntries(ids.map((id, index) => [id, index + 1]));
    const facet = await pageWith(counts);
    expect(facet.top.map((value) => value.value)).toEqual(ids.slice(ids.length - TOP_FACET_VALUES));
    expect(facet.moreCount).toBe(ids.length - TOP_FACET_VALUES);
    expect(facet.more.flatMap((group) => group.values.map((value) => value.value))).toEqual(ids.slice(0, ids.length - TOP_FACET_VALUES));
    expect(facet.moreOpen).toBe(false);
    // The API's full list is unchanged.
    expect(facet.values.map((value) => value.value)).toEqual(ids);
  });

  it('show a short list whole: hiding one or two values saves nothing', async () => {
    const facet = await pageWith({
      'victim-testimony': 1,
      documentary: 2,
      financial: 3,
      expert: 1,
      'digital-device': 1,
      interception: 1,
      surveillance: 1,
      'online-osint': 1,
    });
    expect(facet.top).toHaveLength(8);
    expect(facet.more).toEqual([]);
  });

  it('keep the values the words offer when a filter empties some, and open "N more" when a hidden value is ticked', async () => {
    const universe = {
      'victim-testimony': 9,
      'witness-testimony': 8,
      documentary: 7,
      financial: 6,
      expert: 5,
      'digital-device': 4,
      'online-osint': 3,
      interception: 2,
      surveillance: 1,
    };
    const facet = await pageWith({ financial: 2, surveillance: 1 }, { evidence_types: ['surveillance'] }, universe);
    expect(facet.values.map((value) => value.value).sort()).toEqual(Object.keys(universe).sort());
    expect(facet.values.find((value) => value.value === 'expert')).toMatchObject({ count: 0, empty: true });
    expect(facet.moreOpen).toBe(true);
    expect(facet.offered).toBe(true);
  });

  it('do not offer a facet whose words leave one value, unless it is ticked', async () => {
    expect((await pageWith({ financial: 3 })).offered).toBe(false);
    expect((await pageWith({ financial: 3 }, { evidence_types: ['financial'] })).offered).toBe(true);
  });
});

describe('the pagination of the search page', () => {
  it('counts every hit but offers no page deeper than DEEPEST_PAGE', async () => {
    const kb = buildKnowledgeBase(await fixtureKnowledgeFiles(), '2026-11-28').knowledgeBase!;
    const result = { totalHits: 8_753, totalPages: 438, page: 250, hits: [], facets: {} };
    const page = buildSearchPage({ ...query(), page: DEEPEST_PAGE }, { result, alternatives: [] }, kb.taxonomy, 'en', t);
    expect(page.totalHits).toBe(8_753);
    expect(page.pagination.totalPages).toBe(DEEPEST_PAGE);
    expect(page.pagination.nextUrl).toBeUndefined();
    // The last reachable page says how to reach the rest; earlier pages and a search that fits say nothing.
    expect(page.pagination.limit).toBe('Only the first 5,000 results can be paged through: add a word or a filter to reach the others.');
    expect(
      buildSearchPage({ ...query(), page: 3 }, { result: { ...result, page: 3 }, alternatives: [] }, kb.taxonomy, 'en', t).pagination.limit,
    ).toBeUndefined();
    const fits = { totalHits: 4_980, totalPages: DEEPEST_PAGE - 1, page: 249, hits: [], facets: {} };
    expect(buildSearchPage({ ...query(), page: 249 }, { result: fits, alternatives: [] }, kb.taxonomy, 'en', t).pagination.limit).toBeUndefined();
  });
});
