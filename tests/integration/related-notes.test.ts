import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../server/content/knowledge-base.js';
import { reindex } from '../../server/search/reindex.js';
import type { MeilisearchNoteWriter } from '../../server/search/meilisearch-note-writer.js';
import { engineWriter, fixtureKnowledgeBase, TODAY } from './engine-test-context.js';

let index: MeilisearchNoteWriter;
let kb: KnowledgeBase;

beforeAll(async () => {
  kb = await fixtureKnowledgeBase();
  index = engineWriter('related_notes', kb);
  await reindex(index, kb, TODAY);
});

const relatedTo = (slug: string, exclude: string[] = []) => {
  const note = kb.bySlug.get(slug)!;
  return index.related(
    {
      slug,
      evidence_types: note.evidence_types,
      victim_centred_techniques: note.victim_centred_techniques,
      jurisdictions: note.jurisdictions,
      language: note.language,
      translations: note.translations,
      exclude,
    },
    4,
  );
};

describe('related notes from the engine', () => {
  it("offers notes in the note's language or its translations, ranked by shared tags and jurisdictions", async () => {
    const slugs = (await relatedTo('phone-evidence-control')).map((hit) => hit.slug);
    // The French translation shares a tag; section 28 shares England and Wales; the Spanish note shares
    // a technique but is in another language and not a translation.
    expect(slugs).toEqual(['preuve-telephonique', 'section-28-cross-examination']);
  });

  it('never offers the note itself or what the author already lists', async () => {
    const slugs = (await relatedTo('phone-evidence-control', ['preuve-telephonique'])).map((hit) => hit.slug);
    expect(slugs).toEqual(['section-28-cross-examination']);
  });
});
