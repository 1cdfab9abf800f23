/**
 * Composition root: config → search engine (embedded or external) → knowledge base → createApp →
 * listen → index freshness; graceful shutdown. The only place that wires things together.
 */
import type { Server } from 'node:http';
import { formatProblem, sortProblems } from './content/content-problem.js';
import { loadKnowledge } from './content/load-knowledge.js';
import { loadConfig } from './config.js';
import { ConfigError, SearchEngineError } from './errors.js';
import { connectSearchEngine } from './search/connect-search-engine.js';
import type { EngineHandle } from './search/embedded-meilisearch.js';
import { buildIndexSettings } from './search/index-settings.js';
import { MeilisearchNoteIndex, obtainSearchKey } from './search/meilisearch-note-index.js';
import { reindex, reindexIfStale } from './search/reindex.js';
import { createApp } from './web/create-app.js';

const log = (line: string) => console.log(`[casebook] ${line}`);

let engine: EngineHandle | undefined;
let server: Server | undefined;

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const { knowledgeBase, problems } = await loadKnowledge(config.knowledgeDir);
  if (!knowledgeBase) {
    for (const problem of sortProblems(problems)) console.error(formatProblem(problem));
    throw new ConfigError(`The knowledge directory ${config.knowledgeDir} cannot be read (see above).`);
  }
  if (problems.length > 0) {
    for (const problem of sortProblems(problems)) console.error(formatProblem(problem));
    log(`${problems.length} content problems: the notes concerned are not served. Run npm run check.`);
  }

  engine = await connectSearchEngine(config, log);
  const writer = new MeilisearchNoteIndex({
    host: engine.url, apiKey: engine.masterKey, indexName: config.meiliIndex, settings: buildIndexSettings(knowledgeBase.synonyms),
  });
  const searchKey = engine.masterKey ? await obtainSearchKey(writer.client, config.meiliIndex) : undefined;
  const reader = new MeilisearchNoteIndex({ host: engine.url, apiKey: searchKey, indexName: config.meiliIndex });

  const app = createApp({ noteIndex: reader, knowledgeBase, log, publicUrl: config.publicUrl });
  server = app.listen(config.port, () => log(`Serving ${knowledgeBase.notes.length} notes on http://localhost:${config.port}`));

  // Readiness answers 503 until this finishes; /healthz answers at once.
  const today = new Date().toISOString().slice(0, 10);
  if (problems.length === 0) {
    const summary = await reindexIfStale(writer, knowledgeBase, today);
    log(summary ? `Indexed ${summary.notes} notes in ${summary.seconds.toFixed(2)} s` : 'Index is up to date');
  } else if (!(await writer.status()).indexPresent) {
    // An invalid note must not leave a new site without search: index the valid ones.
    const summary = await reindex(writer, knowledgeBase, today);
    log(`Indexed the ${summary.notes} valid notes in ${summary.seconds.toFixed(2)} s`);
  } else {
    log('Content has problems: the existing index is kept as it is.');
  }
}

async function shutdown(code: number): Promise<never> {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await engine?.stop();
  process.exit(code);
}

process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));

main().catch(async (error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof SearchEngineError) console.error(`Search engine: ${error.message}`);
  else console.error(error);
  await shutdown(1);
});
