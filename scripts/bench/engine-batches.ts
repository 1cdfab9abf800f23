/** One batch the engine ran while building an index: how many tasks and documents it took, and how long. */
export interface EngineBatch {
  tasks: number;
  documents: number;
  seconds: number;
  /** Seconds from the first batch's start to this one's. */
  started_s: number;
}

/** What the engine says it did to build an index: its batches, where their time went, and its databases' sizes. */
export interface EngineBatchSummary {
  batches: EngineBatch[];
  /** The engine's own time per indexing step, summed over the batches (the steps of its progress trace), longest first. */
  steps: Array<{ step: string; seconds: number }>;
  /** The sizes of the engine's internal databases after the last batch, as it prints them. */
  database_sizes: Record<string, string>;
}

interface RawBatch {
  uid: number;
  details?: { receivedDocuments?: number };
  stats: { totalNbTasks: number; indexUids: Record<string, number>; progressTrace?: Record<string, string>; internalDatabaseSizes?: Record<string, string> };
  duration: string | null;
  startedAt: string;
}

/**
 * Reads the engine's record of the batches that wrote to indexes whose name starts with `indexPrefix`
 * (GET /batches), oldest first, and sums their progress traces: the engine's own account of an
 * index build, per batch, to tell its time from the app's.
 */
export async function readEngineBatches(url: string, apiKey: string | undefined, indexPrefix: string): Promise<EngineBatchSummary> {
  const raw: RawBatch[] = [];
  for (let from: number | null = null; ;) {
    const query = new URLSearchParams({ limit: '200', ...(from === null ? {} : { from: String(from) }) });
    const response = await fetch(`${url}/batches?${query}`, { headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {} });
    if (!response.ok) throw new Error(`GET /batches answered ${response.status}`);
    const page = (await response.json()) as { results: RawBatch[]; next: number | null };
    raw.push(...page.results);
    if (page.next === null) break;
    from = page.next;
  }
  const ours = raw.filter((batch) => Object.keys(batch.stats.indexUids).some((uid) => uid.startsWith(indexPrefix))).sort((a, b) => a.uid - b.uid);
  const first = ours[0] ? Date.parse(ours[0].startedAt) : 0;
  const steps = new Map<string, number>();
  for (const batch of ours) {
    for (const [step, duration] of Object.entries(batch.stats.progressTrace ?? {})) steps.set(step, (steps.get(step) ?? 0) + parseRustDuration(duration));
  }
  return {
    batches: ours.map((batch) => ({
      tasks: batch.stats.totalNbTasks,
      documents: batch.details?.receivedDocuments ?? 0,
      seconds: round(parseIsoDuration(batch.duration)),
      started_s: round((Date.parse(batch.startedAt) - first) / 1000),
    })),
    steps: [...steps]
      .map(([step, seconds]) => ({ step: step.replace(/^processing tasks > /, ''), seconds: round(seconds) }))
      .sort((a, b) => b.seconds - a.seconds),
    database_sizes: ours.findLast((batch) => batch.stats.internalDatabaseSizes)?.stats.internalDatabaseSizes ?? {},
  };
}

/** "PT12.5S", "PT1M3.2S" (a batch's duration) in seconds. */
export function parseIsoDuration(duration: string | null): number {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(duration ?? '');
  if (!match) return 0;
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}

/** "81.90µs", "5.73ms", "1.20s", "2.5ns" (a progress trace's step, Rust's Duration as printed) in seconds. */
export function parseRustDuration(duration: string): number {
  const match = /^([\d.]+)(ns|µs|us|ms|s)$/.exec(duration);
  if (!match) return 0;
  const scale = { ns: 1e-9, µs: 1e-6, us: 1e-6, ms: 1e-3, s: 1 }[match[2] as 'ns' | 'µs' | 'us' | 'ms' | 's'];
  return Number(match[1]) * scale;
}

const round = (value: number) => Math.round(value * 1000) / 1000;
