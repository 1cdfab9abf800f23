import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startOrJoinEmbeddedDatabase } from '../../server/storage/embedded-postgres.js';
import { FIXTURES } from '../fixtures/fixture-files.js';

const ROOT = path.resolve(FIXTURES, '..', '..');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'casebook-embedded-pg-'));
  dirs.push(dir);
  return dir;
}

function postmasterPid(dir: string): number | undefined {
  try {
    return Number(readFileSync(path.join(dir, 'postgres', 'cluster', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
}

function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url.replace(/\/casebook$/, '/postgres'), connectionTimeoutMillis: 1_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function waitFor(condition: () => Promise<boolean> | boolean, ms: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await condition()) return Date.now() - started;
    await sleep(100);
  }
  throw new Error(`not within ${ms} ms`);
}

describe('the embedded PostgreSQL', () => {
  it('starts under DATA_DIR on 127.0.0.1 as an unprivileged user, is joined by a second command, and stops', async () => {
    const dir = dataDir();
    const started = Date.now();
    const owner = await startOrJoinEmbeddedDatabase({ dataDir: dir });
    console.info(`embedded PostgreSQL initialised and started in ${Date.now() - started} ms`);
    expect(owner.owned).toBe(true);
    expect(new URL(owner.url).hostname).toBe('127.0.0.1');
    const pid = postmasterPid(dir)!;
    // PostgreSQL refuses to run as root: as root, the server runs as another user.
    const uid = Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    if (process.getuid?.() === 0) expect(uid).not.toBe(0);
    const joiner = await startOrJoinEmbeddedDatabase({ dataDir: dir });
    expect(joiner).toMatchObject({ owned: false, url: owner.url });
    await joiner.stop();
    expect(await answers(owner.url)).toBe(true);
    await owner.stop();
    expect(alive(pid)).toBe(false);
    expect(existsSync(path.join(dir, 'postgres', 'cluster', 'postmaster.pid'))).toBe(false);
  });

  it('is started again on the same port after a crash', async () => {
    const dir = dataDir();
    const lines: string[] = [];
    const server = await startOrJoinEmbeddedDatabase({ dataDir: dir, log: (line) => lines.push(line) });
    try {
      const first = postmasterPid(dir)!;
      process.kill(first, 'SIGKILL');
      // Back when the launcher says so (its own readiness check done), and answering on the same URL.
      const back = await waitFor(
        async () => lines.some((line) => line.startsWith('PostgreSQL is back')) && postmasterPid(dir) !== first && (await answers(server.url)),
        20_000,
      );
      console.info(`embedded PostgreSQL answered again ${back} ms after it was killed`);
      expect(lines.join('\n')).toMatch(/PostgreSQL exited \(SIGKILL\); restarting[\s\S]*PostgreSQL is back on 127\.0\.0\.1:\d+/);
    } finally {
      await server.stop();
    }
  });

  it('is never left orphaned: one left by a killed command is adopted by the next, which stops it', async () => {
    const dir = dataDir();
    // A command that starts the database, then is killed before it can stop it.
    const script = `import { startOrJoinEmbeddedDatabase } from './server/storage/embedded-postgres.ts';
      await startOrJoinEmbeddedDatabase({ dataDir: ${JSON.stringify(dir)} }); console.log('started'); setInterval(() => {}, 1000);`;
    const command = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      command.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('started')) resolve();
      });
      command.once('exit', () => reject(new Error('the command exited before starting the database')));
    });
    const pid = postmasterPid(dir)!;
    command.kill('SIGKILL');
    await waitFor(() => command.exitCode !== null || command.signalCode !== null, 5_000);
    expect(alive(pid)).toBe(true);
    const lines: string[] = [];
    const next = await startOrJoinEmbeddedDatabase({ dataDir: dir, log: (line) => lines.push(line) });
    expect(next.owned).toBe(true);
    expect(lines.join('\n')).toMatch(/Adopted the PostgreSQL left running/);
    expect(await answers(next.url)).toBe(true);
    await next.stop();
    expect(alive(pid)).toBe(false);
  });
});
