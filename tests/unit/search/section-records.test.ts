import { indexedNote } from '../../fixtures/fixture-files.js';
import { describe, expect, it } from 'vitest';
import { extractSearchText } from '../../../server/content/render-note.js';
import { toIndexRecords, toSectionRecords, withStemKeys } from '../../../server/search/section-records.js';
import { toSearchDocument } from '../../../server/search/search-document.js';
import { stemKey } from '../../../server/search/stem-words.js';
import { fixtureKnowledgeBase } from '../../integration/engine-test-context.js';

describe('section records', () => {
  it("give the engine one record per section, each with the note's title and facets, and the text before the first heading as record 0", async () => {
    const kb = await fixtureKnowledgeBase();
    const note = kb.bySlug.get('phone-evidence-control')!;
    const body = "Read this first.\n\n## What to do\n\nSeize the phones.\n\n## The victim's phone\n\nAsk for consent; the victims' messages matter.\n";
    const records = toSectionRecords(toSearchDocument(indexedNote(note), extractSearchText(body), kb.taxonomy, '2026-11-28'));
    expect(records.map((record) => [record.id, record.section_id, record.section_heading, record.text])).toEqual([
      ['phone-evidence-control__0', null, '', 'Read this first.'],
      ['phone-evidence-control__1', 'what-to-do', 'What to do', 'Seize the phones.'],
      ['phone-evidence-control__2', 'the-victims-phone', "The victim's phone", "Ask for consent; the victims' messages matter."],
    ]);
    expect(new Set(records.map((record) => record.title))).toEqual(new Set([note.title]));
    expect(records.every((record) => record.jurisdictions === note.jurisdictions && record.slug === note.slug)).toBe(true);
    // Each searched attribute holds its field's words and then their stem keys, so both weigh the same.
    expect(records[2]!.text_terms.startsWith(records[2]!.text)).toBe(true);
    expect(records[2]!.text_terms.split(/\s+/)).toContain(stemKey('messages'));
    expect(records[2]!.heading_terms.startsWith("The victim's phone")).toBe(true);
    expect(records.every((record) => record.title_terms.startsWith(note.title) && record.summary_terms.startsWith(indexedNote(note).summary))).toBe(true);
    expect(records[1]!.title_terms.split(/\s+/)).toContain(stemKey('extraction'));
  });

  it('append to a searched text only the stem keys that differ from its words', () => {
    expect(withStemKeys('wages deducted')).toBe(`wages deducted\n${stemKey('wages')} ${stemKey('deducted')}`);
    expect(withStemKeys('s45 art')).toBe('s45 art');
  });

  it("give record 0 and the note record the stem keys of the tag labels and sources, so a query's leading keys can match them", async () => {
    const kb = await fixtureKnowledgeBase();
    const note = kb.bySlug.get('phone-evidence-control')!;
    const document = toSearchDocument(indexedNote(note), extractSearchText('Intro.\n\n## What to do\n\nAct.\n'), kb.taxonomy, '2026-11-28');
    const [whole, first, second] = toIndexRecords(document);
    for (const record of [whole!, first!]) {
      expect(record.tag_labels).toEqual(document.tag_labels.map((label) => withStemKeys(label)));
      expect(record.sources).toEqual(document.sources.map((source) => withStemKeys(source)));
    }
    expect(document.tag_labels.some((label) => withStemKeys(label) !== label)).toBe(true);
    expect(second!.tag_labels).toEqual([]);
  });

  it('add an empty record 0 when the body starts with a heading, so a title match has a record without a section', async () => {
    const kb = await fixtureKnowledgeBase();
    const note = kb.bySlug.get('phone-evidence-control')!;
    const records = toSectionRecords(toSearchDocument(indexedNote(note), extractSearchText('## What to do\n\nAct.\n'), kb.taxonomy, '2026-11-28'));
    expect(records.map((record) => record.section_id)).toEqual([null, 'what-to-do']);
  });

  it('add one note record holding every word of the note, for totals and facet counts, before the sections', async () => {
    const kb = await fixtureKnowledgeBase();
    const note = kb.bySlug.get('phone-evidence-control')!;
    const records = toIndexRecords(
      toSearchDocument(
        indexedNote(note),
        extractSearchText('Intro.\n\n## What to do\n\nSeize the phones.\n\n## Why\n\nMessages.\n'),
        kb.taxonomy,
        '2026-11-28',
      ),
    );
    expect(records.map((record) => [record.id, record.record])).toEqual([
      ['phone-evidence-control__note', 'note'],
      ['phone-evidence-control__0', 'section'],
      ['phone-evidence-control__1', 'section'],
      ['phone-evidence-control__2', 'section'],
    ]);
    const [whole] = records;
    expect(whole!.text_terms.split(/\s+/)).toEqual(expect.arrayContaining(['Intro.', 'phones.', 'Messages.', stemKey('phones'), stemKey('messages')]));
    expect(whole!.heading_terms).toContain('What to do');
    expect(whole!.tag_labels).toEqual(records[1]!.tag_labels);
    expect(whole!.section_id).toBeNull();
  });

  it("give the note record each token of its sections' terms once: every word a section matches on, none twice", async () => {
    const kb = await fixtureKnowledgeBase();
    const note = kb.bySlug.get('phone-evidence-control')!;
    const body = 'Seize the phones.\n\n## Phones\n\nSeize the phones at once; the phones hold messages.\n\n## Messages\n\nRead the messages.\n';
    const [whole, ...sections] = toIndexRecords(toSearchDocument(indexedNote(note), extractSearchText(body), kb.taxonomy, '2026-11-28'));
    const tokens = (text: string) => text.split(/\s+/).filter((token) => token !== '');
    const sectionTokens = sections.flatMap((section) => tokens(section.text_terms));
    // A section matches a word exactly when the note record does, however often the note repeats it.
    expect(new Set(tokens(whole!.text_terms))).toEqual(new Set(sectionTokens));
    expect(tokens(whole!.text_terms)).toHaveLength(new Set(sectionTokens).size);
    expect(sectionTokens.filter((token) => token === 'the').length).toBeGreaterThan(1);
    expect(new Set(tokens(whole!.heading_terms))).toEqual(new Set(sections.flatMap((section) => tokens(section.heading_terms))));
  });
});
