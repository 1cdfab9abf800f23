import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atxHeading, blankCodeSpans, findInternalLinks, plainHeading } from '../../../server/content/find-links.js';
import { MAX_SUBMISSION_BYTES } from '../../../server/contribute/check-submission.js';

/** What makes a backtracking scan of a Markdown line slow: long runs of one character, in any order. */
const HOSTILE = [' ', '[', ']', '(', ')', '`', '#', '*', '_', '>', '!', '\t', 'x'];
const LINE_STARTS = ['', '# ', '## a', '###### ', '   #', '[a]: ', '> ', '`'];

/**
 * A line of `bytes` (one byte a character) made of hostile runs: the pieces drawn are repeated until
 * the line is as long as a submission may be, so every property runs at the limit, not below it.
 */
function hostileLine(bytes: number) {
  return fc
    .tuple(
      fc.constantFrom(...LINE_STARTS),
      fc.array(fc.tuple(fc.constantFrom(...HOSTILE), fc.integer({ min: 1, max: 4_000 })), { minLength: 1, maxLength: 6 }),
      fc.constantFrom('', 'x', '](/notes/a)', ' #', '`'),
    )
    .map(([start, runs, end]) => {
      const unit = runs.map(([char, length]) => char.repeat(length)).join('');
      return `${start}${unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes - start.length - end.length)}${end}`;
    });
}

function millisecondsOf(work: () => unknown): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

// Linear work on a megabyte takes tens of milliseconds; the old patterns took minutes on a tenth of
// it. A second leaves room for a loaded two-core machine and still fails clearly on the old code.
const BUDGET_MS = 1_000;
const LINE_BYTES = MAX_SUBMISSION_BYTES - 4_096;

describe('the Markdown scanners stay linear on hostile lines as long as a submission may be', () => {
  it('finds links in a body of one hostile line within a second', () => {
    fc.assert(
      fc.property(hostileLine(LINE_BYTES), (line) => millisecondsOf(() => findInternalLinks(line, 1)) < BUDGET_MS),
      { numRuns: 12 },
    );
  }, 120_000);

  it('reads a heading, its plain text and its code spans within a second each', () => {
    fc.assert(
      fc.property(hostileLine(LINE_BYTES), (line) => {
        const times = [millisecondsOf(() => atxHeading(line)), millisecondsOf(() => plainHeading(line)), millisecondsOf(() => blankCodeSpans(line))];
        return times.every((ms) => ms < BUDGET_MS);
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  it("finds links in the issue's reproductions at once: a heading of 20,000 spaces, 60,000 `[`, and many lines of both", () => {
    const bodies = [
      `# a${' '.repeat(20_000)}x`,
      `# ${'['.repeat(60_000)}`,
      `## ${'`'.repeat(30_000)} ${'``'.repeat(30_000)}`,
      `${`# a${' '.repeat(2_500)}x\n`.repeat(400)}`,
    ];
    for (const body of bodies) expect(millisecondsOf(() => findInternalLinks(body, 1))).toBeLessThan(BUDGET_MS);
  });
});

describe('the scanners read Markdown as the renderer does', () => {
  it('takes a closing run of # only after a space', () => {
    expect(atxHeading('## What to do ##')).toEqual({ level: 2, text: 'What to do' });
    expect(atxHeading('# C#')).toEqual({ level: 1, text: 'C#' });
    expect(atxHeading('   ### Sources   ')).toEqual({ level: 3, text: 'Sources' });
    expect(atxHeading('#hashtag')).toBeUndefined();
    expect(atxHeading('    # code')).toBeUndefined();
    expect(atxHeading('####### seven')).toBeUndefined();
  });

  it('keeps link and image text, drops addresses and marks', () => {
    expect(plainHeading('See [the *Palermo* Protocol](/authorities/palermo) and ![a map](/m.png) `now`')).toBe('See the Palermo Protocol and a map now');
    expect(plainHeading('[[a](u) [b] (c)')).toBe('[a [b] (c)');
  });

  it('blanks code spans of matching runs only, keeping the length', () => {
    expect(blankCodeSpans('a `b` c ``d`e`` f ``` g')).toBe('a     c         f ``` g');
  });
});
