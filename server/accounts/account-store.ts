import type { Pool } from 'pg';
import { inTransaction, isUniqueViolation, type Queryable } from '../storage/in-transaction.js';
import { credentialProblem, MIN_PASSWORD_LENGTH, type MemberRole } from './credentials.js';
import { hashPassword, verifyPassword, type PasswordHash } from './password-hash.js';

/** One account as stored: a username, a role and a password hash. */
export interface Account extends PasswordHash {
  username: string;
  role: MemberRole;
  createdAt: string;
}

interface AccountRow {
  username: string;
  role: MemberRole;
  password_salt: string;
  password_hash: string;
  password_params: PasswordHash['params'];
  created_at: Date;
}

/**
 * The accounts of members and editors (one sign-in, one password scheme), in PostgreSQL. A reset
 * password ends the account's sessions in the same transaction; deleting an account ends them by
 * cascade.
 */
export class AccountStore {
  /** `onSessionsEnded` tells this process's session cache at once when an account's sessions end here. */
  constructor(
    private readonly pool: Pool,
    private readonly options: { onSessionsEnded?: (username: string) => void } = {},
  ) {}

  /** The account of a username, if there is one. */
  async find(username: string, db: Queryable = this.pool): Promise<Account | undefined> {
    const { rows } = await db.query<AccountRow>('SELECT * FROM accounts WHERE username = $1', [username]);
    return rows[0] ? accountOf(rows[0]) : undefined;
  }

  /** The account when the username exists and the password matches; the same work either way. */
  async verify(username: string, password: string): Promise<Account | undefined> {
    const account = await this.find(username);
    return (await verifyPassword(password, account)) ? account : undefined;
  }

  /**
   * Adds an account or resets its password (ending its sessions). `role` undefined keeps an
   * existing account's role (a password reset never demotes an editor) and makes a new one a member.
   */
  async add(username: string, password: string, role?: MemberRole): Promise<'added' | 'reset'> {
    const problem = credentialProblem(username, password);
    if (problem === 'username') throw new Error('a username is 2–40 lower-case letters, digits, dots, hyphens or underscores, starting with a letter or digit');
    if (problem === 'password') throw new Error(`a password needs at least ${MIN_PASSWORD_LENGTH} characters`);
    const secret = await hashPassword(password);
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ inserted: boolean }>(
        `INSERT INTO accounts (username, role, password_salt, password_hash, password_params) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (username) DO UPDATE SET password_salt = EXCLUDED.password_salt, password_hash = EXCLUDED.password_hash,
           password_params = EXCLUDED.password_params, role = COALESCE($6, accounts.role)
         RETURNING (xmax = 0) AS inserted`,
        [username, role ?? 'member', secret.salt, secret.hash, JSON.stringify(secret.params), role ?? null],
      );
      if (rows[0]?.inserted) return 'added' as const;
      await client.query('DELETE FROM sessions WHERE username = $1', [username]);
      return 'reset' as const;
    }).then((outcome) => {
      if (outcome === 'reset') this.options.onSessionsEnded?.(username);
      return outcome;
    });
  }

  /** Removes an account and, by cascade, its sessions; its profile and the audit log keep what they hold. True when there was one. */
  async remove(username: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM accounts WHERE username = $1', [username]);
    this.options.onSessionsEnded?.(username);
    return rowCount === 1;
  }

  /** Creates a new account, never touching an existing one (an invitation must not take over a username): false when the name is taken. */
  async create(username: string, password: string, role: MemberRole, db: Queryable = this.pool): Promise<boolean> {
    if (credentialProblem(username, password)) throw new Error('invalid username or password');
    const secret = await hashPassword(password);
    try {
      const { rowCount } = await db.query(
        `INSERT INTO accounts (username, role, password_salt, password_hash, password_params) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (username) DO NOTHING`,
        [username, role, secret.salt, secret.hash, JSON.stringify(secret.params)],
      );
      return rowCount === 1;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }
}

function accountOf(row: AccountRow): Account {
  return {
    username: row.username,
    role: row.role,
    salt: row.password_salt,
    hash: row.password_hash,
    params: row.password_params,
    createdAt: row.created_at.toISOString(),
  };
}
