import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findInternalLinks } from '../../../server/content/find-links.js';

describe('findInternalLinks', () => {
  it('finds inline links (bare, in angle brackets, with a title) and reference definitions, located at their address, with their section', () => {
    const body = [
      '## What to do',
      '',
      'See [the phone note](/notes/phone-evidence-control) and [Art. 3](</authorities/palermo-protocol#art-3> "Article 3").',
      '',
      '### Sources',
      '',
      'As [the Court held][rantsev], and [again][inspection].',
      '',
      '[rantsev]: /authorities/rantsev-v-cyprus-and-russia#para-282',
      '  [inspection]: </notes/labour-inspection-records>',
    ].join('\n');
    expect(findInternalLinks(body, 20)).toEqual([
      { kind: 'notes', target: 'phone-evidence-control', fragment: undefined, line: 22, column: 22, section: { id: 'what-to-do', heading: 'What to do' } },
      { kind: 'authorities', target: 'palermo-protocol', fragment: 'art-3', line: 22, column: 67, section: { id: 'what-to-do', heading: 'What to do' } },
      {
        kind: 'authorities',
        target: 'rantsev-v-cyprus-and-russia',
        fragment: 'para-282',
        line: 28,
        column: 12,
        section: { id: 'sources', heading: 'Sources' },
      },
      { kind: 'notes', target: 'labour-inspection-records', fragment: undefined, line: 29, column: 18, section: { id: 'sources', heading: 'Sources' } },
    ]);
  });

  it('never takes text in fenced code or a code span for a link', () => {
    const body = [
      'Write `[x](/notes/not-a-link)` to link, or ``[y](/authorities/nor-this)``.',
      '```markdown',
      '[z](/notes/inside-a-fence)',
      '[w]: /notes/a-definition-in-a-fence',
      '```',
      '~~~',
      '[v](/authorities/in-a-tilde-fence)',
      '~~~',
      'But [this](/notes/real-one) is.',
    ].join('\n');
    expect(findInternalLinks(body, 1).map((link) => link.target)).toEqual(['real-one']);
  });

  it('ignores links to other sites and pages', () => {
    expect(findInternalLinks('[a](https://example.org/notes/x) [b](/search?q=notes) [c](/browse/stages/trial)', 1)).toEqual([]);
  });

  it('stays linear on any input: 200 KB of brackets, backticks and slashes in well under a second', () => {
    fc.assert(
      fc.property(fc.constantFrom('[', ']', '(', ')', '`', '/notes/', '\n', '#', '<', ' ', 'a'), fc.integer({ min: 1_000, max: 20_000 }), (piece, times) => {
        const started = performance.now();
        findInternalLinks(`${piece.repeat(times)}](/notes/x)`, 1);
        return performance.now() - started < 1_000;
      }),
      { numRuns: 30 },
    );
  }, 60_000);
});
