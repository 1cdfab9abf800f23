import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../../../server/errors.js';
import { openLiveKnowledge, type KnowledgeUpdate, type LiveKnowledge } from '../../../server/knowledge/live-knowledge.js';
import { FIXTURE_KNOWLEDGE } from '../../fixtures/fixture-files.js';

const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' });
const asUser = { GIT_AUTHOR_NAME: 'Git User', GIT_AUTHOR_EMAIL: 'user@example.org', GIT_COMMITTER_NAME: 'Git User', GIT_COMMITTER_EMAIL: 'user@example.org' };
const PHONE = 'notes/phone-evidence-control.md';

function note(slug: string, title: string, extra = ''): string {
  return `---\ntitle: ${title}\nsummary: A summary long enough to be a valid summary of this note.\nlanguage: en\njurisdictions: [KE]\nevidence_types: [financial]\nstages: [investigation]\nevidence_basis: practitioner-consensus\nlast_reviewed: 2026-11-01\nslug: ${slug}\n${extra}---\n## What to do\n\nAct.\n`;
}

const change = (files: { path: string; content: string; create?: boolean }[], changeNote: string) => async () => ({
  files,
  author: { name: 'W K' },
  editor: { name: 'Editor One', id: 'editor.one' },
  changeNote,
});

describe('two processes with their own clones of one remote', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'casebook-live-'));
  const remote = path.join(root, 'remote.git');
  const seed = path.join(root, 'seed');
  const opened: LiveKnowledge[] = [];
  const updates: Record<'a' | 'b', KnowledgeUpdate[]> = { a: [], b: [] };
  const open = async (name: 'a' | 'b') => {
    const live = await openLiveKnowledge({
      knowledgeDir: seed,
      remote,
      cloneDir: path.join(root, name, 'knowledge-clone'),
      syncMs: 3_600_000,
      onUpdate: async (update) => {
        updates[name].push(update);
      },
    });
    opened.push(live);
    return live;
  };
  afterAll(() => opened.forEach((live) => live.close()));

  it('publishes on one and serves on the other after a sync, with the version in both histories', async () => {
    mkdirSync(remote);
    git(remote, 'init', '--quiet', '--bare', '--initial-branch=main');
    cpSync(FIXTURE_KNOWLEDGE, seed, { recursive: true, dereference: true });
    const a = await open('a');
    const b = await open('b');
    const published = await a.publish(
      change([{ path: 'notes/wire-records.md', content: note('wire-records', 'Wire-transfer records and debt'), create: true }], 'New note: wire transfers'),
    );
    expect(published?.version).toMatch(/^[0-9a-f]{12}$/);
    expect(a.current().bySlug.has('wire-records')).toBe(true);
    expect(updates.a.at(-1)!.upserted.map((listed) => listed.slug)).toEqual(['wire-records']);
    await b.sync();
    expect(b.current().bySlug.has('wire-records')).toBe(true);
    expect(updates.b.at(-1)!.upserted.map((listed) => listed.slug)).toEqual(['wire-records']);
    const [latest] = b.history()!.index().versionsOf('notes/wire-records.md');
    expect({ version: latest!.commit.version, author: latest!.commit.author, editor: latest!.commit.editor, note: latest!.commit.changeNote }).toEqual({
      version: published!.version,
      author: 'W K',
      editor: 'Editor One',
      note: 'New note: wire transfers',
    });
    expect(await b.history()!.read(published!.version, 'notes/wire-records.md')).toBe(note('wire-records', 'Wire-transfer records and debt'));
  }, 60_000);

  it('lands two approvals of different notes made at once, one after the other, in a linear history', async () => {
    const [a, b] = opened as [LiveKnowledge, LiveKnowledge];
    const before = Number(git(remote, 'rev-list', '--count', 'main'));
    await Promise.all([
      a.publish(change([{ path: 'notes/alpha.md', content: note('alpha', 'Alpha note on debt records'), create: true }], 'Alpha')),
      b.publish(change([{ path: 'notes/beta.md', content: note('beta', 'Beta note on debt records'), create: true }], 'Beta')),
    ]);
    expect(Number(git(remote, 'rev-list', '--count', 'main'))).toBe(before + 2);
    expect(git(remote, 'rev-list', '--merges', 'main')).toBe('');
    await Promise.all([a.sync(), b.sync()]);
    for (const live of [a, b]) expect(['alpha', 'beta'].every((slug) => live.current().bySlug.has(slug))).toBe(true);
  }, 60_000);

  it('checks a change against the knowledge as the remote has it: what another replica just published counts', async () => {
    const [a, b] = opened as [LiveKnowledge, LiveKnowledge];
    await a.publish(change([{ path: 'notes/gamma.md', content: note('gamma', 'Gamma note on debt records'), create: true }], 'Gamma'));
    // B has not synced since: publishing fetches first, so its one check already sees gamma.
    const seen: boolean[] = [];
    await b.publish(async (knowledgeBase) => {
      seen.push(knowledgeBase.bySlug.has('gamma'));
      return change([{ path: 'notes/delta.md', content: note('delta', 'Delta note on debt records'), create: true }], 'Delta')();
    });
    expect(seen).toEqual([true]);
  }, 60_000);

  it('refuses the later of two edits of the same note with a conflict, and keeps the first', async () => {
    const [a, b] = opened as [LiveKnowledge, LiveKnowledge];
    const original = readFileSync(path.join(a.knowledgeDir, PHONE), 'utf8');
    const results = await Promise.allSettled([
      a.publish(change([{ path: PHONE, content: original.replace('## What to do', '## What to do\n\nEdited on A.') }], 'Edit on A')),
      b.publish(change([{ path: PHONE, content: original.replace('## What to do', '## What to do\n\nEdited on B.') }], 'Edit on B')),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ConflictError);
    expect(String(refused.reason.message)).toMatch(
      /notes\/phone-evidence-control\.md was changed by Editor One \(version [0-9a-f]{12}: "Edit on [AB]"\) while you were reviewing/,
    );
    const winner = results[0]!.status === 'fulfilled' ? 'A' : 'B';
    expect(git(remote, 'show', `main:${PHONE}`)).toContain(`Edited on ${winner}.`);
    await Promise.all([a.sync(), b.sync()]);
    for (const live of [a, b]) {
      expect(readFileSync(path.join(live.knowledgeDir, PHONE), 'utf8')).toContain(`Edited on ${winner}.`);
      expect(git(live.knowledgeDir, 'status', '--porcelain')).toBe('');
    }
  }, 60_000);

  it("takes in a commit a git user pushed to the remote, and follows a renamed note's history through its alias", async () => {
    const [a, b] = opened as [LiveKnowledge, LiveKnowledge];
    const work = path.join(root, 'user');
    git(root, 'clone', '--quiet', remote, work);
    const renamed = note('wire-transfer-records', 'Wire-transfer records and debt', 'aliases: [wire-records]\n');
    execFileSync('git', ['-C', work, 'mv', 'notes/wire-records.md', 'notes/wire-transfer-records.md']);
    writeFileSync(path.join(work, 'notes', 'wire-transfer-records.md'), renamed);
    execFileSync('git', ['-C', work, 'commit', '--quiet', '-am', 'Rename the wire-transfer note'], { env: { ...process.env, ...asUser } });
    execFileSync('git', ['-C', work, 'push', '--quiet', 'origin', 'main']);
    await Promise.all([a.sync(), b.sync()]);
    for (const [name, live] of [
      ['a', a],
      ['b', b],
    ] as const) {
      expect(live.check().problems.filter((problem) => problem.severity !== 'warning')).toEqual([]);
      expect(live.current().bySlug.has('wire-transfer-records')).toBe(true);
      expect(live.current().aliases.get('wire-records')).toBe('wire-transfer-records');
      const update = updates[name].at(-1)!;
      expect({ upserted: update.upserted.map((listed) => listed.slug), removed: update.removed }).toEqual({
        upserted: ['wire-transfer-records'],
        removed: ['wire-records'],
      });
      const versions = live
        .history()!
        .index()
        .versionsOf('notes/wire-transfer-records.md')
        .map((touch) => touch.commit.changeNote);
      expect(versions).toEqual(['Rename the wire-transfer note', 'New note: wire transfers']);
    }
  }, 60_000);
});
