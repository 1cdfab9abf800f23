import { Meilisearch, MeilisearchApiError, type EnqueuedTaskPromise, type Task } from 'meilisearch';
import { SearchEngineError } from '../errors.js';
import type { SynonymGroups } from '../content/synonyms.js';
import { createEnginePost, type EnginePost } from './engine-http.js';
import type { NoteSubject } from './subject-keys.js';
import { waitForTask } from './wait-for-task.js';

/** What the reader needs of the knowledge base it searches: what caches are valid for, its synonym groups, and what its notes say they are about. */
export interface SearchKnowledge {
  contentHash: string;
  synonyms: SynonymGroups;
  /** Their titles and summaries (subject-keys.ts); none leaves a question's keys in the order typed. */
  notes?: readonly NoteSubject[];
}

/** How to reach the engine and which index to use. */
export interface MeilisearchOptions {
  host: string;
  /** Admin key for a writer, search key for the web app; undefined for an engine without a master key. */
  apiKey: string | undefined;
  indexName: string;
  /**
   * The knowledge base searched now (the web app's, which changes as notes are approved or synced):
   * searches rewrite their words with its synonym groups and keep what they may reuse per content
   * hash. Without it, `synonyms` (or none) are used and nothing is kept between searches.
   */
  knowledge?: () => SearchKnowledge;
  /** The synonym groups when there is no `knowledge` (a writer, the eval, tests). */
  synonyms?: SynonymGroups;
  /** The notes' titles and summaries when there is no `knowledge`: which query keys lead (subject-keys.ts). */
  subjects?: readonly NoteSubject[];
  /** Per-request timeout in milliseconds. */
  requestTimeoutMs?: number;
  /** How long to wait for a write task (indexing 50k notes takes minutes). */
  taskTimeoutMs?: number;
}

/** How long a write task may take by default: indexing 50,000 notes takes minutes. */
export const DEFAULT_TASK_TIMEOUT_MS = 600_000;

/**
 * Creates a Meilisearch client that asks for uncompressed responses. With gzip, Meilisearch writes
 * headers and body in separate packets, and on a keep-alive connection the body waits for the
 * client's delayed ACK: about 40 ms added to every search (reference/perf.md).
 */
export function createMeilisearchClient(host: string, apiKey: string | undefined, timeout = 5_000, taskTimeout = DEFAULT_TASK_TIMEOUT_MS): Meilisearch {
  return new Meilisearch({
    host,
    ...(apiKey ? { apiKey } : {}),
    timeout,
    requestInit: { headers: { 'Accept-Encoding': 'identity' } },
    defaultWaitOptions: { timeout: taskTimeout, interval: 50 },
  });
}

/** True for the engine's 404 (an index or document that does not exist). */
export function isNotFound(error: unknown): boolean {
  return error instanceof MeilisearchApiError && error.response.status === 404;
}

/**
 * One connection to the engine, shared by the reader and the writer: the client for writes and
 * administration, a leaner POST for searches (engine-http.ts), and the two rules every call follows:
 * a failure becomes a SearchEngineError that says what was being done, and a write task is waited
 * for and its final status checked (a failed task resolves, it does not throw).
 */
export class MeilisearchConnection {
  readonly client: Meilisearch;
  protected readonly post: EnginePost;
  protected readonly indexName: string;
  protected readonly taskTimeoutMs: number;

  constructor(options: MeilisearchOptions) {
    this.taskTimeoutMs = options.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS;
    this.client = createMeilisearchClient(options.host, options.apiKey, options.requestTimeoutMs, options.taskTimeoutMs);
    this.post = createEnginePost(options.host, options.apiKey, options.requestTimeoutMs);
    this.indexName = options.indexName;
  }

  /** Waits for a write task and checks its final status. */
  protected async waitFor(what: string, enqueued: EnqueuedTaskPromise, options: { allowNotFound?: boolean; allowFailure?: boolean } = {}): Promise<Task> {
    const task = await this.call(what, () => waitForTask(this.client, enqueued, { timeoutMs: this.taskTimeoutMs }));
    if (task.status === 'succeeded' || options.allowFailure) return task;
    if (options.allowNotFound && task.error?.code === 'index_not_found') return task;
    throw new SearchEngineError(`${what}: task ${task.uid} ${task.status}${task.error ? ` (${task.error.code}: ${task.error.message})` : ''}`, {
      cause: task.error ?? task,
    });
  }

  /** Runs one call to the engine, turning its failure into a SearchEngineError that names `what`. */
  protected async call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof SearchEngineError) throw error;
      const code = error instanceof MeilisearchApiError && error.cause?.code ? ` (${error.cause.code})` : '';
      throw new SearchEngineError(`${what} failed: ${error instanceof Error ? error.message : String(error)}${code}`, { cause: error });
    }
  }
}
