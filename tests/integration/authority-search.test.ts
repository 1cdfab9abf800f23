import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../server/knowledge/load-knowledge.js';
import { reindex } from '../../server/search/reindex.js';
import type { MeilisearchNoteWriter } from '../../server/search/meilisearch-note-writer.js';
import { FIXTURES } from '../fixtures/fixture-files.js';
import { CountingReader, engineWriter, noteQuery } from './engine-test-context.js';

let index: MeilisearchNoteWriter;

// The real knowledge base: citations, party names and provisions as practitioners type them.
beforeAll(async () => {
  const { knowledgeBase } = await loadKnowledge(path.resolve(FIXTURES, '..', '..', 'knowledge'));
  index = engineWriter('authority_search', knowledgeBase);
  await reindex(index, knowledgeBase!, new Date().toISOString().slice(0, 10));
});

const firstAuthority = async (text: string) => (await index.search(noteQuery(text))).authorities?.[0]?.id;

describe('a citation query, through the real engine', () => {
  it('returns its authority first, in the same request as the notes', async () => {
    const result = await index.search(noteQuery('25965/04'));
    expect(result.authorities?.[0]).toMatchObject({ id: 'rantsev-v-cyprus-and-russia', kind: 'case', status: 'good-law' });
    expect(result.hits.map((hit) => hit.slug)).toContain('rantsev-v-cyprus-and-russia');
  });

  it('finds a neutral citation, a party name and a provision', async () => {
    expect(await firstAuthority('[2013] EWCA Crim 991')).toBe('r-v-l-hvn-thn-and-t');
    expect(await firstAuthority('Rantsev')).toBe('rantsev-v-cyprus-and-russia');
    expect(await firstAuthority('article 4 ECHR')).toBe('echr');
    expect(await firstAuthority('Modern Slavery Act section 45')).toBe('modern-slavery-act-2015');
  });

  it('names the same authorities from the memo when the same words are refined by a filter, without asking for them again', async () => {
    const reader = new CountingReader('authority_search', () => ({ contentHash: 'authorities', synonyms: [] }));
    const first = await reader.search(noteQuery('Rantsev'));
    const refined = noteQuery('Rantsev', { language: ['en'] });
    const fromMemo = await reader.search(refined);
    expect(fromMemo.authorities).toEqual(first.authorities);
    expect(fromMemo.authorities?.[0]?.id).toBe('rantsev-v-cyprus-and-russia');
    expect(fromMemo).toEqual(await index.search(refined));
    // The refined search asked neither the authorities nor the spelling of "Rantsev" again.
    expect(reader.asked[1]).toBeLessThan(reader.asked[0]!);
    expect((await reader.search(noteQuery('Rantsev', {}, { page: 2 }))).authorities).toBeUndefined();
  });

  it('shows no authority for a topical query that names none, and none past the first page', async () => {
    expect((await index.search(noteQuery('phone evidence of control'))).authorities).toEqual([]);
    expect((await index.search(noteQuery('Rantsev', {}, { page: 2 }))).authorities).toBeUndefined();
  });
});
