import type { Pool, PoolClient } from 'pg';

/** What runs a query: the pool, or one client inside a transaction. */
export type Queryable = Pick<Pool, 'query'> | PoolClient;

/**
 * Runs `work` in one transaction on one client: committed when it resolves, rolled back when it
 * throws (and the error passed on). Everything `work` does through `client` stands or falls together.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** True for PostgreSQL's unique-violation error (SQLSTATE 23505), optionally on one named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const { code, constraint: violated } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  return code === '23505' && (constraint === undefined || violated === constraint);
}

/**
 * True when a query failed because the database could not be reached or was going away (a restart
 * of the embedded server, a network cut), not because of the query: the web answers 503.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code) || /^(08|57P)/.test(code))) return true;
  return typeof message === 'string' && /Connection terminated|timeout exceeded when trying to connect/.test(message);
}
