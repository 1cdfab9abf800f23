import { describe, expect, it } from 'vitest';
import { stemKey } from '../../../server/search/stem-words.js';
import { leadWithSubjects, subjectKeyCounts } from '../../../server/search/subject-keys.js';
import { groupToken, isGroupToken, queryRewriter, toTokenSynonymMap } from '../../../server/search/synonym-tokens.js';

const notes = [
  { title: 'Cannabis farms and the non-punishment of victims', summary: 'Children in cannabis farms are often victims.' },
  { title: 'Victims who testify', summary: 'Special measures for victims in court.' },
  { title: 'Victim support', summary: 'Independent advocates for the victim.' },
];

describe("a question's keys by what notes are about (subject-keys.ts)", () => {
  it('counts, for each key, the notes whose title or summary holds it', () => {
    const counts = subjectKeyCounts(notes);
    expect(counts.get(stemKey('victims'))).toBe(3);
    expect(counts.get(stemKey('cannabis'))).toBe(1);
    expect(counts.has(stemKey('show'))).toBe(false);
  });

  it("leads a question with the glossary's tokens, then title words rarest first, then the rest as typed", () => {
    const rewrite = leadWithSubjects(queryRewriter(toTokenSynonymMap([['non-punishment', 'non-sanction']])), subjectKeyCounts(notes), isGroupToken);
    const keys = ['show', 'victim', 'found', 'cannabi', 'non', 'punish'].map((word) => stemKey(word));
    expect(rewrite(keys)).toEqual([groupToken(0), stemKey('cannabis'), stemKey('victim'), stemKey('show'), stemKey('found')]);
  });

  it("leaves a short query's keys in the order typed (after the tokens)", () => {
    const rewrite = leadWithSubjects((keys) => [...keys], subjectKeyCounts(notes), isGroupToken);
    const keys = ['show', 'victim', 'cannabis'].map((word) => stemKey(word));
    expect(rewrite(keys)).toEqual(keys);
  });
});
