import type { Pool } from 'pg';
import { AccountStore } from './accounts/account-store.js';
import { loadCsrfSecret } from './accounts/csrf.js';
import { SessionStore } from './accounts/session-store.js';
import { AuditLog } from './contribute/audit-log.js';
import { SubmissionStore } from './contribute/submission-store.js';
import { StorageError } from './errors.js';
import { NetworkStore } from './network/network-store.js';

/** The stores of people and workflow, all on one database. */
export interface Stores {
  accounts: AccountStore;
  sessions: SessionStore;
  submissions: SubmissionStore;
  audit: AuditLog;
  network: NetworkStore;
  csrfSecret: Buffer;
}

/** Opens every store on a migrated database (and creates the CSRF secret the first time). */
export async function openStores(pool: Pool, options: { sessionCacheMs?: number } = {}): Promise<Stores> {
  const audit = new AuditLog(pool);
  const sessions = new SessionStore(pool, options.sessionCacheMs === undefined ? {} : { cacheMs: options.sessionCacheMs });
  const accounts = new AccountStore(pool, { onSessionsEnded: (username) => sessions.forgetAccount(username) });
  return {
    accounts,
    sessions,
    submissions: new SubmissionStore(pool, audit),
    audit,
    network: new NetworkStore(pool, accounts, audit),
    csrfSecret: await loadCsrfSecret(pool),
  };
}

/**
 * The stores before the database answers: each is a StorageError (a 503 page) until `connect`
 * hands over the real ones, so the app can listen at once (guidance and search pages need no
 * database) while the embedded server starts or an external one is waited for.
 */
export function pendingStores(): { stores: Stores; connect(stores: Stores): void } {
  let connected: Stores | undefined;
  const get =
    <K extends keyof Stores>(key: K) =>
    (): Stores[K] => {
      if (!connected) throw new StorageError('the database is not connected yet');
      return connected[key];
    };
  const stores = Object.defineProperties(
    {} as Stores,
    Object.fromEntries(
      (['accounts', 'sessions', 'submissions', 'audit', 'network', 'csrfSecret'] as const).map((key) => [key, { get: get(key), enumerable: true }]),
    ),
  );
  return {
    stores,
    connect: (real) => {
      connected = real;
    },
  };
}
