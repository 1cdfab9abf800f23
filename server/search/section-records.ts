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
 * headings and text with their stem keys and synonym tokens, sources, tag labels) in one record, so
 * it matches a query exactly when one of its sections would, and counting notes needs no
 * deduplication. Never a hit: it carries no section to show, so where a word stands in it and how
 * often never counts, and its headings and text hold each of their sections' terms once (distinct
 * words, in order of first use). Built from the section records' terms (`sections`, as
 * toSectionRecords makes them) rather than stemmed again. Every word the engine indexes is work on
 * every write: the whole text twice over made the note record half of what a note asked the engine
 * to index (docs/search.md, "What indexing costs"). Pure.
 */
export function toNoteRecord(
  document: SearchDocument,
  tagSynonyms: SynonymTagger = NO_SYNONYMS,
  sections = toSectionRecords(document, tagSynonyms),
): SectionRecord {
  const { id, headings: _headings, body: _body, sections: _sections, ...note } = document;
  const terms = (text: string) => withStemKeys(text, tagSynonyms);
  const first = sections[0];
  return {
    ...note,
    id: `${id}__note`,
    record: 'note',
    sources: first?.sources ?? note.sources.map(terms),
    tag_labels: first?.tag_labels ?? note.tag_labels.map(terms),
    section_id: null,
    section_heading: '',
    text: '',
    title_terms: first?.title_terms ?? terms(note.title),
    summary_terms: first?.summary_terms ?? terms(note.summary),
    heading_terms: distinctTokens(sections.map((section) => section.heading_terms)),
    text_terms: distinctTokens(sections.map((section) => section.text_terms)),
  };
}

/** Everything the engine stores for a note: its note record, then its section records. Pure. */
export function toIndexRecords(document: SearchDocument, tagSynonyms: SynonymTagger = NO_SYNONYMS): SectionRecord[] {
  const sections = toSectionRecords(document, tagSynonyms);
  return [toNoteRecord(document, tagSynonyms, sections), ...sections];
}

/**
 * The distinct whitespace-separated tokens of some texts, in order of first use: the same words for
 * the engine (it splits each token as it would in place), each once. Linear. Pure.
 */
export function distinctTokens(texts: readonly string[]): string {
  const tokens = new Set<string>();
  for (const text of texts) for (const token of text.split(/\s+/)) if (token !== '') tokens.add(token);
  return [...tokens].join(' ');
}

/** A text followed by its words' stem keys that differ from the words, then the tokens of the synonym groups it mentions. Pure. */
export function withStemKeys(text: string, tagSynonyms: SynonymTagger = NO_SYNONYMS): string {
  return [text, stemPrefix(text), tagSynonyms(text)].filter((part, index) => index === 0 || part !== '').join('\n');
}
