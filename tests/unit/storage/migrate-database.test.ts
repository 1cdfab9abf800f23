import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrateDatabase } from '../../../server/storage/migrate-database.js';
import { createTestDatabase } from '../../test-database.js';

async function tables(pool: import('pg').Pool): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
  return rows.map((row) => row.name);
}

describe('migrations', () => {
  it('bring an empty database to the newest version, once', async () => {
    const { pool } = await createTestDatabase({ migrate: false });
    expect(await tables(pool)).toEqual([]);
    expect(await migrateDatabase(pool)).toEqual({
      from: 0,
      to: MIGRATIONS.at(-1)!.version,
      applied: MIGRATIONS.map((migration) => `${migration.version} ${migration.name}`),
    });
    expect(await tables(pool)).toEqual([
      'accounts',
      'audit_log',
      'invitation_uses',
      'invitations',
      'profiles',
      'schema_migrations',
      'sessions',
      'settings',
      'submission_events',
      'submission_versions',
      'submissions',
    ]);
    expect(await migrateDatabase(pool)).toEqual({ from: MIGRATIONS.at(-1)!.version, to: MIGRATIONS.at(-1)!.version, applied: [] });
  });

  it('bring the previous version forward, keeping every row', async () => {
    const { pool } = await createTestDatabase({ migrate: false });
    await migrateDatabase(pool, MIGRATIONS.slice(0, -1));
    await pool.query(
      "INSERT INTO accounts (username, role, password_salt, password_hash, password_params) VALUES ('ada.editor', 'editor', 's', 'h', '{\"N\":32768,\"r\":8,\"p\":1}')",
    );
    await pool.query("INSERT INTO audit_log (actor, action, submission_id) VALUES ('editor:ada.editor', 'approved', 'AAAAAAAAAAAAAAAAAAAAAA')");
    const result = await migrateDatabase(pool);
    expect(result.from).toBe(MIGRATIONS.at(-2)!.version);
    expect(result.applied).toEqual([`${MIGRATIONS.at(-1)!.version} ${MIGRATIONS.at(-1)!.name}`]);
    expect((await pool.query('SELECT username, role FROM accounts')).rows).toEqual([{ username: 'ada.editor', role: 'editor' }]);
    // The previous version's audit row is there, and the new column is empty for it.
    expect((await pool.query('SELECT actor, action, commit_id FROM audit_log')).rows).toEqual([
      { actor: 'editor:ada.editor', action: 'approved', commit_id: null },
    ]);
  });

  it('run once when several processes start together', async () => {
    const first = await createTestDatabase({ migrate: false });
    const { Pool } = (await import('pg')).default;
    const others = [new Pool({ connectionString: first.url, max: 2 }), new Pool({ connectionString: first.url, max: 2 })];
    const results = await Promise.all([first.pool, ...others].map((pool) => migrateDatabase(pool)));
    expect(results.flatMap((result) => result.applied)).toHaveLength(MIGRATIONS.length);
    await Promise.all(others.map((pool) => pool.end()));
  });

  it('refuse a database whose schema is newer than the code, and roll back a migration that fails', async () => {
    const { pool } = await createTestDatabase();
    await pool.query("INSERT INTO schema_migrations (version, name) VALUES (99, 'from the future')");
    await expect(migrateDatabase(pool)).rejects.toThrow(/version 99, newer than this code knows/);
    const fresh = await createTestDatabase({ migrate: false });
    const broken = [...MIGRATIONS, { version: 100, name: 'broken', sql: 'CREATE TABLE half_made (id int); SELECT no_such_function();' }];
    await expect(migrateDatabase(fresh.pool, broken)).rejects.toThrow(/migration 100 \(broken\) failed/);
    expect(await tables(fresh.pool)).not.toContain('half_made');
    expect((await fresh.pool.query('SELECT max(version)::int AS version FROM schema_migrations')).rows[0].version).toBe(MIGRATIONS.at(-1)!.version);
  });

  it('make the audit log append-only: updates, deletes and truncation are refused', async () => {
    const { pool } = await createTestDatabase();
    await pool.query("INSERT INTO audit_log (actor, action) VALUES ('editor:ada', 'login')");
    await expect(pool.query("UPDATE audit_log SET actor = 'someone else'")).rejects.toThrow(/append-only/);
    await expect(pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(pool.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect((await pool.query('SELECT actor FROM audit_log')).rows).toEqual([{ actor: 'editor:ada' }]);
  });
});
