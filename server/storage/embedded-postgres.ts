import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { StorageError } from '../errors.js';
import { findFreePort } from '../find-free-port.js';
import { prepareCluster, type Binaries, type ClusterOptions, type RunAs } from './prepare-cluster.js';
import { isProcessAlive } from '../is-process-alive.js';

/** A running PostgreSQL this process can use; `stop` does nothing when it joined one another process owns. */
export interface DatabaseServerHandle {
  /** A connection string for the `casebook` database (created by connectDatabase when missing). */
  url: string;
  /** True when this process started (or adopted) the server and so must stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

/** Where the embedded PostgreSQL keeps its files, and which binaries to run. */
export interface EmbeddedDatabaseOptions extends ClusterOptions {
  startTimeoutMs?: number;
}

const DATABASE_USER = 'casebook';
const RESTART_MIN_DELAY_MS = 1_000;
const RESTART_MAX_DELAY_MS = 30_000;

/**
 * Starts PostgreSQL on 127.0.0.1 with its cluster under `dataDir/postgres`, or joins the one another
 * command (say a running `npm start`) already started there. PostgreSQL's own `postmaster.pid` says
 * whether one runs and on which port, and refuses a second server on the same cluster, so no state
 * or lock file of ours is needed. A server left behind by a process that was killed (its parent is
 * then init) is adopted: this process stops it on SIGTERM and restarts it if it dies.
 */
export async function startOrJoinEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<DatabaseServerHandle> {
  const { cluster, logFile, password, runAs, binaries } = await prepareCluster(options);
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);

  for (;;) {
    const running = await findRunning(cluster, password);
    if (running) {
      const url = connectionUrl(running.port, password);
      if (!running.orphaned) return { url, owned: false, stop: async () => {} };
      options.log?.(`Adopted the PostgreSQL left running under ${cluster} (pid ${running.pid}) by a process that ended`);
      return supervise({ url, port: running.port, password, cluster, logFile, binaries, runAs, log: options.log, adopted: running.pid });
    }
    const port = await findFreePort();
    try {
      const child = await launch({ port, password, cluster, logFile, binaries, runAs, deadline });
      options.log?.(`Started PostgreSQL on 127.0.0.1:${port} (pid ${child.pid}, data in ${cluster})`);
      return supervise({ url: connectionUrl(port, password), port, password, cluster, logFile, binaries, runAs, log: options.log, child });
    } catch (error) {
      // Another command started a server on this cluster a moment earlier: join it instead.
      if (error instanceof ClusterInUseError && Date.now() < deadline) {
        await sleep(200);
        continue;
      }
      throw error;
    }
  }
}

interface Supervised {
  url: string;
  port: number;
  password: string;
  cluster: string;
  logFile: string;
  binaries: Binaries;
  runAs: RunAs | undefined;
  log: ((line: string) => void) | undefined;
  child?: ChildProcess;
  adopted?: number;
}

class ClusterInUseError extends Error {}

/** Watches the server and starts it again on the same port (1 s, 2 s, 4 s… up to 30 s apart) when it dies, so the pool's URL never changes. */
function supervise(state: Supervised): DatabaseServerHandle {
  let stopping = false;
  let delayMs = RESTART_MIN_DELAY_MS;
  let timer: NodeJS.Timeout | undefined;
  let child = state.child;
  let adopted = state.adopted;

  const restart = async () => {
    if (stopping) return;
    try {
      child = await launch({ ...state, deadline: Date.now() + 30_000 });
      adopted = undefined;
      delayMs = RESTART_MIN_DELAY_MS;
      state.log?.(`PostgreSQL is back on 127.0.0.1:${state.port} (pid ${child.pid})`);
      watch();
    } catch (error) {
      delayMs = Math.min(delayMs * 2, RESTART_MAX_DELAY_MS);
      state.log?.(`PostgreSQL did not restart (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); next try in ${delayMs / 1000} s`);
      timer = setTimeout(restart, delayMs).unref();
    }
  };
  const died = (how: string) => {
    if (stopping) return;
    state.log?.(`PostgreSQL exited (${how}); restarting in ${delayMs / 1000} s`);
    timer = setTimeout(restart, delayMs).unref();
  };
  const watch = () => {
    if (child) {
      child.once('exit', (code, signal) => died(signal ?? `code ${code}`));
      return;
    }
    // An adopted server is not our child: no exit event, so look every second.
    const poll = () => {
      if (stopping) return;
      if (adopted !== undefined && isProcessAlive(adopted)) timer = setTimeout(poll, 1_000).unref();
      else died('adopted server gone');
    };
    timer = setTimeout(poll, 1_000).unref();
  };
  watch();

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      stopping = true;
      clearTimeout(timer);
      if (child) await stopChild(child);
      else if (adopted !== undefined) await stopPid(adopted);
    })());
  return { url: state.url, owned: true, stop };
}

async function launch(options: {
  port: number;
  password: string;
  cluster: string;
  logFile: string;
  binaries: Binaries;
  runAs: RunAs | undefined;
  deadline: number;
}): Promise<ChildProcess> {
  const logFd = openSync(options.logFile, 'a', 0o600);
  const child = spawn(
    options.binaries.postgres,
    [
      '-D',
      options.cluster,
      '-p',
      String(options.port),
      '-c',
      'listen_addresses=127.0.0.1',
      // TCP only: no socket file for other local users to find, and no path-length limit.
      '-c',
      'unix_socket_directories=',
      // Small by design: people and workflow are a few megabytes; PostgreSQL's defaults suit a dedicated server.
      '-c',
      'shared_buffers=16MB',
      '-c',
      'max_connections=60',
    ],
    { stdio: ['ignore', logFd, logFd], ...(options.runAs ?? {}), env: { ...process.env, LC_MESSAGES: 'C' } },
  );
  closeSync(logFd);
  let exited: number | string | null = null;
  child.once('exit', (code, signal) => {
    exited = signal ?? code ?? -1;
  });
  child.once('error', () => {
    exited = 'spawn failed';
  });
  while (Date.now() < options.deadline) {
    if (exited !== null) {
      const tail = tailOf(options.logFile);
      if (/lock file "postmaster\.pid" already exists/.test(tail)) throw new ClusterInUseError('another PostgreSQL runs on this cluster');
      throw new StorageError(`PostgreSQL exited (${exited}) while starting; see ${options.logFile}:\n${tail}`);
    }
    if (readPostmasterStatus(options.cluster)?.status === 'ready' && (await answers(options.port, options.password))) return child;
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new StorageError(`PostgreSQL did not become ready on port ${options.port} in time; see ${options.logFile}`);
}

/** The server running on this cluster, if any: PostgreSQL's postmaster.pid names its pid and port. */
async function findRunning(cluster: string, password: string): Promise<{ pid: number; port: number; orphaned: boolean } | undefined> {
  const status = readPostmasterStatus(cluster);
  if (!status || !isProcessAlive(status.pid)) return undefined;
  // Starting up: wait for it rather than start another (which PostgreSQL would refuse anyway).
  for (let i = 0; i < 100 && status.status !== 'ready'; i++) {
    await sleep(100);
    const again = readPostmasterStatus(cluster);
    if (!again || !isProcessAlive(again.pid)) return undefined;
    status.status = again.status;
  }
  if (!(await answers(status.port, password))) return undefined;
  return { pid: status.pid, port: status.port, orphaned: isOrphan(status.pid) };
}

function readPostmasterStatus(cluster: string): { pid: number; port: number; status: string } | undefined {
  try {
    const lines = readFileSync(path.join(cluster, 'postmaster.pid'), 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (!Number.isInteger(pid) || !Number.isInteger(port)) return undefined;
    return { pid, port, status: (lines[7] ?? '').trim() };
  } catch {
    return undefined;
  }
}

/** True when the server accepts a connection with this cluster's password. */
async function answers(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: DATABASE_USER, password, database: 'postgres', connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function connectionUrl(port: number, password: string): string {
  return `postgres://${DATABASE_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/casebook`;
}

// A server whose parent is init was left by a process that ended. Where init is itself Node (the app
// as a container's first process), the app is its parent: never adopt from it.
function isOrphan(pid: number): boolean {
  if (parentOf(pid) !== 1) return false;
  try {
    return readFileSync('/proc/1/comm', 'utf8').trim() !== 'node';
  } catch {
    return false;
  }
}

function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function tailOf(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-8).join('\n');
  } catch {
    return '';
  }
}

// SIGINT is PostgreSQL's "fast" shutdown: sessions are cut, the data is checkpointed; SIGQUIT after 10 s.
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT');
  const timedOut = await Promise.race([exited.then(() => false), sleep(10_000).then(() => true)]);
  if (timedOut) {
    child.kill('SIGQUIT');
    await exited;
  }
}

async function stopPid(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  for (let waited = 0; isProcessAlive(pid) && waited < 10_000; waited += 100) await sleep(100);
  if (isProcessAlive(pid)) process.kill(pid, 'SIGQUIT');
}
