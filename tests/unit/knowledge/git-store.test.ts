import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../../server/errors.js';
import { openGitStore } from '../../../server/knowledge/open-git-store.js';
import { writeJournal } from '../../../server/knowledge/publish-journal.js';
import { FIXTURE_KNOWLEDGE } from '../../fixtures/fixture-files.js';

const git = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-C', dir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'Dev', GIT_AUTHOR_EMAIL: 'dev@example.org', GIT_COMMITTER_NAME: 'Dev', GIT_COMMITTER_EMAIL: 'dev@example.org' },
  });
const NOW = new Date('2026-12-07T10:00:00Z');
const CHANGE = {
  author: { name: 'W.K.' },
  editor: { name: 'Editor One', id: 'editor.one' },
  changeNote: 'New note on wire transfers',
};

/** A project repository with its knowledge in knowledge/, code beside it, and a developer's work in progress. */
function projectRepository(): { top: string; knowledgeDir: string } {
  const top = mkdtempSync(path.join(tmpdir(), 'casebook-project-'));
  git(top, 'init', '--quiet', '--initial-branch=main');
  const knowledgeDir = path.join(top, 'knowledge');
  cpSync(FIXTURE_KNOWLEDGE, knowledgeDir, { recursive: true, dereference: true });
  writeFileSync(path.join(top, 'README.md'), 'Casebook\n');
  writeFileSync(path.join(top, 'server.ts'), 'export {};\n');
  git(top, 'add', '.');
  git(top, 'commit', '--quiet', '-m', 'Start');
  // Work in progress: one staged change, one unstaged change, one untracked file, one unstaged note edit.
  writeFileSync(path.join(top, 'README.md'), 'Casebook, staged\n');
  git(top, 'add', 'README.md');
  writeFileSync(path.join(top, 'server.ts'), 'export const unstaged = 1;\n');
  writeFileSync(path.join(top, 'scratch.txt'), 'untracked\n');
  writeFileSync(
    path.join(knowledgeDir, 'notes', 'labour-inspection-records.md'),
    `${readFileSync(path.join(knowledgeDir, 'notes', 'labour-inspection-records.md'), 'utf8')}\nA developer's draft line.\n`,
  );
  return { top, knowledgeDir };
}

describe('the knowledge in git', { timeout: 60_000 }, () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0));

  it('makes a directory that is in no repository one, its files committed as the first version, with no e-mail address', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'casebook-plain-'));
    cpSync(FIXTURE_KNOWLEDGE, dir, { recursive: true, dereference: true });
    const { store, events } = await openGitStore({ knowledgeDir: dir, now: () => NOW });
    expect(events).toEqual([`made ${dir} a git repository`, 'committed the knowledge directory as its first version']);
    expect(store.prefix).toBe('');
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect(git(dir, 'log', '--format=%an <%ae> / %cn <%ce>')).toBe('Casebook <casebook@contributors.invalid> / Casebook <casebook@editors.invalid>\n');
    // Opening it again changes nothing.
    expect((await openGitStore({ knowledgeDir: dir })).events).toEqual([]);
    expect(git(dir, 'rev-list', '--count', 'HEAD')).toBe('1\n');
  });

  it("commits exactly the change's file in the project's own repository, crediting the contributor and the editor, and leaves the developer's work as it was", async () => {
    const { top, knowledgeDir } = projectRepository();
    const statusBefore = git(top, 'status', '--porcelain');
    const stagedBefore = git(top, 'diff', '--cached');
    const { store } = await openGitStore({ knowledgeDir });
    expect(store.prefix).toBe('knowledge/');
    const base = await store.head();
    const outcome = await store.commit(
      { ...CHANGE, files: [{ path: 'notes/wire-transfers.md', content: '---\ntitle: Wire transfers\n---\nBody.\n', create: true }] },
      base,
      NOW,
    );
    expect(outcome.landed).toBe(true);
    // git itself drops a name's trailing full stop ("W.K." is recorded as "W.K").
    expect(git(top, 'show', '--name-only', '--format=%an <%ae>|%cn <%ce>|%s|%cI', 'HEAD').trim().split('\n').filter(Boolean)).toEqual([
      'W.K <w-k@contributors.invalid>|Editor One <editor.one@editors.invalid>|New note on wire transfers|2026-12-07T10:00:00+00:00',
      'knowledge/notes/wire-transfers.md',
    ]);
    expect(git(top, 'rev-parse', 'HEAD^')).toBe(`${base}\n`);
    // The developer's staged, unstaged and untracked work is exactly as it was; the new note is committed and clean.
    expect(git(top, 'status', '--porcelain')).toBe(statusBefore);
    expect(git(top, 'diff', '--cached')).toBe(stagedBefore);
    expect(readFileSync(path.join(knowledgeDir, 'notes', 'wire-transfers.md'), 'utf8')).toBe('---\ntitle: Wire transfers\n---\nBody.\n');
    expect(git(top, 'status', '--porcelain', '--', 'knowledge/notes/wire-transfers.md')).toBe('');
  });

  it('never overwrites a file with a new note, and refuses to commit when the branch moved since the change was checked', async () => {
    const { knowledgeDir, top } = projectRepository();
    const { store } = await openGitStore({ knowledgeDir });
    const base = await store.head();
    await expect(
      store.commit({ ...CHANGE, files: [{ path: 'notes/phone-evidence-control.md', content: 'x', create: true }] }, base, NOW),
    ).rejects.toBeInstanceOf(ConflictError);
    // A developer commits meanwhile: the approval's commit does not land, and says where the branch is.
    writeFileSync(path.join(top, 'other.txt'), 'x');
    git(top, 'add', 'other.txt');
    git(top, 'commit', '--quiet', '-m', 'Developer commit');
    const outcome = await store.commit({ ...CHANGE, files: [{ path: 'notes/late.md', content: 'x', create: true }] }, base, NOW);
    expect(outcome).toEqual({ landed: false, upstream: git(top, 'rev-parse', 'HEAD').trim() });
    expect(existsSync(path.join(knowledgeDir, 'notes', 'late.md'))).toBe(false);
    expect(git(top, 'log', '--format=%s')).toBe('Developer commit\nStart\n');
  });

  it('rolls back a publication a crash stopped before its commit landed, and completes one that landed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'casebook-crash-'));
    cpSync(FIXTURE_KNOWLEDGE, dir, { recursive: true, dereference: true });
    const { store } = await openGitStore({ knowledgeDir: dir });
    const gitDir = path.join(dir, '.git');
    const base = (await store.head())!;
    // Stopped after the commit object was made, before the branch moved: nothing happened.
    await writeJournal(gitDir, { base, files: ['notes/crashed.md'], commit: base.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) });
    expect((await openGitStore({ knowledgeDir: dir })).events).toEqual([
      'an approval interrupted by a crash was rolled back (its submission is still waiting)',
    ]);
    expect(git(dir, 'status', '--porcelain')).toBe('');
    // Stopped after the branch moved, before the work tree was written: the file is brought in.
    const tree = execFileSync('git', ['-C', dir, 'mktree'], {
      input: `${git(dir, 'ls-tree', 'HEAD')}100644 blob ${execFileSync('git', ['-C', dir, 'hash-object', '-w', '--stdin'], { input: 'landed\n', encoding: 'utf8' }).trim()}\tlanded.md\n`,
      encoding: 'utf8',
    }).trim();
    const commit = execFileSync('git', ['-C', dir, 'commit-tree', tree, '-p', base, '-m', 'Landed'], {
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'A',
        GIT_AUTHOR_EMAIL: 'a@contributors.invalid',
        GIT_COMMITTER_NAME: 'E',
        GIT_COMMITTER_EMAIL: 'e@editors.invalid',
      },
    }).trim();
    git(dir, 'update-ref', 'HEAD', commit);
    await writeJournal(gitDir, { base, files: ['landed.md'], commit });
    expect((await openGitStore({ knowledgeDir: dir })).events).toEqual(['an approval interrupted by a crash was completed']);
    expect(readFileSync(path.join(dir, 'landed.md'), 'utf8')).toBe('landed\n');
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  it('works in its own clone of a remote: seeds an empty remote, pushes commits, and reports a push another clone beat', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'casebook-remote-'));
    const remote = path.join(root, 'remote.git');
    mkdirSync(remote);
    git(remote, 'init', '--quiet', '--bare', '--initial-branch=main');
    const seed = path.join(root, 'seed');
    cpSync(FIXTURE_KNOWLEDGE, seed, { recursive: true, dereference: true });
    const a = await openGitStore({ knowledgeDir: seed, remote, cloneDir: path.join(root, 'a', 'clone'), now: () => NOW });
    expect(a.events).toContain(`seeded the empty remote with ${seed}`);
    const b = await openGitStore({ knowledgeDir: seed, remote, cloneDir: path.join(root, 'b', 'clone') });
    expect(await b.store.head()).toBe(await a.store.head());
    const base = await a.store.head();
    const first = await a.store.commit({ ...CHANGE, files: [{ path: 'notes/one.md', content: 'one\n', create: true }] }, base, NOW);
    expect(first.landed).toBe(true);
    expect(git(remote, 'log', '--format=%s', '-1')).toBe('New note on wire transfers\n');
    // B still stands on the old head: its push is refused, and it learns where the remote is now.
    const second = await b.store.commit({ ...CHANGE, files: [{ path: 'notes/two.md', content: 'two\n', create: true }] }, base, NOW);
    expect(second).toEqual({ landed: false, upstream: first.landed ? first.commit : '' });
    expect(git(remote, 'rev-list', '--count', 'main')).toBe('2\n');
  });
});
