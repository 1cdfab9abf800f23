import { describe, expect, it } from 'vitest';
import { runBench } from '../../scripts/bench/run-bench.js';

// The benchmark's quick mode runs here so it cannot rot; its speed is judged by people reading a
// full run, never by this test (the machine is shared and noisy).
describe('npm run bench -- --quick', () => {
  it('produces a report of the documented shape', async () => {
    const report = await runBench({ notes: 1_000, seconds: 3, connections: 10, log: () => {} });
    const load = { p50_ms: expect.any(Number), p99_ms: expect.any(Number), rps: expect.any(Number), errors: 0, single_ms: expect.any(Number) };
    const cpu = { cpu_ms: expect.any(Number) };
    const floor = { ...load, ...cpu, single_p50_ratio: expect.any(Number), rps_ratio: expect.any(Number) };
    expect(report).toEqual({
      notes: 1_000,
      date: expect.any(String),
      machine: expect.stringContaining('Meilisearch 1.21.0'),
      index: { pipeline_s: expect.any(Number), direct_s: expect.any(Number), ratio: expect.any(Number) },
      export: { seconds: expect.any(Number), ratio_vs_index: expect.any(Number), pages: expect.any(Number), zip_mb: expect.any(Number), search: true },
      search: [
        {
          name: 'two-word query',
          app: { ...load, ...cpu },
          direct: load,
          single_p50_ratio: expect.any(Number),
          rps_ratio: expect.any(Number),
          engine_ratio: expect.any(Number),
          engine_ratio_first: expect.any(Number),
          bare_proxy: floor,
          express_proxy: floor,
        },
        {
          name: 'query + 2 filters + every facet',
          app: { ...load, ...cpu },
          direct: load,
          single_p50_ratio: expect.any(Number),
          rps_ratio: expect.any(Number),
          engine_ratio: expect.any(Number),
          engine_ratio_first: expect.any(Number),
          bare_proxy: floor,
          express_proxy: floor,
        },
        {
          name: 'browse: empty query + facets',
          app: { ...load, ...cpu },
          direct: load,
          single_p50_ratio: expect.any(Number),
          rps_ratio: expect.any(Number),
          engine_ratio: expect.any(Number),
          engine_ratio_first: expect.any(Number),
          bare_proxy: floor,
          express_proxy: floor,
        },
      ],
      plain_single_ms: expect.any(Number),
      html: { rps: expect.any(Number), rps_ratio_vs_api: expect.any(Number) },
      note_page: { rps: expect.any(Number), floor_rps: expect.any(Number), ratio: expect.any(Number) },
      signed_in: { anonymous_p50_ms: expect.any(Number), member_p50_ms: expect.any(Number), difference_ms: expect.any(Number) },
      memory: { app_rss_mb: expect.any(Number), engine_rss_mb: expect.any(Number), database_pss_mb: expect.any(Number) },
      history: {
        versions: 5,
        commits: 5_001,
        single_p50_ms: expect.any(Number),
        load: { p50_ms: expect.any(Number), p99_ms: expect.any(Number), rps: expect.any(Number), errors: 0 },
      },
    });
    // The database really ran beside the app: it holds some memory of its own.
    expect(report.memory.database_pss_mb).toBeGreaterThan(0);
    expect(report.search.every((shape) => [shape.app, shape.direct, shape.bare_proxy, shape.express_proxy].every((target) => target.rps > 0))).toBe(true);
    expect(report.history.load.rps).toBeGreaterThan(0);
    // The CPU time of the app and of both floors was read from /proc over their sequential requests: a request costs each some.
    expect(report.search.every((shape) => [shape.app, shape.bare_proxy, shape.express_proxy].every((target) => target.cpu_ms > 0))).toBe(true);
  });
});
