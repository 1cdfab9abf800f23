import { describe, expect, it } from 'vitest';
import { contentWords, expandQuery, foldWord, queryKeys, stemKey, stemText } from '../../../server/search/stem-words.js';
import { isStopWord, STOP_WORDS } from '../../../server/search/stop-words.js';

describe('stem keys', () => {
  it('give singular and plural, noun and verb forms one key', () => {
    expect(stemKey('wages')).toBe(stemKey('wage'));
    expect(stemKey('deductions')).toBe(stemKey('deduction'));
    expect(stemKey('traffickers')).toBe(stemKey('trafficking'));
    expect(stemKey('preuves')).toBe(stemKey('preuve'));
    expect(stemKey('declaraciones')).toBe(stemKey('declaración'));
  });

  it("give an English irregular past form its verb's key, and never read a listed verb as another's past", () => {
    expect(stemKey('left')).toBe(stemKey('leave'));
    expect(stemKey('brought')).toBe(stemKey('bringing'));
    expect(stemKey('paid')).toBe(stemKey('pays'));
    expect(stemKey('kept')).toBe(stemKey('keeping'));
    // "lay" is a verb of its own as well as the past of "lie".
    expect(stemKey('lay')).not.toBe(stemKey('lie'));
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
  it('leads with the stem key of every content word in the order typed, then keeps the text as typed', () => {
    expect(expandQuery('wage deductions')).toBe(`${stemKey('wage')} ${stemKey('deductions')} wage deductions`);
    // "victim" is its own key but still leads in its place: the engine drops words from the end, so
    // the first word typed is the one every hit contains, whichever of its words happen to have a stem.
    expect(expandQuery('victim refuses to testify')).toBe(`victim ${stemKey('refuses')} ${stemKey('testify')} victim refuses to testify`);
    expect(expandQuery('s.45 defence')).toBe(`45 ${stemKey('defence')} s.45 defence`);
  });

  it('never leads with a function word, so "have" or "the" cannot be the word every hit must contain', () => {
    expect(queryKeys('the victim could have left at any time')).toBe(`victim ${stemKey('left')} ${stemKey('time')}`);
    expect(queryKeys('éviter les auditions répétées')).toBe(`${stemKey('éviter')} ${stemKey('auditions')} ${stemKey('répétées')}`);
    expect(queryKeys("why didn't she escape")).toBe(stemKey('escape'));
    expect(isStopWord('have')).toBe(true);
  });

  it('takes its stop words from the packaged lists of the three languages, whatever the interface language', () => {
    // The Snowball lists (English, French) and natural's Spanish list: a few hundred words, none typed here.
    expect(STOP_WORDS.size).toBeGreaterThan(300);
    for (const word of ['the', 'which', 'should', 'les', 'dans', 'était', 'el', 'para', 'cómo', 'qué']) expect(isStopWord(word)).toBe(true);
    expect(contentWords('¿cómo conservar la declaración de la víctima?')).toEqual(['conservar', 'declaración', 'víctima']);
  });

  it("keeps negations and 'EU', which the lists hold but a practitioner's query needs", () => {
    expect(contentWords('no punición sin consentimiento')).toEqual(['no', 'punición', 'sin', 'consentimiento']);
    expect(contentWords('not a victim without papers')).toEqual(['not', 'victim', 'without', 'papers']);
    expect(contentWords('EU directive')).toEqual(['EU', 'directive']);
  });

  it('drops contractions and elisions, never the word they are attached to', () => {
    expect(contentWords("she didn't leave the employer's house")).toEqual(['leave', 'employer', 'house']);
    expect(contentWords("l'opérateur d'Ivoire qu'il")).toEqual(['opérateur', 'Ivoire']);
  });

  it('leaves a query whose words are their own keys untouched', () => {
    expect(expandQuery('Rantsev')).toBe('Rantsev');
    expect(expandQuery('')).toBe('');
  });
});
