import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isError } from '../../server/content/content-problem.js';
import { loadKnowledge } from '../../server/knowledge/load-knowledge.js';
import { startOrJoinEmbeddedEngine } from '../../server/search/embedded-meilisearch.js';
import { buildIndexSettings } from '../../server/search/index-settings.js';
import { MeilisearchNoteWriter } from '../../server/search/meilisearch-note-writer.js';
import { reindex, searchDocumentBatches } from '../../server/search/reindex.js';
import type { SearchDocument } from '../../server/search/search-document.js';
import { toIndexRecords } from '../../server/search/section-records.js';
import { synonymTagger, toTokenSynonymMap } from '../../server/search/synonym-tokens.js';
import { readEngineBatches, type EngineBatchSummary } from './engine-batches.js';
import { generateKnowledge } from './generate-knowledge.js';

/** What `npm run bench -- --index-only` measures: the npm run index path alone, on generated notes. */
export interface IndexingReport {
  notes: number;
  /** Load, validate, render and index, as `npm run index` does (fresh index, swapped in). */
  seconds: number;
  /** Of which loading and validating the notes (the rest is rendering, sending and the engine's work). */
  load_s: number;
  /** What the engine holds: one record per note and one per section. */
  records: number;
  /** The records' mean size as JSON, in bytes (over the first batch of notes). */
  record_bytes: number;
  /** The engine's own account of the notes index's build: its batches and where their time went. */
  engine: EngineBatchSummary;
  /** CPU seconds spent by this process (load, render, send) and by the engine during the build: less noisy than wall time on a shared machine. */
  app_cpu_s: number;
  engine_cpu_s: number;
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
    const enginePid = (JSON.parse(readFileSync(path.join(work, 'engine', 'meilisearch', 'engine.json'), 'utf8')) as { pid: number }).pid;
    const engineCpuBefore = cpuSeconds(enginePid);
    const appCpuBefore = process.cpuUsage();
    const started = performance.now();
    const { knowledgeBase, problems } = await loadKnowledge(knowledgeDir);
    if (!knowledgeBase || problems.some(isError)) throw new Error(`generated notes have problems: ${JSON.stringify(problems.slice(0, 2))}`);
    const load_s = (performance.now() - started) / 1000;
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
    const appCpu = process.cpuUsage(appCpuBefore);
    const engine_cpu_s = cpuSeconds(enginePid) - engineCpuBefore;
    const stats = await writer.client.getStats();
    const tagSynonyms = synonymTagger(toTokenSynonymMap(knowledgeBase.synonyms));
    const first = await searchDocumentBatches(knowledgeBase, new Date().toISOString().slice(0, 10)).next();
    const sample: readonly SearchDocument[] = first.done ? [] : first.value;
    const sampleRecords = sample.flatMap((document) => toIndexRecords(document, tagSynonyms));
    return {
      notes: knowledgeBase.notes.length,
      seconds: Math.round(seconds * 10) / 10,
      load_s: Math.round(load_s * 10) / 10,
      app_cpu_s: Math.round((appCpu.user + appCpu.system) / 1e5) / 10,
      engine_cpu_s: Math.round(engine_cpu_s * 10) / 10,
      records: stats.indexes.notes?.numberOfDocuments ?? 0,
      record_bytes: Math.round(sampleRecords.reduce((sum, record) => sum + Buffer.byteLength(JSON.stringify(record)), 0) / Math.max(sampleRecords.length, 1)),
      engine: await readEngineBatches(engine.url, engine.masterKey, 'notes__build-'),
      database_mb: Math.round(stats.databaseSize / 1e6),
      warnings,
    };
  } finally {
    process.off('warning', onWarning);
    await engine.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

/** A process's CPU time so far (user and system, from /proc), in seconds. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
