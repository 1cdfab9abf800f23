import { beforeAll, describe, expect, it } from 'vitest';
import { appliesIn, applicabilityOf } from '../../server/content/applies-in.js';
import type { KnowledgeBase } from '../../server/content/knowledge-base.js';
import { reindex } from '../../server/search/reindex.js';
import type { MeilisearchNoteWriter } from '../../server/search/meilisearch-note-writer.js';
import { CountingReader, engineWriter, fixtureKnowledgeBase, noteQuery, TODAY } from './engine-test-context.js';

let index: MeilisearchNoteWriter;
let kb: KnowledgeBase;

beforeAll(async () => {
  kb = await fixtureKnowledgeBase();
  index = engineWriter('applies_in', kb);
  await reindex(index, kb, TODAY);
});

const known = () => kb.notes.flatMap((note) => note.jurisdictions);

describe('"applies in a country" in the engine', () => {
  it('finds, for each jurisdiction, exactly the notes the one definition says apply there', async () => {
    for (const code of ['KE', 'FR', 'GB-EAW', 'GB', 'MX', 'INT', 'RO']) {
      const expected = kb.notes
        .filter((note) => appliesIn(note, code))
        .map((note) => note.slug)
        .sort();
      const result = await index.search(noteQuery('', { jurisdictions: [code] }, { appliesIn: applicabilityOf(code, known()) }));
      expect(result.hits.map((hit) => hit.slug).sort(), code).toEqual(expected);
      expect(result.totalHits, code).toBe(expected.length);
    }
  });

  it('takes in the universal international note for Kenya, and not the Council of Europe and EU ones', async () => {
    const kenya = await index.search(noteQuery('', { jurisdictions: ['KE'] }, { appliesIn: applicabilityOf('KE', known()) }));
    expect(kenya.hits.map((hit) => hit.slug)).toEqual(['labour-inspection-records']);
    const named = await index.count([{ query: noteQuery('', { jurisdictions: ['KE'] }), facets: [] }]);
    expect(named[0]!.totalHits).toBe(0);
  });

  it("keeps the other facets' counts consistent with the wider filter", async () => {
    const result = await index.search(noteQuery('', { jurisdictions: ['FR'], stages: ['investigation'] }, { appliesIn: applicabilityOf('FR', known()) }));
    const expected = kb.notes
      .filter((note) => appliesIn(note, 'FR') && note.stages.includes('investigation'))
      .map((note) => note.slug)
      .sort();
    expect(result.hits.map((hit) => hit.slug).sort()).toEqual(expected);
    expect(Object.values(result.facets.stages ?? {}).length).toBeGreaterThan(0);
  });

  it("asks for a results page's search and the count of the notes naming the country in one round trip, each answered as if alone", async () => {
    const reader = new CountingReader('applies_in', () => ({ contentHash: 'applies-in', synonyms: kb.synonyms }));
    const query = noteQuery('', { jurisdictions: ['FR'] }, { appliesIn: applicabilityOf('FR', known()) });
    const named = { query: { ...query, appliesIn: undefined }, facets: [] };
    const [together, countedTogether] = await Promise.all([reader.search(query), reader.count([named])]);
    expect(reader.trips).toHaveLength(1);
    const alone = await reader.search(query);
    const countedAlone = await reader.count([named]);
    expect(reader.trips).toHaveLength(3);
    const slugs = (hits: ReadonlyArray<{ slug: string }>) => hits.map((hit) => hit.slug);
    expect(slugs(together.hits)).toEqual(slugs(alone.hits));
    expect(together.totalHits).toBe(alone.totalHits);
    expect(together.facets).toEqual(alone.facets);
    expect(countedTogether[0]!.totalHits).toBe(countedAlone[0]!.totalHits);
    // FR's notes take in international instruments: the named count is the smaller, and not nothing.
    expect(countedTogether[0]!.totalHits).toBeGreaterThan(0);
    expect(countedTogether[0]!.totalHits).toBeLessThan(together.totalHits);
  });
});
