import { describe, expect, it } from 'vitest';
import { expandQuery, foldWord, stemKey, stemText } from '../../../server/search/stem-words.js';

describe('stem keys', () => {
  it('give singular and plural, noun and verb forms one key', () => {
    expect(stemKey('wages')).toBe(stemKey('wage'));
    expect(stemKey('deductions')).toBe(stemKey('deduction'));
    expect(stemKey('traffickers')).toBe(stemKey('trafficking'));
    expect(stemKey('preuves')).toBe(stemKey('preuve'));
    expect(stemKey('declaraciones')).toBe(stemKey('declaración'));
  });

  it('agree across the three languages, accents folded as the engine folds them', () => {
    expect(stemKey('víctimas')).toBe(stemKey('victims'));
    expect(stemKey('Enquêtes')).toBe(stemKey('enquete'));
    expect(foldWord('Équipe')).toBe('equipe');
  });

  it('keep numbers, codes and short words as they are', () => {
    expect(stemKey('1589')).toBe('1589');
    expect(stemKey('s45')).toBe('s45');
    expect(stemKey('JIT')).toBe('jit');
  });

  it('do not confuse "preuve" (evidence) with "prévenez" (warn)', () => {
    expect(stemKey('prévenez')).not.toBe(stemKey('preuve'));
  });

  it('store each key of a text once, in order of first use', () => {
    expect(stemText('Wages and wage deductions')).toBe(`${stemKey('wages')} and ${stemKey('deductions')}`);
  });
});

describe('expandQuery', () => {
  it('leads with the stem keys that differ from the words, then keeps the text as typed', () => {
    expect(expandQuery('wage deductions')).toBe(`${stemKey('wage')} ${stemKey('deductions')} wage deductions`);
    expect(expandQuery('s.45 defence')).toBe(`${stemKey('defence')} s.45 defence`);
  });

  it('leaves a query whose words are their own keys untouched', () => {
    expect(expandQuery('Rantsev')).toBe('Rantsev');
    expect(expandQuery('')).toBe('');
  });
});
