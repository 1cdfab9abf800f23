import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { VersionDiff } from '../content/diff-versions.js';
import type { AuthoredRelated, Heading, RenderedNote, SearchText } from '../content/render-note.js';
import type { SubmissionContext, SubmissionReading } from '../contribute/check-submission.js';
import { RenderBudgetError } from '../errors.js';
import type { WordChange } from './render-task.js';

/** A body rendered once, for the page and for the index. */
export interface RenderedMarkdown {
  html: string;
  headings: Heading[];
  /** The author's related-notes list, when the body ends with one. */
  related?: AuthoredRelated;
  searchText: SearchText;
}

/** Work on untrusted text off the event loop, each task within a size and time budget. */
export interface RenderPool {
  /** Rejects with RenderBudgetError when the body is too large, too slow, too deeply nested, or the pool is saturated. */
  render(markdown: string): Promise<RenderedMarkdown>;
  /** The page's HTML and headings only: guidance pages never need the index's words (a fifth of a render). */
  render(markdown: string, options: { searchText: false }): Promise<RenderedNote>;
  /** Reads a submission as `npm run check` would (check-submission.ts readSubmission), within the same budget. */
  readSubmission(markdown: string, context: SubmissionContext): Promise<SubmissionReading>;
  /** The word diff of two bodies, within the same budget; null when they differ too much to compare in time. */
  diffWords(before: string, after: string): Promise<WordChange[] | null>;
  /** A word diff of two versions of a file (diff-versions.ts), section by section, within the same budget. */
  diff(before: string, after: string): Promise<VersionDiff>;
  close(): Promise<void>;
}

/** How much one pool may spend on one task. */
export interface RenderBudget {
  /** Bytes of Markdown accepted at all. */
  maxBytes: number;
  /** Milliseconds a task may run on its thread before the thread is killed; waiting for a thread does not count. */
  timeoutMs: number;
  /** Milliseconds a task may wait for a thread before it is refused as `busy` (never started); 10 s unless given. */
  waitMs?: number;
  /** Worker threads; at least one. */
  threads?: number;
}

const WORKER = new URL('./render-worker.mjs', import.meta.url);

/*
 * Markdown parsing is super-linear on some inputs (setext underlines, runs of `*`, `~` or `>`): a
 * 20 KB body can take 20 s and a deep quote overflows the stack. Rendering (and reading a submission,
 * and diffing one) therefore runs in worker threads, and a task that overruns its budget has its
 * thread terminated (piscina does this when a running task is aborted), so no text can hold the
 * event loop or a thread for longer than the budget. The budget counts from the moment the thread
 * takes the task (it says so on a port of its own): under a burst, time spent queued behind other
 * texts says nothing about this one, and a task that never started is `busy`, never `too_slow`.
 */
/** A pool of threads with one budget. Threads start on first use and stop when idle. */
export function createRenderPool(budget: RenderBudget): RenderPool {
  const threads = Math.max(1, Math.min(budget.threads ?? 1, availableParallelism()));
  const pool = new Piscina({
    filename: WORKER.href,
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: 60_000,
    // A task waiting for a thread is refused rather than queued without bound.
    maxQueue: threads * 16,
    // The worker registers tsx itself; inheriting the parent's --import would register it twice.
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: 256 },
  });
  // Starting a thread (and compiling the renderer) must not count against a body's budget.
  let ready: Promise<unknown> | undefined;
  const warmUp = () =>
    (ready ??= pool.run({ kind: 'warm-up' }).catch((error: unknown) => {
      ready = undefined;
      throw error;
    }));

  const run = async <R>(task: Record<string, unknown>, bytes: number): Promise<R> => {
    if (bytes > budget.maxBytes) throw new RenderBudgetError(`the text is larger than ${Math.round(budget.maxBytes / 1024)} KB`, 'too_large');
    await warmUp();
    const { port1, port2 } = new MessageChannel();
    const abort = new AbortController();
    let started = false;
    const waiting = setTimeout(() => abort.abort(), budget.waitMs ?? 10_000);
    let running: NodeJS.Timeout | undefined;
    port1.once('message', () => {
      started = true;
      clearTimeout(waiting);
      running = setTimeout(() => abort.abort(), budget.timeoutMs);
    });
    try {
      return (await pool.run({ ...task, started: port2 }, { transferList: [port2], signal: abort.signal })) as R;
    } catch (error) {
      // The thread may have been killed: the next task warms its replacement up first.
      if (started) ready = undefined;
      throw toBudgetError(error, budget.timeoutMs, started);
    } finally {
      clearTimeout(waiting);
      clearTimeout(running);
      port1.close();
    }
  };

  return {
    render: ((markdown: string, options?: { searchText: false }) =>
      run({ kind: 'render', markdown, searchText: options?.searchText ?? true }, Buffer.byteLength(markdown, 'utf8'))) as RenderPool['render'],
    readSubmission: (markdown, context) => run({ kind: 'read-submission', markdown, context }, 0),
    diffWords: (before, after) => run({ kind: 'diff', before, after }, Math.max(Buffer.byteLength(before, 'utf8'), Buffer.byteLength(after, 'utf8'))),
    diff: (before, after) => run({ kind: 'diff-versions', before, after }, Math.max(Buffer.byteLength(before, 'utf8'), Buffer.byteLength(after, 'utf8'))),
    close: () => pool.destroy(),
  };
}

function toBudgetError(error: unknown, timeoutMs: number, started: boolean): Error {
  const { name, message } = (error ?? {}) as { name?: string; message?: string };
  if (!started && (name === 'AbortError' || /abort|queue/i.test(message ?? ''))) {
    return new RenderBudgetError('the server is busy with other texts', 'busy', { cause: error });
  }
  if (name === 'AbortError' || name === 'TimeoutError' || /abort/i.test(message ?? '')) {
    return new RenderBudgetError(`the text took longer than ${timeoutMs} ms to render`, 'too_slow', { cause: error });
  }
  if (name === 'RangeError' || /call stack/i.test(message ?? '')) {
    return new RenderBudgetError('the text is nested too deeply (quotes or lists inside each other)', 'too_deep', { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}
