import { createHash, randomBytes } from 'node:crypto';
import { Meilisearch, MeilisearchApiError, type EnqueuedTaskPromise, type MultiSearchQuery, type SearchResponse, type Settings, type Task } from 'meilisearch';
import { SearchEngineError } from '../errors.js';
import {
  buildCountSearch, buildMultiSearch, buildRelatedSearch, buildRelaxedSearch, queryWords, quoteFilterValue, rankRelated, readCountSearch, readMultiSearch, readRelaxedSearch, universeKey,
} from './build-multi-search.js';
import { buildAuthorityIndexSettings, type AuthorityDocument } from './authority-document.js';
import { MAX_RECOMMENDATIONS, type StoredNote, type BatchesOf, type AuthorityHit, type CountRequest, type CountResult, type FacetCounts, type IndexStatus, type NoteHit, type NoteIndexWriter, type NoteQuery, type NoteSearchResult, type RecommendationRecord, type ReindexProgress, type RelatedTo } from './note-index.js';
import { POLICY_RECOMMENDATION } from '../content/note-schema.js';
import type { SearchDocument } from './search-document.js';
import { toIndexRecords } from './section-records.js';
import { groupsOfTokenMap, synonymTagger, type SynonymTagger } from './synonym-tokens.js';
import { NOTE_RECORDS } from './index-settings.js';
import { readSpellingAnswer, spellingQuery, toWordRecords, wordRecordId, wordsIndexOf, WORDS_INDEX_SETTINGS } from './spelling-search.js';
import type { SearchMemo } from './search-memo.js';
import { correctSpelling, spellingCandidates, WordCounter } from './suggest-spelling.js';
import { waitForTask } from './wait-for-task.js';
import { createEnginePost, EngineApiError, type EnginePost } from './engine-http.js';

/** How to reach the engine and which index to use. */
export interface MeilisearchOptions {
  host: string;
  /** Admin key for a writer, search key for the web app; undefined for an engine without a master key. */
  apiKey: string | undefined;
  indexName: string;
  /** The settings a full reindex applies before adding documents. */
  settings?: Settings;
  /** Per-request timeout in milliseconds. */
  requestTimeoutMs?: number;
  /** How long to wait for a write task (indexing 50k notes takes minutes). */
  taskTimeoutMs?: number;
}

/** How long a write task may take by default: indexing 50,000 notes takes minutes. */
const DEFAULT_TASK_TIMEOUT_MS = 600_000;

/**
 * Creates a Meilisearch client that asks for uncompressed responses. With gzip, Meilisearch writes
 * headers and body in separate packets, and on a keep-alive connection the body waits for the
 * client's delayed ACK: about 40 ms added to every search (reference/perf.md).
 */
export function createMeilisearchClient(host: string, apiKey: string | undefined, timeout = 5_000, taskTimeout = DEFAULT_TASK_TIMEOUT_MS): Meilisearch {
  return new Meilisearch({
    host,
    ...(apiKey ? { apiKey } : {}),
    timeout,
    requestInit: { headers: { 'Accept-Encoding': 'identity' } },
    defaultWaitOptions: { timeout: taskTimeout, interval: 50 },
  });
}

/** Section records per add-documents request (about 2 MB). */
export const RECORDS_PER_REQUEST = 500;

/** The NoteIndex port on Meilisearch: multi-search with disjunctive facets, atomic full reindex, checked writes. */
export class MeilisearchNoteIndex implements NoteIndexWriter {
  readonly client: Meilisearch;
  /** The searches' own path to the engine (engine-http.ts); writes and administration go through the client. */
  private readonly post: EnginePost;
  private readonly indexName: string;
  private readonly metaIndexName: string;
  private readonly authorityIndexName: string;
  private readonly wordsIndexName: string;
  private readonly settings: Settings | undefined;
  /** Which synonym groups a record's text mentions (synonym-tokens.ts), from `settings`. */
  private readonly tagSynonyms: SynonymTagger;
  private readonly taskTimeoutMs: number;

  constructor(options: MeilisearchOptions) {
    this.taskTimeoutMs = options.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS;
    this.client = createMeilisearchClient(options.host, options.apiKey, options.requestTimeoutMs, options.taskTimeoutMs);
    this.post = createEnginePost(options.host, options.apiKey, options.requestTimeoutMs);
    this.indexName = options.indexName;
    // The fingerprint of the last full reindex lives beside the index, in the engine, so every
    // process that uses this engine (embedded or external) sees the same answer.
    this.metaIndexName = `${options.indexName}__meta`;
    this.authorityIndexName = authorityIndexOf(options.indexName);
    this.wordsIndexName = wordsIndexOf(options.indexName);
    this.settings = options.settings;
    this.tagSynonyms = synonymTagger(options.settings?.synonyms ?? {});
  }

  /**
   * The notes, with every facet count the page shows, and, for words, the authorities they name (on
   * the first page) and "Did you mean" (from the words index), all in one round trip. An engine
   * indexed before authorities or the words index existed has no such index: the notes are still
   * answered.
   */
  async search(query: NoteQuery, memo?: SearchMemo): Promise<NoteSearchResult> {
    const request = buildSearchRequest(query, this.indexName, memo);
    let results: SearchResponse<Record<string, unknown>>[];
    let extras = true;
    try {
      results = await this.multiSearch(request.queries);
    } catch (error) {
      if (request.queries.length === request.page || !isIndexNotFound(error)) throw error;
      results = await this.multiSearch(request.queries.slice(0, request.page));
      extras = false;
    }
    const asked = extras && request.authorities ? results[request.page]!.hits.map(toAuthorityHit) : undefined;
    if (memo && asked) memo.authorities.set(query.text, asked);
    const authorities = asked ?? request.knownAuthorities;
    const didYouMean = extras ? readCorrections(query.text, request.spellingWords, results.slice(request.queries.length - request.spellingWords.length), memo) : undefined;
    const page = readMultiSearch(query, results.slice(0, request.page), request.knownUniverse);
    if (memo && page.universe && !request.knownUniverse) memo.universes.set(universeKey(query), page.universe);
    const found = { ...page, ...(authorities ? { authorities } : {}), ...(didYouMean ? { didYouMean } : {}) };
    // No dead ends: when nothing matches every word, ask again without the words no note contains.
    // A second round trip, paid only by searches that found nothing.
    if (found.totalHits > 0 || queryWords(query.text).length < 2) return found;
    const retry = await this.multiSearch(buildRelaxedSearch(query, this.indexName));
    const relaxed = readRelaxedSearch(query, retry);
    return relaxed.relaxed ? { ...relaxed, ...(authorities ? { authorities } : {}), ...(didYouMean ? { didYouMean } : {}) } : found;
  }

  private async multiSearch(queries: MultiSearchQuery[], what = 'search'): Promise<SearchResponse<Record<string, unknown>>[]> {
    const response = await this.call(what, () => this.post<{ results: SearchResponse<Record<string, unknown>>[] }>('/multi-search', { queries }));
    return response.results;
  }

  async count(requests: readonly CountRequest[]): Promise<CountResult[]> {
    if (requests.length === 0) return [];
    return readCountSearch(await this.multiSearch(buildCountSearch(requests, this.indexName), 'count'));
  }

  async related(note: RelatedTo, limit: number): Promise<NoteHit[]> {
    const query = buildRelatedSearch(note, limit, this.indexName);
    if (!query) return [];
    const [response] = await this.multiSearch([query], 'related notes');
    return rankRelated(note, response!, limit);
  }

  async recommendations(): Promise<RecommendationRecord[]> {
    const response = await this.call('recommendations', () => this.client.index(this.indexName).search<RecommendationRecord>('', {
      filter: [`content_type = ${quoteFilterValue(POLICY_RECOMMENDATION)}`, NOTE_RECORDS],
      sort: ['title:asc'],
      limit: MAX_RECOMMENDATIONS,
      attributesToRetrieve: ['slug', 'title', 'summary', 'language', 'last_reviewed', 'audience', 'rests_on', 'implementation', 'translations'],
    }));
    return response.hits.map((hit) => ({
      slug: hit.slug, title: hit.title, summary: hit.summary, language: hit.language, last_reviewed: hit.last_reviewed,
      audience: hit.audience ?? [], rests_on: hit.rests_on ?? [], implementation: hit.implementation ?? [], translations: hit.translations ?? {},
    })).sort((a, b) => a.slug.localeCompare(b.slug));
  }

  async status(): Promise<IndexStatus> {
    const healthy = await this.client.isHealthy().catch(() => false);
    if (!healthy) return { reachable: false, indexPresent: false };
    try {
      // A search, not /stats: the web process holds a search-only key.
      // The note records, one a note (section-records.ts).
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

  async fingerprint(): Promise<string | undefined> {
    try {
      const doc = await this.client.index(this.metaIndexName).getDocument('index');
      return typeof doc.fingerprint === 'string' ? doc.fingerprint : undefined;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw new SearchEngineError('could not read the index fingerprint', { cause: error });
    }
  }

  async replaceAll(batches: BatchesOf<SearchDocument>, options: { total: number; fingerprint: string; onProgress?: ReindexProgress }): Promise<void> {
    if (!this.settings) throw new Error('replaceAll needs index settings');
    // The words of every note are counted as its records are built, for "Did you mean" (spelling-search.ts).
    const words = new WordCounter();
    const counted = async function* (): AsyncGenerator<readonly SearchDocument[]> {
      for await (const batch of batches) {
        for (const document of batch) countWords(words, document);
        yield batch;
      }
    };
    await this.rebuild(this.indexName, this.settings, counted(), (document) => toIndexRecords(document, this.tagSynonyms), options);
    const records = toWordRecords(words.vocabulary());
    await this.rebuild(this.wordsIndexName, WORDS_INDEX_SETTINGS, [records], (record) => [record], { total: records.length, recordsPerRequest: WORDS_PER_REQUEST });
    await this.writeFingerprint(options.fingerprint);
  }

  async replaceAuthorities(documents: readonly AuthorityDocument[]): Promise<void> {
    const settings = buildAuthorityIndexSettings(groupsOfTokenMap(this.settings?.synonyms ?? {}).values(), documents);
    await this.rebuild(this.authorityIndexName, settings, [documents], (document) => [document], { total: documents.length });
  }

  /**
   * Builds `indexName` afresh beside the live one from `batches` (each document becoming the records
   * `toRecords` makes: a note's note and section records, an authority as it is), verifies its
   * count, and swaps it in (or renames it, the first time).
   */
  private async rebuild<T>(indexName: string, settings: Settings, batches: BatchesOf<T>, toRecords: (document: T) => readonly object[], options: { total: number; onProgress?: ReindexProgress; recordsPerRequest?: number }): Promise<void> {
    // A name of its own for the index under construction: replicas that start together, or an
    // `npm run index` beside a starting server, build side by side and never delete each other's.
    // What a crashed run left behind is dropped once it is clearly abandoned.
    await this.dropAbandonedBuilds(indexName);
    const next = `${indexName}${BUILD_MARK}${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
    try {
      await this.waitFor(`create ${next}`, this.client.createIndex(next, { primaryKey: 'id' }));
      await this.waitFor(`apply settings to ${next}`, this.client.index(next).updateSettings(settings));

      // Each batch is sent without waiting for the previous one to be indexed: the engine queues and
      // merges them while the next batch renders. The tasks are then awaited one by one, in order (the
      // engine runs them in order): waiting on all at once had a hundred pollers hitting the engine.
      const sent: Array<{ task: EnqueuedTaskPromise; size: number }> = [];
      let records = 0;
      options.onProgress?.(0, options.total);
      for await (const batch of batches) {
        if (batch.length === 0) continue;
        const batchRecords = batch.flatMap(toRecords);
        records += batchRecords.length;
        await this.sendRecords(next, batchRecords, (task, last) => sent.push({ task, size: last ? batch.length : 0 }), options.recordsPerRequest);
      }
      let done = 0;
      for (const { task, size } of sent) {
        await this.waitFor(`add documents to ${next}`, task);
        done += size;
        options.onProgress?.(done, options.total);
      }

      const stats = await this.call('read stats', () => this.client.index(next).getStats());
      if (stats.numberOfDocuments !== records || done !== options.total) {
        throw new SearchEngineError(`${next} holds ${stats.numberOfDocuments} records of ${done} documents, expected ${records} of ${options.total}; the live index was left untouched`);
      }
      const live = await this.call('look up the live index', () => this.client.getIndex(indexName).then(() => true, (error) => {
        if (isNotFound(error)) return false;
        throw error;
      }));
      // The first time, rename the new index (rename takes [from, to]) instead of swapping it with
      // an empty one: readiness must never see an index that exists but has not been filled yet.
      const swapped = await this.waitFor('swap the new index in', this.client.swapIndexes([live
        ? { indexes: [indexName, next], rename: false }
        : { indexes: [next, indexName], rename: true }]), { allowFailure: !live });
      // Another build renamed its index in first: this one swaps with it instead, and both were complete.
      if (swapped.status !== 'succeeded') await this.waitFor('swap the new index in', this.client.swapIndexes([{ indexes: [indexName, next], rename: false }]));
    } catch (error) {
      // A failed build is dropped at once; the live index was never touched.
      await this.client.deleteIndex(next).waitTask().catch(() => undefined);
      throw error;
    }
    await this.waitFor('drop the previous index', this.client.deleteIndex(next), { allowNotFound: true });
  }

  /** Drops indexes under construction (ours or another process's) that are older than any build takes. */
  private async dropAbandonedBuilds(indexName: string): Promise<void> {
    const { results } = await this.call('list indexes', () => this.client.getIndexes({ limit: 1000 }));
    const cutoff = Date.now() - ABANDONED_BUILD_MS;
    for (const index of results) {
      if (!index.uid.startsWith(`${indexName}${BUILD_MARK}`) || !index.createdAt || new Date(index.createdAt).getTime() > cutoff) continue;
      await this.waitFor(`drop abandoned ${index.uid}`, this.client.deleteIndex(index.uid), { allowNotFound: true });
    }
  }

  /**
   * Sends records in requests of RECORDS_PER_REQUEST: a batch of notes is several thousand section
   * records (16 MB for 500 generated notes), and sent whole, the engine, busy indexing the previous
   * batch, did not accept it within the request timeout. Smaller requests are each accepted at once.
   */
  private async sendRecords(indexName: string, records: readonly object[], onSent: (task: EnqueuedTaskPromise, last: boolean) => void, perRequest = RECORDS_PER_REQUEST): Promise<void> {
    for (let start = 0; start < records.length; start += perRequest) {
      const task = this.client.index(indexName).addDocuments(records.slice(start, start + perRequest) as Array<Record<string, unknown>>, { primaryKey: 'id' });
      await this.call(`send documents to ${indexName}`, () => task);
      onSent(task, start + perRequest >= records.length);
    }
  }

  async upsert(document: SearchDocument): Promise<void> {
    // An edit may remove sections: drop the note's old records first (the engine runs tasks in order).
    await this.remove(document.slug);
    await this.waitFor(`index ${document.slug}`, this.client.index(this.indexName).addDocuments(toIndexRecords(document, this.tagSynonyms), { primaryKey: 'id' }));
    await this.addWords([document]);
  }

  /**
   * Adds the words of edited notes to the words index, keeping the counts of words it already holds
   * (a partial update). Words that only a removed or edited text used stay until the next full
   * index: "Did you mean" may then offer a word no note uses any more, which finds nothing worse
   * than the typo did.
   */
  private async addWords(documents: readonly SearchDocument[]): Promise<void> {
    const words = new WordCounter();
    for (const document of documents) countWords(words, document);
    const records = [...words.vocabulary().keys()].map((word) => ({ id: wordRecordId(word), word }));
    for (let start = 0; start < records.length; start += WORDS_PER_REQUEST) {
      await this.waitFor('add words', this.client.index(this.wordsIndexName).updateDocuments(records.slice(start, start + WORDS_PER_REQUEST), { primaryKey: 'id' }));
    }
  }

  async remove(slug: string): Promise<void> {
    await this.waitFor(`remove ${slug}`, this.client.index(this.indexName).deleteDocuments({ filter: `slug = ${quoteFilterValue(slug)}` }));
  }

  /** How many notes the live index holds (for tests and audits; the engine itself holds one record per section). */
  async documentCount(): Promise<number> {
    const result = await this.call('count notes', () => this.client.index(this.indexName).search('', { filter: NOTE_RECORDS, page: 1, hitsPerPage: 0 }));
    return result.totalHits ?? 0;
  }

  async storedSources(): Promise<Map<string, StoredNote>> {
    const stored = new Map<string, StoredNote>();
    const limit = 5_000;
    for (let offset = 0; ; offset += limit) {
      const page = await this.call('read stored records', () => this.client.index(this.indexName).getDocuments<{ id: string; slug: string; source_hash?: string }>({ fields: ['id', 'slug', 'source_hash'], offset, limit }));
      for (const record of page.results) {
        const note = stored.get(record.slug) ?? { ids: [], hashes: new Set<string>() };
        note.ids.push(record.id);
        note.hashes.add(record.source_hash ?? '');
        stored.set(record.slug, note);
      }
      if (page.results.length < limit) return stored;
    }
  }

  async settingsMatch(): Promise<boolean> {
    try {
      const doc = await this.client.index(this.metaIndexName).getDocument('index');
      return doc.settings === this.settingsDigest();
    } catch (error) {
      if (isNotFound(error)) return false;
      throw new SearchEngineError('could not read the index settings digest', { cause: error });
    }
  }

  async applyChanges(changes: { upserts: BatchesOf<SearchDocument>; removeIds: () => readonly string[]; fingerprint: string }): Promise<void> {
    // A note is several records (section-records.ts): the ids written here are kept even when the
    // caller, who knows notes, not records, names them among the note's old ids.
    const written = new Set<string>();
    for await (const batch of changes.upserts) {
      const records = batch.flatMap((document) => toIndexRecords(document, this.tagSynonyms));
      for (const record of records) written.add(record.id);
      const sent: EnqueuedTaskPromise[] = [];
      await this.sendRecords(this.indexName, records, (task) => sent.push(task));
      for (const task of sent) await this.waitFor('add changed records', task);
      await this.addWords(batch);
    }
    const removeIds = changes.removeIds().filter((id) => !written.has(id));
    for (let start = 0; start < removeIds.length; start += 1_000) {
      await this.waitFor('remove records', this.client.index(this.indexName).deleteDocuments([...removeIds.slice(start, start + 1_000)]));
    }
    await this.writeFingerprint(changes.fingerprint);
  }

  private settingsDigest(): string {
    return createHash('sha256').update(JSON.stringify(this.settings ?? {})).digest('base64url');
  }

  private async writeFingerprint(fingerprint: string): Promise<void> {
    await this.waitFor('record the index fingerprint',
      this.client.index(this.metaIndexName).addDocuments([{ id: 'index', fingerprint, settings: this.settingsDigest(), indexedAt: new Date().toISOString() }], { primaryKey: 'id' }));
  }

  /** Waits for a write task and checks its final status: a failed task resolves, it does not throw. */
  private async waitFor(what: string, enqueued: EnqueuedTaskPromise, options: { allowNotFound?: boolean; allowFailure?: boolean } = {}): Promise<Task> {
    const task = await this.call(what, () => waitForTask(this.client, enqueued, { timeoutMs: this.taskTimeoutMs }));
    if (task.status === 'succeeded' || options.allowFailure) return task;
    if (options.allowNotFound && task.error?.code === 'index_not_found') return task;
    throw new SearchEngineError(`${what}: task ${task.uid} ${task.status}${task.error ? ` (${task.error.code}: ${task.error.message})` : ''}`, { cause: task.error ?? task });
  }

  private async call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof SearchEngineError) throw error;
      const code = error instanceof MeilisearchApiError && error.cause?.code ? ` (${error.cause.code})` : '';
      throw new SearchEngineError(`${what} failed: ${error instanceof Error ? error.message : String(error)}${code}`, { cause: error });
    }
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof MeilisearchApiError && error.response.status === 404;
}

/** Words per add-documents request to the words index (tiny records). */
const WORDS_PER_REQUEST = 10_000;

/** What "Did you mean" reads of a note: the words the old in-memory vocabulary counted. */
function countWords(words: WordCounter, document: SearchDocument): void {
  words.add(document.title);
  words.add(document.summary);
  words.add(document.body);
}

/**
 * Everything one search asks the engine, in one multi-search: the page (buildMultiSearch), then the
 * authorities the words name (first page only), then one query per word "Did you mean" checks. What
 * `memo` already holds for these words (their facet lists, their authorities, a word's answer) is
 * not asked again.
 * `page` says how many queries the page has, `spellingWords` which words are checked. The
 * benchmark's direct side sends exactly this. Pure.
 */
export function buildSearchRequest(query: NoteQuery, indexName: string, memo?: SearchMemo): {
  queries: MultiSearchQuery[]; page: number; authorities: boolean; spellingWords: string[]; knownUniverse: FacetCounts | undefined;
  knownAuthorities: AuthorityHit[] | undefined;
} {
  const knownUniverse = memo?.universes.get(universeKey(query));
  const page = buildMultiSearch(query, indexName, { withUniverse: knownUniverse === undefined });
  // Authorities are shown on the first page of results only.
  const shown = query.text.trim() !== '' && query.page === 1;
  const knownAuthorities = shown ? memo?.authorities.get(query.text) : undefined;
  const authorities = shown && knownAuthorities === undefined;
  const spellingWords = query.text ? spellingCandidates(query.text).filter((word) => !memo?.corrections.has(word)) : [];
  return {
    queries: [
      ...page,
      ...(authorities ? [{ indexUid: authorityIndexOf(indexName), q: query.text, limit: AUTHORITY_HITS, matchingStrategy: 'all' as const,
        attributesToRetrieve: ['id', 'title', 'citation', 'url', 'kind', 'status'] }] : []),
      ...spellingWords.map((word) => spellingQuery(word, wordsIndexOf(indexName))),
    ],
    page: page.length,
    authorities,
    spellingWords,
    knownUniverse,
    knownAuthorities,
  };
}

/** "Did you mean" for a text from the words just checked and, for the others, what `memo` holds (keeping the new answers there). */
function readCorrections(text: string, checked: readonly string[], responses: readonly SearchResponse<Record<string, unknown>>[], memo: SearchMemo | undefined): string | undefined {
  const answers = new Map(checked.map((word, index) => [word, readSpellingAnswer(word, responses[index])]));
  for (const [word, answer] of answers) memo?.corrections.set(word, answer);
  return correctSpelling(text, (word) => answers.get(word) ?? memo?.corrections.get(word));
}

const AUTHORITY_HITS = 3;
/** Marks an index under construction: `<index>__build-<time>-<random>`. */
const BUILD_MARK = '__build-';
/** An index under construction this old was left by a run that crashed (50,000 notes take minutes). */
const ABANDONED_BUILD_MS = 6 * 3600_000;

/** The index that holds the authorities beside a notes index. */
export function authorityIndexOf(indexName: string): string {
  return `${indexName}__authorities`;
}

function isIndexNotFound(error: unknown): boolean {
  if (error instanceof EngineApiError) return error.code === 'index_not_found';
  const cause = error instanceof SearchEngineError ? error.cause : error;
  return cause instanceof MeilisearchApiError && cause.cause?.code === 'index_not_found';
}

function toAuthorityHit(hit: Record<string, unknown>): AuthorityHit {
  return {
    id: String(hit.id), title: String(hit.title), citation: String(hit.citation),
    url: typeof hit.url === 'string' ? hit.url : null, kind: String(hit.kind), status: String(hit.status),
  };
}

/**
 * A key that can only search this index, so the web process never holds the admin key. Reuses the
 * key it created before (keys are identified by a fixed uid derived from the name).
 */
export async function obtainSearchKey(admin: Meilisearch, indexName: string): Promise<string> {
  // The name changed when the authorities index, then the words index, were added beside the notes: an older key cannot read them.
  const name = `casebook-search-${indexName}-with-authorities-and-words`;
  try {
    const { results } = await admin.getKeys({ limit: 1000 });
    const existing = results.find((key) => key.name === name);
    if (existing) return existing.key;
    const created = await admin.createKey({ name, description: 'Casebook web app: search only', actions: ['search'], indexes: [indexName, authorityIndexOf(indexName), wordsIndexOf(indexName)], expiresAt: null });
    return created.key;
  } catch (error) {
    throw new SearchEngineError(`could not obtain a search-only key: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
