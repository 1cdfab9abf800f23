import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

/** One target: a URL, and for the engine a POST body with its key. */
export interface HttpTarget {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

/** Throughput and latency under load. */
export interface LoadResult {
  p50_ms: number;
  p99_ms: number;
  rps: number;
  errors: number;
}

// Both sides ask for an uncompressed answer: with gzip, Meilisearch's own answers stall about 40 ms
// on a keep-alive connection (reference/perf.md), which would flatter the app, not measure it.
const IDENTITY = { 'accept-encoding': 'identity' };

/** `connections` clients hammering one target for `seconds` on loopback (autocannon), after a short warm-up. */
export async function measureLoad(target: HttpTarget, options: { seconds: number; connections: number }): Promise<LoadResult> {
  const base = {
    url: target.url,
    method: target.method ?? 'GET',
    headers: { ...IDENTITY, ...target.headers },
    ...(target.body ? { body: target.body } : {}),
    connections: options.connections,
  };
  await autocannon({ ...base, duration: 1 });
  const result = await autocannon({ ...base, duration: options.seconds });
  return {
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    rps: Math.round(result.requests.average),
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

/**
 * The median time of `count` requests to each target, sent one at a time on kept-alive connections
 * after a warm-up, the targets taking turns: request by request, so a ratio of two of them compares
 * the same moments of a shared, noisy machine (measured one target after the other, the load of the
 * moment moved a ratio by a third from one run to the next).
 */
export async function measureSingles(targets: readonly HttpTarget[], count = 25, afterWarmUp?: () => void): Promise<number[]> {
  const send = async (target: HttpTarget) => {
    const started = performance.now();
    const response = await fetch(target.url, {
      method: target.method ?? 'GET',
      headers: { ...IDENTITY, ...target.headers },
      ...(target.body ? { body: target.body } : {}),
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${target.url} answered ${response.status}`);
    return performance.now() - started;
  };
  for (let i = 0; i < 5; i++) for (const target of targets) await send(target);
  afterWarmUp?.();
  const times = targets.map((): number[] => []);
  for (let i = 0; i < count; i++) for (const [position, target] of targets.entries()) times[position]!.push(await send(target));
  return times.map((list) => median(list));
}

/** The middle value (the upper one of an even count). Pure. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

// Linux counts a process's CPU time in clock ticks of 1/100 s (USER_HZ, `getconf CLK_TCK`).
const TICK_MS = 10;

/** The CPU time a process has used so far (user and system, every thread), in milliseconds, from /proc/<pid>/stat. */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: the fields are counted from its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}
