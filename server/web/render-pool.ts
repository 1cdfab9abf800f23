import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { VersionDiff } from '../content/diff-versions.js';
import type { AuthoredRelated, Heading, RenderedNote, SearchText } from '../content/render-note.js';
import { RenderBudgetError } from '../errors.js';

/** A body rendered once, for the page and for the index. */
export interface RenderedMarkdown {
  html: string;
  headings: Heading[];
  /** The author's related-notes list, when the body ends with one. */
  related?: AuthoredRelated;
  searchText: SearchText;
}

/** Renders Markdown off the event loop, within a size and time budget. */
export interface RenderPool {
  /** Rejects with RenderBudgetError when the body is too large, too slow, too deeply nested, or the pool is saturated. */
  render(markdown: string): Promise<RenderedMarkdown>;
  /** The page's HTML and headings only: guidance pages never need the index's words (a fifth of a render). */
  render(markdown: string, options: { searchText: false }): Promise<RenderedNote>;
  /** A word diff of two versions of a file (diff-versions.ts), under the same budget. */
  diff(before: string, after: string): Promise<VersionDiff>;
  close(): Promise<void>;
}

/** How much one pool may spend on one body. */
export interface RenderBudget {
  /** Bytes of Markdown accepted at all. */
  maxBytes: number;
  /** Milliseconds a render may run (queueing included) before its thread is killed. */
  timeoutMs: number;
  /** Worker threads; at least one. */
  threads?: number;
}

const WORKER = new URL('./render-worker.mjs', import.meta.url);

/*
 * Markdown parsing is super-linear on some inputs (setext underlines, runs of `*`, `~` or `>`): a
 * 20 KB body can take 20 s and a deep quote overflows the stack. Rendering therefore runs in worker
 * threads, and a render that overruns its budget has its thread terminated (piscina does this when a
 * running task is aborted), so no body can hold the event loop or a thread for longer than the budget.
 */
/** A pool of rendering threads with one budget. Threads start on first use and stop when idle. */
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
  const warmUp = () => (ready ??= pool.run({ kind: 'warm-up' }).catch((error: unknown) => {
    ready = undefined;
    throw error;
  }));

  return {
    async render(markdown: string, options?: { searchText: false }): Promise<RenderedMarkdown> {
      if (Buffer.byteLength(markdown, 'utf8') > budget.maxBytes) {
        throw new RenderBudgetError(`the text is larger than ${Math.round(budget.maxBytes / 1024)} KB`, 'too_large');
      }
      await warmUp();
      try {
        return (await pool.run({ kind: 'render', markdown, searchText: options?.searchText ?? true }, { signal: AbortSignal.timeout(budget.timeoutMs) })) as RenderedMarkdown;
      } catch (error) {
        // The thread may have been killed: the next render warms its replacement up first.
        ready = undefined;
        throw toBudgetError(error, budget.timeoutMs);
      }
    },
    async diff(before: string, after: string): Promise<VersionDiff> {
      if (Buffer.byteLength(before, 'utf8') + Buffer.byteLength(after, 'utf8') > 2 * budget.maxBytes) {
        throw new RenderBudgetError(`the versions are larger than ${Math.round(budget.maxBytes / 1024)} KB each`, 'too_large');
      }
      await warmUp();
      try {
        return (await pool.run({ kind: 'diff', before, after }, { signal: AbortSignal.timeout(budget.timeoutMs) })) as VersionDiff;
      } catch (error) {
        ready = undefined;
        throw toBudgetError(error, budget.timeoutMs);
      }
    },
    close: () => pool.destroy(),
  };
}

function toBudgetError(error: unknown, timeoutMs: number): Error {
  const { name, message } = (error ?? {}) as { name?: string; message?: string };
  if (name === 'AbortError' || name === 'TimeoutError' || /abort/i.test(message ?? '')) {
    return new RenderBudgetError(`the text took longer than ${timeoutMs} ms to render`, 'too_slow', { cause: error });
  }
  if (name === 'RangeError' || /call stack/i.test(message ?? '')) {
    return new RenderBudgetError('the text is nested too deeply (quotes or lists inside each other)', 'too_deep', { cause: error });
  }
  if (/queue/i.test(message ?? '')) return new RenderBudgetError('the server is busy rendering other texts', 'busy', { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}
