import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findFreePort } from '../../server/find-free-port.js';
import { createMeilisearchClient } from '../../server/search/meilisearch-connection.js';
import { EDITOR, signIn, STRANGER_NOTE } from '../http/contribute-app.js';
import { FIXTURE_KNOWLEDGE, FIXTURES } from '../fixtures/fixture-files.js';
import { startDebianPostgres, type ExternalPostgres } from './debian-postgres.js';

const ROOT = path.resolve(FIXTURES, '..', '..');

/** One app process with its own DATA_DIR and knowledge directory: nothing on disk is shared. */
interface App {
  url: string;
  dataDir: string;
  env: Record<string, string>;
  process: ChildProcess;
  output: () => string;
}

function start(env: Record<string, string>, port: number): App {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return { url: `http://127.0.0.1:${port}`, dataDir: env.DATA_DIR!, env, process: child, output: () => output };
}

async function stop(app: App): Promise<number | null> {
  if (app.process.exitCode !== null || app.process.signalCode !== null) return app.process.exitCode;
  const exited = new Promise<number | null>((resolve) => app.process.once('exit', resolve));
  app.process.kill('SIGTERM');
  return exited;
}

async function ready(app: App): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < 120_000) {
    if (
      (await fetch(`${app.url}/readyz`).then(
        (response) => response.status,
        () => 0,
      )) === 200
    )
      return;
    await sleep(200);
  }
  throw new Error(`${app.url} never became ready:\n${app.output()}`);
}

/**
 * Two app processes on one PostgreSQL server (Debian's, not the embedded one) that share no
 * directory: no DATA_DIR, no knowledge directory. People and workflow live in the database alone.
 */
describe('two app processes sharing only an external PostgreSQL', () => {
  let database: ExternalPostgres;
  const apps: App[] = [];

  beforeAll(async () => {
    database = await startDebianPostgres();
    for (const name of ['a', 'b']) {
      const dir = mkdtempSync(path.join(tmpdir(), `casebook-external-${name}-`));
      cpSync(FIXTURE_KNOWLEDGE, path.join(dir, 'knowledge'), { recursive: true, dereference: true });
      const env = {
        KNOWLEDGE_DIR: path.join(dir, 'knowledge'),
        DATA_DIR: path.join(dir, 'data'),
        DATABASE_URL: database.url,
        MEILI_URL: inject('meiliUrl'),
        MEILI_MASTER_KEY: inject('meiliKey'),
        MEILI_INDEX: `external_${name}`,
        LOG_LEVEL: 'info',
      };
      apps.push(start(env, await findFreePort()));
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.all(apps.map(stop));
    await database?.stop();
    // The shared engine keeps no index of this test's (a build cut short by the restart included).
    const client = createMeilisearchClient(inject('meiliUrl'), inject('meiliKey'));
    const { results } = await client.getIndexes({ limit: 1000 });
    for (const index of results.filter((candidate) => candidate.uid.startsWith('external_'))) await client.deleteIndex(index.uid).waitTask();
  }, 60_000);

  it('adds an editor with the command; a sign-in on one holds on the other; two decisions sent to both give one 303 and one 409; everything survives a restart', async () => {
    const added = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/add-editor.ts', EDITOR.username], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: database.url, DATA_DIR: apps[0]!.dataDir },
      input: `${EDITOR.password}\n`,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(added.stdout).toContain(`Added editor "${EDITOR.username}"`);
    for (const app of apps) await ready(app);
    let [a, b] = apps as [App, App];

    // Signed in on A, the same cookie (and its CSRF token) works on B.
    const session = await signIn(a.url);
    const queue = await request(b.url).get('/editor').set('Cookie', session.cookie).expect(200);
    expect(queue.text).toContain(EDITOR.username);

    // One submission, decided on both at once: exactly one wins.
    const { body } = await request(a.url)
      .post('/api/submissions')
      .send({ markdown: STRANGER_NOTE, submitter: { name: 'W.K.' } })
      .expect(201);
    await request(b.url).get(`/contribute/${body.id}`).expect(200);
    const answers = await Promise.all([
      request(a.url).post(`/editor/submissions/${body.id}`).set('Cookie', session.cookie).type('form').send({ action: 'approve', csrf_token: session.csrf }),
      request(b.url)
        .post(`/editor/submissions/${body.id}`)
        .set('Cookie', session.cookie)
        .type('form')
        .send({ action: 'reject', comment: 'Duplicate.', csrf_token: session.csrf }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([303, 409]);
    const status = (await request(b.url).get(`/contribute/${body.id}`).expect(200)).text;

    // A restart of A loses nothing: the session holds, the decision stands.
    expect(await stop(a)).toBe(0);
    a = start(a.env, Number(new URL(a.url).port));
    apps[0] = a;
    await ready(a);
    await request(a.url).get('/editor').set('Cookie', session.cookie).expect(200);
    expect((await request(a.url).get(`/contribute/${body.id}`).expect(200)).text).toContain(/approved|Approved/.test(status) ? 'pproved' : 'ejected');

    // No directory holds people or workflow: no embedded database, no JSON state, no lock file.
    for (const app of [a, b]) {
      const files = existsSync(app.dataDir) ? readdirSync(app.dataDir, { recursive: true }).map(String) : [];
      expect(files, app.dataDir).toEqual([]);
    }
  }, 240_000);
});
