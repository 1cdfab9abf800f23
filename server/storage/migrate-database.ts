import type { Pool } from 'pg';
import { StorageError } from '../errors.js';
import { PEOPLE_AND_WORKFLOW } from './migrations/0001-people-and-workflow.js';
import { AUDIT_COMMIT } from './migrations/0002-audit-commit.js';
import { INVITATION_REVOCATION } from './migrations/0003-invitation-revocation.js';
import { EDIT_BASE } from './migrations/0004-edit-base.js';

/** One version of the schema: SQL run once, in its own transaction, never edited after release. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every version, in order. A change to the schema is a new entry here, never an edit of an old one. */
export const MIGRATIONS: readonly Migration[] = [PEOPLE_AND_WORKFLOW, AUDIT_COMMIT, INVITATION_REVOCATION, EDIT_BASE];

/** Serialises migrations (and the first-start import) across every process sharing the database. */
export const SCHEMA_LOCK = 7_264_001;

/**
 * Brings the schema up to the newest version this code knows, each version in its own transaction,
 * under an advisory lock so replicas starting together migrate once. A database whose schema is
 * newer than this code is refused: running old code on it could lose what the new code writes.
 * A small runner rather than a migration tool: the migrations are forward-only SQL compiled into
 * the server bundle, and this is all that needs (README, Storage).
 */
export async function migrateDatabase(pool: Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<{ from: number; to: number; applied: string[] }> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
    const from = rows[0]?.version ?? 0;
    const newest = migrations.at(-1)?.version ?? 0;
    if (from > newest) {
      throw new StorageError(
        `the database's schema is at version ${from}, newer than this code knows (${newest}): run the newer Casebook, or restore a backup made for this one`,
      );
    }
    const applied: string[] = [];
    for (const migration of migrations.filter((candidate) => candidate.version > from)) {
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new StorageError(`migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(`${migration.version} ${migration.name}`);
    }
    return { from, to: Math.max(from, newest), applied };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK]).catch(() => undefined);
    client.release();
  }
}
