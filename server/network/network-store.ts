import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { AccountStore } from '../accounts/account-store.js';
import type { AuditLog } from '../contribute/audit-log.js';
import { inTransaction, isUniqueViolation, type Queryable } from '../storage/in-transaction.js';
import type { Profile } from './profile.js';

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

/** How long this process shows names as it last read them on pages anyone may read (another replica's profile change shows within it). */
export const ATTRIBUTION_CACHE_MS = 10_000;

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

/** Every profile as this process last read it, and a key that changes when any profile does. */
export interface ProfileSnapshot {
  revision: string;
  byHandle: ReadonlyMap<string, Profile>;
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

interface ProfileRow {
  handle: string;
  display_name: string;
  position: string;
  organisation: string;
  jurisdictions: string[];
  languages: string[];
  expertise: string[];
  bio: string;
  contact_email: string;
  contact_phone: string;
  contact_other: string;
  visibility: Profile['visibility'];
  updated_at: Date;
}

interface InvitationRow {
  id: string;
  token_hash: string;
  created_by: string;
  created_at: Date;
  expires_at: Date;
  label: string;
  used_at: Date | null;
  used_by: string | null;
  revoked_at: Date | null;
  revoked_by: string | null;
}

/**
 * The network's data in PostgreSQL: profiles and invitations. Joining is one transaction: the
 * invitation's use (a primary key, so a link is used once whoever races), the account and the
 * profile stand or fall together.
 */
export class NetworkStore {
  private snapshot: { readAt: number; value: Promise<ProfileSnapshot>; refreshing: boolean } | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly accounts: AccountStore,
    private readonly audit: AuditLog,
  ) {}

  /** Every profile, by display name. */
  async profiles(): Promise<Profile[]> {
    const { rows } = await this.pool.query<ProfileRow>('SELECT * FROM profiles');
    return rows.map(profileOf).sort((a, b) => a.displayName.localeCompare(b.displayName) || a.handle.localeCompare(b.handle));
  }

  /** One member's profile, if they have one. */
  async profile(handle: string): Promise<Profile | undefined> {
    const { rows } = await this.pool.query<ProfileRow>('SELECT * FROM profiles WHERE handle = $1', [handle]);
    return rows[0] ? profileOf(rows[0]) : undefined;
  }

  /**
   * Every profile, read at most every ten seconds by this process and refreshed in the background:
   * a guidance page links names to profiles without a query per reader.
   */
  async profileSnapshot(now = Date.now()): Promise<ProfileSnapshot> {
    const current = this.snapshot;
    if (!current) return this.refreshSnapshot(now);
    if (now - current.readAt > ATTRIBUTION_CACHE_MS && !current.refreshing) {
      current.refreshing = true;
      void this.loadSnapshot().then(
        (value) => {
          this.snapshot = { readAt: Date.now(), value: Promise.resolve(value), refreshing: false };
        },
        () => {
          current.refreshing = false;
        },
      );
    }
    return current.value;
  }

  /** Creates or replaces a member's profile. */
  async saveProfile(profile: Profile, db: Queryable = this.pool): Promise<void> {
    await db.query(
      `INSERT INTO profiles (handle, display_name, position, organisation, jurisdictions, languages, expertise, bio, contact_email, contact_phone, contact_other, visibility, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (handle) DO UPDATE SET display_name = EXCLUDED.display_name, position = EXCLUDED.position, organisation = EXCLUDED.organisation,
         jurisdictions = EXCLUDED.jurisdictions, languages = EXCLUDED.languages, expertise = EXCLUDED.expertise, bio = EXCLUDED.bio,
         contact_email = EXCLUDED.contact_email, contact_phone = EXCLUDED.contact_phone, contact_other = EXCLUDED.contact_other,
         visibility = EXCLUDED.visibility, updated_at = EXCLUDED.updated_at`,
      [
        profile.handle,
        profile.displayName,
        profile.position,
        profile.organisation,
        profile.jurisdictions,
        profile.languages,
        profile.expertise,
        profile.bio,
        profile.contact.email,
        profile.contact.phone,
        profile.contact.other,
        profile.visibility,
        profile.updatedAt,
      ],
    );
    this.snapshot = undefined;
  }

  /** Deletes a member's profile and everything in it; true when there was one. */
  async deleteProfile(handle: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM profiles WHERE handle = $1', [handle]);
    this.snapshot = undefined;
    return rowCount === 1;
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
    await this.pool.query('INSERT INTO invitations (id, token_hash, created_by, created_at, expires_at, label) VALUES ($1, $2, $3, $4, $5, $6)', [
      invitation.id,
      invitation.tokenHash,
      invitation.createdBy,
      invitation.createdAt,
      invitation.expiresAt,
      invitation.label,
    ]);
    return { token, invitation };
  }

  /** The newest invitations first, at most `limit`. */
  async invitations(limit = 50): Promise<Invitation[]> {
    const { rows } = await this.pool.query<InvitationRow>(
      `SELECT i.*, u.used_at, u.used_by FROM invitations i LEFT JOIN invitation_uses u ON u.invitation_id = i.id
       ORDER BY i.created_at DESC, i.id LIMIT $1`,
      [limit],
    );
    return rows.map(invitationOf);
  }

  /** Where the invitation of a link's token stands at `now`. */
  async invitationState(token: string, now: Date, db: Queryable = this.pool): Promise<InvitationState> {
    if (!TOKEN_PATTERN.test(token)) return 'unknown';
    const { rows } = await db.query<InvitationRow>(
      'SELECT i.*, u.used_at, u.used_by FROM invitations i LEFT JOIN invitation_uses u ON u.invitation_id = i.id WHERE i.token_hash = $1',
      [hashToken(token)],
    );
    const row = rows[0];
    if (!row) return 'unknown';
    if (row.used_at) return 'used';
    if (row.revoked_at) return 'revoked';
    return now.getTime() >= row.expires_at.getTime() ? 'expired' : 'valid';
  }

  /**
   * Uses an invitation to create a member's account and profile, in one transaction. The use is
   * written first: a second use of the link, even racing this one, waits on its primary key and
   * then fails ('used'). A username already taken refuses the whole join ('refused') and leaves
   * the link usable.
   */
  async join(token: string, now: Date, member: { username: string; password: string; profile: Profile }): Promise<InvitationState | 'refused'> {
    try {
      return await inTransaction(this.pool, async (client) => {
        // The invitation's row is locked first, so a revocation racing this join either lands before
        // (and the state below, read after the lock, says so) or waits until the link is used.
        await client.query('SELECT 1 FROM invitations WHERE token_hash = $1 FOR UPDATE', [hashToken(token)]);
        const state = await this.invitationState(token, now, client);
        if (state !== 'valid') return state;
        const { rows } = await client.query<{ id: string }>(
          'INSERT INTO invitation_uses (invitation_id, used_by, used_at) SELECT id, $2, $3 FROM invitations WHERE token_hash = $1 RETURNING invitation_id AS id',
          [hashToken(token), member.username, now.toISOString()],
        );
        if (!(await this.accounts.create(member.username, member.password, 'member', client))) throw new UsernameTaken();
        await this.saveProfile(member.profile, client);
        await this.audit.record({ actor: `member:${member.username}`, action: 'joined', detail: rows[0]!.id }, client);
        return 'valid' as const;
      });
    } catch (error) {
      if (error instanceof UsernameTaken) return 'refused';
      if (isUniqueViolation(error, 'invitation_uses_pkey')) return 'used';
      throw error;
    }
  }

  /**
   * Withdraws an unused invitation, by its list id, and records who did in the audit log; false when
   * there is none to withdraw (unknown, used, or already withdrawn). The row is locked before the use
   * is looked for, so a join racing the revocation either used the link first or finds it withdrawn.
   */
  async revoke(id: string, by: string, now: Date): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const locked = await client.query('SELECT 1 FROM invitations WHERE id = $1 FOR UPDATE', [id]);
      if (locked.rowCount !== 1) return false;
      const { rowCount } = await client.query(
        `UPDATE invitations SET revoked_at = $2, revoked_by = $3
         WHERE id = $1 AND revoked_at IS NULL AND NOT EXISTS (SELECT 1 FROM invitation_uses u WHERE u.invitation_id = $1)`,
        [id, now.toISOString(), by],
      );
      if (rowCount !== 1) return false;
      await this.audit.record({ actor: `editor:${by}`, action: 'invitation_revoked', detail: id }, client);
      return true;
    });
  }

  private refreshSnapshot(now: number): Promise<ProfileSnapshot> {
    const value = this.loadSnapshot();
    this.snapshot = { readAt: now, value, refreshing: false };
    value.catch(() => {
      this.snapshot = undefined;
    });
    return value;
  }

  private async loadSnapshot(): Promise<ProfileSnapshot> {
    const profiles = await this.profiles();
    // What a page shows of a profile (its name, whether it links), so any change to it is a new key.
    const shown = profiles
      .map((profile) => `${profile.handle}\u0000${profile.displayName}\u0000${profile.visibility}`)
      .sort()
      .join('\u0001');
    return { revision: createHash('sha256').update(shown).digest('base64url'), byHandle: new Map(profiles.map((profile) => [profile.handle, profile])) };
  }
}

class UsernameTaken extends Error {}

function profileOf(row: ProfileRow): Profile {
  return {
    handle: row.handle,
    displayName: row.display_name,
    position: row.position,
    organisation: row.organisation,
    jurisdictions: row.jurisdictions,
    languages: row.languages,
    expertise: row.expertise,
    bio: row.bio,
    contact: { email: row.contact_email, phone: row.contact_phone, other: row.contact_other },
    visibility: row.visibility,
    updatedAt: row.updated_at.toISOString(),
  };
}

function invitationOf(row: InvitationRow): Invitation {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    label: row.label,
    ...(row.used_at ? { usedAt: row.used_at.toISOString(), usedBy: row.used_by ?? '' } : {}),
    ...(row.revoked_at ? { revokedAt: row.revoked_at.toISOString(), revokedBy: row.revoked_by ?? '' } : {}),
  };
}
