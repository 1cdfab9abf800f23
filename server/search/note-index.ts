import type { Applicability } from '../content/applies-in.js';
import type { AuthorityDocument } from './authority-document.js';
import type { ImplementationEntry, SearchDocument } from './search-document.js';

/** Result order: the engine's relevance, newest review first, or title A–Z (docs/contract.md §4 `sort`). */
export type NoteSort = 'relevance' | 'reviewed' | 'title';

/** A search as the web asks for it, already cleaned: only known facets and ids survive parsing. */
export interface NoteQuery {
  text: string;
  /** Facet field → selected values: OR inside a facet, AND across facets. */
  filters: Readonly<Record<string, readonly string[]>>;
  sort: NoteSort;
  page: number;
  hitsPerPage: number;
  /** The reader's interface language (`en`, `fr`, `es`): the query is also stemmed in it. */
  language?: string;
  /**
   * With jurisdictions selected: the notes that apply there (content/applies-in.ts), as filter terms,
   * in place of only the notes that name them. Set by the web's query parsing unless the reader
   * chose `jurisdictionScope: 'named'`.
   */
  appliesIn?: Applicability | undefined;
  /** The reader's choice to see only the notes that name the selected jurisdictions (`jurisdiction_scope=named`). */
  jurisdictionScope?: 'named' | undefined;
}

/** One result, with its snippet as safe HTML (escaped text, `<mark>` around matched words). */
export interface NoteHit {
  slug: string;
  title: string;
  summary: string;
  language: string;
  evidence_basis: string;
  jurisdictions: string[];
  last_reviewed: string;
  /** HTML-safe: escaped, then matched words wrapped in `<mark>`. */
  titleHtml: string;
  snippetHtml: string;
  /** The section of the note that matched, when the match was in a section rather than only the title. */
  section?: NoteSection;
}

/** A section of a note: its anchor on the note page and its heading. */
export interface NoteSection {
  id: string;
  heading: string;
}

/** Facet field → value → number of notes. Counts inside a facet ignore that facet's own selection. */
export type FacetCounts = Record<string, Record<string, number>>;

/** An authority that matches the words of a search (a citation, a party, a provision). */
export interface AuthorityHit {
  id: string;
  title: string;
  citation: string;
  url: string | null;
  kind: string;
  status: string;
}

/** One page of results with exact totals and facet counts. */
export interface NoteSearchResult {
  totalHits: number;
  totalPages: number;
  page: number;
  hits: NoteHit[];
  facets: FacetCounts;
  /** The best-matching authorities (at most 3), asked for in the same round trip; only with words, on the first page. */
  authorities?: AuthorityHit[];
  /** Set when nothing matched the whole text and these hits answer it without the words no note contains. */
  relaxed?: RelaxedQuery;
  /**
   * With a filter ticked: every facet's counts for the words alone, without any filter (which values
   * a facet offers, so lists do not reflow when a box is ticked). Asked in the same round trip.
   */
  universe?: FacetCounts;
  /** "Did you mean": the text with the words the knowledge base never uses replaced by close ones it does use. */
  didYouMean?: string;
}

/** A retried search: the words no note contains, and the text that was searched instead. */
export interface RelaxedQuery {
  dropped: string[];
  text: string;
}

/** Whether the engine answers and the index exists (for /readyz and start-up freshness). */
export interface IndexStatus {
  reachable: boolean;
  indexPresent: boolean;
  documentCount?: number;
}

/** A count-only request: how many notes match `query`, and the counts of `facets` among them. */
export interface CountRequest {
  query: NoteQuery;
  facets: readonly string[];
}

/** The answer to one CountRequest. */
export interface CountResult {
  totalHits: number;
  facets: FacetCounts;
}

/** What "related" compares: the note's own slug (never returned), its tags and jurisdictions. */
export interface RelatedTo {
  slug: string;
  evidence_types: readonly string[];
  victim_centred_techniques: readonly string[];
  /** Shared jurisdictions count like shared tags. */
  jurisdictions?: readonly string[];
  /** Given, only notes in this language (or the note's own translations) are offered: a reader of an English note is not sent to a Spanish one. */
  language?: string;
  /** Language → slug of the note's translations. */
  translations?: Readonly<Record<string, string>>;
  /** Slugs never to offer (the author's own list already names them). */
  exclude?: readonly string[];
}

/** A published policy recommendation with its tracker, as the engine holds it. */
export interface RecommendationRecord {
  slug: string;
  title: string;
  summary: string;
  language: string;
  last_reviewed: string;
  audience: string[];
  rests_on: string[];
  implementation: ImplementationEntry[];
  /** Language → slug of its translations. */
  translations: Record<string, string>;
}

/** The most recommendations one request reads: far more than a knowledge base will hold. */
export const MAX_RECOMMENDATIONS = 1000;

/** The read side of the search engine: what the web app needs. */
export interface NoteIndex {
  /** One page of results with disjunctive facet counts, in one round trip (two when nothing matched every word and the text is relaxed). */
  search(query: NoteQuery): Promise<NoteSearchResult>;
  /** Several count-only queries in one round trip (no-results suggestions, the evidence map, tiles). */
  count(requests: readonly CountRequest[]): Promise<CountResult[]>;
  /** Notes sharing the most techniques, evidence types and jurisdictions with `note`, in its language, never the note itself. */
  related(note: RelatedTo, limit: number): Promise<NoteHit[]>;
  /** Every indexed policy recommendation (at most MAX_RECOMMENDATIONS), by slug: the tracker, its feed and the country profiles read these. */
  recommendations(): Promise<RecommendationRecord[]>;
  status(): Promise<IndexStatus>;
}

/** Progress of a full reindex, for a progress bar. */
export type ReindexProgress = (done: number, total: number) => void;

/** The write side: full reindex with an atomic swap, and single-note edits. */
export interface NoteIndexWriter extends NoteIndex {
  /** Builds a fresh index (settings first), verifies it, swaps it in atomically and drops the old one. */
  replaceAll(batches: BatchesOf<SearchDocument>, options: { total: number; fingerprint: string; onProgress?: ReindexProgress }): Promise<void>;
  /** The fingerprint recorded by the last full reindex, if any. */
  fingerprint(): Promise<string | undefined>;
  upsert(document: SearchDocument): Promise<void>;
  remove(slug: string): Promise<void>;
  /** Replaces the authorities index with these documents (fresh index, swapped atomically). */
  replaceAuthorities(documents: readonly AuthorityDocument[]): Promise<void>;
  /** The live index's records by note slug: their ids and source hashes (for the incremental index). */
  storedSources(): Promise<Map<string, StoredNote>>;
  /** True when the live index was built with these settings (a change of synonyms needs a full rebuild). */
  settingsMatch(): Promise<boolean>;
  /** Adds or replaces records, then drops records by id: the notes concerned stay searchable throughout. */
  applyChanges(changes: { upserts: BatchesOf<SearchDocument>; removeIds: () => readonly string[]; fingerprint: string }): Promise<void>;
}

/** What the live index holds for one note. */
export interface StoredNote {
  ids: string[];
  hashes: Set<string>;
}

/** Documents in batches, produced as they are asked for (a batch may wait on files being read). */
export type BatchesOf<T> = Iterable<readonly T[]> | AsyncIterable<readonly T[]>;
