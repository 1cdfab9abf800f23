import { describe, expect, it } from 'vitest';
import { buildSearchRequest, readSearchAnswer } from '../../../server/search/build-search-request.js';
import type { NoteQuery } from '../../../server/search/note-index.js';
import { poolSize, rerankHits, rerankKeys } from '../../../server/search/rerank-hits.js';
import { withStemKeys } from '../../../server/search/section-records.js';

const query = (text: string, extra: Partial<NoteQuery> = {}): NoteQuery => ({ text, filters: {}, sort: 'relevance', page: 1, hitsPerPage: 10, ...extra });
const hit = (slug: string, title: string, summary: string) => ({
  slug,
  title,
  summary,
  title_terms: withStemKeys(title),
  summary_terms: withStemKeys(summary),
});

describe('rerankKeys', () => {
  it('re-ranks a query of three keys or more on the pages inside the pool, never a sorted list, two keys or a page beyond the pool', () => {
    expect(rerankKeys(query('gang member offers to testify'))).toEqual(['gang', 'memb', 'offer', 'testifi']);
    expect(rerankKeys(query('phone extraction'))).toBeUndefined();
    expect(rerankKeys(query('gang member offers to testify', { sort: 'reviewed' }))).toBeUndefined();
    expect(rerankKeys(query('gang member offers to testify', { page: 3 }))).toBeDefined();
    expect(rerankKeys(query('gang member offers to testify', { page: 4 }))).toBeUndefined();
    // Pages of 20: a pool of 40, two whole pages.
    expect(poolSize(20)).toBe(40);
    expect(rerankKeys(query('gang member offers to testify', { hitsPerPage: 20, page: 2 }))).toBeDefined();
    expect(rerankKeys(query('gang member offers to testify', { hitsPerPage: 20, page: 3 }))).toBeUndefined();
    // Pages larger than the pool keep the engine's order: the re-ranking's cost stays bounded.
    expect(rerankKeys(query('gang member offers to testify', { hitsPerPage: 100 }))).toBeUndefined();
  });
});

describe('rerankHits', () => {
  const keys = ['gang', 'memb', 'testifi'];
  const pool = [
    hit('passing', 'Surveillance and covert evidence', 'Watching a gang before the victim speaks.'),
    hit('answer', 'Gang members who testify', 'When a member of the gang offers to testify against the others.'),
    hit('neither', 'Labour inspection records', 'What inspectors write down.'),
  ];

  it('puts first the note whose title and summary hold more of the keys, in any form, and keeps the engine order between equals', () => {
    const ranked = rerankHits({ hits: pool } as never, keys, { page: 1, hitsPerPage: 10 });
    expect(ranked.hits.map((h) => h.slug)).toEqual(['answer', 'passing', 'neither']);
    const equals = [hit('b', 'Other', 'Nothing'), hit('a', 'Else', 'Nothing')];
    expect(rerankHits({ hits: equals } as never, keys, { page: 1, hitsPerPage: 10 }).hits.map((h) => h.slug)).toEqual(['b', 'a']);
  });

  it('matches whole words only ("gangway" is not "gang") and folds accents as the engine does', () => {
    const ranked = rerankHits(
      { hits: [hit('prefix', 'Gangway records', 'Nothing else'), hit('accent', 'Témoin', 'Nothing else')] } as never,
      ['gang', 'temoin'],
      { page: 1, hitsPerPage: 10 },
    );
    expect(ranked.hits.map((h) => h.slug)).toEqual(['accent', 'prefix']);
  });

  it('gives the page asked for out of the re-ordered pool', () => {
    expect(rerankHits({ hits: pool } as never, keys, { page: 2, hitsPerPage: 2 }).hits.map((h) => h.slug)).toEqual(['neither']);
  });

  it('is what a search request asks and reads: the pool from offset 0, then the page of it re-ordered', () => {
    const asked = query('gang member offers to testify');
    const request = buildSearchRequest(asked, 'notes');
    expect(request.queries[0]).toMatchObject({ offset: 0, limit: 30 });
    expect(request.queries[0]!.attributesToRetrieve).toEqual(expect.arrayContaining(['title_terms', 'summary_terms']));
    const responses = request.queries.map((_, index) => (index === 0 ? { hits: pool } : { hits: [], totalHits: 3 }));
    expect(readSearchAnswer(asked, request, responses as never, false).hits.map((h) => h.slug)).toEqual(['answer', 'passing', 'neither']);
  });
});
