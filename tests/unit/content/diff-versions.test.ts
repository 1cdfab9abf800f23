import { describe, expect, it } from 'vitest';
import { diffVersions } from '../../../server/content/diff-versions.js';

const note = (title: string, body: string) => `---\ntitle: ${title}\nlanguage: en\n---\n${body}`;

describe('the changes of a version', () => {
  it('lists the front-matter fields that changed, and diffs the body word by word inside each section', () => {
    const before = note('Phone evidence', '## What to do\n\nSeize both handsets early.\n\n## Why it matters\n\nControl shows in messages.\n');
    const after = note(
      'Phone evidence in trafficking cases',
      '## What to do\n\nSeize both handsets on arrest.\n\n## Why it matters\n\nControl shows in messages.\n',
    );
    const diff = diffVersions(before, after);
    expect(diff.fields).toEqual([{ field: 'title', before: 'Phone evidence', after: 'Phone evidence in trafficking cases' }]);
    expect(diff.sections.map((section) => [section.heading, section.change])).toEqual([
      ['What to do', 'changed'],
      ['Why it matters', 'same'],
    ]);
    expect(diff.sections[0]!.runs).toEqual([
      { text: 'Seize both handsets ', kind: 'same' },
      { text: 'early', kind: 'removed' },
      { text: 'on arrest', kind: 'added' },
      { text: '.', kind: 'same' },
    ]);
  });

  it('keeps a removed section where it was, and marks an added one', () => {
    const before = note('T', '## One\n\nA.\n\n## Two\n\nB.\n\n## Three\n\nC.\n');
    const after = note('T', '## One\n\nA.\n\n## Three\n\nC.\n\n## Four\n\nD.\n');
    expect(diffVersions(before, after).sections.map((section) => `${section.heading}:${section.change}`)).toEqual([
      'One:same',
      'Two:removed',
      'Three:same',
      'Four:added',
    ]);
  });

  it('does not take a heading inside fenced code, or the closing hashes of one, for a heading', () => {
    const before = note('T', '## C# tools ##\n\n```\n## not a heading\n```\n');
    const after = note('T', '## C# tools ##\n\n```\n## not a heading either\n```\n');
    const diff = diffVersions(before, after);
    expect(diff.sections.map((section) => section.heading)).toEqual(['C# tools']);
    expect(diff.sections[0]!.change).toBe('changed');
  });

  it('compares a first version with nothing: all of it added', () => {
    const diff = diffVersions('', note('T', '## One\n\nA.\n'));
    expect(diff.fields.map((field) => field.field)).toEqual(['title', 'language']);
    expect(diff.sections).toEqual([{ heading: 'One', depth: 2, change: 'added', runs: [{ text: 'A.', kind: 'added' }] }]);
  });
});
