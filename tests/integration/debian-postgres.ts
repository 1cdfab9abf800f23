import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { findFreePort } from '../../server/find-free-port.js';

/** Debian's PostgreSQL 15 server binaries (tech.md): a server that is not the embedded one. */
export const DEBIAN_POSTGRES_BIN = '/usr/lib/postgresql/15/bin';

/** A PostgreSQL server started for a test: a connection string for its `casebook` database, and a way to stop it. */
export interface ExternalPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts Debian's PostgreSQL 15 on a free port in a temporary directory, as the `postgres` user
 * when the test runs as root (PostgreSQL refuses root), with trust authentication on 127.0.0.1
 * only, and creates a `casebook` database: what DATABASE_URL names in a deployment.
 */
export async function startDebianPostgres(): Promise<ExternalPostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), 'casebook-external-pg-'));
  chmodSync(dir, 0o755);
  const cluster = path.join(dir, 'cluster');
  mkdirSync(cluster, { mode: 0o700 });
  const runAs =
    process.getuid?.() === 0
      ? { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) }
      : undefined;
  if (runAs) chownSync(cluster, runAs.uid, runAs.gid);
  execFileSync(path.join(DEBIAN_POSTGRES_BIN, 'initdb'), ['-D', cluster, '-A', 'trust', '-U', 'casebook', '--no-instructions'], {
    stdio: 'ignore',
    ...(runAs ?? {}),
  });
  const port = await findFreePort();
  const server: ChildProcess = spawn(
    path.join(DEBIAN_POSTGRES_BIN, 'postgres'),
    ['-D', cluster, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    {
      stdio: 'ignore',
      ...(runAs ?? {}),
    },
  );
  const admin = `postgres://casebook@127.0.0.1:${port}/postgres`;
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: admin });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('CREATE DATABASE casebook');
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (attempt > 100 || server.exitCode !== null) throw new Error(`Debian's PostgreSQL did not start: ${(error as Error).message}`);
      await sleep(100);
    }
  }
  return {
    url: `postgres://casebook@127.0.0.1:${port}/casebook`,
    async stop() {
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGINT');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
