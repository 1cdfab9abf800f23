import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { RenderBudgetError } from '../../../server/errors.js';
import { createRenderPool } from '../../../server/web/render-pool.js';

const pool = createRenderPool({ maxBytes: 16 * 1024, timeoutMs: 1_000 });
afterAll(() => pool.close());

// Markdown's sharp edges: emphasis and strike runs, setext underlines, quotes, lists, links, code, tables.
const token = fc.constantFrom(
  '*',
  '_',
  '~',
  '>',
  '=',
  '-',
  '#',
  '[',
  ']',
  '(',
  ')',
  '`',
  '|',
  '\n',
  '\n\n',
  ' ',
  '  ',
  'a',
  'word ',
  '1. ',
  '<b>',
  '&amp;',
  'http://x.example/',
);
const markdown = fc.array(token, { maxLength: 4_000 }).map((tokens) => tokens.join(''));

describe('the render pool', () => {
  it('renders any Markdown within the size cap within its budget, or refuses it with a budget error', async () => {
    await fc.assert(
      fc.asyncProperty(markdown, async (text) => {
        const started = performance.now();
        const outcome = await pool.render(text).then(
          () => 'rendered',
          (error: unknown) => error,
        );
        if (outcome !== 'rendered') expect(outcome).toBeInstanceOf(RenderBudgetError);
        // The budget, plus starting a fresh thread after a killed one (not counted in the budget).
        expect(performance.now() - started).toBeLessThan(1_000 + 5_000);
      }),
      { numRuns: 40 },
    );
  }, 180_000);

  it('refuses a body over the size cap without rendering it, and keeps rendering after a thread was killed', async () => {
    await expect(pool.render('a'.repeat(16 * 1024 + 1))).rejects.toMatchObject({ reason: 'too_large' });
    await expect(pool.render('a\n=\n'.repeat(3_500))).rejects.toMatchObject({ reason: 'too_slow' });
    expect((await pool.render('## After\n\ntext')).headings).toEqual([{ depth: 2, id: 'after', text: 'After' }]);
  }, 60_000);
});
