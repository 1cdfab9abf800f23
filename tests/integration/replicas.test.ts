import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AccountStore } from '../../server/accounts/account-store.js';
import { newSubmissionId, SubmissionStore } from '../../server/contribute/submission-store.js';
import { findFreePort } from '../../server/find-free-port.js';
import { slugify } from '../../server/content/slugify.js';
import { EDITOR, signIn, STRANGER_NOTE } from '../http/contribute-app.js';
import { FIXTURE_KNOWLEDGE, FIXTURES } from '../fixtures/fixture-files.js';
import { createTestDatabase, type TestDatabase } from '../test-database.js';

const ROOT = path.resolve(FIXTURES, '..', '..');
const AGREE_WITHIN_MS = 10_000;
const STRANGER_SLUG = 'using-wire-transfer-records-to-prove-a-debt-was-never-repayable';
const PHONE = 'notes/phone-evidence-control.md';
const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' });

/** One app process, as a deployment runs it behind the load balancer: its own DATA_DIR and its own clone. */
interface Replica {
  name: string;
  url: string;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
}

/**
 * The deployment of docs/deploying.md "Scaling out", on one machine: one engine, a bare git repository as the
 * knowledge's remote, and two app processes with their own DATA_DIR and their own clone; no shared
 * disk. What one approves is a commit on the remote the other serves and finds within seconds; the
 * same note changed on both is one success and one conflict; a git user's push reaches both.
 */
describe('two app processes syncing their knowledge through a git remote', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'casebook-replicas-'));
  const remote = path.join(dir, 'knowledge.git');
  const seed = path.join(dir, 'seed');
  const shims = path.join(dir, 'shims');
  const crashMarker = path.join(dir, 'crash-before-commit');
  const replicas: Replica[] = [];
  let database: TestDatabase;
  const common: Record<string, string> = {
    KNOWLEDGE_DIR: seed,
    KNOWLEDGE_REMOTE: remote,
    KNOWLEDGE_SYNC_MS: '1000',
    MEILI_URL: inject('meiliUrl'),
    MEILI_MASTER_KEY: inject('meiliKey'),
    MEILI_INDEX: 'replicas',
    LOG_LEVEL: 'info',
  };

  const start = async (name: string, extra: Record<string, string> = {}): Promise<Replica> => {
    const port = await findFreePort();
    const dataDir = path.join(dir, name);
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...common, DATA_DIR: dataDir, PORT: String(port), ...extra },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const replica = { name, url: `http://127.0.0.1:${port}`, dataDir, process: child, output: () => output };
    const index = replicas.findIndex((other) => other.name === name);
    if (index === -1) replicas.push(replica);
    else replicas[index] = replica;
    return replica;
  };
  const ready = async (replica: Replica) =>
    waitFor(
      async () =>
        (await fetch(`${replica.url}/readyz`).then(
          (response) => response.status,
          () => 0,
        )) === 200,
      120_000,
      () => `${replica.url} never became ready:\n${replica.output()}`,
    );
  const stop = (replica: Replica) =>
    new Promise<void>((resolve) => {
      if (replica.process.exitCode !== null || replica.process.signalCode !== null) return resolve();
      replica.process.once('exit', () => resolve());
      replica.process.kill('SIGTERM');
    });
  const approve = async (replica: Replica, id: string, changeNote?: string) => {
    const session = await signIn(replica.url);
    return request(replica.url)
      .post(`/editor/submissions/${id}`)
      .set('Cookie', session.cookie)
      .type('form')
      .send({ action: 'approve', csrf_token: session.csrf, ...(changeNote ? { change_note: changeNote } : {}) });
  };
  const found = async (replica: Replica, words: string) =>
    ((await (await fetch(`${replica.url}/api/search?q=${encodeURIComponent(words)}`)).json()) as { hits: { slug: string }[] }).hits.map((hit) => hit.slug);

  beforeAll(async () => {
    // An empty bare repository, as compose's volume starts: the first replica seeds it with KNOWLEDGE_DIR.
    mkdirSync(remote);
    git(remote, 'init', '--quiet', '--bare', '--initial-branch=main');
    cpSync(FIXTURE_KNOWLEDGE, seed, { recursive: true, dereference: true });
    // A git that kills the app process calling it when it is about to commit, once the marker exists.
    mkdirSync(shims);
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(
      path.join(shims, 'git'),
      `#!/bin/sh\nfor a in "$@"; do if [ "$a" = commit-tree ] && [ -f "${crashMarker}" ]; then kill -9 $PPID; exit 1; fi; done\nexec ${realGit} "$@"\n`,
    );
    chmodSync(path.join(shims, 'git'), 0o755);
    // People and workflow: one database for both, as compose's postgres service is.
    database = await createTestDatabase();
    common.DATABASE_URL = database.url;
    await new AccountStore(database.pool).add(EDITOR.username, EDITOR.password, 'editor');
    // Started together on an empty remote and an engine without this index: both come up, one seeds.
    await Promise.all([start('a'), start('b')]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(replicas.map(stop));
    rmSync(crashMarker, { force: true });
  }, 20_000);

  it('publishes an approval on A as a commit on the remote, crediting the contributor and the editor, and B serves and finds it within 10 s', async () => {
    const [a, b] = replicas as [Replica, Replica];
    for (const replica of replicas) await ready(replica);
    for (const replica of replicas) expect(await (await fetch(`${replica.url}/readyz`)).json()).toEqual({ status: 'ready', notes: 5 });
    for (const replica of replicas)
      await waitFor(
        async () => /index is up to date|index updated|indexed \d+ notes/.test(replica.output()),
        60_000,
        () => `${replica.name} did not finish indexing`,
      );
    expect(git(remote, 'rev-list', '--count', 'main')).toBe('1\n');

    const { body } = await request(a.url)
      .post('/api/submissions')
      .send({ markdown: STRANGER_NOTE, submitter: { name: 'W. Kamau', email: 'wk@example.org' } })
      .expect(201);
    await request(b.url).get(`/notes/${STRANGER_SLUG}`).expect(404);
    expect((await approve(a, body.id, 'New note: wire-transfer records and unrepayable debts')).status).toBe(303);
    const approved = Date.now();
    expect(git(remote, 'log', '-1', '--format=%an|%ae|%cn|%ce|%s', 'main')).toBe(
      'W. Kamau|w-kamau@contributors.invalid|editor.one|editor.one@editors.invalid|New note: wire-transfer records and unrepayable debts\n',
    );
    expect(git(remote, 'show', '--name-only', '--format=', 'main').trim()).toBe(`notes/${STRANGER_SLUG}.md`);
    await request(a.url).get(`/notes/${STRANGER_SLUG}`).expect(200);
    await waitFor(
      async () => (await fetch(`${b.url}/notes/${STRANGER_SLUG}`)).status === 200,
      AGREE_WITHIN_MS,
      () => `B did not serve the approved note within 10 s:\n${b.output()}`,
    );
    await waitFor(
      async () => (await found(b, 'wire-transfer repayable')).includes(STRANGER_SLUG),
      AGREE_WITHIN_MS - (Date.now() - approved),
      () => 'B did not find the approved note within 10 s',
    );
    console.info(`B served and found the note approved on A ${Date.now() - approved} ms after approval`);
    for (const replica of replicas) expect(git(path.join(replica.dataDir, 'knowledge-clone'), 'status', '--porcelain')).toBe('');
  }, 120_000);

  it('lands two approvals of different notes made at once on A and B, in a linear history', async () => {
    const [a, b] = replicas as [Replica, Replica];
    const before = Number(git(remote, 'rev-list', '--count', 'main'));
    const first = STRANGER_NOTE.replace(/^title: .*$/m, "title: Money-transfer agents' ledgers and debt bondage");
    const second = STRANGER_NOTE.replace(/^title: .*$/m, "title: Remittance receipts kept by victims' families");
    const sentA = await request(a.url)
      .post('/api/submissions')
      .send({ markdown: first, submitter: { name: 'A.N.', email: 'an@example.org' } })
      .expect(201);
    const sentB = await request(b.url)
      .post('/api/submissions')
      .send({ markdown: second, submitter: { name: 'B.O.', email: 'bo@example.org' } })
      .expect(201);
    const answers = await Promise.all([approve(a, sentA.body.id), approve(b, sentB.body.id)]);
    expect(answers.map((answer) => answer.status)).toEqual([303, 303]);
    expect(Number(git(remote, 'rev-list', '--count', 'main'))).toBe(before + 2);
    expect(git(remote, 'rev-list', '--merges', 'main')).toBe('');
    for (const replica of replicas) {
      for (const slug of [slugify("Money-transfer agents' ledgers and debt bondage"), slugify("Remittance receipts kept by victims' families")]) {
        await waitFor(
          async () => (await fetch(`${replica.url}/notes/${slug}`)).status === 200,
          AGREE_WITHIN_MS,
          () => `${replica.name} did not serve ${slug}`,
        );
      }
    }
  }, 120_000);

  it('gives one success and one 409 when the same note is edited on both, and loses neither edit', async () => {
    const [a, b] = replicas as [Replica, Replica];
    const original = git(remote, 'show', `main:${PHONE}`);
    const ids: Record<string, string> = {};
    const store = new SubmissionStore(database.pool);
    // Each edit records the version of the note it was written against, as the form does.
    const editBase = git(remote, 'log', '-1', '--format=%H', 'main', '--', PHONE).trim().slice(0, 12);
    for (const replica of replicas) {
      ids[replica.name] = newSubmissionId();
      await store.insert(
        {
          id: ids[replica.name]!,
          createdAt: new Date().toISOString(),
          status: 'pending',
          markdown: original.replace('## What to do', `## What to do\n\nEdited on ${replica.name.toUpperCase()}.`),
          version: 1,
          submitter: { name: `${replica.name.toUpperCase()}.B.`, email: `${replica.name}@example.org` },
          editOf: 'phone-evidence-control',
          editBase,
          history: [],
        },
        { actor: `contributor:${replica.name.toUpperCase()}.B.`, action: 'submitted', submission: ids[replica.name]! },
      );
    }
    const answers = await Promise.all([approve(a, ids.a!), approve(b, ids.b!)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([303, 409]);
    const loser = answers[0]!.status === 409 ? a : b;
    const winner = loser === a ? 'B' : 'A';
    expect(answers.find((answer) => answer.status === 409)!.text).toContain('was changed by editor.one');
    expect(git(remote, 'show', `main:${PHONE}`)).toContain(`Edited on ${winner}.`);
    // Nothing lost: the refused edit still waits for a decision, its text intact.
    const refused = (await new SubmissionStore(database.pool).get(ids[loser.name]!))!;
    expect(refused.status).toBe('pending');
    expect(refused.markdown).toContain(`Edited on ${loser.name.toUpperCase()}.`);
  }, 120_000);

  it('takes a commit a git user pushed to the remote onto both replicas and into search', async () => {
    const work = path.join(dir, 'user');
    git(dir, 'clone', '--quiet', remote, work);
    const labour = readFileSync(path.join(work, 'notes', 'labour-inspection-records.md'), 'utf8');
    writeFileSync(
      path.join(work, 'notes', 'from-git.md'),
      labour
        .replace('last_reviewed', 'slug: added-in-git\nlast_reviewed')
        .replace(/^title: .*$/m, 'title: Payslips gathered by labour inspectors in greenhouses'),
    );
    execFileSync('git', ['-C', work, 'add', '.']);
    execFileSync('git', ['-C', work, 'commit', '--quiet', '-m', 'Add a note from a pull request'], {
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Git User',
        GIT_AUTHOR_EMAIL: 'git-user@users.invalid',
        GIT_COMMITTER_NAME: 'Git User',
        GIT_COMMITTER_EMAIL: 'git-user@users.invalid',
      },
    });
    execFileSync('git', ['-C', work, 'push', '--quiet', 'origin', 'main']);
    const pushed = Date.now();
    for (const replica of replicas) {
      await waitFor(
        async () => (await fetch(`${replica.url}/notes/added-in-git`)).status === 200,
        AGREE_WITHIN_MS,
        () => `${replica.name} did not serve the pushed note:\n${replica.output()}`,
      );
      await waitFor(
        async () => (await found(replica, 'greenhouses payslips')).includes('added-in-git'),
        AGREE_WITHIN_MS - (Date.now() - pushed),
        () => `${replica.name} did not find the pushed note`,
      );
      expect((await request(replica.url).get('/notes/added-in-git/history').expect(200)).text).toContain('Add a note from a pull request');
    }
  }, 120_000);

  it('loses nothing when a process is killed between writing an approved note and committing it', async () => {
    const a = replicas[0]!;
    const before = git(remote, 'rev-parse', 'main');
    const { body } = await request(a.url)
      .post('/api/submissions')
      .send({
        markdown: STRANGER_NOTE.replace(/^title: .*$/m, 'title: Hawala ledgers seized at the border crossing'),
        submitter: { name: 'C.D.', email: 'cd@example.org' },
      })
      .expect(201);
    await stop(a);
    const crashing = await start('a', { PATH: `${shims}:${process.env.PATH}` });
    await ready(crashing);
    // Killed once its start-up indexing is over: a rebuild cut short would leave an index behind for six hours.
    await waitFor(
      async () => /index is up to date|index updated|indexed \d+ notes/.test(crashing.output()),
      60_000,
      () => `A did not finish indexing:\n${crashing.output()}`,
    );
    writeFileSync(crashMarker, '');
    const exited = new Promise((resolve) => crashing.process.once('exit', (_code, signal) => resolve(signal)));
    await approve(crashing, body.id).catch(() => undefined);
    expect(await exited).toBe('SIGKILL');
    rmSync(crashMarker);
    // Restarted: the approval was rolled back, the clone is clean, and the submission can still be approved.
    const restarted = await start('a');
    await ready(restarted);
    await waitFor(
      async () => /index is up to date|index updated|indexed \d+ notes/.test(restarted.output()),
      60_000,
      () => `A did not finish indexing:\n${restarted.output()}`,
    );
    expect(git(remote, 'rev-parse', 'main')).toBe(before);
    expect(git(path.join(restarted.dataDir, 'knowledge-clone'), 'status', '--porcelain')).toBe('');
    expect((await new SubmissionStore(database.pool).get(body.id))!.status).toBe('pending');
    // The killed process's transaction was rolled back when its connection dropped, its row lock with it; a decision is retried until it goes through.
    const session = await signIn(restarted.url);
    const statuses: number[] = [];
    await waitFor(
      async () => {
        const answer = await request(restarted.url)
          .post(`/editor/submissions/${body.id}`)
          .set('Cookie', session.cookie)
          .type('form')
          .send({ action: 'approve', csrf_token: session.csrf });
        statuses.push(answer.status);
        if (answer.status !== 303) await sleep(2_000);
        return answer.status === 303;
      },
      45_000,
      () => `the submission could not be approved after the restart: ${statuses.join(', ')}`,
    );
    expect(new Set(statuses.slice(0, -1))).not.toContain(500);
    expect(git(remote, 'log', '-1', '--format=%s', 'main')).toBe('New note: “Hawala ledgers seized at the border crossing”\n');
  }, 180_000);

  it("never writes a contributor's e-mail address into the repository", () => {
    const addresses = git(remote, 'log', '--format=%ae %ce', 'main').split(/\s+/).filter(Boolean);
    expect(addresses.length).toBeGreaterThan(5);
    expect(addresses.every((address) => address.endsWith('.invalid'))).toBe(true);
    const everything = git(remote, 'log', '-p', '--format=%an %ae %cn %ce %B', 'main');
    for (const sent of ['wk@example.org', 'an@example.org', 'bo@example.org', 'a@example.org', 'b@example.org', 'cd@example.org'])
      expect(everything).not.toContain(sent);
  });

  it('keeps answering on the other replica when one is killed under load', async () => {
    const [a, b] = replicas as [Replica, Replica];
    let running = true;
    const statuses: number[] = [];
    const load = (async () => {
      while (running)
        statuses.push(
          await fetch(`${b.url}/notes/phone-evidence-control`).then(
            (response) => response.status,
            () => 0,
          ),
        );
    })();
    const aLoad = (async () => {
      while (running) await fetch(`${a.url}/search?q=phone`).catch(() => undefined);
    })();
    await sleep(500);
    a.process.kill('SIGKILL');
    await sleep(2_000);
    running = false;
    await Promise.all([load, aLoad]);
    expect(statuses.length).toBeGreaterThan(10);
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect((await fetch(`${b.url}/readyz`)).status).toBe(200);
  }, 60_000);
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, message: () => string): Promise<void> {
  const started = Date.now();
  do {
    if (await condition().catch(() => false)) return;
    await sleep(100);
  } while (Date.now() - started < timeoutMs);
  throw new Error(message());
}
