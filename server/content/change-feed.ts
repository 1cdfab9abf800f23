import { appendFile, mkdir, open, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';

/**
 * The change feed: how app replicas sharing one DATA_DIR learn that the knowledge directory
 * changed, without any infrastructure beyond the shared volume. Each change is one JSON line
 * appended to DATA_DIR/changes.jsonl; every replica polls the file's size and reads what was
 * added. A line is short (well under 4 KB), and one append with O_APPEND is written whole on a
 * local or POSIX shared file system, so writers need no lock.
 */
export interface ContentChange {
  /** ISO time of the change. */
  at: string;
  /** Who made it: `editor` for an approval, `index` for `npm run index`, followed by `@<host>:<pid>`. */
  by: string;
  /**
   * Note files that changed, relative to the knowledge directory. Absent: anything may have
   * changed (an `npm run index` after edits in git), and a replica compares every file's size and
   * modification time with what it read.
   */
  files?: string[];
}

/** The feed's file in DATA_DIR. */
export function changeFeedFile(dataDir: string): string {
  return path.join(dataDir, 'changes.jsonl');
}

/** Appends one change for every replica (this one included) to pick up. */
export async function announceChange(dataDir: string, change: Omit<ContentChange, 'at'>): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const line: ContentChange = { at: new Date().toISOString(), by: `${change.by}@${hostname()}:${process.pid}`, ...(change.files ? { files: change.files } : {}) };
  await appendFile(changeFeedFile(dataDir), `${JSON.stringify(line)}\n`, { encoding: 'utf8', mode: 0o644 });
}

/** A running follower. */
export interface ChangeFollower {
  /** Reads the feed now (between two polls), and resolves once every change in it was handled. */
  checkNow(): Promise<void>;
  stop(): void;
}

export interface FollowOptions {
  /** How often the feed's size is checked; replicas agree within this plus the time to re-read what changed. */
  intervalMs: number;
  /** Called with the changes read since the last call, one call at a time. */
  onChanges: (changes: ContentChange[]) => Promise<void>;
  onError?: (error: unknown) => void;
}

/**
 * Follows the feed from its current end: what is already in it is what the caller has just read
 * from disk. Checks never overlap; an unreadable line counts as "anything may have changed".
 */
export async function followChanges(dataDir: string, options: FollowOptions): Promise<ChangeFollower> {
  const file = changeFeedFile(dataDir);
  let offset = await sizeOf(file);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const check = async (): Promise<void> => {
    const size = await sizeOf(file);
    // A feed that shrank was rotated or replaced: start again from its beginning, and re-check everything.
    if (size < offset) {
      offset = 0;
      await options.onChanges([{ at: new Date().toISOString(), by: 'feed-rotated' }]);
    }
    if (size === offset) return;
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(size - offset);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      const text = buffer.subarray(0, bytesRead).toString('utf8');
      // Only whole lines: a line still being written is read at the next check.
      const end = text.lastIndexOf('\n');
      if (end === -1) return;
      offset += Buffer.byteLength(text.slice(0, end + 1));
      const changes = text.slice(0, end).split('\n').filter((line) => line.trim() !== '').map(parseChange);
      if (changes.length > 0) await options.onChanges(changes);
    } finally {
      await handle.close();
    }
  };
  // One check at a time, whether the timer or a caller asked for it.
  let last: Promise<void> = Promise.resolve();
  const serially = (): Promise<void> => {
    const run = last.then(check);
    last = run.catch(() => undefined);
    return run;
  };
  const loop = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      serially().catch((error: unknown) => options.onError?.(error)).finally(loop);
    }, options.intervalMs);
    timer.unref();
  };
  loop();
  return {
    checkNow: serially,
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

function parseChange(line: string): ContentChange {
  try {
    const value = JSON.parse(line) as Partial<ContentChange>;
    const files = Array.isArray(value.files) && value.files.every((file) => typeof file === 'string') ? value.files : undefined;
    return { at: String(value.at ?? ''), by: String(value.by ?? ''), ...(files ? { files } : {}) };
  } catch {
    return { at: '', by: 'unreadable-line' };
  }
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}
