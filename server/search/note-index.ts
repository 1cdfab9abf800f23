import type { SearchDocument } from './search-document.js';

/** Result order: the engine's relevance, newest review first, or title A–Z (CONTRACT §4 `sort`). */
export type NoteSort = 'relevance' | 'reviewed' | 'title';

/** A search as the web asks for it, already cleaned: only known facets and ids survive parsing. */
export interface NoteQuery {
  text: string;
  /** Facet field → selected values: OR inside a facet, AND across facets. */
  filters: Readonly<Record<string, readonly string[]>>;
  sort: NoteSort;
  page: number;
  hitsPerPage: number;
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
}

/** Facet field → value → number of notes. Counts inside a facet ignore that facet's own selection. */
export type FacetCounts = Record<string, Record<string, number>>;

/** One page of results with exact totals and facet counts. */
export interface NoteSearchResult {
  totalHits: number;
  totalPages: number;
  page: number;
  hits: NoteHit[];
  facets: FacetCounts;
}

/** Whether the engine answers and the index exists (for /readyz and start-up freshness). */
export interface IndexStatus {
  reachable: boolean;
  indexPresent: boolean;
  documentCount?: number;
}

/** The read side of the search engine: what the web app needs. */
export interface NoteIndex {
  search(query: NoteQuery): Promise<NoteSearchResult>;
  status(): Promise<IndexStatus>;
}

/** Progress of a full reindex, for a progress bar. */
export type ReindexProgress = (done: number, total: number) => void;

/** The write side: full reindex with an atomic swap, and single-note edits. */
export interface NoteIndexWriter extends NoteIndex {
  /** Builds a fresh index (settings first), verifies it, swaps it in atomically and drops the old one. */
  replaceAll(documents: readonly SearchDocument[], options: { fingerprint: string; onProgress?: ReindexProgress }): Promise<void>;
  /** The fingerprint recorded by the last full reindex, if any. */
  fingerprint(): Promise<string | undefined>;
  upsert(document: SearchDocument): Promise<void>;
  remove(slug: string): Promise<void>;
}
