import { inject } from 'vitest';
import { buildKnowledgeBase } from '../../server/content/build-knowledge-base.js';
import type { KnowledgeBase } from '../../server/content/knowledge-base.js';
import { buildIndexSettings } from '../../server/search/index-settings.js';
import type { MultiSearchQuery, SearchResponse } from 'meilisearch';
import type { SearchKnowledge } from '../../server/search/meilisearch-connection.js';
import { MeilisearchNoteReader, type MultiSearchBatch } from '../../server/search/meilisearch-note-reader.js';
import { MeilisearchNoteWriter } from '../../server/search/meilisearch-note-writer.js';
import type { NoteQuery } from '../../server/search/note-index.js';
import { fixtureKnowledgeFiles } from '../fixtures/fixture-files.js';

/** Today as the fixtures were written for: section-28-cross-examination is due for review. */
export const TODAY = '2026-11-28';

/** The fixture knowledge base, built as the indexer builds it. */
export async function fixtureKnowledgeBase(): Promise<KnowledgeBase> {
  const { knowledgeBase, problems } = buildKnowledgeBase(await fixtureKnowledgeFiles(), TODAY);
  if (!knowledgeBase || problems.length > 0) throw new Error(`fixture knowledge base is invalid: ${JSON.stringify(problems)}`);
  return knowledgeBase;
}

/** A writer on the suite's engine, with an index name of its own so test files never share state. */
export function engineWriter(indexName: string, knowledgeBase?: KnowledgeBase): MeilisearchNoteWriter {
  return new MeilisearchNoteWriter({
    host: inject('meiliUrl'),
    apiKey: inject('meiliKey'),
    indexName,
    settings: buildIndexSettings(),
    synonyms: knowledgeBase?.synonyms ?? [],
  });
}

/** A reader of the suite's engine that follows `knowledge` (as the web app's does) and records how many queries each call asked, and each round trip. */
export class CountingReader extends MeilisearchNoteReader {
  readonly asked: number[] = [];
  readonly trips: number[] = [];

  constructor(indexName: string, knowledge: () => SearchKnowledge) {
    super({ host: inject('meiliUrl'), apiKey: inject('meiliKey'), indexName, knowledge });
  }

  protected override async multiSearch(queries: MultiSearchQuery[], what?: string): Promise<SearchResponse<Record<string, unknown>>[]> {
    this.asked.push(queries.length);
    return super.multiSearch(queries, what);
  }

  protected override async sendBatch(batch: MultiSearchBatch): Promise<void> {
    this.trips.push(batch.queries.length);
    return super.sendBatch(batch);
  }
}

/** A query with defaults, changing only what a test cares about. */
export function noteQuery(text: string, filters: NoteQuery['filters'] = {}, extra: Partial<NoteQuery> = {}): NoteQuery {
  return { text, filters, sort: 'relevance', page: 1, hitsPerPage: 20, ...extra };
}
