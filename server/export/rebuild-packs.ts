import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import lockfile from 'proper-lockfile';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KnowledgeBase, PublishedNote } from '../content/knowledge-base.js';

/** Rebuilds the offline packs in DOWNLOADS_DIR in the background. */
export interface PackRebuilder {
  /**
   * Asks for the packs a change reached (jurisdiction codes; `all`: every pack; `stale`: every pack
   * if the whole-knowledge pack does not hold `version`). Requests made while a build runs are
   * gathered into the next one.
   */
  schedule(scopes: readonly string[] | 'all' | 'stale', knowledgeDir: string, version?: string): void;
  /** Stops a build in progress (the zips being written are left unfinished, the old ones kept). */
  close(): Promise<void>;
}

/** What a pack's sidecar file (`casebook-<scope>.json`) says: the version it holds. */
export interface PackVersion {
  version: string;
  date: string;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Packs are rebuilt by `npm run export -- --downloads` in a child process, so rendering thousands of
 * pages never holds this server's event loop or memory; one build at a time, a few seconds after
 * the last change (an afternoon of approvals is one build, not thirty). Only the packs a change
 * reaches are rebuilt: the whole knowledge base's, and those of the jurisdictions it touched.
 */
export function createPackRebuilder(options: {
  downloadsDir: string;
  publicUrl?: string | undefined;
  log: (line: string) => void;
  delayMs?: number;
}): PackRebuilder {
  let wanted: Set<string> | 'all' | undefined;
  let knowledgeDir = '';
  let timer: NodeJS.Timeout | undefined;
  let running: ChildProcess | undefined;
  let finished: Promise<void> = Promise.resolve();
  let closed = false;

  const start = async (): Promise<void> => {
    timer = undefined;
    if (closed || running || !wanted) return;
    const scopes = wanted;
    wanted = undefined;
    // Replicas sharing DOWNLOADS_DIR take turns: one builds, the others try again a minute later.
    let release: (() => Promise<void>) | undefined;
    try {
      mkdirSync(options.downloadsDir, { recursive: true });
      release = await lockfile.lock(path.join(options.downloadsDir, 'packs'), { realpath: false, stale: 60_000, update: 10_000 });
    } catch {
      wanted = scopes === 'all' || wanted === 'all' ? 'all' : new Set([...scopes, ...((wanted as Set<string> | undefined) ?? [])]);
      timer = setTimeout(() => void start(), 60_000);
      return;
    }
    const args = ['--import', 'tsx', path.join(ROOT, 'scripts', 'export.ts'), '--downloads', ...(scopes === 'all' ? [] : ['--only', [...scopes].join(',')])];
    options.log(`packs: rebuilding ${scopes === 'all' ? 'every pack' : `the packs of ${[...scopes].join(', ')}`} in the background`);
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, KNOWLEDGE_DIR: knowledgeDir, DOWNLOADS_DIR: options.downloadsDir, PUBLIC_URL: options.publicUrl ?? '' },
    });
    running = child;
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      if (errors.length < 2000) errors += chunk.toString();
    });
    finished = new Promise((resolve) =>
      child.once('close', (code) => {
        running = undefined;
        void release?.().catch(() => undefined);
        options.log(code === 0 ? 'packs: rebuilt' : `packs: the rebuild failed (${code}): ${errors.trim().slice(0, 500)}`);
        resolve();
        if (wanted && !closed) timer = setTimeout(() => void start(), options.delayMs ?? 10_000);
      }),
    );
  };

  return {
    schedule(scopes, dir, version) {
      if (closed) return;
      knowledgeDir = dir;
      if (scopes === 'stale') {
        void readPackVersion(options.downloadsDir, 'all').then((held) => {
          if (held?.version !== version) this.schedule('all', dir);
        });
        return;
      }
      if (scopes === 'all' || wanted === 'all') wanted = 'all';
      else wanted = new Set([...(wanted ?? []), ...scopes, 'all']);
      if (!timer && !running) timer = setTimeout(() => void start(), options.delayMs ?? 10_000);
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      running?.kill('SIGTERM');
      await finished;
    },
  };
}

/** The jurisdictions whose packs a change reached: those of every note it added, changed or removed, before and after. */
export function packScopes(change: {
  before: KnowledgeBase | undefined;
  upserted: readonly PublishedNote[];
  removed: readonly string[];
  reloaded: boolean;
}): string[] | 'all' {
  if (change.reloaded) return 'all';
  const codes = new Set<string>();
  for (const note of change.upserted) {
    for (const code of note.jurisdictions) codes.add(code);
    for (const code of change.before?.bySlug.get(note.slug)?.jurisdictions ?? []) codes.add(code);
  }
  for (const slug of change.removed) for (const code of change.before?.bySlug.get(slug)?.jurisdictions ?? []) codes.add(code);
  codes.delete('INT');
  return [...codes].sort();
}

/** The version a pack in the downloads directory holds, from its sidecar file. */
export async function readPackVersion(downloadsDir: string, scope: string): Promise<PackVersion | undefined> {
  try {
    const value = JSON.parse(await readFile(path.join(downloadsDir, `casebook-${scope}.json`), 'utf8')) as Partial<PackVersion>;
    return typeof value.version === 'string' && typeof value.date === 'string' ? { version: value.version, date: value.date } : undefined;
  } catch {
    return undefined;
  }
}
