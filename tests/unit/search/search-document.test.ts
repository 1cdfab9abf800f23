import { withKeptBody } from '../../../server/content/compact-note.js';
import { describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from '../../../server/content/build-knowledge-base.js';
import { extractSearchText } from '../../../server/content/render-note.js';
import { isReviewDue } from '../../../server/content/derived-facets.js';
import { indexFingerprint, toSearchDocument } from '../../../server/search/search-document.js';
import { buildIndexSettings } from '../../../server/search/index-settings.js';
import { FACETS } from '../../../server/content/note-schema.js';
import { indexedNote, fixtureKnowledgeFiles } from '../../fixtures/fixture-files.js';

async function fixtureKnowledgeBase() {
  const { knowledgeBase } = buildKnowledgeBase(await fixtureKnowledgeFiles(), '2026-11-28');
  if (!knowledgeBase) throw new Error('fixture knowledge base is invalid');
  return knowledgeBase;
}

describe('toSearchDocument', () => {
  it('derives world regions and review_due, and ranks the evidence basis', async () => {
    const kb = await fixtureKnowledgeBase();
    const labour = toSearchDocument(
      indexedNote(kb.bySlug.get('labour-inspection-records')!),
      extractSearchText(withKeptBody(kb.bySlug.get('labour-inspection-records')!)!.body),
      kb.taxonomy,
      '2026-11-28',
    );
    expect(labour.world_regions.sort()).toEqual(['europe', 'global']);
    expect(labour.review_due).toBe(false);
    expect(labour.evidence_basis_rank).toBe(1);
    const s28 = toSearchDocument(
      indexedNote(kb.bySlug.get('section-28-cross-examination')!),
      extractSearchText(withKeptBody(kb.bySlug.get('section-28-cross-examination')!)!.body),
      kb.taxonomy,
      '2026-11-28',
    );
    expect(s28.review_due).toBe(true);
  });

  it('indexes the labels of its tags in every language and the names of its jurisdictions', async () => {
    const kb = await fixtureKnowledgeBase();
    const doc = toSearchDocument(
      indexedNote(kb.bySlug.get('phone-evidence-control')!),
      extractSearchText(withKeptBody(kb.bySlug.get('phone-evidence-control')!)!.body),
      kb.taxonomy,
      '2026-11-28',
    );
    const digital = kb.taxonomy.vocabularies.evidence_types.values.find((value) => value.id === 'digital-device')!;
    for (const language of ['en', 'fr', 'es']) expect(doc.tag_labels).toContain(digital.text[language]!.label);
    expect(doc.tag_labels).toEqual(expect.arrayContaining(['England and Wales', 'Romania', 'Roumanie', 'Rumanía']));
  });

  it('indexes plain text and headings, never HTML', async () => {
    const kb = await fixtureKnowledgeBase();
    const doc = toSearchDocument(
      indexedNote(kb.bySlug.get('phone-evidence-control')!),
      extractSearchText(withKeptBody(kb.bySlug.get('phone-evidence-control')!)!.body),
      kb.taxonomy,
      '2026-11-28',
    );
    expect(doc.headings).toEqual(['What to do', 'Why it matters']);
    expect(doc.body).not.toMatch(/<[a-z]/);
  });
});

describe('isReviewDue', () => {
  it('is due only after 18 months', () => {
    expect(isReviewDue('2025-05-28', '2026-11-28')).toBe(false);
    expect(isReviewDue('2025-05-27', '2026-11-28')).toBe(true);
  });
});

describe('indexFingerprint', () => {
  it('changes when a note becomes due for review, though no file changed', async () => {
    const kb = await fixtureKnowledgeBase();
    expect(indexFingerprint(kb, '2026-11-28')).toBe(indexFingerprint(kb, '2026-11-28'));
    // labour-inspection-records was reviewed 2025-11-01 and becomes due on 2027-05-02.
    expect(indexFingerprint(kb, '2027-05-01')).toBe(indexFingerprint(kb, '2027-04-30'));
    expect(indexFingerprint(kb, '2027-05-02')).not.toBe(indexFingerprint(kb, '2027-05-01'));
  });
});

describe('buildIndexSettings', () => {
  it("makes every schema facet filterable, in the contract's searchable order", () => {
    const settings = buildIndexSettings();
    // The note's title and summary on every section record first, so a note whose title holds the
    // query's words ranks above one whose section happens to hold them all.
    expect(settings.searchableAttributes).toEqual(['title_terms', 'summary_terms', 'heading_terms', 'text_terms', 'sources', 'tag_labels']);
    // One hit a note is asked per query (`distinct` on the hits query), not set on the index.
    expect(settings.distinctAttribute).toBeUndefined();
    const filterable = settings.filterableAttributes as Array<{ attributePatterns: string[] }>;
    expect(filterable[0]?.attributePatterns).toEqual(expect.arrayContaining(FACETS.map((facet) => facet.field)));
    expect(filterable[0]?.attributePatterns).toEqual(expect.arrayContaining(['world_regions', 'review_due']));
    expect(settings.sortableAttributes).toEqual(expect.arrayContaining(['last_reviewed', 'title']));
  });
});

describe('search documents and highlighting', () => {
  it('drop control characters from note text, so a note cannot forge a highlight mark', async () => {
    const kb = await fixtureKnowledgeBase();
    const note = kb.bySlug.get('labour-inspection-records')!;
    const doc = toSearchDocument(
      { ...indexedNote(note), title: 'Wage\u0002slips\u0003 and records' },
      { headings: ['A\u0002b'], plainText: 'x\u0003y', sections: [{ id: 'a-b', heading: 'A\u0002b', text: 'x\u0003y' }] },
      kb.taxonomy,
      '2026-11-28',
    );
    expect([doc.title, doc.headings[0], doc.body, doc.sections[0]?.heading, doc.sections[0]?.text]).toEqual([
      'Wage slips  and records',
      'A b',
      'x y',
      'A b',
      'x y',
    ]);
  });
});
