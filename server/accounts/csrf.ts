import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Pool } from 'pg';

/*
 * CSRF tokens are keyed hashes (HMAC-SHA256 with a secret kept in the database, so every replica
 * issues and accepts the same tokens) of the session token, or, for the public forms and sign-in,
 * of a random per-visitor cookie.
 */

/** Reads the signing secret from the database, creating it the first time (one row, whichever replica comes first). */
export async function loadCsrfSecret(pool: Pool): Promise<Buffer> {
  await pool.query("INSERT INTO settings (name, value) VALUES ('csrf_secret', $1) ON CONFLICT (name) DO NOTHING", [randomBytes(32).toString('base64')]);
  const { rows } = await pool.query<{ value: string }>("SELECT value FROM settings WHERE name = 'csrf_secret'");
  return Buffer.from(rows[0]!.value, 'base64');
}

/** The CSRF token for a session (or a visitor cookie): a keyed hash of it, so it cannot be forged from outside. */
export function csrfTokenFor(secret: Buffer, sessionValue: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionValue}`).digest('base64url');
}

/** True when a submitted CSRF token belongs to this session value. */
export function checkCsrfToken(secret: Buffer, sessionValue: string | undefined, token: unknown): boolean {
  if (typeof token !== 'string' || !sessionValue) return false;
  const left = Buffer.from(token);
  const right = Buffer.from(csrfTokenFor(secret, sessionValue));
  return left.length === right.length && timingSafeEqual(left, right);
}
