/**
 * Composition root: config → knowledge (its git work tree, history and sync) → createApp → listen →
 * database (embedded or external; migrated; a JSON DATA_DIR imported on first start) → search
 * engine (embedded or external) → search-only key → index freshness; graceful shutdown. The only
 * place that wires things together. The app listens before the database and the engine are ready:
 * guidance pages are served from memory at once; sign-in and contributions answer 503 until the
 * database is there, search until the engine and index are, and /readyz until all are.
 */
import type { Server } from 'node:http';
import { openStores, pendingStores } from './open-stores.js';
import { connectDatabase, type Database } from './storage/connect-database.js';
import { importOnFirstStart } from './storage/import-json-data.js';
import { createPackRebuilder, packScopes, type PackRebuilder } from './export/rebuild-packs.js';
import { applyKnowledgeUpdate } from './search/apply-knowledge-update.js';
import type { ContributeDependencies } from './web/app-dependencies.js';
import { formatProblem, isError, sortProblems } from './content/content-problem.js';
import { openLiveKnowledge, type LiveKnowledge } from './knowledge/live-knowledge.js';
import { loadConfig } from './config.js';
import { createLogger } from './create-logger.js';
import { ConfigError, SearchEngineError, StorageError } from './errors.js';
import { connectSearchEngine } from './search/connect-search-engine.js';
import type { EngineHandle } from './search/embedded-meilisearch.js';
import { buildIndexSettings } from './search/index-settings.js';
import { LazyNoteIndex } from './search/lazy-note-index.js';
import { MeilisearchNoteReader } from './search/meilisearch-note-reader.js';
import { MeilisearchNoteWriter } from './search/meilisearch-note-writer.js';
import { obtainSearchKey } from './search/obtain-search-key.js';
import { reindex, updateIndex } from './search/reindex.js';
import { createApp } from './web/create-app.js';
import { createNoteRenderer, type NoteRenderer } from './web/note-renderer.js';

/** SIGTERM must end the process within this, whatever is in flight. */
const SHUTDOWN_DEADLINE_MS = 10_000;
/** An external engine or database that is not up yet is waited for this long before start-up gives up. */
const ENGINE_WAIT_MS = 5 * 60_000;
/** How often expired sessions are deleted. */
const SESSION_SWEEP_MS = 10 * 60_000;

// Readable lines in a developer's terminal; JSON wherever the output is collected (a container, a file).
const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'info', pretty: process.stdout.isTTY === true && process.env.NODE_ENV !== 'production' });
let engine: EngineHandle | undefined;
let database: Database | undefined;
let server: Server | undefined;
let renderer: NoteRenderer | undefined;
let knowledge: LiveKnowledge | undefined;
let packs: PackRebuilder | undefined;
let shuttingDown = false;

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const noteIndex = new LazyNoteIndex();
  // Set once the engine is connected: from then on every change of the knowledge reaches the index.
  let writer: MeilisearchNoteWriter | undefined;
  // Set with the engine too: it prepares each new knowledge base's query rewriting before a search needs it.
  let reader: MeilisearchNoteReader | undefined;
  packs = config.buildPacks
    ? createPackRebuilder({ downloadsDir: config.downloadsDir, publicUrl: config.publicUrl, log: (line) => logger.info(line) })
    : undefined;
  // The knowledge is a git work tree (this process's own clone with KNOWLEDGE_REMOTE): approvals
  // here, other replicas' pushes and a git user's commits all reach this process the same way.
  knowledge = await openLiveKnowledge({
    knowledgeDir: config.knowledgeDir,
    remote: config.knowledgeRemote,
    cloneDir: config.knowledgeCloneDir,
    syncMs: config.knowledgeSyncMs,
    onUpdate: async (update) => {
      logger.info(
        {
          from: update.from?.slice(0, 12),
          to: update.to.slice(0, 12),
          changed: update.upserted.length,
          removed: update.removed.length,
          reloaded: update.reloaded,
        },
        'knowledge updated',
      );
      packs?.schedule(packScopes(update), knowledge!.knowledgeDir, update.to.slice(0, 12));
      reader?.prepare();
      if (!writer) return;
      const today = new Date().toISOString().slice(0, 10);
      const done = await applyKnowledgeUpdate(writer, update, today).catch((error: unknown) => {
        logger.warn({ err: error }, 'the change is not searchable yet; the next start or npm run index will index it');
      });
      if (done) logger.info(done, 'index updated');
    },
    onProblems: (problems) => logger.warn({ problems: problems.length }, 'content problems: the notes concerned are not served; run npm run check'),
    onError: (error) => logger.warn({ err: error }, 'the knowledge could not be synced; will retry'),
  });
  for (const event of knowledge.events) logger.info(`knowledge: ${event}`);
  const { knowledgeBase, problems: found } = knowledge.check();
  // Warnings (a legal note citing no authority) are for `npm run check`; they change nothing here.
  const problems = found.filter(isError);
  if (!knowledgeBase) {
    for (const problem of sortProblems(problems)) console.error(formatProblem(problem));
    throw new ConfigError(`The knowledge directory ${knowledge.knowledgeDir} cannot be read (see above).`);
  }
  if (problems.length > 0) {
    for (const problem of sortProblems(problems)) console.error(formatProblem(problem));
    logger.warn({ problems: problems.length }, 'content problems: the notes concerned are not served; run npm run check');
  }
  // Packs that do not hold the version served now (or do not exist yet) are built in the background.
  packs?.schedule('stale', knowledge.knowledgeDir, knowledge.history()?.index().head()?.version);

  // Set once the database answers: until then, pages that need it answer 503 and the others serve.
  // The stores' getters are copied, not called: a spread would ask for them before the database answers.
  const pending = pendingStores();
  const contribute = Object.defineProperties(
    { knowledgeDir: knowledge.knowledgeDir },
    Object.getOwnPropertyDescriptors(pending.stores),
  ) as ContributeDependencies;
  renderer = createNoteRenderer();
  const app = createApp({
    noteIndex,
    knowledge,
    logger,
    contribute,
    renderer,
    database: { isHealthy: async () => database?.isHealthy() ?? false },
    publicUrl: config.publicUrl,
    trustProxy: config.trustProxy,
    searchRateLimit: config.searchRateLimit,
    downloadsDir: config.downloadsDir,
  });
  server = app.listen(config.port, config.host, () =>
    logger.info(
      { host: config.host, port: config.port, notes: knowledgeBase.notes.length },
      `serving on http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`,
    ),
  );
  void renderer.warmUp().catch((error: unknown) => logger.warn({ err: error }, 'the rendering thread did not start; pages will start it on demand'));

  const log = (line: string) => logger.info(line);
  database = await connectDatabase(config, { waitMs: ENGINE_WAIT_MS, log });
  if (shuttingDown) return;
  await importOnFirstStart(database.pool, { dataDir: config.dataDir, accountsFile: config.editorAccountsFile }, log);
  const stores = await openStores(database.pool);
  pending.connect(stores);
  setInterval(() => {
    stores.sessions.sweep().then(
      (ended) => {
        if (ended > 0) logger.info({ ended }, 'expired sessions deleted');
      },
      (error: unknown) => logger.warn({ err: error }, 'the session sweep failed; it runs again later'),
    );
  }, SESSION_SWEEP_MS).unref();

  engine = await connectSearchEngine(config, { waitMs: ENGINE_WAIT_MS, log });
  if (shuttingDown) return;
  const engineWriter = new MeilisearchNoteWriter({
    host: engine.url,
    apiKey: engine.masterKey,
    indexName: config.meiliIndex,
    settings: buildIndexSettings(),
    synonyms: knowledgeBase.synonyms,
  });
  // The web process searches with a key that can do nothing else; the admin key stays here.
  const searchKey = engine.masterKey ? await obtainSearchKey(engineWriter.client, config.meiliIndex) : undefined;
  const live = knowledge;
  reader = new MeilisearchNoteReader({ host: engine.url, apiKey: searchKey, indexName: config.meiliIndex, knowledge: () => live.current() });
  reader.prepare();
  noteIndex.set(reader);
  writer = engineWriter;

  const today = new Date().toISOString().slice(0, 10);
  // What changed while the engine was being reached is in the knowledge base read now.
  const current = knowledge.current();
  if (problems.length === 0) {
    // Incremental: the commits every replica took in were indexed note by note, so a restart compares
    // each note's source hash and writes only what differs; a missing index or new synonyms rebuild it.
    const summary = await updateIndex(engineWriter, current, today);
    logger.info(
      summary.mode === 'full'
        ? `indexed ${summary.notes} notes in ${summary.seconds.toFixed(2)} s`
        : summary.mode === 'unchanged'
          ? 'index is up to date'
          : `index updated: ${summary.added} added, ${summary.updated} changed, ${summary.removed} removed in ${summary.seconds.toFixed(2)} s`,
    );
  } else if (!(await engineWriter.status()).indexPresent) {
    // An invalid note must not leave a new site without search: index the valid ones.
    const summary = await reindex(engineWriter, current, today);
    logger.info(`indexed the ${summary.notes} valid notes in ${summary.seconds.toFixed(2)} s`);
  } else {
    logger.warn('content has problems: the existing index is kept as it is');
  }
}

/** Stops accepting connections, lets requests in flight finish, stops the embedded engine and database; never takes more than 10 s. */
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
  await packs?.close();
  await Promise.all([engine?.stop(), database?.close()]);
  await renderer?.close().catch(() => undefined);
  logger.info({ ms: Date.now() - started }, 'stopped');
  process.exit(code);
}

process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));

main().catch(async (error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof SearchEngineError)
    logger.error({ cause: error.cause instanceof Error ? error.cause.message : undefined }, `search engine: ${error.message}`);
  else if (error instanceof StorageError) logger.error({ cause: error.cause instanceof Error ? error.cause.message : undefined }, `database: ${error.message}`);
  else logger.error({ err: error }, 'start-up failed');
  await shutdown(1);
});
