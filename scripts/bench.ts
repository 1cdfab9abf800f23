/**
 * npm run bench [-- --notes N] [--seconds S] [--connections C] [--runs R] [--json FILE] [--quick] [--profile] [--no-export] [--no-direct-index] [--index-only]
 * Measures Casebook against the same work sent straight to Meilisearch, in one run on this
 * machine, and prints the ratios (docs/benchmark.md). `--index-only` measures the
 * npm run index path alone (10,000 notes unless --notes says otherwise): no export, no app, no search.
 * `--runs R` runs the whole benchmark R times and ends with the median and spread of each target's figure.
 * Exit 0.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatReport, formatRunsSummary } from './bench/format-report.js';
import type { BenchReport } from './bench/run-bench.js';
import { formatProfile, profileSearch } from './bench/profile-search.js';
import { measureIndexing } from './bench/measure-indexing.js';
import { runBench } from './bench/run-bench.js';
import { runCli } from './run-cli.js';

await runCli(async () => {
  const { values } = parseArgs({
    options: {
      notes: { type: 'string' },
      seconds: { type: 'string' },
      connections: { type: 'string' },
      runs: { type: 'string' },
      json: { type: 'string' },
      quick: { type: 'boolean' },
      profile: { type: 'boolean' },
      'no-export': { type: 'boolean' },
      'no-direct-index': { type: 'boolean' },
      'index-only': { type: 'boolean' },
    },
  });
  const quick = values.quick ?? false;
  if (values.profile) {
    console.log(formatProfile(await profileSearch(Number(values.notes ?? 2_000), (line) => console.error(`profile: ${line}`))));
    return 0;
  }
  if (values['index-only']) {
    const indexing = await measureIndexing(Number(values.notes ?? (quick ? 1_000 : 10_000)), (line) => console.error(`bench: ${line}`));
    console.log(
      `${indexing.notes} notes (${indexing.records} records) indexed in ${indexing.seconds} s; engine database ${indexing.database_mb} MB; ${indexing.warnings.length === 0 ? 'no Node warnings' : `warnings: ${indexing.warnings.join('; ')}`}`,
    );
    const { batches, steps } = indexing.engine;
    const busy = batches.reduce((sum, batch) => sum + batch.seconds, 0);
    console.log(
      `load ${indexing.load_s} s; CPU: app ${indexing.app_cpu_s} s, engine ${indexing.engine_cpu_s} s; ${Math.round(indexing.records / indexing.notes)} records a note, ${indexing.record_bytes} bytes each; the engine ran ${batches.length} batches for ${busy.toFixed(1)} s (longest ${Math.max(0, ...batches.map((batch) => batch.seconds)).toFixed(1)} s); its longest steps: ${steps
        .filter((step) => step.step.split(' > ').length === 2)
        .slice(0, 6)
        .map((step) => `${step.step.split(' > ').at(-1)} ${step.seconds.toFixed(1)} s`)
        .join(', ')}`,
    );
    if (values.json) writeFileSync(values.json, `${JSON.stringify(indexing, null, 2)}\n`);
    return 0;
  }
  const runs = Number(values.runs ?? 1);
  const reports: BenchReport[] = [];
  for (let run = 1; run <= runs; run++) {
    const report = await runBench({
      notes: Number(values.notes ?? (quick ? 1_000 : 10_000)),
      seconds: Number(values.seconds ?? (quick ? 3 : 10)),
      connections: Number(values.connections ?? 10),
      export: !values['no-export'],
      directIndex: !values['no-direct-index'],
      log: (line) => console.error(`bench${runs > 1 ? ` (run ${run} of ${runs})` : ''}: ${line}`),
    });
    reports.push(report);
    console.log(formatReport(report, { quick }));
  }
  if (runs > 1) console.log(`\n${formatRunsSummary(reports)}`);
  if (values.json) writeFileSync(values.json, `${JSON.stringify(runs > 1 ? reports : reports[0], null, 2)}\n`);
  return 0;
});
