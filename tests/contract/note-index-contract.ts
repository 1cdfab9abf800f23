import { describe, expect, it } from 'vitest';
import type { KnowledgeBase, PublishedNote } from '../../server/content/knowledge-base.js';
import type { NoteIndex, NoteQuery } from '../../server/search/note-index.js';
import { noteHasValue } from '../../server/web/view-models/browse-page.js';

/** What a contract run needs: an index over `knowledgeBase` (the fixtures), and the date its facets were computed for. */
export interface ContractSubject {
  index: NoteIndex;
  knowledgeBase: KnowledgeBase;
  today: string;
}

const query = (text: string, filters: NoteQuery['filters'] = {}, extra: Partial<NoteQuery> = {}): NoteQuery => ({
  text,
  filters,
  sort: 'relevance',
  page: 1,
  hitsPerPage: 20,
  ...extra,
});

/**
 * The assertions every NoteIndex must satisfy, run against the in-memory index of the HTTP tests
 * and the Meilisearch adapter alike (issue 27): a fake that drifted from the engine would fail here,
 * not pass HTTP tests the real app would fail. Expected values come from the knowledge base itself,
 * never from either implementation.
 */
export function describeNoteIndexContract(name: string, subject: () => ContractSubject): void {
  const matching = (filters: NoteQuery['filters']) => {
    const { knowledgeBase, today } = subject();
    return knowledgeBase.notes.filter((note) =>
      Object.entries(filters).every(([field, values]) => values.some((value) => noteHasValue(note, field, value, today))),
    );
  };
  const slugs = (notes: readonly Pick<PublishedNote, 'slug'>[]) => notes.map((note) => note.slug).sort();

  describe(`the NoteIndex contract (${name})`, () => {
    it('lists every published note, and no draft, for an empty search', async () => {
      const { index, knowledgeBase } = subject();
      const result = await index.search(query(''));
      expect(result.totalHits).toBe(knowledgeBase.notes.length);
      expect(slugs(result.hits)).toEqual(slugs(knowledgeBase.notes));
      expect(result.hits.map((hit) => hit.slug)).not.toContain('draft-child-interviews');
    });

    it('ORs the values of one facet and ANDs facets, with the totals of the notes that match', async () => {
      const filters = { jurisdictions: ['GB-EAW', 'FR'], evidence_types: ['digital-device'] };
      const result = await subject().index.search(query('', filters));
      const expected = matching(filters);
      expect(expected.length).toBeGreaterThan(0);
      expect(result.totalHits).toBe(expected.length);
      expect(slugs(result.hits)).toEqual(slugs(expected));
    });

    it('counts a selected facet without its own selection, and the others within it', async () => {
      const result = await subject().index.search(query('', { jurisdictions: ['FR'] }));
      const all = subject().knowledgeBase.notes;
      const withFrance = matching({ jurisdictions: ['FR'] });
      const count = (notes: readonly PublishedNote[], field: 'jurisdictions' | 'language', value: string) =>
        notes.filter((note) => noteHasValue(note, field, value, subject().today)).length;
      expect(result.facets.jurisdictions?.['GB-EAW']).toBe(count(all, 'jurisdictions', 'GB-EAW'));
      expect(result.facets.jurisdictions?.FR).toBe(count(all, 'jurisdictions', 'FR'));
      expect(result.facets.language?.fr ?? 0).toBe(count(withFrance, 'language', 'fr'));
      expect(result.facets.language?.en ?? 0).toBe(count(withFrance, 'language', 'en'));
    });

    it('finds a note by a word of its title, first', async () => {
      const result = await subject().index.search(query('financiera'));
      expect(result.hits[0]?.slug).toBe('prueba-financiera');
    });

    it('pages through the same total without repeating a note', async () => {
      const { index, knowledgeBase } = subject();
      const first = await index.search(query('', {}, { hitsPerPage: 2, sort: 'title' }));
      const second = await index.search(query('', {}, { hitsPerPage: 2, page: 2, sort: 'title' }));
      expect(first.totalPages).toBe(Math.ceil(knowledgeBase.notes.length / 2));
      expect(second.page).toBe(2);
      expect(second.hits.length).toBeGreaterThan(0);
      expect(second.hits.filter((hit) => first.hits.some((seen) => seen.slug === hit.slug))).toEqual([]);
    });

    it('orders by newest review when asked', async () => {
      const result = await subject().index.search(query('', {}, { sort: 'reviewed' }));
      const reviewed = result.hits.map((hit) => hit.last_reviewed);
      expect(reviewed).toEqual([...reviewed].sort().reverse());
    });

    it('counts in one call what searches would total', async () => {
      const { index } = subject();
      const filters: NoteQuery['filters'][] = [{}, { language: ['en'] }, { jurisdictions: ['ES', 'MX'] }];
      const counts = await index.count(filters.map((selected) => ({ query: query('', selected), facets: ['language'] })));
      expect(counts.map((count) => count.totalHits)).toEqual(filters.map((selected) => matching(selected).length));
      expect(counts[1]!.facets.language).toEqual({ en: matching({ language: ['en'] }).length });
    });

    it("relates notes that share a tag, never the note itself nor an excluded one, in the note's language or among its translations", async () => {
      const { index, knowledgeBase } = subject();
      const note = knowledgeBase.bySlug.get('phone-evidence-control')!;
      const related = await index.related({ ...note, language: 'en', exclude: ['labour-inspection-records'] }, 5);
      const translations = Object.values(note.translations);
      for (const hit of related) {
        expect(hit.slug).not.toBe(note.slug);
        expect(hit.slug).not.toBe('labour-inspection-records');
        expect(hit.language === 'en' || translations.includes(hit.slug)).toBe(true);
      }
      // A note in another language that is no translation is not offered to a reader of this one.
      expect(related.map((hit) => hit.slug)).not.toContain('prueba-financiera');
      const unrestricted = await index.related({ ...note, language: undefined }, 5);
      expect(unrestricted.map((hit) => hit.slug)).toContain('prueba-financiera');
    });

    it('lists the policy recommendations by slug', async () => {
      const { index, knowledgeBase } = subject();
      const recommendations = await index.recommendations();
      expect(recommendations.map((record) => record.slug)).toEqual(slugs(knowledgeBase.notes.filter((note) => note.content_type === 'policy-recommendation')));
    });

    it('says it is ready, with the number of notes it holds', async () => {
      const { index, knowledgeBase } = subject();
      expect(await index.status()).toEqual({ reachable: true, indexPresent: true, documentCount: knowledgeBase.notes.length });
    });
  });
}
