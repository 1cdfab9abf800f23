import { describe, expect, it } from 'vitest';
import { appliesIn, appliesThroughInstruments, applicabilityOf, matchesApplicability, namesJurisdiction } from '../../../server/content/applies-in.js';

const note = (jurisdictions: string[], regions: string[] = []) => ({ jurisdictions, regions });

describe('a note applies in a country', () => {
  it('when it names the country, its country or one of its subdivisions', () => {
    expect(namesJurisdiction(note(['KE']), 'KE')).toBe(true);
    expect(namesJurisdiction(note(['GB']), 'GB-SCT')).toBe(true);
    expect(namesJurisdiction(note(['GB-SCT']), 'GB')).toBe(true);
    expect(namesJurisdiction(note(['GB-SCT']), 'GB-EAW')).toBe(false);
  });

  it('when it is a universal international instrument, or relies on a regional system the state takes part in', () => {
    expect(appliesIn(note(['INT']), 'KE')).toBe(true);
    expect(appliesIn(note(['INT'], ['AU']), 'KE')).toBe(true);
    expect(appliesIn(note(['SN'], ['AU']), 'KE')).toBe(true);
    expect(appliesIn(note(['INT'], ['COE', 'EU']), 'KE')).toBe(false);
    expect(appliesIn(note(['NG'], ['ECOWAS']), 'KE')).toBe(false);
    expect(appliesThroughInstruments(note(['INT']), 'KE')).toBe(true);
    expect(appliesThroughInstruments(note(['KE']), 'KE')).toBe(false);
  });

  it('for INT itself, only when the note names INT', () => {
    expect(appliesIn(note(['INT']), 'INT')).toBe(true);
    expect(appliesIn(note(['KE'], ['AU']), 'INT')).toBe(false);
  });

  it('as filter terms that match exactly the same notes', () => {
    const notes = [
      note(['KE']),
      note(['INT']),
      note(['INT'], ['AU']),
      note(['SN'], ['AU']),
      note(['INT'], ['COE']),
      note(['GB-SCT'], ['COE']),
      note(['FR'], ['EU']),
      note(['GB']),
    ];
    for (const code of ['KE', 'GB', 'GB-EAW', 'FR', 'INT']) {
      const terms = applicabilityOf(code, ['GB-SCT', 'GB-EAW', 'KE']);
      expect(
        notes.map((candidate) => matchesApplicability(candidate, terms)),
        code,
      ).toEqual(notes.map((candidate) => appliesIn(candidate, code)));
    }
  });
});
