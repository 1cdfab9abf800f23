import { describe, expect, it } from 'vitest';
import { withStemKeys } from '../../../server/search/section-records.js';
import { stemKey } from '../../../server/search/stem-words.js';
import {
  authoritySynonymMap,
  groupsOfTokenMap,
  groupToken,
  knowledgeRewriter,
  queryRewriter,
  synonymTagger,
  toTokenSynonymMap,
} from '../../../server/search/synonym-tokens.js';
import { expandQuery, queryKeys } from '../../../server/search/stem-words.js';

describe('synonym tokens', () => {
  it('gives each group a distinct letters-only token', () => {
    const tokens = Array.from({ length: 800 }, (_, index) => groupToken(index));
    expect(new Set(tokens).size).toBe(800);
    for (const token of tokens) expect(token).toMatch(/^qqsyn[a-z]+$/);
    expect(groupToken(0)).toBe('qqsyna');
    expect(groupToken(26)).toBe('qqsynaa');
  });

  it("sends every term to its group's token alone", () => {
    const map = toTokenSynonymMap([
      ['thb', 'trafficking in human beings'],
      ['mobile', 'phone extraction'],
    ]);
    expect(map.thb).toEqual([groupToken(0)]);
    expect(map['trafficking in human beings']).toEqual([groupToken(0)]);
    expect(map['phone extraction']).toEqual([groupToken(1)]);
    // One value a term: the map grows with the terms, not with the square of each group.
    expect(Object.values(map).every((tokens) => tokens.length === 1)).toBe(true);
  });

  it("rewrites the keys a query leads with: each run that spells a term becomes its group's token, the longest first", () => {
    const rewrite = queryRewriter(
      toTokenSynonymMap([
        ['forced labour', 'travail forcé'],
        ['labour', 'travail'],
        ['joint investigation team', "équipe commune d'enquête"],
      ]),
    );
    expect(queryKeys('travail forcé', rewrite)).toBe(groupToken(0));
    expect(queryKeys('forced labour in farms', rewrite)).toBe(`${groupToken(0)} ${stemKey('farms')}`);
    expect(queryKeys('travail des enfants', rewrite)).toBe(`${groupToken(1)} ${stemKey('enfants')}`);
    expect(queryKeys("équipe commune d'enquête", rewrite)).toBe(groupToken(2));
    // The words as typed follow, so a note with the exact words still ranks first.
    expect(expandQuery('travail forcé', rewrite)).toBe(`${groupToken(0)} travail forcé`);
  });

  it("puts the glossary's terms first, so the first key, which every hit must contain, is what a question is about", () => {
    const rewrite = knowledgeRewriter([
      ['forced labour', 'travail forcé'],
      ['trafficker', 'trafiquant'],
    ]);
    // "show" and "money" were the first keys: under "last" every hit had to say "show".
    expect(queryKeys('how can I show the money went to the trafficker through forced labour', rewrite)).toBe(
      [groupToken(1), groupToken(0), stemKey('show'), stemKey('money'), stemKey('went')].join(' '),
    );
    // Two keys keep the order typed: a first word no note holds still makes the search relax and say so.
    expect(queryKeys('qqqzzz trafficker', rewrite)).toBe(`qqqzzz ${groupToken(1)}`);
  });

  it("keys a term by all of its content words, so one word's stem never stands for a whole group", () => {
    const rewrite = queryRewriter(
      toTokenSynonymMap([
        ['joint investigation team', "équipe commune d'enquête"],
        ['reflection period', 'délai de réflexion'],
      ]),
    );
    // Keyed by "investig" alone, every query with "investigation" would have searched for joint
    // investigation teams; "délai de réflexion" by "del" (Spanish "of the"), every Spanish query with "del".
    expect(queryKeys('investigation of the case', rewrite)).toBe(queryKeys('investigation of the case'));
    expect(queryKeys('delito del tratante', rewrite)).toBe(queryKeys('delito del tratante'));
    expect(queryKeys('délai de réflexion', rewrite)).toBe(groupToken(1));
  });

  it('gives a term in two groups both tokens, and reads the groups back from the map', () => {
    const map = toTokenSynonymMap([
      ['cdr', 'call data records'],
      ['cdr', 'cell site data'],
    ]);
    expect(map.cdr).toEqual([groupToken(0), groupToken(1)]);
    expect(groupsOfTokenMap(map).get(groupToken(1))).toEqual(expect.arrayContaining(['cdr', 'cell site data']));
  });

  it("tags a text with the groups whose terms it holds in any form, as the engine matches a query's words", () => {
    const tag = synonymTagger(
      toTokenSynonymMap([
        ['debt bondage', 'bonded labour'],
        ['thb', 'trafficking in human beings'],
        ['s.45', 'section 45'],
      ]),
    );
    expect(tag("Workers in bonded labourers' camps")).toBe(groupToken(0));
    expect(tag('Trafficking in Human Beings and debt bondage')).toBe(`${groupToken(1)} ${groupToken(0)}`);
    expect(tag('the s.45 defence')).toBe(groupToken(2));
    // Every content word of a term, in any order or place: what the rewritten query would have matched as typed.
    expect(tag('a debt, then bondage')).toBe(groupToken(0));
    // Only some of them are not the term.
    expect(tag('a debt to pay')).toBe('');
    expect(tag('section 46')).toBe('');
  });

  it('writes the tokens after the stem keys of a searchable field', () => {
    const tag = synonymTagger(toTokenSynonymMap([['thb', 'trafficking in human beings']]));
    expect(withStemKeys('THB cases', tag)).toBe(`THB cases\n${stemKey('cases')}\n${groupToken(0)}`);
    expect(withStemKeys('no such term', tag)).toBe('no such term');
  });

  it('keeps, for the authorities, only the alternatives some authority contains', () => {
    const groups = [
      ['modern slavery act', 'msa'],
      ['debt bondage', 'bonded labour'],
      ['s.45', 'section 45'],
    ];
    const map = authoritySynonymMap(groups, ['Modern Slavery Act 2015', 'section 45 — defence for slavery or trafficking victims']);
    expect(map).toEqual({ msa: ['modern slavery act'], 's.45': ['section 45'] });
  });
});
