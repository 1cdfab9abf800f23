import { randomBytes } from 'node:crypto';
import pg, { type Pool } from 'pg';
import { inject } from 'vitest';
import { openStores, type Stores } from '../server/open-stores.js';
import { migrateDatabase } from '../server/storage/migrate-database.js';

/** A fresh, migrated database of its own on the test server: no test sees another's rows. */
export interface TestDatabase {
  url: string;
  pool: Pool;
}

/** Creates a database on the test PostgreSQL (tests/start-postgres.ts) and migrates it, unless told not to. */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const admin = inject('postgresUrl');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  // allowExitOnIdle: a test file's idle connections never keep its worker alive.
  const pool = new pg.Pool({ connectionString: url.toString(), max: 5, allowExitOnIdle: true });
  pool.on('error', () => undefined);
  if (options.migrate !== false) await migrateDatabase(pool);
  return { url: url.toString(), pool };
}

/** Every store of people and workflow on a fresh test database. */
export async function createTestStores(): Promise<Stores & { database: TestDatabase }> {
  const database = await createTestDatabase();
  return { ...(await openStores(database.pool)), database };
}
