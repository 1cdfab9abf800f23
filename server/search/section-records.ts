import type { FacetValues, SearchDocument } from './search-document.js';
import { stemPrefix } from './stem-words.js';
import { NO_SYNONYMS, type SynonymTagger } from './synonym-tokens.js';

/**
 * What the engine stores: one record per section of a note (the text before the first heading is a
 * section without id), each carrying the note's title, summary and facets (every field of the note
 * schema's FacetValues), so any record can answer
 * for the note and a note whose title holds the query's words ranks first whichever section matched;
 * and one note record (toNoteRecord) for totals and facet counts. The hits query asks for one section
 * record per note (distinct on `slug`), and the best one names the section that matched.
 */
export interface SectionRecord
  extends
    FacetValues,
    Pick<
      SearchDocument,
      'slug' | 'title' | 'summary' | 'language' | 'jurisdictions' | 'world_regions' | 'evidence_basis_rank' | 'review_due' | 'last_reviewed'
    > {
  id: string;
  /** `section` for a section of a note (what hits come from), `note` for the whole note (what totals and facets count). */
  record: 'section' | 'note';
  /** The section's anchor on the note page; null for the text before the first heading. */
  section_id: string | null;
  section_heading: string;
  text: string;
  /**
   * What the engine searches: each displayed field's words followed by the stem keys that differ
   * from them (stem-words.ts) and the tokens of the synonym groups it mentions (synonym-tokens.ts), in one attribute. A word and its stem weigh the same, so the
   * attribute rule sees where a word is (title, summary, heading, text) whatever form matched;
   * stem keys in attributes of their own had a word in a summary outrank the same word in a title.
   */
  title_terms: string;
  summary_terms: string;
  heading_terms: string;
  text_terms: string;
  /**
   * The document's sources and tag labels, searched like the *_terms fields, with their stem keys: a
   * query leads with its stem keys (which the "last" matching strategy keeps to the end), so a label
   * or source title without them could only be found by its exact words ("protección de testigos"
   * finds the tag label "Protección de testigos" through the key "testig"; "money laundering" finds
   * a source on "Money Laundering").
   */
  sources: SearchDocument['sources'];
  tag_labels: SearchDocument['tag_labels'];
}

/** The records of one note, in reading order; ids are `<slug>__<n>`, 0 being the text before the first heading. Pure. */
export function toSectionRecords(document: SearchDocument, tagSynonyms: SynonymTagger = NO_SYNONYMS): SectionRecord[] {
  const terms = (text: string) => withStemKeys(text, tagSynonyms);
  const { id: _id, headings: _headings, body: _body, sections, ...note } = document;
  const parts = sections[0]?.id === undefined && sections.length > 0 ? sections : [{ id: undefined, heading: '', text: '' }, ...sections];
  const titleTerms = terms(note.title);
  const summaryTerms = terms(note.summary);
  const sources = note.sources.map(terms);
  const tagLabels = note.tag_labels.map(terms);
  // Tag labels (every tag in three languages) and sources are long and belong to the note, not to a
  // section: record 0 carries them, which keeps the index a quarter smaller at the same relevance.
  return parts.map((section, index) => ({
    ...note,
    ...(index === 0 ? { sources, tag_labels: tagLabels } : { sources: [], tag_labels: [] }),
    id: `${document.id}__${index}`,
    record: 'section' as const,
    section_id: section.id ?? null,
    section_heading: section.heading,
    text: section.text,
    title_terms: titleTerms,
    summary_terms: summaryTerms,
    heading_terms: terms(section.heading),
    text_terms: terms(section.text),
  }));
}

/**
 * The record that stands for the whole note in totals and facet counts: every word of the note (its
 * headings and text with their stem keys, sources, tag labels) in one record, so it matches a query
 * exactly when one of its sections would, and counting notes needs no deduplication. Never a hit:
 * it carries no section to show. Pure.
 */
export function toNoteRecord(document: SearchDocument, tagSynonyms: SynonymTagger = NO_SYNONYMS): SectionRecord {
  const terms = (text: string) => withStemKeys(text, tagSynonyms);
  const { id, headings: _headings, body: _body, sections, ...note } = document;
  return {
    ...note,
    id: `${id}__note`,
    record: 'note',
    sources: note.sources.map(terms),
    tag_labels: note.tag_labels.map(terms),
    section_id: null,
    section_heading: '',
    text: '',
    title_terms: terms(note.title),
    summary_terms: terms(note.summary),
    heading_terms: terms(sections.map((section) => section.heading).join('\n')),
    text_terms: terms(sections.map((section) => section.text).join('\n')),
  };
}

/** Everything the engine stores for a note: its note record, then its section records. Pure. */
export function toIndexRecords(document: SearchDocument, tagSynonyms: SynonymTagger = NO_SYNONYMS): SectionRecord[] {
  return [toNoteRecord(document, tagSynonyms), ...toSectionRecords(document, tagSynonyms)];
}

/** A text followed by its words' stem keys that differ from the words, then the tokens of the synonym groups it mentions. Pure. */
export function withStemKeys(text: string, tagSynonyms: SynonymTagger = NO_SYNONYMS): string {
  return [text, stemPrefix(text), tagSynonyms(text)].filter((part, index) => index === 0 || part !== '').join('\n');
}
