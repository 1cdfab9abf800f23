import { createHash, randomBytes } from 'node:crypto';
import type { EnqueuedTaskPromise, Settings } from 'meilisearch';
import type { SynonymGroups } from '../content/synonyms.js';
import { SearchEngineError } from '../errors.js';
import { authorityIndexOf, buildAuthorityIndexSettings, type AuthorityDocument } from './authority-document.js';
import { quoteFilterValue } from './build-multi-search.js';
import { NOTE_RECORDS } from './index-settings.js';
import { isNotFound, type MeilisearchOptions } from './meilisearch-connection.js';
import { MeilisearchNoteReader } from './meilisearch-note-reader.js';
import type { BatchesOf, NoteIndexWriter, ReindexProgress, StoredNote } from './note-index.js';
import type { SearchDocument } from './search-document.js';
import { toIndexRecords } from './section-records.js';
import { toWordRecords, wordRecordId, wordsIndexOf, WORDS_INDEX_SETTINGS } from './spelling-search.js';
import { WordCounter } from './suggest-spelling.js';
import { waitForTask } from './wait-for-task.js';
import { groupToken, synonymTagger, toTokenSynonymMap, type SynonymTagger } from './synonym-tokens.js';

/** A writer's options: the reader's, the settings a full reindex applies, and the synonym groups records are tagged with. */
export interface MeilisearchWriterOptions extends MeilisearchOptions {
  /** The settings a full reindex applies before adding documents. */
  settings?: Settings;
  synonyms?: SynonymGroups;
}

/** Section records per add-documents request (about 2 MB). */
export const RECORDS_PER_REQUEST = 500;
/** Words per add-documents request to the words index (tiny records). */
const WORDS_PER_REQUEST = 10_000;
/** Marks an index under construction: `<index>__build-<time>-<random>`. */
const BUILD_MARK = '__build-';
/** An index under construction this old was left by a run that crashed (50,000 notes take minutes). */
const ABANDONED_BUILD_MS = 6 * 3600_000;

/**
 * The write side of the NoteIndex port on Meilisearch: full reindex into a fresh index swapped in
 * atomically, incremental changes, the authorities and words indexes beside the notes, and the
 * fingerprint that says what the live index was built from. It searches as the reader does.
 */
export class MeilisearchNoteWriter extends MeilisearchNoteReader implements NoteIndexWriter {
  private readonly metaIndexName: string;
  private readonly authorityIndexName: string;
  private readonly wordsIndexName: string;
  private readonly settings: Settings | undefined;
  private readonly synonyms: SynonymGroups;
  /** Which synonym groups a record's text mentions (synonym-tokens.ts). */
  private readonly tagSynonyms: SynonymTagger;

  constructor(options: MeilisearchWriterOptions) {
    super(options);
    // The fingerprint of the last full reindex lives beside the index, in the engine, so every
    // process that uses this engine (embedded or external) sees the same answer.
    this.metaIndexName = `${options.indexName}__meta`;
    this.authorityIndexName = authorityIndexOf(options.indexName);
    this.wordsIndexName = wordsIndexOf(options.indexName);
    this.settings = options.settings;
    this.synonyms = options.synonyms ?? [];
    this.tagSynonyms = synonymTagger(toTokenSynonymMap(this.synonyms));
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
    await this.rebuild(
      this.indexName,
      withExactTokens(this.settings, this.synonyms),
      counted(),
      (document) => toIndexRecords(document, this.tagSynonyms),
      options,
    );
    const records = toWordRecords(words.vocabulary());
    await this.rebuild(this.wordsIndexName, WORDS_INDEX_SETTINGS, [records], (record) => [record], {
      total: records.length,
      recordsPerRequest: WORDS_PER_REQUEST,
    });
    await this.writeFingerprint(options.fingerprint);
  }

  async replaceAuthorities(documents: readonly AuthorityDocument[]): Promise<void> {
    const settings = buildAuthorityIndexSettings(this.synonyms, documents);
    await this.rebuild(this.authorityIndexName, settings, [documents], (document) => [document], { total: documents.length });
  }

  /**
   * Builds `indexName` afresh beside the live one from `batches` (each document becoming the records
   * `toRecords` makes: a note's note and section records, an authority as it is), verifies its
   * count, and swaps it in (or renames it, the first time).
   */
  private async rebuild<T>(
    indexName: string,
    settings: Settings,
    batches: BatchesOf<T>,
    toRecords: (document: T) => readonly object[],
    options: { total: number; onProgress?: ReindexProgress; recordsPerRequest?: number },
  ): Promise<void> {
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
        throw new SearchEngineError(
          `${next} holds ${stats.numberOfDocuments} records of ${done} documents, expected ${records} of ${options.total}; the live index was left untouched`,
        );
      }
      const live = await this.call('look up the live index', () =>
        this.client.getIndex(indexName).then(
          () => true,
          (error) => {
            if (isNotFound(error)) return false;
            throw error;
          },
        ),
      );
      // The first time, rename the new index (rename takes [from, to]) instead of swapping it with
      // an empty one: readiness must never see an index that exists but has not been filled yet.
      const swapped = await this.waitFor(
        'swap the new index in',
        this.client.swapIndexes([live ? { indexes: [indexName, next], rename: false } : { indexes: [next, indexName], rename: true }]),
        { allowFailure: !live },
      );
      // Another build renamed its index in first: this one swaps with it instead, and both were complete.
      if (swapped.status !== 'succeeded') await this.waitFor('swap the new index in', this.client.swapIndexes([{ indexes: [indexName, next], rename: false }]));
    } catch (error) {
      // A failed build is dropped at once; the live index was never touched.
      await waitForTask(this.client, this.client.deleteIndex(next), { timeoutMs: this.taskTimeoutMs }).catch(() => undefined);
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
  private async sendRecords(
    indexName: string,
    records: readonly object[],
    onSent: (task: EnqueuedTaskPromise, last: boolean) => void,
    perRequest = RECORDS_PER_REQUEST,
  ): Promise<void> {
    for (let start = 0; start < records.length; start += perRequest) {
      const task = this.client.index(indexName).addDocuments(records.slice(start, start + perRequest) as Array<Record<string, unknown>>, { primaryKey: 'id' });
      await this.call(`send documents to ${indexName}`, () => task);
      onSent(task, start + perRequest >= records.length);
    }
  }

  async upsert(document: SearchDocument): Promise<void> {
    // An edit may remove sections: drop the note's old records first (the engine runs tasks in order).
    await this.remove(document.slug);
    await this.waitFor(
      `index ${document.slug}`,
      this.client.index(this.indexName).addDocuments(toIndexRecords(document, this.tagSynonyms), { primaryKey: 'id' }),
    );
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
      await this.waitFor(
        'add words',
        this.client.index(this.wordsIndexName).updateDocuments(records.slice(start, start + WORDS_PER_REQUEST), { primaryKey: 'id' }),
      );
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
      const page = await this.call('read stored records', () =>
        this.client
          .index(this.indexName)
          .getDocuments<{ id: string; slug: string; source_hash?: string }>({ fields: ['id', 'slug', 'source_hash'], offset, limit }),
      );
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

  // The synonym groups count as settings: the records carry their tokens, so a change rebuilds.
  private settingsDigest(): string {
    return createHash('sha256')
      .update(JSON.stringify({ settings: this.settings ?? {}, synonyms: this.synonyms }))
      .digest('base64url');
  }

  private async writeFingerprint(fingerprint: string): Promise<void> {
    await this.waitFor(
      'record the index fingerprint',
      this.client
        .index(this.metaIndexName)
        .addDocuments([{ id: 'index', fingerprint, settings: this.settingsDigest(), indexedAt: new Date().toISOString() }], { primaryKey: 'id' }),
    );
  }
}

/**
 * The notes index's settings with no typo allowed on the synonym groups' tokens: the query carries
 * them (synonym-tokens.ts), and "qqsynn" is one typo from "qqsynm", another group's token. Pure.
 */
function withExactTokens(settings: Settings, synonyms: SynonymGroups): Settings {
  const tokens = synonyms.map((_, index) => groupToken(index));
  return { ...settings, typoTolerance: { ...settings.typoTolerance, disableOnWords: [...(settings.typoTolerance?.disableOnWords ?? []), ...tokens] } };
}

/** What "Did you mean" reads of a note: the words the old in-memory vocabulary counted. */
function countWords(words: WordCounter, document: SearchDocument): void {
  words.add(document.title);
  words.add(document.summary);
  words.add(document.body);
}
