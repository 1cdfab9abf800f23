import { describe, expect, it } from 'vitest';
import type { RecommendationRecord } from '../../../server/search/note-index.js';
import { createTranslator } from '../../../server/web/i18n.js';
import { listStatusChanges, pickOnePerRecommendation, summariseImplementation } from '../../../server/web/view-models/recommendations-page.js';
import { buildKnowledgeBase } from '../../../server/content/build-knowledge-base.js';
import { fixtureKnowledgeFiles } from '../../fixtures/fixture-files.js';

const t = createTranslator('en');

function record(slug: string, language: string, extra: Partial<RecommendationRecord> = {}): RecommendationRecord {
  return {
    slug,
    title: `Title ${slug}`,
    summary: 'A summary long enough.',
    language,
    last_reviewed: '2026-01-01',
    audience: ['legislature'],
    rests_on: ['a'],
    implementation: [],
    translations: {},
    ...extra,
  };
}

const tracker = [
  { jurisdiction: 'GB-EAW', status: 'adopted', as_of: '2026-01-01', source: { title: 'Act', url: 'https://example.org/act' } },
  { jurisdiction: 'FR', status: 'unknown', as_of: '2026-02-01' },
];

describe('pickOnePerRecommendation', () => {
  it("shows a translated recommendation once, in the reader's language, with the tracker its original carries", () => {
    const english = record('non-punishment', 'en', { implementation: tracker, translations: { fr: 'non-sanction' } });
    const french = record('non-sanction', 'fr', { translations: { en: 'non-punishment' } });
    const other = record('other', 'en');
    expect(pickOnePerRecommendation([english, french, other], 'fr').map((item) => [item.slug, item.implementation.length])).toEqual([
      ['non-sanction', 2],
      ['other', 0],
    ]);
    expect(pickOnePerRecommendation([french, english, other], 'en').map((item) => item.slug)).toEqual(['non-punishment', 'other']);
    // A language with no version: the one with the tracker.
    expect(pickOnePerRecommendation([french, english], 'es').map((item) => item.slug)).toEqual(['non-punishment']);
  });

  it('feeds each status change once, newest first, with an id that changes with the status', async () => {
    const kb = buildKnowledgeBase(await fixtureKnowledgeFiles(), '2026-11-28').knowledgeBase!;
    const english = record('non-punishment', 'en', { implementation: tracker, translations: { fr: 'non-sanction' } });
    const french = record('non-sanction', 'fr', { translations: { en: 'non-punishment' } });
    const entries = listStatusChanges([english, french], kb.taxonomy, 'en', t, 10);
    expect(entries.map((entry) => entry.anchor)).toEqual(['tracker-FR-unknown-2026-02-01', 'tracker-GB-EAW-adopted-2026-01-01']);
    expect(entries[1]!.title).toBe('England and Wales: Adopted — Title non-punishment');
  });
});

describe('summariseImplementation', () => {
  it('counts every status, so a jurisdiction not yet checked is never counted as not adopting', () => {
    expect(summariseImplementation(tracker, t)).toBe('Adopted 1 · not yet checked 1');
    expect(
      summariseImplementation(
        [
          { jurisdiction: 'KE', status: 'unknown', as_of: '2026-01-01' },
          { jurisdiction: 'NG', status: 'partly', as_of: '2026-01-01', source: { title: 'x', url: 'https://example.org/x' } },
        ],
        t,
      ),
    ).toBe('Partly 1 · not yet checked 1');
    expect(summariseImplementation([], t)).toBe('Not yet tracked in any jurisdiction');
  });
});
