import { describe, expect, it } from 'vitest';
import {
  buildFilter,
  buildMultiSearch,
  buildRelaxedSearch,
  countText,
  quoteFilterValue,
  readMultiSearch,
  readRelaxedSearch,
} from '../../../server/search/build-multi-search.js';
import { HIGHLIGHT_POST as POST, HIGHLIGHT_PRE as PRE } from '../../../server/search/safe-highlight.js';
import type { NoteQuery } from '../../../server/search/note-index.js';

const query = (filters: NoteQuery['filters'], extra: Partial<NoteQuery> = {}): NoteQuery => ({
  text: 'phone',
  filters,
  sort: 'relevance',
  page: 1,
  hitsPerPage: 20,
  ...extra,
});

describe('buildMultiSearch', () => {
  it('quotes values with backslashes first, then double quotes', () => {
    expect(quoteFilterValue('a\\" OR status = "draft')).toBe('"a\\\\\\" OR status = \\"draft"');
  });

  it('ORs values inside a facet and ANDs facets, ignoring fields that are not facets', () => {
    expect(buildFilter({ jurisdictions: ['GB-EAW', 'RO'], stages: ['trial'], status: ['draft'], cross_border: ['true'] })).toEqual([
      ['jurisdictions = "GB-EAW"', 'jurisdictions = "RO"'],
      ['stages = "trial"'],
      ['cross_border = true'],
    ]);
  });

  it("asks the section records for one hit a note, the note records for the total and every unselected facet, adds one count-only query per selected facet, without that facet's own filter, and the words' own counts (the universe)", () => {
    const [main, counts, ...facetQueries] = buildMultiSearch(query({ jurisdictions: ['GB-EAW'], stages: ['trial'] }, { page: 3 }), 'notes');
    // The query is sent with the stem keys of its words first (stem-words.ts).
    expect(main).toMatchObject({
      indexUid: 'notes',
      q: 'phon phone',
      offset: 40,
      limit: 20,
      distinct: 'slug',
      filter: [['jurisdictions = "GB-EAW"'], ['stages = "trial"'], ['record = "section"']],
    });
    expect(main).not.toHaveProperty('facets');
    expect(counts).toMatchObject({
      q: 'phon phone',
      page: 1,
      hitsPerPage: 0,
      filter: [['jurisdictions = "GB-EAW"'], ['stages = "trial"'], ['record = "note"']],
    });
    expect(counts).not.toHaveProperty('distinct');
    expect(counts?.facets).toContain('language');
    // The selected facets' counts come from their own queries: the engine does not count them twice.
    expect(counts?.facets).not.toContain('jurisdictions');
    expect(counts?.facets).not.toContain('stages');
    expect(facetQueries).toEqual([
      { indexUid: 'notes', q: 'phon phone', filter: [['stages = "trial"'], ['record = "note"']], facets: ['jurisdictions'], page: 1, hitsPerPage: 0 },
      { indexUid: 'notes', q: 'phon phone', filter: [['jurisdictions = "GB-EAW"'], ['record = "note"']], facets: ['stages'], page: 1, hitsPerPage: 0 },
      {
        indexUid: 'notes',
        q: 'phon phone',
        filter: [['record = "note"']],
        facets: expect.arrayContaining(['jurisdictions', 'stages', 'language']),
        page: 1,
        hitsPerPage: 0,
      },
    ]);
  });

  it('asks nothing more than the hits and the counts when nothing is selected, and one universe query for a lone selection', () => {
    expect(buildMultiSearch(query({}), 'notes')).toHaveLength(2);
    const queries = buildMultiSearch(query({ stages: ['trial'] }), 'notes');
    expect(queries).toHaveLength(3);
    expect(queries[2]).toMatchObject({ filter: [['record = "note"']], facets: expect.arrayContaining(['stages', 'language']), hitsPerPage: 0 });
  });

  it('sorts by review date then title, or by title', () => {
    expect(buildMultiSearch(query({}, { sort: 'reviewed' }), 'notes')[0]?.sort).toEqual(['last_reviewed:desc', 'title:asc']);
    expect(buildMultiSearch(query({}, { sort: 'title' }), 'notes')[0]?.sort).toEqual(['title:asc']);
    expect(buildMultiSearch(query({}), 'notes')[0]).not.toHaveProperty('sort');
  });

  it("takes a lone selected facet's counts from the universe, and returns the universe", () => {
    const q = query({ stages: ['trial'] });
    const main = { hits: [], estimatedTotalHits: 9 };
    const counts = { hits: [], facetDistribution: { language: { en: 2 } }, totalHits: 42, totalPages: 42, page: 1 };
    const universe = { hits: [], facetDistribution: { stages: { trial: 2, investigation: 5 }, language: { en: 7, fr: 1 } } };
    const result = readMultiSearch(q, [main, counts, universe] as never);
    expect(result.facets).toEqual({ stages: { trial: 2, investigation: 5 }, language: { en: 2 } });
    expect(result.universe).toEqual({ stages: { trial: 2, investigation: 5 }, language: { en: 7, fr: 1 } });
    expect(result).toMatchObject({ totalHits: 42, totalPages: 3, page: 1 });
  });

  it("takes each of several selected facets' counts from its own query", () => {
    const q = query({ stages: ['trial'], language: ['en'] });
    const counts = { hits: [], facetDistribution: { jurisdictions: { RO: 1 } }, totalHits: 2 };
    const language = { hits: [], facetDistribution: { language: { en: 2, fr: 1 } } };
    const stages = { hits: [], facetDistribution: { stages: { trial: 2, investigation: 5 } } };
    const universe = { hits: [], facetDistribution: { stages: { trial: 9 }, language: { en: 9 }, jurisdictions: { RO: 3 } } };
    // Facet queries come in the order of the query's filters.
    const result = readMultiSearch(q, [{ hits: [] }, counts, stages, language, universe] as never);
    expect(result.facets).toEqual({ jurisdictions: { RO: 1 }, stages: { trial: 2, investigation: 5 }, language: { en: 2, fr: 1 } });
    expect(result.universe).toEqual(universe.facetDistribution);
  });
});

describe('section hits', () => {
  const hit = (section: { id: string | null; heading: string; text: string }) => ({
    slug: 'rantsev',
    title: 'Rantsev v Cyprus and Russia',
    summary: 'Trafficking falls within Article 4.',
    language: 'en',
    evidence_basis: 'binding-law',
    jurisdictions: ['INT'],
    last_reviewed: '2026-01-01',
    section_id: section.id,
    section_heading: section.heading,
    _formatted: { title: `${PRE}Rantsev${POST} v Cyprus and Russia`, section_heading: section.heading, text: section.text },
  });
  const read = (text: string, section: Parameters<typeof hit>[0]) =>
    readMultiSearch(query({}, { text }), [{ hits: [hit(section)] }, { hits: [], totalHits: 1 }] as never).hits[0]!;

  it('name the section when it matched a word the title does not show', () => {
    const found = read('Rantsev phone', { id: 'the-facts', heading: 'The facts', text: `Her ${PRE}phone${POST} was taken.` });
    expect(found.section).toEqual({ id: 'the-facts', heading: 'The facts' });
    expect(found.snippetHtml).toBe('Her <mark>phone</mark> was taken.');
  });

  it('point to the top of the note when only the title matched', () => {
    expect(read('Rantsev', { id: 'the-facts', heading: 'The facts', text: `${PRE}Rantsev${POST} travelled.` }).section).toBeUndefined();
    expect(read('Rantsev', { id: null, heading: '', text: 'Intro.' }).section).toBeUndefined();
  });

  it('name a section whose heading matched several words', () => {
    const heading = `${PRE}The${POST} ${PRE}victim${POST}'s ${PRE}phone${POST}`;
    expect(read('the victim phone', { id: 'the-victims-phone', heading, text: 'Ask.' }).section?.id).toBe('the-victims-phone');
  });
});

describe('countText', () => {
  it('asks a count-only query the stem keys alone when there are two or more, else the text as the hits query asks it', () => {
    expect(countText('phones evidence')).toBe('phon evid');
    expect(countText('how do I prove the victim was deceived')).toBe('prov victim deceiv');
    // One key would be the last word, matched as a prefix: the whole text stays.
    expect(countText('T visa')).toBe('vis T visa');
    expect(countText('evidence')).toBe('evid evidence');
    expect(countText('debt')).toBe('debt');
    expect(countText('')).toBe('');
  });

  it("is what the page's totals, facet counts and universe ask, while its hits ask the whole text", () => {
    const [hits, ...counts] = buildMultiSearch(query({ jurisdictions: ['GB-EAW'], stages: ['trial'] }, { text: 'phones evidence' }), 'notes');
    expect(hits?.q).toBe('phon evid phones evidence');
    expect(counts).toHaveLength(4);
    for (const count of counts) expect(count.q).toBe('phon evid');
  });
});

describe('buildRelaxedSearch', () => {
  it('retries the page under the "frequency" strategy and counts each word alone, unfiltered', () => {
    const queries = buildRelaxedSearch(query({ stages: ['trial'] }, { text: 'livestream abuse' }), 'notes');
    expect(queries[0]).toMatchObject({ matchingStrategy: 'frequency', filter: [['stages = "trial"'], ['record = "section"']] });
    expect(queries[1]).toMatchObject({ matchingStrategy: 'frequency', hitsPerPage: 0 });
    expect(queries[2]).toMatchObject({ matchingStrategy: 'frequency', filter: [['record = "note"']], facets: expect.arrayContaining(['stages']) });
    // Under "frequency" any word may be dropped: the counts ask the whole text, as the hits do.
    expect(new Set(queries.slice(0, 3).map((retry) => retry.q))).toEqual(new Set([queries[0]!.q]));
    expect(queries.slice(3).map((retry) => [retry.q, retry.filter, retry.hitsPerPage])).toEqual([
      [expect.stringContaining('livestream'), [['record = "note"']], 0],
      [expect.stringContaining('abuse'), [['record = "note"']], 0],
    ]);
  });

  it('reports the words no note contains and the text searched instead', () => {
    const q = query({}, { text: 'livestream abuse Philippines' });
    const page = [{ hits: [] }, { hits: [], facetDistribution: {}, totalHits: 3 }];
    const counts = [0, 12, 4].map((totalHits) => ({ hits: [], totalHits }));
    expect(readRelaxedSearch(q, [...page, ...counts] as never).relaxed).toEqual({ dropped: ['livestream'], text: 'abuse Philippines' });
    expect(readRelaxedSearch(q, [...page, ...[1, 12, 4].map((totalHits) => ({ hits: [], totalHits }))] as never).relaxed).toBeUndefined();
  });
});
