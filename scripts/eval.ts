/**
 * npm run eval [-- --json FILE] [--details] [--pack]
 * Relevance of the judged query set (tests/relevance/queries.yml) on the starter corpus: nDCG@10, MRR,
 * recall@10 and the zero-result rate, for Casebook's search and for Meilisearch with its default
 * settings over the same notes, in the same run. Uses MEILI_URL when set, otherwise a throw-away
 * embedded engine. `--pack` also writes offline packs of the judged corpus and reports how far each
 * pack's own search agrees with the site's (scripts/eval/pack-overlap.ts). Exit 0.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadKnowledge } from '../server/knowledge/load-knowledge.js';
import { loadConfig } from '../server/config.js';
import { startOrJoinEmbeddedEngine } from '../server/search/embedded-meilisearch.js';
import { isError } from '../server/content/content-problem.js';
import { formatEvalReport, judgedCorpus, loadJudgedQueries, runEval } from './eval/run-eval.js';
import { runCli } from './run-cli.js';

await runCli(async () => {
  const { values } = parseArgs({ options: { json: { type: 'string' }, details: { type: 'boolean' }, pack: { type: 'boolean' } } });
  const config = loadConfig(process.env);
  const { knowledgeBase: everything, problems } = await loadKnowledge(config.knowledgeDir);
  if (!everything || problems.some(isError)) {
    console.error(`${problems.filter(isError).length} content problems in ${config.knowledgeDir}: run npm run check`);
    return 1;
  }
  const judgedFile = path.join('tests', 'relevance', 'queries.yml');
  const knowledgeBase = judgedCorpus(judgedFile, everything);
  const queries = loadJudgedQueries(judgedFile, knowledgeBase);
  const work = config.meiliUrl ? undefined : mkdtempSync(path.join(tmpdir(), 'casebook-eval-'));
  const engine = config.meiliUrl
    ? { url: config.meiliUrl, masterKey: config.meiliMasterKey, stop: async () => {} }
    : await startOrJoinEmbeddedEngine({ dataDir: work! });
  try {
    const report = await runEval(
      { url: engine.url, masterKey: engine.masterKey, prefix: `eval_${process.pid}_` },
      knowledgeBase,
      queries,
      new Date().toISOString().slice(0, 10),
      { packs: values.pack ?? false },
    );
    console.log(formatEvalReport(report));
    if (values.details) {
      for (const detail of report.details)
        console.log(`${detail.id}\t${detail.q}\n  casebook: ${detail.casebook.join(' ')}\n  baseline: ${detail.baseline.join(' ')}`);
      for (const pack of report.packs ?? []) {
        for (const worst of pack.worst)
          console.log(`${pack.name}\t${worst.overlap.toFixed(2)}\t${worst.id}\t${worst.q}\n  pack: ${worst.pack.join(' ')}\n  site: ${worst.site.join(' ')}`);
      }
    }
    if (values.json) {
      const { details: _details, misses: _misses, ...figures } = report;
      writeFileSync(values.json, `${JSON.stringify(figures, null, 2)}\n`);
    }
    return 0;
  } finally {
    await engine.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  }
});
