/**
 * Composition root: config → knowledge base → createApp → listen → search engine (embedded or
 * external) → search-only key → index freshness; graceful shutdown. The only place that wires
 * things together. The app listens before the engine is ready: guidance pages are served from
 * memory at once, search answers 503 and /readyz 503 until the engine and index are there.
 */
import type { Server } from 'node:http';
import { openContributeStorage } from './contribute/open-contribute-storage.js';
import type { IndexedNote, KnowledgeBase, PublishedNote } from './content/build-knowledge-base.js';
import type { SearchText } from './content/render-note.js';
import { toSearchDocument } from './search/search-document.js';
import type { ContributeDependencies } from './web/create-app.js';
import { formatProblem, isError, sortProblems } from './content/content-problem.js';
import { openLiveKnowledge, type LiveKnowledge } from './content/live-knowledge.js';
import { loadConfig } from './config.js';
import { createLogger } from './create-logger.js';
import { ConfigError, SearchEngineError } from './errors.js';
import { connectSearchEngine } from './search/connect-search-engine.js';
import type { EngineHandle } from './search/embedded-meilisearch.js';
import { buildIndexSettings } from './search/index-settings.js';
import { LazyNoteIndex } from './search/lazy-note-index.js';
import { MeilisearchNoteReader } from './search/meilisearch-note-reader.js';
import { MeilisearchNoteWriter } from './search/meilisearch-note-writer.js';
import { obtainSearchKey } from './search/obtain-search-key.js';
import { reindex, reindexIfStale } from './search/reindex.js';
import { createApp } from './web/create-app.js';
import { createNoteRenderer, type NoteRenderer } from './web/note-renderer.js';

/** SIGTERM must end the process within this, whatever is in flight. */
const SHUTDOWN_DEADLINE_MS = 10_000;
/** An external engine that is not up yet is waited for this long before start-up gives up. */
const ENGINE_WAIT_MS = 5 * 60_000;

// Readable lines in a developer's terminal; JSON wherever the output is collected (a container, a file).
const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'info', pretty: process.stdout.isTTY === true && process.env.NODE_ENV !== 'production' });
let engine: EngineHandle | undefined;
let server: Server | undefined;
let renderer: NoteRenderer | undefined;
let knowledge: LiveKnowledge | undefined;
let shuttingDown = false;

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // The knowledge directory is the source of truth; this process follows DATA_DIR's change feed so
  // that a note approved on another replica, or indexed after a change in git, is served here too.
  knowledge = await openLiveKnowledge({
    knowledgeDir: config.knowledgeDir, dataDir: config.dataDir, pollMs: config.changePollMs,
    onRefresh: (summary, cause) => logger.info({ reread: summary.reread.length, removed: summary.removed.length, reloaded: summary.reloaded, cause }, 'knowledge refreshed'),
    onProblems: (problems) => logger.warn({ problems: problems.length }, 'content problems: the notes concerned are not served; run npm run check'),
    onError: (error) => logger.warn({ err: error }, 'the change feed could not be read; will retry'),
  });
  const { knowledgeBase, problems: found } = knowledge.check();
  // Warnings (a legal note citing no authority) are for `npm run check`; they change nothing here.
  const problems = found.filter(isError);
  if (!knowledgeBase) {
    for (const problem of sortProblems(problems)) console.error(formatProblem(problem));
    throw new ConfigError(`The knowledge directory ${config.knowledgeDir} cannot be read (see above).`);
  }
  if (problems.length > 0) {
    for (const problem of sortProblems(problems)) console.error(formatProblem(problem));
    logger.warn({ problems: problems.length }, 'content problems: the notes concerned are not served; run npm run check');
  }

  const noteIndex = new LazyNoteIndex();
  // Set once the engine is connected: approving a submission then makes it searchable at once.
  let indexNote: ((note: IndexedNote, kb: KnowledgeBase, text: SearchText) => Promise<void>) | undefined;
  const contribute: ContributeDependencies = {
    ...openContributeStorage(config.dataDir),
    editorAccountsFile: config.editorAccountsFile,
    knowledgeDir: config.knowledgeDir,
    index: async (note, kb, text) => {
      if (!indexNote) throw new Error('the search engine is not connected yet');
      await indexNote(note, kb, text);
    },
  };
  renderer = createNoteRenderer();
  const app = createApp({
    noteIndex, knowledge, logger, contribute, renderer,
    publicUrl: config.publicUrl, trustProxy: config.trustProxy, searchRateLimit: config.searchRateLimit, downloadsDir: config.downloadsDir,
  });
  server = app.listen(config.port, () => logger.info({ port: config.port, notes: knowledgeBase.notes.length }, `serving on http://localhost:${config.port}`));
  void renderer.warmUp().catch((error: unknown) => logger.warn({ err: error }, 'the rendering thread did not start; pages will start it on demand'));

  const log = (line: string) => logger.info(line);
  engine = await connectSearchEngine(config, { waitMs: ENGINE_WAIT_MS, log });
  if (shuttingDown) return;
  const writer = new MeilisearchNoteWriter({
    host: engine.url, apiKey: engine.masterKey, indexName: config.meiliIndex, settings: buildIndexSettings(), synonyms: knowledgeBase.synonyms,
  });
  // The web process searches with a key that can do nothing else; the admin key stays here.
  const searchKey = engine.masterKey ? await obtainSearchKey(writer.client, config.meiliIndex) : undefined;
  const live = knowledge;
  noteIndex.set(new MeilisearchNoteReader({ host: engine.url, apiKey: searchKey, indexName: config.meiliIndex, knowledge: () => live.current() }));
  indexNote = (note, kb, text) => writer.upsert(toSearchDocument(note, text, kb.taxonomy, new Date().toISOString().slice(0, 10)));

  const today = new Date().toISOString().slice(0, 10);
  if (problems.length === 0) {
    const summary = await reindexIfStale(writer, knowledgeBase, today);
    logger.info(summary ? `indexed ${summary.notes} notes in ${summary.seconds.toFixed(2)} s` : 'index is up to date');
  } else if (!(await writer.status()).indexPresent) {
    // An invalid note must not leave a new site without search: index the valid ones.
    const summary = await reindex(writer, knowledgeBase, today);
    logger.info(`indexed the ${summary.notes} valid notes in ${summary.seconds.toFixed(2)} s`);
  } else {
    logger.warn('content has problems: the existing index is kept as it is');
  }
}

/** Stops accepting connections, lets requests in flight finish, stops the embedded engine; never takes more than 10 s. */
async function shutdown(code: number): Promise<never> {
  if (shuttingDown) return new Promise(() => {});
  shuttingDown = true;
  const started = Date.now();
  setTimeout(() => {
    logger.error('shutdown took too long; exiting');
    process.exit(code || 1);
  }, SHUTDOWN_DEADLINE_MS).unref();
  await new Promise<void>((resolve) => {
    if (!server) return resolve();
    server.close(() => resolve());
    server.closeIdleConnections();
    // Requests still running after 5 s are cut, so the engine has time to stop cleanly.
    setTimeout(() => server?.closeAllConnections(), 5_000).unref();
  });
  knowledge?.close();
  await engine?.stop();
  await renderer?.close().catch(() => undefined);
  logger.info({ ms: Date.now() - started }, 'stopped');
  process.exit(code);
}

process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));

main().catch(async (error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof SearchEngineError) logger.error({ cause: error.cause instanceof Error ? error.cause.message : undefined }, `search engine: ${error.message}`);
  else logger.error({ err: error }, 'start-up failed');
  await shutdown(1);
});
