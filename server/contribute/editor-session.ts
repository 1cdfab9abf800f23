import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/*
 * Editor sessions are signed cookies (HMAC-SHA256 with a secret kept under DATA_DIR), so any app
 * replica sharing DATA_DIR accepts them and nothing is stored per session. CSRF tokens are derived
 * from the session (or, for the public form, from a random per-visitor cookie) with the same key.
 */

const SESSION_HOURS = 8;

/** Reads the signing secret from DATA_DIR, creating it (mode 0600) the first time. */
export function loadSessionSecret(dataDir: string): Buffer {
  const file = path.join(dataDir, 'session-secret');
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32);
  try {
    writeFileSync(file, secret.toString('base64'), { mode: 0o600, flag: 'wx' });
    return secret;
  } catch {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  }
}

function sign(secret: Buffer, value: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url');
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A session cookie value for an editor, valid for eight hours. */
export function createSessionCookie(secret: Buffer, username: string, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ u: username, e: now + SESSION_HOURS * 3600_000, n: randomBytes(8).toString('base64url') })).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

/** The editor a session cookie names, if its signature holds and it has not expired. */
export function readSessionCookie(secret: Buffer, cookie: string | undefined, now = Date.now()): { username: string; token: string } | undefined {
  if (!cookie || cookie.length > 1000) return undefined;
  const [payload, signature] = cookie.split('.');
  if (!payload || !signature || !safeEqual(signature, sign(secret, payload))) return undefined;
  try {
    const data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { u?: unknown; e?: unknown };
    if (typeof data.u !== 'string' || typeof data.e !== 'number' || data.e < now) return undefined;
    return { username: data.u, token: cookie };
  } catch {
    return undefined;
  }
}

/** The CSRF token for a session (or a visitor cookie): a keyed hash of it, so it cannot be forged from outside. */
export function csrfTokenFor(secret: Buffer, sessionValue: string): string {
  return sign(secret, `csrf:${sessionValue}`);
}

/** True when a submitted CSRF token belongs to this session value. */
export function checkCsrfToken(secret: Buffer, sessionValue: string | undefined, token: unknown): boolean {
  return typeof token === 'string' && !!sessionValue && safeEqual(token, csrfTokenFor(secret, sessionValue));
}
