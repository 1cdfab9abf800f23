import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  length: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

// scrypt with N = 2^15: about 50–100 ms a check here, slow enough to make guessing expensive.
const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const MAX_MEMORY = 64 * 1024 * 1024;
const KEY_LENGTH = 32;

/** A salted scrypt hash of a password, never the password; base64 strings as stored. */
export interface PasswordHash {
  salt: string;
  hash: string;
  params: { N: number; r: number; p: number };
}

/** Hashes a password (NFC-normalised, so the same word typed on two keyboards matches). */
export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password.normalize('NFC'), salt, KEY_LENGTH, { ...PARAMS, maxmem: MAX_MEMORY });
  return { salt: salt.toString('base64'), hash: hash.toString('base64'), params: { ...PARAMS } };
}

// A real hash to compare against when the username is unknown, so the answer takes as long either
// way and the sign-in form does not reveal which usernames exist.
const DECOY: PasswordHash = { salt: randomBytes(16).toString('base64'), hash: randomBytes(KEY_LENGTH).toString('base64'), params: { ...PARAMS } };

/** True when the password matches the hash; with no hash (an unknown user), the same work and false. */
export async function verifyPassword(password: string, stored: PasswordHash | undefined): Promise<boolean> {
  const { salt, hash, params } = stored ?? DECOY;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptAsync(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, { ...params, maxmem: MAX_MEMORY });
  return timingSafeEqual(actual, expected) && stored !== undefined;
}
