import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import type { Profile } from './profile.js';

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

/** An editor's invitation, as stored: the hash of the link's token, never the token itself. */
export interface Invitation {
  /** A short id for the editor's list (not the token, which is only ever in the link). */
  id: string;
  tokenHash: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  /** A reminder for the editor of whom it is for; shown only to editors. */
  label: string;
  usedAt?: string;
  usedBy?: string;
  /** Set when an editor withdrew the link before it was used (sent to the wrong person, say). */
  revokedAt?: string;
  revokedBy?: string;
}

/** Where an invitation link stands. */
export type InvitationState = 'valid' | 'used' | 'expired' | 'revoked' | 'unknown';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * The network's data under DATA_DIR/network: profiles.json and invitations.json. Reads are plain
 * (every write replaces a whole file by renaming a complete temporary one, so a reader sees the old
 * or the new file, never half); writes hold an exclusive lock (proper-lockfile, as submissions do)
 * that every process sharing DATA_DIR respects, and re-read the file under it, so two replicas
 * never lose each other's changes.
 */
export class NetworkStore {
  private readonly profilesFile: string;
  private readonly invitationsFile: string;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.profilesFile = path.join(dir, 'profiles.json');
    this.invitationsFile = path.join(dir, 'invitations.json');
  }

  /** Every profile, by display name. */
  profiles(): Profile[] {
    return this.read<Profile>(this.profilesFile).sort((a, b) => a.displayName.localeCompare(b.displayName) || a.handle.localeCompare(b.handle));
  }

  /** One member's profile, if they have one. */
  profile(handle: string): Profile | undefined {
    return this.read<Profile>(this.profilesFile).find((profile) => profile.handle === handle);
  }

  /** Something that changes whenever a profile does: pages that show names are cached by it. */
  revision(): string {
    try {
      const stat = statSync(this.profilesFile);
      return `${stat.mtimeMs}:${stat.size}`;
    } catch {
      return 'none';
    }
  }

  /** Creates or replaces a member's profile. */
  async saveProfile(profile: Profile): Promise<void> {
    await this.change<Profile>(this.profilesFile, (profiles) => [...profiles.filter((candidate) => candidate.handle !== profile.handle), profile]);
  }

  /** Deletes a member's profile and everything in it; true when there was one. */
  async deleteProfile(handle: string): Promise<boolean> {
    let found = false;
    await this.change<Profile>(this.profilesFile, (profiles) => {
      found = profiles.some((profile) => profile.handle === handle);
      return profiles.filter((profile) => profile.handle !== handle);
    });
    return found;
  }

  /** Creates an invitation; returns the token for the link (kept nowhere but in the link itself). */
  async invite(by: string, label: string, now: Date): Promise<{ token: string; invitation: Invitation }> {
    const token = randomBytes(32).toString('base64url');
    const invitation: Invitation = {
      id: randomBytes(6).toString('hex'),
      tokenHash: hashToken(token),
      createdBy: by,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + INVITATION_DAYS * 24 * 3600_000).toISOString(),
      label,
    };
    await this.change<Invitation>(this.invitationsFile, (invitations) => [...invitations, invitation]);
    return { token, invitation };
  }

  /** Every invitation, newest first. */
  invitations(): Invitation[] {
    return this.read<Invitation>(this.invitationsFile).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** Where the invitation of a link's token stands at `now`. */
  invitationState(token: string, now: Date): InvitationState {
    return stateOf(this.find(this.read<Invitation>(this.invitationsFile), token), now);
  }

  /**
   * Accepts an invitation once: under the lock, checks it is still valid, runs `accept` (which
   * creates the account and profile and answers false when it could not, e.g. a username taken),
   * and only then marks it used — two people racing with one link cannot both get in.
   */
  async accept(token: string, now: Date, accept: (invitation: Invitation) => Promise<{ ok: boolean; handle?: string }>): Promise<InvitationState | 'refused'> {
    let outcome: InvitationState | 'refused' = 'unknown';
    await this.changeAsync<Invitation>(this.invitationsFile, async (invitations) => {
      const invitation = this.find(invitations, token);
      outcome = stateOf(invitation, now);
      if (outcome !== 'valid' || !invitation) return invitations;
      const result = await accept(invitation);
      if (!result.ok) {
        outcome = 'refused';
        return invitations;
      }
      return invitations.map((candidate) => (candidate === invitation ? { ...candidate, usedAt: now.toISOString(), usedBy: result.handle ?? '' } : candidate));
    });
    return outcome;
  }

  /** Withdraws an unused invitation, by its list id; false when there is none to withdraw. */
  async revoke(id: string, by: string, now: Date): Promise<boolean> {
    let revoked = false;
    await this.change<Invitation>(this.invitationsFile, (invitations) => invitations.map((invitation) => {
      if (invitation.id !== id || invitation.usedAt || invitation.revokedAt) return invitation;
      revoked = true;
      return { ...invitation, revokedAt: now.toISOString(), revokedBy: by };
    }));
    return revoked;
  }

  private find(invitations: Invitation[], token: string): Invitation | undefined {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    const wanted = hashToken(token);
    return invitations.find((invitation) => sameHash(invitation.tokenHash, wanted));
  }

  private read<T>(file: string): T[] {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      return Array.isArray(parsed) ? (parsed as T[]) : [];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  private change<T>(file: string, change: (items: T[]) => T[]): Promise<void> {
    return this.changeAsync<T>(file, async (items) => change(items));
  }

  private async changeAsync<T>(file: string, change: (items: T[]) => Promise<T[]>): Promise<void> {
    const release = await lockfile.lock(file, { realpath: false, stale: 30_000, retries: { retries: 40, minTimeout: 25, maxTimeout: 250 } });
    try {
      const items = await change(this.read<T>(file));
      const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(items, null, 2)}\n`, { mode: 0o600 });
      renameSync(temporary, file);
    } finally {
      await release().catch(() => undefined);
    }
  }
}

function stateOf(invitation: Invitation | undefined, now: Date): InvitationState {
  if (!invitation) return 'unknown';
  if (invitation.usedAt) return 'used';
  if (invitation.revokedAt) return 'revoked';
  return now.getTime() >= Date.parse(invitation.expiresAt) ? 'expired' : 'valid';
}
