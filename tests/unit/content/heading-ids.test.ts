import { describe, expect, it } from 'vitest';
import { findInternalLinks } from '../../../server/content/find-links.js';
import { createHeadingIds } from '../../../server/content/heading-ids.js';
import { extractSearchText, renderNote } from '../../../server/content/render-note.js';

describe('heading ids', () => {
  it('never take an id the page or its footnotes use, nor one an earlier heading took', () => {
    const id = createHeadingIds();
    expect(['Tracker', 'Footnote label', 'User content cb main', 'cb main', 'User content fn 1', 'What to do', 'What to do', 'What to do 1'].map(id)).toEqual([
      'tracker-1',
      'footnote-label-1',
      'user-content-cb-main',
      'user-content-cb-main-1',
      'user-content-user-content-fn-1',
      'what-to-do',
      'what-to-do-1',
      'what-to-do-1-1',
    ]);
  });

  it("are the same on the page, in the index's sections and in the link checks", () => {
    const body = '## Tracker\n\nSee [x](/notes/a).\n\n## Footnote label\n\nText.[^1]\n\n## cb citation\n\n## User content fn 1\n\n[^1]: A note.\n';
    const html = renderNote(body).html;
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'tracker-1',
        'footnote-label-1',
        'user-content-cb-citation',
        'user-content-user-content-fn-1',
        'footnote-label',
        'user-content-fn-1',
        'user-content-fnref-1',
      ]),
    );
    expect(extractSearchText(body).sections.map((section) => section.id)).toEqual([
      'tracker-1',
      'footnote-label-1',
      'user-content-cb-citation',
      'user-content-user-content-fn-1',
    ]);
    expect(findInternalLinks(body, 1)[0]?.section).toEqual({ id: 'tracker-1', heading: 'Tracker' });
  });
});
