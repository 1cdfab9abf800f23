/**
 * npm start: runs server/main.ts in a Node process whose heap is sized for this knowledge base.
 * V8 otherwise sizes its heap from the machine's memory (24 GiB here) and, under load, let garbage
 * grow the app to 700 MB while it held 50 MB of live data; a cap proportional to the number of
 * notes keeps memory near what the notes need and still leaves room as the knowledge base grows.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Old-space cap in MB: a floor for small knowledge bases, then about 12 KB a note (live use is about 5 KB). */
export function heapCapMb(noteCount: number): number {
  return Math.min(8192, Math.max(256, Math.ceil(128 + noteCount * 0.012)));
}

/** The Node arguments `npm start` uses for a knowledge base of `noteCount` notes. */
export function serverArguments(noteCount: number): string[] {
  return [`--max-old-space-size=${heapCapMb(noteCount)}`, '--max-semi-space-size=4', '--import', 'tsx', path.join(ROOT, 'server', 'main.ts')];
}

/** How many note files a knowledge directory holds (a fast directory walk, nothing parsed). */
export function countNoteFiles(knowledgeDir: string): number {
  try {
    return readdirSync(path.join(knowledgeDir, 'notes'), { recursive: true }).filter((name) => String(name).endsWith('.md')).length;
  } catch {
    return 0;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const knowledgeDir = path.resolve(process.env.KNOWLEDGE_DIR?.trim() || 'knowledge');
  const child = spawn(process.execPath, serverArguments(countNoteFiles(knowledgeDir)), { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
