/**
 * npm run index [-- --full]: brings the search index in line with the knowledge directory. By
 * default only the notes whose content changed are re-rendered and upserted, and removed notes are
 * deleted; `--full` (and a missing index or changed synonyms) rebuilds into a fresh index and swaps
 * it in atomically. Running app processes need no telling: they follow the knowledge's git branch,
 * and index each commit themselves (server/knowledge/live-knowledge.ts).
 * Exit 0 done · 1 content problems (the live index is not touched) · 2 search engine unreachable or failed · 64 bad arguments.
 */
import { SingleBar, Presets } from 'cli-progress';
import { formatProblem, isError, sortProblems } from '../server/content/content-problem.js';
import { loadKnowledge } from '../server/knowledge/load-knowledge.js';
import { loadConfig } from '../server/config.js';
import { connectSearchEngine } from '../server/search/connect-search-engine.js';
import { buildIndexSettings } from '../server/search/index-settings.js';
import { MeilisearchNoteWriter } from '../server/search/meilisearch-note-writer.js';
import type { ReindexProgress } from '../server/search/note-index.js';
import { updateIndex } from '../server/search/reindex.js';
import { runCli } from './run-cli.js';

await runCli(async () => {
  const unknown = process.argv.slice(2).filter((argument) => argument !== '--full');
  if (unknown.length > 0) {
    console.error(`Unknown argument ${unknown[0]}. Usage: npm run index [-- --full]`);
    return 64;
  }
  const full = process.argv.includes('--full');
  const config = loadConfig(process.env);
  const { knowledgeBase, problems: found } = await loadKnowledge(config.knowledgeDir);
  const problems = found.filter(isError);
  if (problems.length > 0 || !knowledgeBase) {
    for (const problem of sortProblems(problems)) console.error(formatProblem(problem));
    console.error(
      `\n✖ ${problems.length} content problem${problems.length === 1 ? '' : 's'}: nothing was indexed and the live index is untouched. Run npm run check after fixing them.`,
    );
    return 1;
  }

  // A few seconds for an external engine that is restarting; the exit code 2 says if it never came.
  const engine = await connectSearchEngine(config, { waitMs: 5_000, log: (line) => console.log(line) });
  try {
    const writer = new MeilisearchNoteWriter({
      host: engine.url,
      apiKey: engine.masterKey,
      indexName: config.meiliIndex,
      settings: buildIndexSettings(),
      synonyms: knowledgeBase.synonyms,
    });
    const progress = createProgress(knowledgeBase.notes.length);
    const summary = await updateIndex(writer, knowledgeBase, new Date().toISOString().slice(0, 10), { full, onProgress: progress.update });
    progress.stop();
    if (summary.mode === 'full') {
      const rate = summary.notes / Math.max(summary.seconds, 0.001);
      console.log(
        `✔ indexed ${summary.notes} notes into "${config.meiliIndex}" in ${summary.seconds.toFixed(2)} s (${rate.toFixed(1)} notes/s); ${knowledgeBase.draftCount} drafts skipped`,
      );
    } else {
      console.log(
        `✔ "${config.meiliIndex}" ${summary.mode === 'unchanged' ? 'was already up to date' : 'updated'}: ${summary.added} added, ${summary.updated} changed, ${summary.removed} removed, ${summary.notes} notes in all (${summary.seconds.toFixed(2)} s); ${knowledgeBase.draftCount} drafts skipped`,
      );
    }
    return 0;
  } finally {
    await engine.stop();
  }
});

/** A bar on a terminal; plain lines in CI or when output is piped, so logs stay readable. */
function createProgress(total: number): { update: ReindexProgress; stop: () => void } {
  if (process.stdout.isTTY && !process.env.CI) {
    const bar = new SingleBar({ format: 'indexing [{bar}] {value}/{total} notes', hideCursor: true }, Presets.shades_classic);
    bar.start(total, 0);
    return { update: (done) => bar.update(done), stop: () => bar.stop() };
  }
  let lastReported = -1;
  return {
    update: (done, all) => {
      if (done === lastReported) return;
      lastReported = done;
      console.log(`indexing: ${done}/${all} notes`);
    },
    stop: () => {},
  };
}
