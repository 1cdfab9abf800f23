import { describe, expect, it } from 'vitest';
import { HistoryIndex, type LoggedCommit } from '../../../server/knowledge/history-index.js';

let clock = 1_700_000_000;
const commit = (id: string, changeNote: string, files: LoggedCommit['files']): LoggedCommit => ({
  id: id.padEnd(40, '0'),
  time: (clock += 60),
  author: 'A.B',
  editor: 'editor.one',
  changeNote,
  files,
});

describe('the history index', () => {
  const index = new HistoryIndex();
  index.add([
    commit('aaaaaaaaaaaa', 'First version', [
      { status: 'A', path: 'notes/old-name.md' },
      { status: 'A', path: 'notes/other.md' },
    ]),
    commit('bbbbbbbbbbbb', 'Edit', [{ status: 'M', path: 'notes/old-name.md' }]),
    commit('cccccccccccc', 'Rename', [{ status: 'R', path: 'notes/new-name.md', from: 'notes/old-name.md' }]),
    commit('dddddddddddd', 'Edit after the rename', [{ status: 'M', path: 'notes/new-name.md' }]),
  ]);

  it("gives a file's versions newest first, following it back through a rename", () => {
    expect(index.versionsOf('notes/new-name.md').map((touch) => touch.commit.changeNote)).toEqual(['Edit after the rename', 'Rename', 'Edit', 'First version']);
    expect(index.versionsOf('notes/old-name.md').map((touch) => touch.commit.changeNote)).toEqual(['Edit', 'First version']);
  });

  it('merges the history of a former file named by an alias, once per commit', () => {
    const merged = index.versionsOf('notes/new-name.md', ['notes/old-name.md']);
    expect(merged.map((touch) => touch.commit.version)).toEqual(['dddddddddddd', 'cccccccccccc', 'bbbbbbbbbbbb', 'aaaaaaaaaaaa']);
  });

  it('lists recent commits newest first, narrowed to files and a date, a page at a time', () => {
    expect(index.recent({}, 0, 2)).toMatchObject({ commits: [{ changeNote: 'Edit after the rename' }, { changeNote: 'Rename' }], more: true });
    expect(index.recent({ paths: new Set(['notes/other.md']) }, 0, 10).commits.map((found) => found.changeNote)).toEqual(['First version']);
    const since = index.commit('cccccccccccc')!.time;
    expect(index.recent({ since }, 0, 10).commits.map((found) => found.changeNote)).toEqual(['Edit after the rename', 'Rename']);
    expect(index.recent({}, 3, 10)).toMatchObject({ commits: [{ changeNote: 'First version' }], more: false });
  });

  it('takes the commits a sync brings, and ignores one it already holds', () => {
    index.add([commit('dddddddddddd', 'Edit after the rename', []), commit('eeeeeeeeeeee', 'Later', [{ status: 'M', path: 'notes/other.md' }])]);
    expect(index.size).toBe(5);
    expect(index.head()!.version).toBe('eeeeeeeeeeee');
  });
});
