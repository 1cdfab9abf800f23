import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, length: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;

// scrypt with N = 2^15: about 50–100 ms a check here, slow enough to make guessing expensive.
const PARAMS = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

/** One editor: a username and a salted scrypt hash, never the password. */
export interface EditorAccount {
  username: string;
  salt: string;
  hash: string;
  params: { N: number; r: number; p: number };
  createdAt: string;
}

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,39}$/;

function readAccounts(file: string): EditorAccount[] {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as EditorAccount[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Adds an editor or resets their password; the file is written atomically with mode 0600. */
export async function addEditor(file: string, username: string, password: string): Promise<'added' | 'reset'> {
  if (!USERNAME_PATTERN.test(username)) throw new Error('a username is 2–40 lower-case letters, digits, dots, hyphens or underscores');
  if (password.length < 12) throw new Error('a password needs at least 12 characters');
  const salt = randomBytes(16);
  const hash = await scryptAsync(password.normalize('NFC'), salt, KEY_LENGTH, PARAMS);
  const accounts = readAccounts(file);
  const existing = accounts.findIndex((account) => account.username === username);
  const account: EditorAccount = {
    username, salt: salt.toString('base64'), hash: hash.toString('base64'), params: { N: PARAMS.N, r: PARAMS.r, p: PARAMS.p }, createdAt: new Date().toISOString(),
  };
  if (existing === -1) accounts.push(account);
  else accounts[existing] = account;
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(accounts, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
  return existing === -1 ? 'added' : 'reset';
}

// A real hash to compare against when the username is unknown, so the answer takes as long either
// way and the login form does not reveal which usernames exist.
const DECOY = { salt: randomBytes(16), hash: randomBytes(KEY_LENGTH) };

/** True when the username exists and the password matches; constant work either way. */
export async function verifyEditor(file: string, username: string, password: string): Promise<boolean> {
  const account = readAccounts(file).find((candidate) => candidate.username === username);
  const salt = account ? Buffer.from(account.salt, 'base64') : DECOY.salt;
  const expected = account ? Buffer.from(account.hash, 'base64') : DECOY.hash;
  const params = account ? { ...account.params, maxmem: PARAMS.maxmem } : PARAMS;
  const actual = await scryptAsync(password.normalize('NFC'), salt, expected.length, params);
  return timingSafeEqual(actual, expected) && account !== undefined;
}

/**
 * A fingerprint of an editor's current password hash, or undefined when the account no longer
 * exists. Sessions remember it: a removed account or a reset password ends every session at once.
 */
export function editorFingerprint(file: string, username: string): string | undefined {
  const account = readAccounts(file).find((candidate) => candidate.username === username);
  return account ? createHash('sha256').update(`${account.salt}:${account.hash}`).digest('base64url') : undefined;
}
