import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { KnowledgeBuilder, type ContentFile, type KnowledgeBase, type KnowledgeCheck } from './build-knowledge-base.js';
import { announceChange, followChanges, type ChangeFollower, type ContentChange } from './change-feed.js';
import type { ContentProblem } from './content-problem.js';
import type { KnowledgeSource } from './knowledge-source.js';
import { listMarkdownFiles, readAuthorityFiles, readContentFile, readMarkdownFiles, readOptional } from './load-knowledge.js';
import { latestCalendarDate } from './note-schema.js';

/** What one refresh changed. */
export interface RefreshSummary {
  /** Note files re-read (added or changed), relative to the knowledge directory. */
  reread: string[];
  /** Note files that disappeared. */
  removed: string[];
  /** True when a vocabulary, collection or authority changed and everything was read again. */
  reloaded: boolean;
}

export interface LiveKnowledgeOptions {
  knowledgeDir: string;
  /** The shared DATA_DIR that holds the change feed; without it, changes stay in this process. */
  dataDir?: string | undefined;
  /** How often the change feed is checked (CHANGE_POLL_MS). */
  pollMs?: number;
  now?: () => Date;
  /** Problems found by a refresh (a broken file is left out; the rest is served). */
  onProblems?: (problems: ContentProblem[]) => void;
  onRefresh?: (summary: RefreshSummary, cause: string) => void;
  onError?: (error: unknown) => void;
}

/** The knowledge base of a running server, kept in step with the knowledge directory and with every replica. */
export interface LiveKnowledge extends KnowledgeSource {
  /** The check of the last (re)load: every problem, and the counts. */
  check(): KnowledgeCheck;
  /**
   * Re-reads the named note files (relative to the knowledge directory), or, with none named, every
   * file whose size or modification time changed, and builds the knowledge base again from what
   * was kept for the others. Refreshes never overlap.
   */
  refresh(files?: readonly string[]): Promise<RefreshSummary>;
  /** Stops following the change feed. */
  close(): void;
}

/** What a file looked like when it was read: a changed size or time means it must be read again. */
interface Stamp {
  size: number;
  mtimeMs: number;
}

/**
 * Loads the knowledge directory and follows the change feed in DATA_DIR, so that a note approved
 * on another replica, or changed in git and followed by `npm run index`, is served here within a
 * poll interval. Only the notes that changed are read again; the vocabularies, collections and
 * authorities are small, and a change to any of them reloads everything.
 */
export async function openLiveKnowledge(options: LiveKnowledgeOptions): Promise<LiveKnowledge> {
  const knowledgeDir = path.resolve(options.knowledgeDir);
  const now = options.now ?? (() => new Date());
  const notesDir = path.join(knowledgeDir, 'notes');
  // Paths as problems show them (relative to the working directory), as loadKnowledge gives them.
  const shown = (absolute: string): string => path.relative(process.cwd(), absolute) || absolute;
  const relative = (absolute: string): string => path.relative(knowledgeDir, absolute);

  let builder!: KnowledgeBuilder;
  let noteStamps = new Map<string, Stamp>();
  let otherStamps = new Map<string, Stamp>();
  let latest!: KnowledgeCheck;
  let served: KnowledgeBase | undefined;

  const follower: { value?: ChangeFollower } = {};
  // Followed from before the first read: a change announced while loading is picked up, never lost.
  if (options.dataDir) {
    follower.value = await followChanges(options.dataDir, {
      intervalMs: options.pollMs ?? 1_000,
      onChanges: async (changes) => {
        const summary = await refresh(filesOf(changes));
        options.onRefresh?.(summary, changes.map((change) => change.by).join(', '));
      },
      onError: options.onError,
    });
  }

  // A page reads its note's body from the file. A file found changed or gone since it was listed
  // is looked at again at once, without waiting for the change feed (a `git pull` without an index).
  async function readNoteFile(file: string): Promise<ContentFile | undefined> {
    const absolute = path.resolve(file);
    const [content, stamp] = await readStamped(absolute);
    const listed = noteStamps.get(shown(absolute));
    if (!stamp || !listed || listed.size !== stamp.size || listed.mtimeMs !== stamp.mtimeMs) {
      refresh([relative(absolute)]).catch((error: unknown) => options.onError?.(error));
    }
    return content;
  }

  async function loadAll(): Promise<void> {
    const [taxonomy, synonyms, about] = await Promise.all(['taxonomy.yml', 'synonyms.yml', 'about.yml'].map((name) => readOptional(path.join(knowledgeDir, name))));
    // Bodies stay on disk: the server's memory holds the catalogue, and pages read their note's file.
    const next = new KnowledgeBuilder({ taxonomy, synonyms, about }, latestCalendarDate(now()), { bodies: 'file', readFile: readNoteFile });
    const stamps = new Map<string, Stamp>();
    const notes = await listMarkdownFiles(notesDir, true);
    for (let start = 0; start < notes.length; start += READ_BATCH) {
      for (const [file, stamp] of await Promise.all(notes.slice(start, start + READ_BATCH).map(readStamped))) {
        if (!file || !stamp) continue;
        next.addNote(file);
        stamps.set(file.path, stamp);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (const file of await readMarkdownFiles(path.join(knowledgeDir, 'collections'), false)) next.addCollection(file);
    for (const file of await readAuthorityFiles(knowledgeDir)) next.addAuthority(file);
    builder = next;
    noteStamps = stamps;
    otherStamps = await stampOthers();
  }

  // Everything that is not a note: a change to any of these reloads the whole directory.
  async function stampOthers(): Promise<Map<string, Stamp>> {
    const files = [
      ...['taxonomy.yml', 'synonyms.yml', 'about.yml'].map((name) => path.join(knowledgeDir, name)),
      ...(await listMarkdownFiles(path.join(knowledgeDir, 'collections'), false)),
      ...(await listFiles(path.join(knowledgeDir, 'authorities'))),
    ];
    const stamps = new Map<string, Stamp>();
    for (const file of files) {
      const stamp = await stampOf(file);
      if (stamp) stamps.set(file, stamp);
    }
    return stamps;
  }

  function publish(): void {
    const check = builder.finish();
    latest = check;
    if (check.knowledgeBase) served = check.knowledgeBase;
    const problems = check.problems.filter((problem) => problem.severity !== 'warning');
    if (problems.length > 0) options.onProblems?.(problems);
  }

  let queue: Promise<unknown> = Promise.resolve();
  function refresh(files?: readonly string[]): Promise<RefreshSummary> {
    const run = queue.then(() => refreshNow(files));
    queue = run.catch(() => undefined);
    return run;
  }

  async function refreshNow(files?: readonly string[]): Promise<RefreshSummary> {
    const summary: RefreshSummary = { reread: [], removed: [], reloaded: false };
    if (!files) {
      const others = await stampOthers();
      if (!sameStamps(others, otherStamps)) {
        await loadAll();
        publish();
        return { ...summary, reloaded: true };
      }
    }
    // Named files are read whatever their stamp says: a replace within one clock tick keeps the size and time.
    const candidates = files
      ? files.map((file) => path.resolve(knowledgeDir, file)).filter((file) => file.startsWith(notesDir + path.sep) && file.toLowerCase().endsWith('.md'))
      : await listMarkdownFiles(notesDir, true);
    const seen = new Set<string>();
    for (const absolute of candidates) {
      const key = shown(absolute);
      seen.add(key);
      const stamp = await stampOf(absolute);
      if (!stamp) {
        if (noteStamps.delete(key)) {
          builder.removeNote(key);
          summary.removed.push(relative(absolute));
        }
        continue;
      }
      const before = noteStamps.get(key);
      if (!files && before && before.size === stamp.size && before.mtimeMs === stamp.mtimeMs) continue;
      const [file, fresh] = await readStamped(absolute);
      if (!file || !fresh) continue;
      builder.addNote(file);
      noteStamps.set(key, fresh);
      summary.reread.push(relative(absolute));
    }
    if (!files) {
      for (const key of [...noteStamps.keys()]) {
        if (seen.has(key)) continue;
        noteStamps.delete(key);
        builder.removeNote(key);
        summary.removed.push(relative(path.resolve(key)));
      }
    }
    if (summary.reread.length > 0 || summary.removed.length > 0) publish();
    return summary;
  }

  await loadAll();
  publish();

  return {
    current: () => {
      if (!served) throw new Error('the knowledge directory could not be read');
      return served;
    },
    check: () => latest,
    refresh,
    noteWritten: async (file) => {
      const name = relative(path.resolve(file));
      await refresh([name]);
      if (options.dataDir) await announceChange(options.dataDir, { by: 'editor', files: [name] });
    },
    catchUp: async () => {
      await follower.value?.checkNow();
    },
    close: () => follower.value?.stop(),
  };
}

const READ_BATCH = 500;

/** The note files a batch of changes names, or undefined when any change may have touched anything. */
function filesOf(changes: readonly ContentChange[]): string[] | undefined {
  const files = new Set<string>();
  for (const change of changes) {
    if (!change.files) return undefined;
    for (const file of change.files) files.add(file);
  }
  return [...files];
}

async function readStamped(file: string): Promise<[ContentFile | undefined, Stamp | undefined]> {
  // The stamp is taken before the read: a change during the read shows as a newer stamp next time.
  const stamp = await stampOf(file);
  if (!stamp) return [undefined, undefined];
  try {
    return [await readContentFile(file), stamp];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [undefined, undefined];
    throw error;
  }
}

async function stampOf(file: string): Promise<Stamp | undefined> {
  try {
    const info = await stat(file);
    return { size: info.size, mtimeMs: info.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(dir, entry.name)).sort();
}

function sameStamps(a: ReadonlyMap<string, Stamp>, b: ReadonlyMap<string, Stamp>): boolean {
  if (a.size !== b.size) return false;
  for (const [file, stamp] of a) {
    const other = b.get(file);
    if (!other || other.size !== stamp.size || other.mtimeMs !== stamp.mtimeMs) return false;
  }
  return true;
}
