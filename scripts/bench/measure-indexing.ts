import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isError } from '../../server/content/content-problem.js';
import { loadKnowledge } from '../../server/knowledge/load-knowledge.js';
import { startOrJoinEmbeddedEngine } from '../../server/search/embedded-meilisearch.js';
import { buildIndexSettings } from '../../server/search/index-settings.js';
import { MeilisearchNoteWriter } from '../../server/search/meilisearch-note-writer.js';
import { reindex } from '../../server/search/reindex.js';
import { generateKnowledge } from './generate-knowledge.js';

/** What `npm run bench -- --index-only` measures: the npm run index path alone, on generated notes. */
export interface IndexingReport {
  notes: number;
  /** Load, validate, render and index, as `npm run index` does (fresh index, swapped in). */
  seconds: number;
  /** What the engine holds: one record per note and one per section. */
  records: number;
  /** The engine's database after the build, in MB. */
  database_mb: number;
  /** Node warnings printed while indexing (a MaxListenersExceededWarning would show here). */
  warnings: string[];
}

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

/** Generates `notes` notes, indexes them once through the pipeline on a fresh embedded engine, and reports. */
export async function measureIndexing(notes: number, log: (line: string) => void): Promise<IndexingReport> {
  const work = mkdtempSync(path.join(tmpdir(), 'casebook-index-bench-'));
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
  process.on('warning', onWarning);
  const engine = await startOrJoinEmbeddedEngine({ dataDir: path.join(work, 'engine') });
  try {
    log(`generating ${notes} notes in ${work}`);
    const knowledgeDir = generateKnowledge(work, notes, path.join(ROOT, 'knowledge'));
    log('indexing through the pipeline');
    const started = performance.now();
    const { knowledgeBase, problems } = await loadKnowledge(knowledgeDir);
    if (!knowledgeBase || problems.some(isError)) throw new Error(`generated notes have problems: ${JSON.stringify(problems.slice(0, 2))}`);
    const writer = new MeilisearchNoteWriter({
      host: engine.url,
      apiKey: engine.masterKey,
      indexName: 'notes',
      settings: buildIndexSettings(),
      synonyms: knowledgeBase.synonyms,
      taskTimeoutMs: 3_600_000,
    });
    await reindex(writer, knowledgeBase, new Date().toISOString().slice(0, 10));
    const seconds = (performance.now() - started) / 1000;
    const stats = await writer.client.getStats();
    return {
      notes: knowledgeBase.notes.length,
      seconds: Math.round(seconds * 10) / 10,
      records: stats.indexes.notes?.numberOfDocuments ?? 0,
      database_mb: Math.round(stats.databaseSize / 1e6),
      warnings,
    };
  } finally {
    process.off('warning', onWarning);
    await engine.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
