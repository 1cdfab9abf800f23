import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../server/content/knowledge-base.js';
import { reindex } from '../../server/search/reindex.js';
import type { MeilisearchNoteWriter } from '../../server/search/meilisearch-note-writer.js';
import { CountingReader, engineWriter, fixtureKnowledgeBase, noteQuery, TODAY } from './engine-test-context.js';

let index: MeilisearchNoteWriter;
let kb: KnowledgeBase;

beforeAll(async () => {
  kb = await fixtureKnowledgeBase();
  index = engineWriter('search_fixtures', kb);
  await reindex(index, kb, TODAY);
});

const slugs = async (...args: Parameters<typeof noteQuery>) => (await index.search(noteQuery(...args))).hits.map((hit) => hit.slug).sort();

describe('searching the indexed fixtures', () => {
  it('indexes the published notes only', async () => {
    expect(await index.documentCount()).toBe(5);
    expect(await slugs('child-friendly interviews')).toEqual([]);
  });

  it('finds a note by title words', async () => {
    expect((await index.search(noteQuery('labour inspection records'))).hits[0]?.slug).toBe('labour-inspection-records');
  });

  it('finds a case name with a typo', async () => {
    expect(await slugs('chowdhury')).toEqual(['labour-inspection-records']);
  });

  it('finds French and Spanish words, accents or not', async () => {
    expect(await slugs('téléphones')).toContain('preuve-telephonique');
    expect(await slugs('investigacion financiera')).toContain('prueba-financiera');
  });

  it('finds a note by the label of its tag: "device extraction" finds digital-device notes', async () => {
    expect(await slugs('device extraction')).toEqual(['phone-evidence-control', 'preuve-telephonique']);
  });

  it('returns exactly the notes tagged so for a facet combination', async () => {
    expect(await slugs('', { jurisdictions: ['GB-EAW'] })).toEqual(['phone-evidence-control', 'section-28-cross-examination']);
    expect(await slugs('', { jurisdictions: ['GB-EAW', 'FR'] })).toEqual(['phone-evidence-control', 'preuve-telephonique', 'section-28-cross-examination']);
    expect(await slugs('', { jurisdictions: ['GB-EAW', 'FR'], stages: ['investigation'] })).toEqual(['phone-evidence-control', 'preuve-telephonique']);
    expect(await slugs('', { world_regions: ['americas'] })).toEqual(['prueba-financiera']);
    expect(await slugs('', { review_due: ['true'] })).toEqual(['section-28-cross-examination']);
    expect(await slugs('', { cross_border: ['true'], tech_facilitated: ['true'] })).toEqual(['phone-evidence-control']);
  });

  it('counts inside a selected facet as if it were not selected, and across facets conjunctively', async () => {
    const result = await index.search(noteQuery('', { jurisdictions: ['GB-EAW'], language: ['en'] }));
    expect(result.totalHits).toBe(2);
    expect(result.facets.jurisdictions).toMatchObject({ 'GB-EAW': 2, RO: 1, GR: 1, INT: 1 });
    expect(result.facets.language).toEqual({ en: 2 });
    expect(result.facets.stages).toEqual({ 'pre-trial': 2, investigation: 1, trial: 1 });
  });

  it('answers a refined search from the memo of the same words exactly as it answers a fresh one, and starts afresh for new content', async () => {
    let contentHash = 'first';
    const reader = new CountingReader('search_fixtures', () => ({ contentHash, synonyms: kb.synonyms }));
    const first = await reader.search(noteQuery('phone evidnce', { jurisdictions: ['GB-EAW'] }));
    expect(first.didYouMean).toBe('phone evidence');
    // The same words refined by a second filter, then the first search again: facet lists, authorities
    // and "Did you mean" come from the memo, and the answers are those of a reader without one.
    for (const refined of [
      noteQuery('phone evidnce', { jurisdictions: ['GB-EAW'], language: ['en'] }),
      noteQuery('phone evidnce', { jurisdictions: ['GB-EAW'] }),
    ]) {
      expect(await reader.search(refined)).toEqual(await index.search(refined));
    }
    // hits, counts, universe, authorities, two spelling words; then two filters (hits, counts, one per facet), nothing else; then hits and counts.
    expect(reader.asked).toEqual([6, 4, 2]);
    contentHash = 'second';
    await reader.search(noteQuery('phone evidnce', { jurisdictions: ['GB-EAW'] }));
    expect(reader.asked.at(-1)).toBe(6);
  });

  it('cannot be widened by a filter value that tries to break out of its quotes', async () => {
    expect(await slugs('', { jurisdictions: ['GB-EAW" OR language = "fr'] })).toEqual([]);
    expect(await slugs('', { jurisdictions: ['\\'] })).toEqual([]);
  });

  it('pages with exact totals and sorts by review date or title', async () => {
    const page2 = await index.search(noteQuery('', {}, { hitsPerPage: 2, page: 2, sort: 'reviewed' }));
    expect(page2).toMatchObject({ totalHits: 5, totalPages: 3, page: 2 });
    expect(page2.hits.map((hit) => hit.last_reviewed)).toEqual(['2026-03-03', '2025-11-01']);
    const byTitle = await index.search(noteQuery('', {}, { sort: 'title' }));
    expect(byTitle.hits[0]?.title).toBe('Corroborating coercion with phone-extraction evidence');
  });

  it('applies synonyms from synonyms.yml', async () => {
    expect(await slugs('mobile')).toEqual(await slugs('phone'));
  });
});
