/**
 * npm start: compiles the server if its sources changed (scripts/build-server.ts), then runs it
 * with plain Node and a fixed heap. The server holds a catalogue of note metadata and bounded
 * caches, not the notes, so its heap does not grow with the knowledge base: 50,000 notes fit in the
 * same cap as 100 (docs/benchmark.md, Memory). V8 otherwise sizes its heap from the machine's memory (24 GiB
 * here) and lets garbage grow a process to hundreds of megabytes under load.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer, isBundleStale, SERVER_BUNDLE } from './build-server.js';

/** Old-space cap in MB, whatever the number of notes. */
export const HEAP_CAP_MB = 192;

/**
 * The Node arguments the server runs with (`npm start`, the benchmark, the container image): one
 * old-space cap and an 8 MB young generation, so a search's short-lived objects (the engine's parsed
 * answer, the page's model) die young instead of being promoted. `--optimize-for-size`, which ran
 * until 2026-12-08, held the peak at 50,000 notes to 215 MB against 274 MB, but V8 then collected a
 * 1 MB young generation every request or two and the server spent 30–45 % more CPU a search (the
 * search round's targets are against the framework's floor; docs/benchmark.md, Memory, has both sets
 * of figures). A deployment short of memory can put the flag back here and in the Dockerfile.
 */
export function serverArguments(): string[] {
  return [`--max-old-space-size=${HEAP_CAP_MB}`, `--max-semi-space-size=${YOUNG_SPACE_MB}`, SERVER_BUNDLE];
}

/** Young-generation semi-space in MB. */
export const YOUNG_SPACE_MB = 8;

/** Builds the server unless the bundle is current; returns the arguments to run it with. */
export async function prepareServer(): Promise<string[]> {
  if (isBundleStale()) await buildServer();
  return serverArguments();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const child = spawn(process.execPath, await prepareServer(), { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  // npm runs this through `sh -c`, and a SIGTERM sent to npm ends the shell without passing it on:
  // a launcher whose parent has gone stops its server (which stops its databases) instead of
  // leaving them all running, orphaned.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) child.kill('SIGTERM');
  }, 1000).unref();
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
