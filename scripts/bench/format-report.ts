import type { BenchReport } from './run-bench.js';

type SearchShape = BenchReport['search'][number];

/** What the app adds to the framework's floor for one search shape (issue targets: ≤ +1 ms, ≥ 0.85, ≤ 2). */
export function againstFloor(shape: SearchShape): { single_over_ms: number; rps_ratio: number; cpu_ratio: number } {
  const floor = shape.express_proxy;
  return {
    single_over_ms: round(shape.app.single_ms - floor.single_ms),
    rps_ratio: round(shape.app.rps / floor.rps),
    cpu_ratio: floor.cpu_ms > 0 ? round(shape.app.cpu_ms / floor.cpu_ms) : Number.NaN,
  };
}

const round = (value: number) => Math.round(value * 100) / 100;

/**
 * The report as a Markdown table, with the targets beside the ratios. The targets are for a full run
 * (10,000 notes, 10 s of load a shape); a quick run says so rather than print them as failures.
 */
export function formatReport(report: BenchReport, options: { quick?: boolean } = {}): string {
  const rows = [
    `Casebook benchmark — ${report.notes.toLocaleString('en-GB')} notes — ${report.date.slice(0, 10)} — ${report.machine}`,
    ...(options.quick
      ? [
          '',
          'Quick run: it shows that every figure is still measured. The targets in the last column are for a full run',
          '(`npm run bench`: 10,000 notes, 10 s of load a shape) and do not apply to this one; read nothing into a miss here.',
        ]
      : []),
    '',
    '| measure | Casebook | Meilisearch direct | ratio | target |',
    '|---|---:|---:|---:|---|',
    `| full index (load, validate, render, index) | ${report.index.pipeline_s} s | ${report.index.direct_s === null ? 'not run' : `${report.index.direct_s} s`} | ${report.index.ratio ?? '—'} | ≤ 1.5 |`,
    ...(report.export
      ? [
          `| offline pack export (load, ${report.export.pages.toLocaleString('en-GB')} pages, ${report.export.search ? 'Pagefind' : 'no search'}, zip ${report.export.zip_mb} MB) vs the full index | ${report.export.seconds} s | — | ${report.export.ratio_vs_index} | ≤ 2 |`,
        ]
      : []),
  ];
  for (const shape of report.search) {
    const floor = againstFloor(shape);
    rows.push(`| ${shape.name}: single request p50 | ${shape.app.single_ms} ms | ${shape.direct.single_ms} ms | ${shape.single_p50_ratio} | — |`);
    rows.push(
      `| ${shape.name}: throughput (p50 / p99) | ${shape.app.rps} req/s (${shape.app.p50_ms} / ${shape.app.p99_ms} ms) | ${shape.direct.rps} req/s (${shape.direct.p50_ms} / ${shape.direct.p99_ms} ms) | ${shape.rps_ratio} | — |`,
    );
    rows.push(
      `| ${shape.name}: **against the one-route Express floor**: single p50 / throughput / CPU a request | ${shape.app.single_ms} ms / ${shape.app.rps} req/s / ${shape.app.cpu_ms} ms | floor: ${shape.express_proxy.single_ms} ms / ${shape.express_proxy.rps} req/s / ${shape.express_proxy.cpu_ms} ms (bare: ${shape.bare_proxy.cpu_ms} ms CPU) | ${floor.single_over_ms >= 0 ? '+' : ''}${floor.single_over_ms} ms / ${floor.rps_ratio} / ${floor.cpu_ratio} | ≤ +1 ms / ≥ 0.85 / ≤ 2 |`,
    );
    rows.push(
      `| ${shape.name}: the floor, a bare node:http proxy: single p50 / throughput | ${shape.bare_proxy.single_ms} ms / ${shape.bare_proxy.rps} req/s | — | ${shape.bare_proxy.single_p50_ratio} / ${shape.bare_proxy.rps_ratio} | — |`,
    );
    rows.push(
      `| ${shape.name}: the framework's floor, a one-route Express proxy: single p50 / throughput | ${shape.express_proxy.single_ms} ms / ${shape.express_proxy.rps} req/s | — | ${shape.express_proxy.single_p50_ratio} / ${shape.express_proxy.rps_ratio} | — |`,
    );
    rows.push(
      `| ${shape.name}: engine time vs a plain two-word query (first search of these words: ${shape.engine_ratio_first}) | — | ${shape.direct.single_ms} ms / ${report.plain_single_ms} ms | ${shape.engine_ratio} | ≤ 3 |`,
    );
  }
  rows.push(`| search page HTML vs /api/search (faceted) | ${report.html.rps} req/s | — | ${report.html.rps_ratio_vs_api} | ≥ 0.9 |`);
  rows.push(
    `| guidance page vs bare route (/healthz) | ${report.note_page.rps} req/s | ${report.note_page.floor_rps} req/s | ${report.note_page.ratio} | ≥ 0.3 |`,
  );
  rows.push(
    `| history page (${report.history.versions} versions a note, ${report.history.commits.toLocaleString('en-GB')} commits): single request p50 over 50 notes; throughput (p50 / p99) | ${report.history.single_p50_ms} ms; ${report.history.load.rps} req/s (${report.history.load.p50_ms} / ${report.history.load.p99_ms} ms) | — | — | p50 ≤ 50 ms |`,
  );
  rows.push(
    `| guidance page single p50: signed-in member / anonymous reader | ${report.signed_in.member_p50_ms} ms / ${report.signed_in.anonymous_p50_ms} ms | — | ${report.signed_in.difference_ms >= 0 ? '+' : ''}${report.signed_in.difference_ms} ms | ≤ +2 ms |`,
  );
  rows.push(
    `| memory: app peak RSS / engine peak RSS / database PSS after the load | ${report.memory.app_rss_mb} MB / ${report.memory.engine_rss_mb} MB / ${report.memory.database_pss_mb} MB | — | — | app ≤ 400 MB |`,
  );
  const errors = report.search.reduce((sum, shape) => sum + shape.app.errors + shape.direct.errors, 0);
  rows.push('', errors === 0 ? 'No request failed.' : `${errors} requests failed or timed out.`);
  return rows.join('\n');
}

/**
 * Several full runs side by side: each figure the targets are about as the median of the runs, the
 * lowest and highest in brackets (the machine is shared: one run alone says little).
 */
export function formatRunsSummary(reports: readonly BenchReport[]): string {
  const spread = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return `${sorted[Math.floor(sorted.length / 2)]} (${sorted[0]}–${sorted[sorted.length - 1]})`;
  };
  const rows = [
    `Median of ${reports.length} runs (lowest–highest), ${reports[0]?.notes.toLocaleString('en-GB')} notes`,
    '',
    '| measure | median (spread) | target |',
    '|---|---:|---|',
  ];
  for (const [at, shape] of (reports[0]?.search ?? []).entries()) {
    const shapes = reports.map((report) => report.search[at]!);
    const floors = shapes.map(againstFloor);
    rows.push(`| ${shape.name}: app single p50 | ${spread(shapes.map((one) => one.app.single_ms))} ms | — |`);
    rows.push(`| ${shape.name}: Express floor single p50 | ${spread(shapes.map((one) => one.express_proxy.single_ms))} ms | — |`);
    rows.push(`| ${shape.name}: app single p50 over the Express floor | ${spread(floors.map((one) => one.single_over_ms))} ms | ≤ +1 ms |`);
    rows.push(`| ${shape.name}: app throughput / Express floor's | ${spread(floors.map((one) => one.rps_ratio))} | ≥ 0.85 |`);
    rows.push(
      `| ${shape.name}: CPU a request, app / Express floor (app ${spread(shapes.map((one) => one.app.cpu_ms))} ms, floor ${spread(shapes.map((one) => one.express_proxy.cpu_ms))} ms, bare ${spread(shapes.map((one) => one.bare_proxy.cpu_ms))} ms) | ${spread(floors.map((one) => one.cpu_ratio))} | ≤ 2 |`,
    );
  }
  rows.push(`| search page HTML / /api/search throughput (faceted) | ${spread(reports.map((report) => report.html.rps_ratio_vs_api))} | ≥ 0.9 |`);
  rows.push(`| full index | ${spread(reports.map((report) => report.index.pipeline_s))} s | — |`);
  rows.push(`| app peak RSS | ${spread(reports.map((report) => report.memory.app_rss_mb))} MB | ≤ 400 MB |`);
  return rows.join('\n');
}
