import { describe, expect, it } from 'vitest';
import { withStemKeys } from '../../../server/search/section-records.js';
import { stemKey } from '../../../server/search/stem-words.js';
import { authoritySynonymMap, groupsOfTokenMap, groupToken, synonymTagger, toTokenSynonymMap } from '../../../server/search/synonym-tokens.js';

describe('synonym tokens', () => {
  it('gives each group a distinct letters-only token', () => {
    const tokens = Array.from({ length: 800 }, (_, index) => groupToken(index));
    expect(new Set(tokens).size).toBe(800);
    for (const token of tokens) expect(token).toMatch(/^qqsyn[a-z]+$/);
    expect(groupToken(0)).toBe('qqsyna');
    expect(groupToken(26)).toBe('qqsynaa');
  });

  it('sends every term, as typed and as the stem keys a query leads with, to its group\'s token alone', () => {
    const map = toTokenSynonymMap([['thb', 'trafficking in human beings'], ['mobile', 'phone extraction']]);
    expect(map.thb).toEqual([groupToken(0)]);
    expect(map['trafficking in human beings']).toEqual([groupToken(0)]);
    // "mobile" is sent as "mobil mobile", "phone extraction" as "phon extract phone extraction".
    expect(map.mobil).toEqual([groupToken(1)]);
    expect(map['phon extract']).toEqual([groupToken(1)]);
    // One value a term: the map grows with the terms, not with the square of each group.
    expect(Object.values(map).every((tokens) => tokens.length === 1)).toBe(true);
  });

  it('keys a term by all of its content words, so one word\'s stem never stands for a whole group', () => {
    const map = toTokenSynonymMap([['joint investigation team', 'équipe commune d\'enquête'], ['reflection period', 'délai de réflexion']]);
    expect(map['equip commun enquet']).toEqual([groupToken(0)]);
    // Keyed by "investig" alone, every query with "investigation" would have searched for joint
    // investigation teams; "délai de réflexion" by "del" (Spanish "of the"), every Spanish query with "del".
    expect(map.investig).toBeUndefined();
    expect(map.del).toBeUndefined();
  });

  it('gives a term in two groups both tokens, and reads the groups back from the map', () => {
    const map = toTokenSynonymMap([['cdr', 'call data records'], ['cdr', 'cell site data']]);
    expect(map.cdr).toEqual([groupToken(0), groupToken(1)]);
    expect(groupsOfTokenMap(map).get(groupToken(1))).toEqual(expect.arrayContaining(['cdr', 'cell site data']));
  });

  it('tags a text with the groups whose terms it holds in any form, in a row', () => {
    const tag = synonymTagger(toTokenSynonymMap([['debt bondage', 'bonded labour'], ['thb', 'trafficking in human beings'], ['s.45', 'section 45']]));
    expect(tag('Workers in bonded labourers\' camps')).toBe(groupToken(0));
    expect(tag('Trafficking in Human Beings and debt bondage')).toBe(`${groupToken(1)} ${groupToken(0)}`);
    expect(tag('the s.45 defence')).toBe(groupToken(2));
    // The words apart, or only some of them, are not the term.
    expect(tag('a debt, then bondage')).toBe('');
    expect(tag('labour bonded')).toBe('');
    expect(tag('section 46')).toBe('');
  });

  it('writes the tokens after the stem keys of a searchable field', () => {
    const tag = synonymTagger(toTokenSynonymMap([['thb', 'trafficking in human beings']]));
    expect(withStemKeys('THB cases', tag)).toBe(`THB cases\n${stemKey('cases')}\n${groupToken(0)}`);
    expect(withStemKeys('no such term', tag)).toBe('no such term');
  });

  it('keeps, for the authorities, only the alternatives some authority contains', () => {
    const groups = [['modern slavery act', 'msa'], ['debt bondage', 'bonded labour'], ['s.45', 'section 45']];
    const map = authoritySynonymMap(groups, ['Modern Slavery Act 2015', 'section 45 — defence for slavery or trafficking victims']);
    expect(map).toEqual({ msa: ['modern slavery act'], 's.45': ['section 45'] });
  });
});
