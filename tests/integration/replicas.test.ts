import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addEditor } from '../../server/contribute/editor-accounts.js';
import { newSubmissionId, SubmissionStore } from '../../server/contribute/submission-store.js';
import { findFreePort } from '../../server/search/embedded-meilisearch.js';
import { EDITOR, signIn, STRANGER_NOTE } from '../http/contribute-app.js';
import { FIXTURE_KNOWLEDGE, FIXTURES } from '../fixtures/fixture-files.js';

const ROOT = path.resolve(FIXTURES, '..', '..');
const AGREE_WITHIN_MS = 5_000;
const STRANGER_SLUG = 'using-wire-transfer-records-to-prove-a-debt-was-never-repayable';

/** One app process, as a deployment runs it behind the load balancer. */
interface Replica {
  url: string;
  process: ChildProcess;
  output: () => string;
}

/**
 * The deployment of README "Scaling out", on one machine: one engine, three app processes sharing
 * KNOWLEDGE_DIR and DATA_DIR, no other infrastructure. What one replica publishes, the others serve
 * within five seconds; one decision per submission wins; a replica killed under load leaves the
 * others answering.
 */
describe('three app processes sharing one engine, KNOWLEDGE_DIR and DATA_DIR', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'casebook-replicas-'));
  const knowledgeDir = path.join(dir, 'knowledge');
  const dataDir = path.join(dir, 'data');
  const env = {
    KNOWLEDGE_DIR: knowledgeDir, DATA_DIR: dataDir, MEILI_URL: inject('meiliUrl'), MEILI_MASTER_KEY: inject('meiliKey'), MEILI_INDEX: 'replicas',
    CHANGE_POLL_MS: '1000', LOG_LEVEL: 'info',
  };
  const replicas: Replica[] = [];

  beforeAll(async () => {
    cpSync(FIXTURE_KNOWLEDGE, knowledgeDir, { recursive: true, dereference: true });
    await addEditor(path.join(dataDir, 'editors.json'), EDITOR.username, EDITOR.password);
    // Started together, on an engine that has no index yet: each builds one under its own name.
    const ports = [await findFreePort(), await findFreePort(), await findFreePort()];
    for (const port of ports) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
      child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
      replicas.push({ url: `http://127.0.0.1:${port}`, process: child, output: () => output });
    }
  }, 30_000);

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => new Promise<void>((resolve) => {
      if (replica.process.exitCode !== null || replica.process.signalCode !== null) return resolve();
      replica.process.once('exit', () => resolve());
      replica.process.kill('SIGTERM');
    })));
  }, 20_000);

  it('all three come up when started together, and agree within 5 s on what any of them publishes, edits, or npm run index adds', async () => {
    const [a, b, c] = replicas as [Replica, Replica, Replica];
    for (const replica of replicas) {
      await waitFor(async () => (await fetch(`${replica.url}/readyz`).then((response) => response.status, () => 0)) === 200, 120_000, () => `${replica.url} never became ready:\n${replica.output()}`);
    }
    for (const replica of replicas) expect(await (await fetch(`${replica.url}/readyz`)).json()).toEqual({ status: 'ready', notes: 5 });

    // Published through A: B and C serve the page, its API and the listings that include it.
    const { body } = await request(a.url).post('/api/submissions').send({ markdown: STRANGER_NOTE, submitter: { name: 'W.K.' } }).expect(201);
    for (const replica of [b, c]) await request(replica.url).get(`/notes/${STRANGER_SLUG}`).expect(404);
    const session = await signIn(a.url);
    await request(a.url).post(`/editor/submissions/${body.id}`).set('Cookie', session.cookie).type('form').send({ action: 'approve', csrf_token: session.csrf }).expect(303);
    const published = Date.now();
    await request(a.url).get(`/notes/${STRANGER_SLUG}`).expect(200);
    for (const replica of [b, c]) {
      await waitFor(async () => (await fetch(`${replica.url}/notes/${STRANGER_SLUG}`)).status === 200, AGREE_WITHIN_MS - (Date.now() - published), () => `${replica.url} did not serve the approved note within 5 s`);
      await request(replica.url).get(`/api/notes/${STRANGER_SLUG}`).expect(200);
      expect((await request(replica.url).get('/jurisdictions/KE').expect(200)).text).toContain(`/notes/${STRANGER_SLUG}`);
      expect((await request(replica.url).get('/feed.xml').expect(200)).text).toContain(`/notes/${STRANGER_SLUG}`);
      expect((await request(replica.url).get('/browse/evidence_types/financial').expect(200)).text).toContain(`/notes/${STRANGER_SLUG}`);
    }
    console.info(`replicas served the approved note ${Date.now() - published} ms after approval`);

    // Edited through B (a suggested edit, approved there): A and C serve the new text.
    const store = new SubmissionStore(path.join(dataDir, 'submissions'));
    const editId = newSubmissionId();
    const edited = STRANGER_NOTE.replace('Request the transfer records early.', 'Request the transfer records early, before the firm deletes them after its retention period.');
    store.save({ id: editId, createdAt: new Date().toISOString(), status: 'pending', markdown: edited, submitter: { name: 'W.K.', email: '' }, editOf: STRANGER_SLUG, history: [] });
    const onB = await signIn(b.url);
    await request(b.url).post(`/editor/submissions/${editId}`).set('Cookie', onB.cookie).type('form').send({ action: 'approve', csrf_token: onB.csrf }).expect(303);
    const editedAt = Date.now();
    for (const replica of [a, c]) {
      await waitFor(async () => (await (await fetch(`${replica.url}/notes/${STRANGER_SLUG}`)).text()).includes('retention period'), AGREE_WITHIN_MS - (Date.now() - editedAt), () => `${replica.url} still served the old text 5 s after the edit`);
    }

    // Changed in git and followed by npm run index: every replica serves it.
    const labour = readFileSync(path.join(knowledgeDir, 'notes', 'labour-inspection-records.md'), 'utf8');
    writeFileSync(path.join(knowledgeDir, 'notes', 'from-git.md'), labour.replace('last_reviewed', 'slug: added-in-git\nlast_reviewed'));
    const indexed = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/index.ts'], { cwd: ROOT, env: { ...process.env, ...env, CI: 'true' }, encoding: 'utf8', timeout: 60_000 });
    expect(indexed.stdout).toMatch(/updated: 1 added, 0 changed, 0 removed/);
    const reindexed = Date.now();
    for (const replica of replicas) {
      await waitFor(async () => (await fetch(`${replica.url}/notes/added-in-git`)).status === 200, AGREE_WITHIN_MS - (Date.now() - reindexed), () => `${replica.url} did not serve the note added in git within 5 s of npm run index`);
    }
  }, 240_000);

  it('gives one decision per submission when two replicas are asked at once: one 303, one 409, never a 500', async () => {
    const [, b, c] = replicas as [Replica, Replica, Replica];
    const second = STRANGER_NOTE.replace(/^title: .*$/m, 'title: Using remittance records to prove a debt was never repayable');
    const { body } = await request(b.url).post('/api/submissions').send({ markdown: second, submitter: { name: 'W.K.' } }).expect(201);
    const onB = await signIn(b.url);
    const onC = await signIn(c.url);
    const answers = await Promise.all([
      request(b.url).post(`/editor/submissions/${body.id}`).set('Cookie', onB.cookie).type('form').send({ action: 'approve', csrf_token: onB.csrf }),
      request(c.url).post(`/editor/submissions/${body.id}`).set('Cookie', onC.cookie).type('form').send({ action: 'reject', comment: 'Duplicate.', csrf_token: onC.csrf }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([303, 409]);
  }, 60_000);

  it('lets approvals on two replicas take turns, so two notes claiming one name are never both published (which would unpublish both)', async () => {
    const [, b, c] = replicas as [Replica, Replica, Replica];
    const claimant = STRANGER_NOTE.replace(/^title: .*$/m, 'title: Money-transfer records and debt bondage').replace('last_reviewed', 'slug: money-transfer-records\nlast_reviewed');
    const thief = STRANGER_NOTE.replace(/^title: .*$/m, 'title: Remittance ledgers and debt bondage').replace('last_reviewed', 'slug: remittance-ledgers\naliases: [money-transfer-records]\nlast_reviewed');
    const first = await request(b.url).post('/api/submissions').send({ markdown: claimant, submitter: { name: 'W.K.' } }).expect(201);
    const second = await request(c.url).post('/api/submissions').send({ markdown: thief, submitter: { name: 'A.N.' } }).expect(201);
    const onB = await signIn(b.url);
    const onC = await signIn(c.url);
    const answers = await Promise.all([
      request(b.url).post(`/editor/submissions/${first.body.id}`).set('Cookie', onB.cookie).type('form').send({ action: 'approve', csrf_token: onB.csrf }),
      request(c.url).post(`/editor/submissions/${second.body.id}`).set('Cookie', onC.cookie).type('form').send({ action: 'approve', csrf_token: onC.csrf }),
    ]);
    expect(answers.map((answer) => answer.status).filter((status) => status === 303)).toHaveLength(1);
    expect(answers.every((answer) => [303, 409, 422].includes(answer.status))).toBe(true);
    const winner = answers[0]!.status === 303 ? 'money-transfer-records' : 'remittance-ledgers';
    await sleep(2_500);
    for (const replica of [b, c]) await request(replica.url).get(`/notes/${winner}`).expect(200);
  }, 60_000);

  it('keeps answering on the other replicas when one is killed under load', async () => {
    const [a, b, c] = replicas as [Replica, Replica, Replica];
    let running = true;
    const statuses: number[] = [];
    const load = Promise.all([b, c].map(async (replica) => {
      while (running) statuses.push(await fetch(`${replica.url}/notes/phone-evidence-control`).then((response) => response.status, () => 0));
    }));
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
    for (const replica of [b, c]) expect((await fetch(`${replica.url}/readyz`)).status).toBe(200);
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
