import { describe, expect, it } from 'vitest';
import { guessKey, offlineKeysOf, offlineQueryTable } from '../../../server/search/offline-query-keys.js';
import { groupToken } from '../../../server/search/synonym-tokens.js';
import { stemKey } from '../../../server/search/stem-words.js';

const GROUPS = [['forced labour', 'travail forcé', 'trabajo forzoso']];

describe("an offline pack's query table", () => {
  it('holds only the words whose key the browser would guess wrong', () => {
    const table = offlineQueryTable(new Map([['en', ['victim', 'leav', 'forc', 'labour']]]), ['victims', 'left', 'forced'], GROUPS, []);
    // "victims" begins with its key, which the pack holds; "left" is the past of "leave", which no ending gives.
    expect(table.words.victims).toBeUndefined();
    expect(table.words.left).toBe(stemKey('left'));
    expect(guessKey('victimas', new Set(table.keys.en))).toBe('victim');
    // The glossary's words in every language, so a French query is keyed as the site keys it.
    expect(table.words.forzoso ?? guessKey('forzoso', new Set(table.keys.en))).toBe(stemKey('forzoso'));
    expect(table.runs).toContainEqual([`${stemKey('forced')} ${stemKey('labour')}`, groupToken(0)]);
  });

  it('keeps the subject counts of the keys the pack or the glossary knows', () => {
    const table = offlineQueryTable(new Map([['en', ['victim']]]), [], GROUPS, [
      { title: 'Victims and forced labour', summary: 'Zebra' },
      { title: 'Victims', summary: 'Other' },
    ]);
    expect(table.counts).toEqual({ victim: 2, [stemKey('forced')]: 1, [stemKey('labour')]: 1 });
  });

  it("gives a note's page its keys and its groups' tokens", () => {
    expect(offlineKeysOf(GROUPS)('Forced labourers were victims').split(' ')).toEqual(
      expect.arrayContaining([stemKey('labourers'), stemKey('victims'), groupToken(0)]),
    );
  });
});
