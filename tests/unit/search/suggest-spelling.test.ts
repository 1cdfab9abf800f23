import { describe, expect, it } from 'vitest';
import { buildVocabulary, suggestSpelling } from '../../../server/search/suggest-spelling.js';

const vocabulary = buildVocabulary([
  'Debt bondage and bonded labour. Bondage again.',
  'Interpreters and the interpreter',
  'Rantsev v Cyprus and Russia',
  'Surveillance and covert evidence',
]);

describe('suggestSpelling', () => {
  it('replaces a word the notes never use with the closest one they use', () => {
    expect(suggestSpelling('debt bondge', vocabulary)).toBe('debt bondage');
    expect(suggestSpelling('interpeter', vocabulary)).toBe('interpreter');
    expect(suggestSpelling('surveilance evidence', vocabulary)).toBe('surveillance evidence');
  });

  it('says nothing when every word is known, short, a number or too far from any word', () => {
    expect(suggestSpelling('debt bondage', vocabulary)).toBeUndefined();
    expect(suggestSpelling('JIT 1589', vocabulary)).toBeUndefined();
    expect(suggestSpelling('zzzzzzzz', vocabulary)).toBeUndefined();
  });

  it('folds case and accents as the engine does', () => {
    expect(suggestSpelling('RANTSEV', vocabulary)).toBeUndefined();
    expect(suggestSpelling('Rantsov', vocabulary)).toBe('rantsev');
  });
});
