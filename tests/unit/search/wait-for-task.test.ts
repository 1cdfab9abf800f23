import type { EnqueuedTaskPromise, Meilisearch, Task } from 'meilisearch';
import { describe, expect, it } from 'vitest';
import { SearchEngineError } from '../../../server/errors.js';
import { waitForTask } from '../../../server/search/wait-for-task.js';

// A task that stays `processing` for a number of polls, then ends as given; records when it was asked.
function engineWith(processingPolls: number, end: Task['status'] = 'succeeded') {
  const asked: number[] = [];
  const client = {
    tasks: {
      getTask: async (uid: number) => {
        asked.push(performance.now());
        return { uid, status: asked.length > processingPolls ? end : 'processing' } as Task;
      },
    },
  } as unknown as Pick<Meilisearch, 'tasks'>;
  const enqueued = Promise.resolve({ taskUid: 7 }) as unknown as EnqueuedTaskPromise;
  return { client, enqueued, asked };
}

describe('waitForTask', () => {
  it('returns the task once it has ended, asking less and less often', async () => {
    const { client, enqueued, asked } = engineWith(6);
    const task = await waitForTask(client, enqueued, { timeoutMs: 10_000, firstIntervalMs: 4, maxIntervalMs: 12 });
    expect(task).toMatchObject({ uid: 7, status: 'succeeded' });
    expect(asked).toHaveLength(7);
    const gaps = asked.slice(1).map((at, index) => at - asked[index]!);
    // 4, 6, 9, then the ceiling of 12 ms. libuv times a timer against its loop clock, whole
    // milliseconds read at the start of a loop turn, so by performance.now() a timer may fire up to
    // 1 ms before its delay (3.39 ms for 4 was seen) and any amount after it.
    expect(gaps[0]).toBeGreaterThanOrEqual(3);
    expect(gaps[3]).toBeGreaterThanOrEqual(11);
    expect(gaps[3]).toBeGreaterThan(gaps[0]!);
  });

  it('returns a failed task as it is: the caller decides what a failure means', async () => {
    const { client, enqueued } = engineWith(1, 'failed');
    expect(await waitForTask(client, enqueued, { timeoutMs: 10_000, firstIntervalMs: 1 })).toMatchObject({ status: 'failed' });
  });

  it('gives up with a search engine error once the time is spent', async () => {
    const { client, enqueued } = engineWith(1_000);
    await expect(waitForTask(client, enqueued, { timeoutMs: 60, firstIntervalMs: 5, maxIntervalMs: 10 })).rejects.toThrow(SearchEngineError);
    await expect(waitForTask(client, enqueued, { timeoutMs: 60, firstIntervalMs: 5, maxIntervalMs: 10 })).rejects.toThrow(
      /task 7 was still processing after 0.06 s/,
    );
  });
});
