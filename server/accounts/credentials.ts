/** What an account may do: members use the network; editors also review submissions and invite. */
export type MemberRole = 'member' | 'editor';

/** Both roles, for the command line's --role. */
export const MEMBER_ROLES: readonly MemberRole[] = ['member', 'editor'];

/** A username: the member's handle and the address of their profile, /network/<username>. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,39}$/;

/** The shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 12;

// A username is also the address of a profile, /network/<username>: these name the network's own pages.
const RESERVED_USERNAMES = new Set(['profile', 'invitations', 'join', 'login', 'logout']);

/** The problem with a username or password, or undefined when both are acceptable. */
export function credentialProblem(username: string, password: string): 'username' | 'password' | undefined {
  if (!USERNAME_PATTERN.test(username) || RESERVED_USERNAMES.has(username)) return 'username';
  if (password.length < MIN_PASSWORD_LENGTH || password.length > 1000) return 'password';
  return undefined;
}

/** A signed-in member or editor: who, their role now, and the session token (CSRF tokens derive from it). */
export interface SignedIn {
  username: string;
  role: MemberRole;
  token: string;
}
