import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { findFreePort } from '../../server/search/embedded-meilisearch.js';
import { FIXTURE_KNOWLEDGE, FIXTURES } from '../fixtures/fixture-files.js';

const ROOT = path.resolve(FIXTURES, '..', '..');

async function waitForStatus(url: string, status: number, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const answer = await fetch(url).then((response) => response.status, () => 0);
    if (answer === status) return Date.now() - started;
    await sleep(200);
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms`);
}

describe('npm start', () => {
  it('starts its own engine, indexes, answers /readyz within a minute, and stops with the engine within ten seconds of SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'casebook-start-'));
    const port = await findFreePort();
    const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT, env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, KNOWLEDGE_DIR: FIXTURE_KNOWLEDGE, MEILI_URL: '', MEILI_MASTER_KEY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    server.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    server.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    try {
      const readyAfter = await waitForStatus(`http://127.0.0.1:${port}/readyz`, 200, 60_000);
      expect(readyAfter).toBeLessThan(60_000);
      expect(await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()).toEqual({ status: 'ready', notes: 5 });
      // The log line follows the fingerprint write, a moment after the index is served.
      for (let i = 0; i < 50 && !output.includes('indexed 5 notes'); i++) await sleep(100);
      expect(output).toMatch(/"msg":"indexed 5 notes in [\d.]+ s"/);
      await fetch(`http://127.0.0.1:${port}/notes/phone-evidence-control`).then((response) => expect(response.status).toBe(200));
      expect(existsSync(path.join(dataDir, 'meilisearch', 'engine.json'))).toBe(true);
    } finally {
      server.kill('SIGTERM');
    }
    const signalled = Date.now();
    expect(await exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(output).toMatch(/"msg":"stopped"/);
    expect(existsSync(path.join(dataDir, 'meilisearch', 'engine.json'))).toBe(false);
  });
});
