import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/*
 * Editor sessions live under DATA_DIR (SessionStore), so every replica sharing it agrees on them and
 * any of them can end one. CSRF tokens are keyed hashes (HMAC-SHA256 with a secret kept under
 * DATA_DIR) of the session id, or, for the public forms and sign-in, of a random per-visitor cookie.
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

/** A signed-in editor: who, and the session id the cookie carries (CSRF tokens derive from it). */
export interface EditorSession {
  username: string;
  token: string;
}

interface StoredSession {
  username: string;
  expiresAt: number;
  /** A fingerprint of the account's password hash: resetting the password ends every session. */
  account: string;
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const SESSION_FILE = /^[0-9a-f]{64}\.json$/;
/** Expired sessions are swept at most this often, when a session starts: never on a reader's request. */
const SWEEP_EVERY_MS = 3600_000;

/**
 * Sessions kept server-side, one small file each under DATA_DIR/sessions, so that signing out,
 * removing an account or resetting its password ends them at once on every replica sharing DATA_DIR.
 * The cookie holds 256 random bits; the file is named by their SHA-256, so a listing of the folder
 * gives nothing that could be replayed as a cookie.
 */
export class SessionStore {
  private lastSweep = 0;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  /** Starts a session for an account; returns the cookie value. Sweeps expired sessions first, at most once an hour. */
  create(username: string, accountFingerprint: string, now = Date.now()): string {
    if (now - this.lastSweep >= SWEEP_EVERY_MS) this.sweep(now);
    const token = randomBytes(32).toString('base64url');
    const session: StoredSession = { username, expiresAt: now + SESSION_HOURS * 3600_000, account: accountFingerprint };
    writeFileSync(this.fileOf(token), JSON.stringify(session), { mode: 0o600 });
    return token;
  }

  /** The session a cookie names, if it exists, has not expired and still matches its account. */
  read(token: string | undefined, currentFingerprint: (username: string) => string | undefined, now = Date.now()): EditorSession | undefined {
    if (!token || !TOKEN_PATTERN.test(token)) return undefined;
    let session: StoredSession;
    try {
      session = JSON.parse(readFileSync(this.fileOf(token), 'utf8')) as StoredSession;
    } catch {
      return undefined;
    }
    const fingerprint = currentFingerprint(session.username);
    if (session.expiresAt < now || fingerprint === undefined || !safeEqual(fingerprint, session.account)) {
      this.destroy(token);
      return undefined;
    }
    return { username: session.username, token };
  }

  /**
   * Removes every session that has expired (a session nobody signs out of would otherwise stay on
   * disk for ever); returns how many. A file that cannot be read is left to the next sweep.
   */
  sweep(now = Date.now()): number {
    this.lastSweep = now;
    let removed = 0;
    for (const name of readdirSync(this.dir)) {
      if (!SESSION_FILE.test(name)) continue;
      const file = path.join(this.dir, name);
      try {
        if ((JSON.parse(readFileSync(file, 'utf8')) as StoredSession).expiresAt < now) {
          rmSync(file, { force: true });
          removed += 1;
        }
      } catch {
        // Being written or removed by another process: the next sweep sees it whole or gone.
      }
    }
    return removed;
  }

  /** Ends one session (sign-out). */
  destroy(token: string): void {
    if (!TOKEN_PATTERN.test(token)) return;
    rmSync(this.fileOf(token), { force: true });
  }

  private fileOf(token: string): string {
    return path.join(this.dir, `${createHash('sha256').update(token).digest('hex')}.json`);
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
