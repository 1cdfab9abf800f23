import { describe, expect, it } from 'vitest';
import { buildSpellingSearch, readSpellingSearch, toWordRecords, wordRecordId } from '../../../server/search/spelling-search.js';
import { buildVocabulary, spellingCandidates } from '../../../server/search/suggest-spelling.js';

describe('the words index for "Did you mean"', () => {
  it('checks each single word of five letters or more, folded, once, and nothing else', () => {
    expect(spellingCandidates('Débt bondge JIT s.45 1589 l’enquête bondge Rantsov')).toEqual(['bondge', 'rantsov']);
    expect(buildSpellingSearch('phone evidnce', 'notes__words')).toEqual([
      { indexUid: 'notes__words', q: 'phone', limit: 3, attributesToRetrieve: ['word'], matchingStrategy: 'all' },
      { indexUid: 'notes__words', q: 'evidnce', limit: 3, attributesToRetrieve: ['word'], matchingStrategy: 'all' },
    ]);
    expect(buildSpellingSearch('JIT', 'notes__words')).toEqual([]);
  });

  it('keeps a word the index holds, replaces one it does not with its best candidate, and says nothing when all are known', () => {
    const answer = (...words: string[]) => ({ hits: words.map((word) => ({ word })) });
    expect(readSpellingSearch('phone evidnce', [answer('phone', 'phones'), answer('evidence', 'evident')] as never)).toBe('phone evidence');
    expect(readSpellingSearch('phone evidence', [answer('phones', 'phone'), answer('evidence')] as never)).toBeUndefined();
    expect(readSpellingSearch('zzzzzzzz', [answer()] as never)).toBeUndefined();
  });

  it('stores each distinct folded word once with its count, under an id the engine accepts', () => {
    const records = toWordRecords(buildVocabulary(['Victimes et victimes', 'Víctimas']));
    expect(records).toEqual(expect.arrayContaining([{ id: wordRecordId('victimes'), word: 'victimes', count: 2 }, { id: wordRecordId('victimas'), word: 'victimas', count: 1 }]));
    for (const record of records) expect(record.id).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});
