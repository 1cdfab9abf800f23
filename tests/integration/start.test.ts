import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { findFreePort } from '../../server/find-free-port.js';
import { prepareServer } from '../../scripts/start.js';
import request from 'supertest';
import { EDITOR, signIn } from '../http/contribute-app.js';
import { FIXTURE_KNOWLEDGE, FIXTURES } from '../fixtures/fixture-files.js';

const ROOT = path.resolve(FIXTURES, '..', '..');

const STRANGER_CITING_NOTE = `---
title: Booking the intermediary before the section 28 hearing
summary: Book the intermediary before the ground rules hearing, so the questions put to a vulnerable witness are settled in advance.
language: en
jurisdictions: [GB-EAW]
victim_centred_techniques: [intermediary, pre-recorded-cross-examination]
stages: [pre-trial]
evidence_basis: binding-law
sources:
  - title: Youth Justice and Criminal Evidence Act 1999, s. 28
authorities:
  - { id: uk-yjcea-1999, pinpoint: s-28 }
last_reviewed: 2026-11-01
---
## What to do

Book the intermediary early; [section 28](/authorities/uk-yjcea-1999#s-28) hearings are listed quickly.
`;

async function waitForStatus(url: string, status: number, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const answer = await fetch(url).then(
      (response) => response.status,
      () => 0,
    );
    if (answer === status) return Date.now() - started;
    await sleep(200);
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms`);
}

function startServer(port: number, dataDir: string, knowledgeDir: string, args: string[]) {
  const server = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir, MEILI_URL: '', MEILI_MASTER_KEY: '', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  server.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
  return { server, exited, output: () => output };
}

function postmasterPid(dataDir: string): number | undefined {
  try {
    return Number(readFileSync(path.join(dataDir, 'postgres', 'cluster', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
}

function alive(pid: number | undefined): boolean {
  try {
    return pid !== undefined && process.kill(pid, 0);
  } catch {
    return false;
  }
}

describe('npm start', () => {
  it('runs the compiled server, which starts its own engine and database, indexes, answers /readyz within a minute, keeps people across a restart, and stops with both within ten seconds of SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'casebook-start-'));
    // The fixtures plus a note no developer wrote, citing an existing authority with a pinpoint.
    const knowledgeDir = path.join(dataDir, 'knowledge');
    cpSync(FIXTURE_KNOWLEDGE, knowledgeDir, { recursive: true });
    writeFileSync(path.join(knowledgeDir, 'notes', 'intermediaries-before-section-28.md'), STRANGER_CITING_NOTE);
    const port = await findFreePort();
    // Exactly the process npm start runs: the compiled server, built first if its sources changed.
    const args = await prepareServer();
    const { server, exited, output } = startServer(port, dataDir, knowledgeDir, args);
    let session: { cookie: string; csrf: string } | undefined;
    try {
      const readyAfter = await waitForStatus(`http://127.0.0.1:${port}/readyz`, 200, 60_000);
      expect(readyAfter).toBeLessThan(60_000);
      expect(await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()).toEqual({ status: 'ready', notes: 6 });
      // The log line follows the fingerprint write, a moment after the index is served.
      for (let i = 0; i < 50 && !output().includes('indexed 6 notes'); i++) await sleep(100);
      expect(output()).toMatch(/"msg":"indexed 6 notes in [\d.]+ s"/);
      const authority = (await (await fetch(`http://127.0.0.1:${port}/api/authorities/uk-yjcea-1999`)).json()) as { cited_by: unknown[] };
      expect(authority.cited_by).toContainEqual({
        slug: 'intermediaries-before-section-28',
        title: 'Booking the intermediary before the section 28 hearing',
        url: '/notes/intermediaries-before-section-28#what-to-do',
        pinpoint: 's-28',
      });
      expect(await (await fetch(`http://127.0.0.1:${port}/authorities/uk-yjcea-1999`)).text()).toContain(
        'href="/notes/intermediaries-before-section-28#what-to-do"',
      );
      const citation = (await (await fetch(`http://127.0.0.1:${port}/api/search?q=1999+c.+23`)).json()) as { authorities: Array<{ id: string }> };
      expect(citation.authorities[0]?.id).toBe('uk-yjcea-1999');
      // Rendered by the compiled rendering thread, the body read from its file.
      const page = await fetch(`http://127.0.0.1:${port}/notes/phone-evidence-control`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<h2 id="what-to-do"/);
      expect(existsSync(path.join(dataDir, 'meilisearch', 'engine.json'))).toBe(true);
      // The database is the embedded one, under DATA_DIR; npm run add-member joins it.
      const added = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/add-member.ts', EDITOR.username, '--role', 'editor'], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
        input: `${EDITOR.password}\n`,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(added.stdout).toContain(`Added editor "${EDITOR.username}" in the embedded database under ${dataDir}`);
      session = await signIn(`http://127.0.0.1:${port}`);
    } finally {
      server.kill('SIGTERM');
    }
    const pid = postmasterPid(dataDir);
    const signalled = Date.now();
    expect(await exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(output()).toMatch(/"msg":"stopped"/);
    expect(existsSync(path.join(dataDir, 'meilisearch', 'engine.json'))).toBe(false);
    // The database stopped with the app: no server is left behind.
    expect(alive(pid)).toBe(false);
    // DATA_DIR holds the engine's and the database's own files, nothing else: no JSON state, no lock file.
    expect(
      readdirSync(dataDir)
        .filter((name) => name !== 'knowledge')
        .sort(),
    ).toEqual(['meilisearch', 'postgres']);

    // Started again, it has what it had: the editor is still signed in with the same cookie.
    const again = startServer(port, dataDir, knowledgeDir, args);
    try {
      await waitForStatus(`http://127.0.0.1:${port}/readyz`, 200, 60_000);
      expect((await request(`http://127.0.0.1:${port}`).get('/editor').set('Cookie', session!.cookie).expect(200)).text).toContain(EDITOR.username);
    } finally {
      again.server.kill('SIGTERM');
    }
    expect(await again.exited).toBe(0);
  });
});
