import type { EnqueuedTaskPromise, Meilisearch, Task } from 'meilisearch';
import { SearchEngineError } from '../errors.js';

/** How often a task is asked after: at first, at most, and for how long in all. */
export interface TaskPolling {
  timeoutMs: number;
  firstIntervalMs?: number;
  maxIntervalMs?: number;
}

/**
 * Waits for an engine task to end (succeeded, failed or canceled) and returns it: asks every 50 ms
 * at first, then less and less often, up to once a second, so a short write (one approved note) is
 * seen at once and a long batch does not poll the engine twenty times a second. Not the client's
 * `waitTask`: it adds an abort listener to one signal on every poll and removes none until the wait
 * ends, so a batch that queued for over a minute (indexing 10,000 notes) made Node warn of a memory
 * leak (meilisearch 0.62.0).
 */
export async function waitForTask(client: Pick<Meilisearch, 'tasks'>, enqueued: EnqueuedTaskPromise, polling: TaskPolling): Promise<Task> {
  const { taskUid } = await enqueued;
  const deadline = Date.now() + polling.timeoutMs;
  const maxInterval = polling.maxIntervalMs ?? 1_000;
  for (let interval = polling.firstIntervalMs ?? 50; ; interval = Math.min(interval * 1.5, maxInterval)) {
    const task = await client.tasks.getTask(taskUid);
    if (task.status !== 'enqueued' && task.status !== 'processing') return task;
    if (Date.now() + interval > deadline) throw new SearchEngineError(`task ${taskUid} was still ${task.status} after ${polling.timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
