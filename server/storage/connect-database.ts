import { setTimeout as sleep } from 'node:timers/promises';
import pg, { type Pool } from 'pg';
import { StorageError } from '../errors.js';
import { startOrJoinEmbeddedDatabase, type DatabaseServerHandle } from './embedded-postgres.js';
import { migrateDatabase } from './migrate-database.js';

/** The database of people and workflow: a pool of connections, and the server behind it when this process runs it. */
export interface Database {
  pool: Pool;
  /** True when the database answers a trivial query within a second (for /readyz). */
  isHealthy(): Promise<boolean>;
  /** Ends the pool, then stops the embedded server if this process owns it. */
  close(): Promise<void>;
  /** True when this is the embedded PostgreSQL under DATA_DIR. */
  embedded: boolean;
}

/** Where the database is: DATABASE_URL, or the embedded server under DATA_DIR. */
export interface DatabaseSettings {
  databaseUrl: string | undefined;
  dataDir: string;
}

/** How long to wait for an external server, whether to migrate, and where to say so. */
export interface ConnectDatabaseOptions {
  /** Give up on an external server after this long (ms); 0 tries once. */
  waitMs?: number;
  log?: (line: string) => void;
  /** Pool size per process: a handful serves a replica, since a page makes at most one query. */
  maxConnections?: number;
}

/**
 * The database every command uses: DATABASE_URL when set (waited for until it answers), otherwise
 * the embedded PostgreSQL under DATA_DIR, joined if another command started it, with its
 * `casebook` database created on first use. The schema is migrated to the newest version.
 */
export async function connectDatabase(settings: DatabaseSettings, options: ConnectDatabaseOptions = {}): Promise<Database> {
  let server: DatabaseServerHandle | undefined;
  let url = settings.databaseUrl;
  if (!url) {
    server = await startOrJoinEmbeddedDatabase({ dataDir: settings.dataDir, ...(options.log ? { log: options.log } : {}) });
    url = server.url;
    await createDatabaseIfMissing(url);
  } else {
    await waitForServer(url, options.waitMs ?? 0, options.log);
  }
  const pool = openPool(url, options.maxConnections ?? 10, options.log);
  try {
    const migrated = await migrateDatabase(pool);
    if (migrated.applied.length > 0) options.log?.(`database schema migrated from version ${migrated.from} to ${migrated.to}`);
  } catch (error) {
    await pool.end().catch(() => undefined);
    await server?.stop();
    throw error instanceof StorageError ? error : new StorageError('the database could not be prepared', { cause: error });
  }
  let closed: Promise<void> | undefined;
  return {
    pool,
    embedded: server !== undefined,
    isHealthy: () => isHealthy(pool),
    close: () =>
      (closed ??= (async () => {
        await pool.end().catch(() => undefined);
        await server?.stop();
      })()),
  };
}

/** A pool on a connection string; idle connections the server drops (a restart) are logged, never thrown. */
export function openPool(url: string, max = 10, log?: (line: string) => void): Pool {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000 });
  pool.on('error', (error) => log?.(`an idle database connection failed (${error.message}); the pool opens another`));
  return pool;
}

async function isHealthy(pool: Pool): Promise<boolean> {
  try {
    await Promise.race([
      pool.query('SELECT 1'),
      sleep(1_000).then(() => {
        throw new Error('timeout');
      }),
    ]);
    return true;
  } catch {
    return false;
  }
}

async function createDatabaseIfMissing(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  target.pathname = '/postgres';
  const client = new pg.Client({ connectionString: target.toString() });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`).catch((error: { code?: string }) => {
      // Created a moment ago by another command starting at the same time.
      if (error.code !== '42P04' && error.code !== '23505') throw error;
    });
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function waitForServer(url: string, waitMs: number, log: ((line: string) => void) | undefined): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (let attempt = 1, delayMs = 500; ; attempt++, delayMs = Math.min(delayMs * 2, 10_000)) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return;
    } catch (error) {
      if (Date.now() + delayMs > deadline)
        throw new StorageError(`PostgreSQL at ${redactUrl(url)} is unreachable (DATABASE_URL): ${(error as Error).message}`, { cause: error });
      log?.(`PostgreSQL at ${redactUrl(url)} is not answering yet (attempt ${attempt}); retrying in ${delayMs / 1000} s`);
      await sleep(delayMs);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/** A connection string as it may be printed: without its password. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unreadable DATABASE_URL)';
  }
}
