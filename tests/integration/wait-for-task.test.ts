import type { Meilisearch } from 'meilisearch';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { createMeilisearchClient } from '../../server/search/meilisearch-connection.js';
import { waitForTask } from '../../server/search/wait-for-task.js';

const INDEX = 'wait_for_task_listeners';

afterEach(async () => {
  vi.restoreAllMocks();
  const client = createMeilisearchClient(inject('meiliUrl'), inject('meiliKey'));
  await waitForTask(client, client.deleteIndex(INDEX), { timeoutMs: 30_000 });
});

/** Follows every abort listener added to and removed from a signal; `most` is the most any one signal held at once. */
function watchAbortListeners(): { most: () => number } {
  const live = new Map<EventTarget, Set<unknown>>();
  let most = 0;
  const { addEventListener, removeEventListener } = EventTarget.prototype;
  vi.spyOn(EventTarget.prototype, 'addEventListener').mockImplementation(function (this: EventTarget, type, listener, options) {
    if (type === 'abort' && this instanceof AbortSignal) {
      const listeners = live.get(this) ?? new Set();
      listeners.add(listener);
      live.set(this, listeners);
      most = Math.max(most, listeners.size);
    }
    addEventListener.call(this, type, listener, options);
  });
  vi.spyOn(EventTarget.prototype, 'removeEventListener').mockImplementation(function (this: EventTarget, type, listener, options) {
    if (type === 'abort') live.get(this)?.delete(listener);
    removeEventListener.call(this, type, listener, options);
  });
  return { most: () => most };
}

describe('waiting for an engine task', () => {
  // Indexing 10,000 notes printed "MaxListenersExceededWarning: 1501 abort listeners added to
  // [AbortSignal]": the client's own waiter passes one signal to every poll, and its request code
  // removes the listener it adds to that signal only when the request is aborted, so each poll left
  // one behind (fetch raises a signal's limit to 1,500, hence the figure). Here every abort listener
  // is followed: a signal that gathers one per poll fails the test long before Node would warn.
  it('leaves no abort listener behind, however many times it asks the engine', async () => {
    const client = createMeilisearchClient(inject('meiliUrl'), inject('meiliKey'));
    let polls = 0;
    const counting = {
      tasks: {
        getTask: (uid: number, options?: object) => {
          polls += 1;
          return client.tasks.getTask(uid, options as never);
        },
      },
    } as unknown as Pick<Meilisearch, 'tasks'>;
    const listeners = watchAbortListeners();
    // Enough documents that the engine takes dozens of polls even indexing on every core.
    const documents = Array.from({ length: 20_000 }, (_, id) => ({ id, text: `debt bondage ${id} witness statement phone extraction ${id % 97}` }));
    const task = await waitForTask(counting, client.index(INDEX).addDocuments(documents, { primaryKey: 'id' }), {
      timeoutMs: 60_000,
      firstIntervalMs: 1,
      maxIntervalMs: 1,
    });
    expect(task.status).toBe('succeeded');
    // Long enough to show a leak, and no signal ever held more than one request's own listeners.
    expect(polls).toBeGreaterThan(20);
    expect(listeners.most()).toBeLessThan(5);
  });
});
