import { describe, expect, it } from 'vitest';
import { readSpellingAnswer, spellingQuery, toWordRecords, wordRecordId } from '../../../server/search/spelling-search.js';
import { buildVocabulary, correctSpelling, spellingCandidates } from '../../../server/search/suggest-spelling.js';

// What MeilisearchNoteReader sends for a text and how it reads the answers back, without an engine.
const spellingSearch = (text: string) => spellingCandidates(text).map((word) => spellingQuery(word, 'notes__words'));
const readAnswers = (text: string, responses: Array<{ hits: Array<{ word: string }> }>) => {
  const answers = new Map(spellingCandidates(text).map((word, index) => [word, readSpellingAnswer(word, responses[index] as never)]));
  return correctSpelling(text, (word) => answers.get(word));
};

describe('the words index for "Did you mean"', () => {
  it('checks each single word of five letters or more, folded, once, and nothing else', () => {
    expect(spellingCandidates('Débt bondge JIT s.45 1589 l’enquête bondge Rantsov')).toEqual(['bondge', 'rantsov']);
    expect(spellingSearch('phone evidnce')).toEqual([
      { indexUid: 'notes__words', q: 'phone', limit: 3, attributesToRetrieve: ['word'], matchingStrategy: 'all' },
      { indexUid: 'notes__words', q: 'evidnce', limit: 3, attributesToRetrieve: ['word'], matchingStrategy: 'all' },
    ]);
    expect(spellingSearch('JIT')).toEqual([]);
  });

  it('keeps a word the index holds, replaces one it does not with its best candidate, and says nothing when all are known', () => {
    const answer = (...words: string[]) => ({ hits: words.map((word) => ({ word })) });
    expect(readAnswers('phone evidnce', [answer('phone', 'phones'), answer('evidence', 'evident')])).toBe('phone evidence');
    expect(readAnswers('phone evidence', [answer('phones', 'phone'), answer('evidence')])).toBeUndefined();
    expect(readAnswers('zzzzzzzz', [answer()])).toBeUndefined();
  });

  it('stores each distinct folded word once with its count, under an id the engine accepts', () => {
    const records = toWordRecords(buildVocabulary(['Victimes et victimes', 'Víctimas']));
    expect(records).toEqual(
      expect.arrayContaining([
        { id: wordRecordId('victimes'), word: 'victimes', count: 2 },
        { id: wordRecordId('victimas'), word: 'victimas', count: 1 },
      ]),
    );
    for (const record of records) expect(record.id).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});
