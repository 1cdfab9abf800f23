import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import lockfile from 'proper-lockfile';

/*
 * The accounts of the practitioner network: one file (EDITOR_ACCOUNTS_FILE, by default
 * DATA_DIR/editors.json) for members and editors alike, so there is one sign-in, one password
 * scheme and one way to end sessions. Files written before roles existed stay readable: an account
 * without a role is an editor, which is what every account then was.
 */

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, length: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;

// scrypt with N = 2^15: about 50–100 ms a check here, slow enough to make guessing expensive.
const PARAMS = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

/** What an account may do: members use the network; editors also review submissions and invite. */
export type MemberRole = 'member' | 'editor';
export const MEMBER_ROLES: readonly MemberRole[] = ['member', 'editor'];

/** One account: a username (the member's handle), a salted scrypt hash (never the password), a role. */
export interface MemberAccount {
  username: string;
  salt: string;
  hash: string;
  params: { N: number; r: number; p: number };
  createdAt: string;
  /** Absent in files written before the network: such an account is an editor. */
  role?: MemberRole;
}

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,39}$/;
export const MIN_PASSWORD_LENGTH = 12;

// A username is also the address of a profile, /network/<username>: these name the network's own pages.
const RESERVED_USERNAMES = new Set(['profile', 'invitations', 'join', 'login', 'logout']);

/** An account's role; accounts from before roles existed are editors. */
export function roleOf(account: Pick<MemberAccount, 'role'>): MemberRole {
  return account.role === 'member' ? 'member' : 'editor';
}

function readAccounts(file: string): MemberAccount[] {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return Array.isArray(parsed) ? (parsed as MemberAccount[]) : [];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** The account of a username, if there is one. */
export function findAccount(file: string, username: string): MemberAccount | undefined {
  return readAccounts(file).find((account) => account.username === username);
}

/** The problem with a username or password, or undefined when both are acceptable. */
export function credentialProblem(username: string, password: string): 'username' | 'password' | undefined {
  if (!USERNAME_PATTERN.test(username) || RESERVED_USERNAMES.has(username)) return 'username';
  if (password.length < MIN_PASSWORD_LENGTH || password.length > 1000) return 'password';
  return undefined;
}

async function hashPassword(password: string): Promise<Pick<MemberAccount, 'salt' | 'hash' | 'params'>> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password.normalize('NFC'), salt, KEY_LENGTH, PARAMS);
  return { salt: salt.toString('base64'), hash: hash.toString('base64'), params: { N: PARAMS.N, r: PARAMS.r, p: PARAMS.p } };
}

/**
 * Changes the accounts file under an exclusive lock every process sharing it respects (the CLI and
 * each replica accepting invitations), written to a temporary file and renamed, mode 0600.
 */
async function changeAccounts<T>(file: string, change: (accounts: MemberAccount[]) => T): Promise<T> {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const release = await lockfile.lock(file, { realpath: false, stale: 10_000, retries: { retries: 20, minTimeout: 25, maxTimeout: 250 } });
  try {
    const accounts = readAccounts(file);
    const result = change(accounts);
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(accounts, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, file);
    return result;
  } finally {
    await release().catch(() => undefined);
  }
}

/**
 * Adds an account or resets its password. `role` undefined keeps an existing account's role (a
 * password reset never demotes an editor) and makes a new account a member.
 */
export async function addMember(file: string, username: string, password: string, role?: MemberRole): Promise<'added' | 'reset'> {
  const problem = credentialProblem(username, password);
  if (problem === 'username') throw new Error('a username is 2–40 lower-case letters, digits, dots, hyphens or underscores, starting with a letter or digit');
  if (problem === 'password') throw new Error(`a password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  const secret = await hashPassword(password);
  return changeAccounts(file, (accounts) => {
    const existing = accounts.findIndex((account) => account.username === username);
    const kept = existing === -1 ? 'member' : roleOf(accounts[existing]!);
    const account: MemberAccount = { username, ...secret, createdAt: new Date().toISOString(), role: role ?? kept };
    if (existing === -1) accounts.push(account);
    else accounts[existing] = account;
    return existing === -1 ? 'added' : 'reset';
  });
}

/** Creates a new account, never touching an existing one (an invitation must not take over a username): false when the name is taken. */
export async function createMember(file: string, username: string, password: string, role: MemberRole): Promise<boolean> {
  if (credentialProblem(username, password)) throw new Error('invalid username or password');
  const secret = await hashPassword(password);
  return changeAccounts(file, (accounts) => {
    if (accounts.some((account) => account.username === username)) return false;
    accounts.push({ username, ...secret, createdAt: new Date().toISOString(), role });
    return true;
  });
}

// A real hash to compare against when the username is unknown, so the answer takes as long either
// way and the sign-in form does not reveal which usernames exist.
const DECOY = { salt: randomBytes(16), hash: randomBytes(KEY_LENGTH) };

/** True when the username exists and the password matches; constant work either way. */
export async function verifyMember(file: string, username: string, password: string): Promise<boolean> {
  const account = findAccount(file, username);
  const salt = account ? Buffer.from(account.salt, 'base64') : DECOY.salt;
  const expected = account ? Buffer.from(account.hash, 'base64') : DECOY.hash;
  const params = account ? { ...account.params, maxmem: PARAMS.maxmem } : PARAMS;
  const actual = await scryptAsync(password.normalize('NFC'), salt, expected.length, params);
  return timingSafeEqual(actual, expected) && account !== undefined;
}

/**
 * A fingerprint of an account's current password hash, or undefined when the account no longer
 * exists. Sessions remember it: a removed account or a reset password ends every session at once.
 */
export function fingerprintOf(account: Pick<MemberAccount, 'salt' | 'hash'> | undefined): string | undefined {
  return account ? createHash('sha256').update(`${account.salt}:${account.hash}`).digest('base64url') : undefined;
}

/** The fingerprint of a username's account (see fingerprintOf). */
export function memberFingerprint(file: string, username: string): string | undefined {
  return fingerprintOf(findAccount(file, username));
}
