import { MeilisearchApiError, type MultiSearchQuery, type SearchResponse } from 'meilisearch';
import { SearchEngineError } from '../errors.js';
import { POLICY_RECOMMENDATION } from '../content/note-schema.js';
import { buildCountSearch, buildRelatedSearch, quoteFilterValue, rankRelated, readCountSearch } from './build-multi-search.js';
import { buildSearchRequest, needsRelaxing, readRelaxedAnswer, readSearchAnswer, relaxedSearch } from './build-search-request.js';
import { EngineApiError } from './engine-http.js';
import { NOTE_RECORDS } from './index-settings.js';
import { isNotFound, MeilisearchConnection, type MeilisearchOptions, type SearchKnowledge } from './meilisearch-connection.js';
import {
  MAX_RECOMMENDATIONS,
  type CountRequest,
  type CountResult,
  type IndexStatus,
  type NoteHit,
  type NoteIndex,
  type NoteQuery,
  type NoteSearchResult,
  type RecommendationRecord,
  type RelatedTo,
} from './note-index.js';
import { SearchMemo } from './search-memo.js';
import type { KeyRewriter } from './stem-words.js';
import { knowledgeRewriter } from './synonym-tokens.js';

/** What searches on one knowledge base share: the memo of what depends on words alone, and the query rewriter of its synonyms. */
interface KnowledgeState {
  contentHash: string;
  memo: SearchMemo | undefined;
  rewrite: KeyRewriter;
}

/**
 * The read side of the NoteIndex port on Meilisearch: one multi-search per page (disjunctive facet
 * counts, authorities, "Did you mean"), counts, related notes, recommendations, readiness. What a
 * search may reuse (a text's facet lists, the authorities it names, a word's spelling) is kept here,
 * for the knowledge base of the content hash it was read from: a new content hash (an approval, a
 * sync, `npm run index`) starts afresh.
 */
export class MeilisearchNoteReader extends MeilisearchConnection implements NoteIndex {
  private readonly knowledge: (() => SearchKnowledge) | undefined;
  private state: KnowledgeState | undefined;

  constructor(options: MeilisearchOptions) {
    super(options);
    this.knowledge = options.knowledge;
    if (!this.knowledge) this.state = { contentHash: '', memo: undefined, rewrite: knowledgeRewriter(options.synonyms ?? [], options.subjects) };
  }

  /**
   * The notes, with every facet count the page shows, and, for words, the authorities they name (on
   * the first page) and "Did you mean" (from the words index), all in one round trip. An engine
   * indexed before authorities or the words index existed has no such index: the notes are still
   * answered. A text that finds nothing is relaxed (build-search-request.ts).
   */
  async search(query: NoteQuery): Promise<NoteSearchResult> {
    const { memo, rewrite } = this.current();
    const request = buildSearchRequest(query, this.indexName, memo, rewrite);
    let responses: SearchResponse<Record<string, unknown>>[];
    let extras = true;
    try {
      responses = await this.multiSearch(request.queries);
    } catch (error) {
      if (request.queries.length === request.page || !isIndexNotFound(error)) throw error;
      responses = await this.multiSearch(request.queries.slice(0, request.page));
      extras = false;
    }
    const found = readSearchAnswer(query, request, responses, extras, memo);
    if (!needsRelaxing(query, found)) return found;
    return readRelaxedAnswer(query, found, await this.multiSearch(relaxedSearch(query, this.indexName, rewrite)));
  }

  async count(requests: readonly CountRequest[]): Promise<CountResult[]> {
    if (requests.length === 0) return [];
    return readCountSearch(await this.multiSearch(buildCountSearch(requests, this.indexName, this.current().rewrite), 'count'));
  }

  async related(note: RelatedTo, limit: number): Promise<NoteHit[]> {
    const query = buildRelatedSearch(note, limit, this.indexName);
    if (!query) return [];
    const [response] = await this.multiSearch([query], 'related notes');
    return rankRelated(note, response!, limit);
  }

  async recommendations(): Promise<RecommendationRecord[]> {
    const response = await this.call('recommendations', () =>
      this.client.index(this.indexName).search<RecommendationRecord>('', {
        filter: [`content_type = ${quoteFilterValue(POLICY_RECOMMENDATION)}`, NOTE_RECORDS],
        sort: ['title:asc'],
        limit: MAX_RECOMMENDATIONS,
        attributesToRetrieve: ['slug', 'title', 'summary', 'language', 'last_reviewed', 'audience', 'rests_on', 'implementation', 'translations'],
      }),
    );
    return response.hits
      .map((hit) => ({
        slug: hit.slug,
        title: hit.title,
        summary: hit.summary,
        language: hit.language,
        last_reviewed: hit.last_reviewed,
        audience: hit.audience ?? [],
        rests_on: hit.rests_on ?? [],
        implementation: hit.implementation ?? [],
        translations: hit.translations ?? {},
      }))
      .sort((a, b) => a.slug.localeCompare(b.slug));
  }

  async status(): Promise<IndexStatus> {
    const healthy = await this.client.isHealthy().catch(() => false);
    if (!healthy) return { reachable: false, indexPresent: false };
    try {
      // A search, not /stats: the web process holds a search-only key. The note records, one a note (section-records.ts).
      const result = await this.client.index(this.indexName).search('', { filter: NOTE_RECORDS, page: 1, hitsPerPage: 0 });
      return { reachable: true, indexPresent: true, documentCount: result.totalHits ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return { reachable: true, indexPresent: false };
      // An index built before note records existed cannot filter on them: it is present, and the
      // fingerprint check that follows has it rebuilt.
      if (error instanceof MeilisearchApiError && error.cause?.code === 'invalid_search_filter') return { reachable: true, indexPresent: true };
      throw new SearchEngineError('could not read the index status', { cause: error });
    }
  }

  /**
   * Builds now what searches of the knowledge base read at this moment share (the query rewriter over
   * every note's title and summary, a fresh memo), so that the first search after a change does not
   * wait for it: called at start and on every update of the knowledge.
   */
  prepare(): void {
    this.current();
  }

  /** The state for the knowledge base searched now: kept while its content hash holds, rebuilt when it changes. */
  private current(): KnowledgeState {
    if (!this.knowledge) return this.state!;
    const knowledge = this.knowledge();
    if (this.state?.contentHash !== knowledge.contentHash) {
      this.state = { contentHash: knowledge.contentHash, memo: new SearchMemo(), rewrite: knowledgeRewriter(knowledge.synonyms, knowledge.notes) };
    }
    return this.state;
  }

  /**
   * Queries asked in the same turn of the event loop travel in one multi-search: a results page asks
   * for its search and, for a jurisdiction, the count of the notes naming it at once, and one round
   * trip costs the app and the engine less than two. A turn is one request's own work (Node runs the
   * queued microtasks after each I/O callback), so requests of different readers are never joined.
   */
  protected multiSearch(queries: MultiSearchQuery[], what = 'search'): Promise<EngineResults> {
    let batch = this.batch;
    if (!batch) {
      const opened: MultiSearchBatch = { queries: [], parts: [] };
      batch = this.batch = opened;
      queueMicrotask(() => {
        this.batch = undefined;
        void this.sendBatch(opened);
      });
    }
    const from = batch.queries.length;
    batch.queries.push(...queries);
    return new Promise((resolve, reject) => batch.parts.push({ from, to: from + queries.length, what, resolve, reject }));
  }

  private batch: MultiSearchBatch | undefined;

  /** One round trip for the queries of a turn; each caller gets its own answers, or the error. */
  protected async sendBatch(batch: MultiSearchBatch): Promise<void> {
    const what = [...new Set(batch.parts.map((part) => part.what))].join(' and ');
    try {
      const { results } = await this.call(what, () => this.post<{ results: EngineResults }>('/multi-search', { queries: batch.queries }));
      for (const part of batch.parts) part.resolve(results.slice(part.from, part.to));
    } catch (error) {
      for (const part of batch.parts) part.reject(error);
    }
  }
}

type EngineResults = SearchResponse<Record<string, unknown>>[];

/** The queries of one turn and, for each caller, which answers are its own. */
export interface MultiSearchBatch {
  queries: MultiSearchQuery[];
  parts: Array<{ from: number; to: number; what: string; resolve: (results: EngineResults) => void; reject: (error: unknown) => void }>;
}

function isIndexNotFound(error: unknown): boolean {
  if (error instanceof EngineApiError) return error.code === 'index_not_found';
  const cause = error instanceof SearchEngineError ? error.cause : error;
  return cause instanceof MeilisearchApiError && cause.cause?.code === 'index_not_found';
}
