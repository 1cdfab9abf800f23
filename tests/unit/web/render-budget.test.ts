import { afterAll, describe, expect, it } from 'vitest';
import type { PublishedNote } from '../../../server/content/knowledge-base.js';
import { createNoteRenderer } from '../../../server/web/note-renderer.js';
import { createRenderPool, type RenderPool } from '../../../server/web/render-pool.js';

const pools: Array<{ close(): Promise<void> }> = [];
afterAll(() => Promise.all(pools.map((pool) => pool.close())));
function poolOf(...args: Parameters<typeof createRenderPool>): RenderPool {
  const pool = createRenderPool(...args);
  pools.push(pool);
  return pool;
}

/** Setext underlines: rendering them is quadratic, so their count sets how long a render runs. */
const slowBody = (underlines: number) => 'a\n=\n'.repeat(underlines);

describe('the budget of a rendering thread', () => {
  it("counts a task's time on its thread, not its time in the queue", async () => {
    // How long one render of this body takes here and now (the median of three, as load comes and
    // goes), so that the budget is five of them and no single render nears it.
    const calibration = poolOf({ maxBytes: 64 * 1024, timeoutMs: 30_000 });
    await calibration.render('');
    const times: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      const at = performance.now();
      await calibration.render(slowBody(150));
      times.push(performance.now() - at);
    }
    const once = times.sort((a, b) => a - b)[1]!;
    const budget = Math.max(5 * once, 300);
    const pool = poolOf({ maxBytes: 64 * 1024, timeoutMs: budget, waitMs: 60_000, threads: 1 });
    await pool.render('');
    const started = performance.now();
    // Enough at once on one thread that the last waits about four budgets in the queue: it must
    // still render, since only its own time on the thread counts.
    const tasks = Math.ceil((4 * budget) / once) + 1;
    const outcomes = await Promise.all(
      Array.from({ length: tasks }, () =>
        pool.render(slowBody(150)).then(
          () => 'rendered',
          (error: { reason?: string }) => error.reason,
        ),
      ),
    );
    expect(performance.now() - started).toBeGreaterThan(budget);
    expect(outcomes).toEqual(Array(tasks).fill('rendered'));
  }, 120_000);

  it('answers busy for a task that waited its whole wait without a thread, and too_slow only for one that ran', async () => {
    const pool = poolOf({ maxBytes: 64 * 1024, timeoutMs: 1_500, waitMs: 100, threads: 1 });
    await pool.render('');
    const slow = pool.render(slowBody(4_000)).then(
      () => 'rendered',
      (error: { reason?: string }) => error.reason,
    );
    const waiting = pool.render('## Quick').then(
      () => 'rendered',
      (error: { reason?: string }) => error.reason,
    );
    expect(await waiting).toBe('busy');
    expect(await slow).toBe('too_slow');
    expect((await pool.render('## After')).headings).toEqual([{ depth: 2, id: 'after', text: 'After' }]);
  }, 60_000);
});

describe('the note renderer', () => {
  it("never keeps a reviewed note's refusal: the next reader gets a fresh render", async () => {
    const renderer = createNoteRenderer({ noteTimeoutMs: 300 });
    pools.push(renderer);
    await renderer.warmUp();
    const note = { slug: 'a-note' } as PublishedNote;
    let reads = 0;
    await expect(
      renderer.note(note, async () => {
        reads++;
        return slowBody(4_000);
      }),
    ).rejects.toMatchObject({ reason: 'too_slow' });
    const rendered = await renderer.note(note, async () => {
      reads++;
      return '## Fine';
    });
    expect(rendered?.headings).toEqual([{ depth: 2, id: 'fine', text: 'Fine' }]);
    expect(reads).toBe(2);
  }, 60_000);

  it("keeps a contributor's refusal, so replaying a hostile text costs nothing", async () => {
    const renderer = createNoteRenderer();
    pools.push(renderer);
    const body = slowBody(4_000);
    await expect(renderer.submission(body)).rejects.toMatchObject({ reason: 'too_slow' });
    const started = performance.now();
    await expect(renderer.submission(body)).rejects.toMatchObject({ reason: 'too_slow' });
    expect(performance.now() - started).toBeLessThan(100);
  }, 60_000);
});
