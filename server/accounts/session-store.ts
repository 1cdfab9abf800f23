import { createHash, randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Pool } from 'pg';
import type { MemberRole, SignedIn } from './credentials.js';

/** How long a session lasts from sign-in. */
export const SESSION_HOURS = 8;

/** How long this process trusts what it last read of a session; another replica's sign-out or demotion shows within it. */
export const SESSION_CACHE_MS = 5_000;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

interface Cached {
  /** undefined: no live session has this token. */
  account: { username: string; role: MemberRole } | undefined;
  expiresAt: number;
}

/**
 * Sessions as rows, so signing out, removing an account or resetting its password ends them on
 * every replica. The cookie holds 256 random bits; the row is keyed by their SHA-256, so a copy of
 * the table gives nothing that could be replayed as a cookie. Reading one is one indexed query
 * (the session joined to its account's current role), remembered by this process for a few
 * seconds: a signed-in page costs at most one query, and a visitor without a cookie none.
 */
export class SessionStore {
  private readonly cache: LRUCache<string, Cached>;

  constructor(
    private readonly pool: Pool,
    options: { cacheMs?: number } = {},
  ) {
    // Bounded by bytes, as every cache here: an entry is a token, a username and a role.
    this.cache = new LRUCache<string, Cached>({
      maxSize: 2 * 1024 * 1024,
      sizeCalculation: (cached, token) => 2 * (token.length + (cached.account?.username.length ?? 0)) + 96,
      ttl: options.cacheMs ?? SESSION_CACHE_MS,
    });
  }

  /** Starts a session for an account; returns the cookie's value. */
  async create(username: string, now = Date.now()): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now + SESSION_HOURS * 3600_000;
    await this.pool.query('INSERT INTO sessions (token_hash, username, expires_at) VALUES ($1, $2, $3)', [hashToken(token), username, new Date(expiresAt)]);
    return token;
  }

  /** The signed-in account a cookie names: a live session of an account that still exists, with its role now. */
  async read(token: string | undefined, now = Date.now()): Promise<SignedIn | undefined> {
    if (!token || !TOKEN_PATTERN.test(token)) return undefined;
    let cached = this.cache.get(token);
    if (!cached) {
      const { rows } = await this.pool.query<{ username: string; role: MemberRole; expires_at: Date }>(
        'SELECT s.username, a.role, s.expires_at FROM sessions s JOIN accounts a USING (username) WHERE s.token_hash = $1',
        [hashToken(token)],
      );
      const row = rows[0];
      cached = row ? { account: { username: row.username, role: row.role }, expiresAt: row.expires_at.getTime() } : { account: undefined, expiresAt: 0 };
      this.cache.set(token, cached);
    }
    if (!cached.account || cached.expiresAt <= now) return undefined;
    return { ...cached.account, token };
  }

  /** Ends one session (sign-out): at once here, within the cache's few seconds on other replicas. */
  async destroy(token: string): Promise<void> {
    this.cache.delete(token);
    if (!TOKEN_PATTERN.test(token)) return;
    await this.pool.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
  }

  /** Forgets what this process remembers of an account's sessions (its password was reset, or it was removed, here). */
  forgetAccount(username: string): void {
    for (const [token, cached] of this.cache.entries()) if (cached.account?.username === username) this.cache.delete(token);
  }

  /** Deletes expired sessions; returns how many. main.ts runs it every few minutes. */
  async sweep(now = Date.now()): Promise<number> {
    const { rowCount } = await this.pool.query('DELETE FROM sessions WHERE expires_at <= $1', [new Date(now)]);
    return rowCount ?? 0;
  }
}

/** The key a session is stored under: the SHA-256 of the cookie's token, in hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
