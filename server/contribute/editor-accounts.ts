/*
 * Editors are members of the network with the editor role (server/network/member-accounts.ts holds
 * the one account system); these names stay for the callers and tests written before the network.
 */
import { addMember, memberFingerprint, verifyMember, type MemberAccount } from '../network/member-accounts.js';

export { USERNAME_PATTERN } from '../network/member-accounts.js';

/** One editor account (a member account; no role means editor). */
export type EditorAccount = MemberAccount;

/** Adds an editor or resets their password (and makes the account an editor). */
export function addEditor(file: string, username: string, password: string): Promise<'added' | 'reset'> {
  return addMember(file, username, password, 'editor');
}

/** True when the username exists and the password matches; constant work either way. */
export const verifyEditor = verifyMember;

/** A fingerprint of an account's current password hash (sessions end when it changes). */
export const editorFingerprint = memberFingerprint;
