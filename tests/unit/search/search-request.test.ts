import { describe, expect, it } from 'vitest';
import { universeKey } from '../../../server/search/build-multi-search.js';
import { buildSearchRequest } from '../../../server/search/build-search-request.js';
import type { NoteQuery } from '../../../server/search/note-index.js';
import { SearchMemo } from '../../../server/search/search-memo.js';

const query = (text: string, filters: NoteQuery['filters'] = {}, extra: Partial<NoteQuery> = {}): NoteQuery => ({
  text,
  filters,
  sort: 'relevance',
  page: 1,
  hitsPerPage: 20,
  ...extra,
});
const indexes = (queries: ReturnType<typeof buildSearchRequest>['queries']) => queries.map((q) => q.indexUid);

describe('buildSearchRequest', () => {
  it('asks, in one multi-search, for the page, its facet lists, the authorities and each checked word', () => {
    const request = buildSearchRequest(query('phone evidnce', { jurisdictions: ['GB-EAW'], stages: ['trial'] }), 'notes');
    // hits, counts, one query per selected facet, the universe; authorities; one query per checked word.
    expect(indexes(request.queries)).toEqual(['notes', 'notes', 'notes', 'notes', 'notes', 'notes__authorities', 'notes__words', 'notes__words']);
    expect(request).toMatchObject({ page: 5, authorities: true, spellingWords: ['phone', 'evidnce'], knownUniverse: undefined });
  });

  it('leaves out what the memo already holds for these words: their facet lists and the answers for checked words', () => {
    const memo = new SearchMemo();
    const universe = { stages: { trial: 3 } };
    memo.universes.set(universeKey(query('phone evidnce')), universe);
    memo.corrections.set('phone', 'phone');
    const request = buildSearchRequest(query('phone evidnce', { jurisdictions: ['GB-EAW'], stages: ['trial'] }), 'notes', memo);
    expect(indexes(request.queries)).toEqual(['notes', 'notes', 'notes', 'notes', 'notes__authorities', 'notes__words']);
    expect(request).toMatchObject({ page: 4, spellingWords: ['evidnce'], knownUniverse: universe });
    // Other words have other facet lists.
    expect(buildSearchRequest(query('debt', { stages: ['trial'] }), 'notes', memo).knownUniverse).toBeUndefined();
  });

  it('leaves out the authorities the memo holds for the same text, and gives them back as known', () => {
    const memo = new SearchMemo();
    const named = [
      {
        id: 'echr-rantsev-v-cyprus-and-russia',
        title: 'Rantsev v. Cyprus and Russia',
        citation: '25965/04',
        url: 'https://hudoc.echr.coe.int/eng?i=001-96549',
        kind: 'judgment',
        status: 'good-law',
      },
    ];
    memo.authorities.set('rantsev', named);
    const request = buildSearchRequest(query('rantsev', { stages: ['trial'] }), 'notes', memo);
    expect(indexes(request.queries)).not.toContain('notes__authorities');
    expect(request).toMatchObject({ authorities: false, knownAuthorities: named });
    // The memo is keyed by the text as typed: another text asks again.
    expect(buildSearchRequest(query('Rantsev v Cyprus'), 'notes', memo)).toMatchObject({ authorities: true, knownAuthorities: undefined });
  });

  it('asks for no facet lists without a selection, and for no authorities after the first page', () => {
    expect(indexes(buildSearchRequest(query('phone'), 'notes').queries)).toEqual(['notes', 'notes', 'notes__authorities', 'notes__words']);
    expect(indexes(buildSearchRequest(query('phone', {}, { page: 2 }), 'notes').queries)).toEqual(['notes', 'notes', 'notes__words']);
    expect(indexes(buildSearchRequest(query(''), 'notes').queries)).toEqual(['notes', 'notes']);
  });
});
