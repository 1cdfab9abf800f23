import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../server/network/profile.js';
import { INVITATION_DAYS } from '../../../server/network/network-store.js';
import { createTestStores } from '../../test-database.js';

const DAY = 24 * 3600_000;

function profile(handle: string, displayName = handle.toUpperCase()): Profile {
  return {
    handle,
    displayName,
    position: '',
    organisation: '',
    jurisdictions: ['KE'],
    languages: ['en'],
    expertise: [],
    bio: '',
    contact: { email: '', phone: '', other: '' },
    visibility: 'members',
    updatedAt: '2026-11-01T00:00:00.000Z',
  };
}

describe('invitations', () => {
  it('keep only a hash of the token, work until 7 days have passed, then expire', async () => {
    const { network, database } = await createTestStores();
    const issued = new Date('2026-11-01T09:00:00Z');
    const { token, invitation } = await network.invite('editor.ed', 'K. Mensah', issued);
    expect(INVITATION_DAYS).toBe(7);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify((await database.pool.query('SELECT * FROM invitations')).rows)).not.toContain(token);
    expect(invitation.expiresAt).toBe('2026-11-08T09:00:00.000Z');
    expect(await network.invitationState(token, new Date(issued.getTime() + 7 * DAY - 1))).toBe('valid');
    expect(await network.invitationState(token, new Date(issued.getTime() + 7 * DAY))).toBe('expired');
    expect(
      await network.join(token, new Date(issued.getTime() + 8 * DAY), {
        username: 'late.one',
        password: 'a long enough password',
        profile: profile('late.one'),
      }),
    ).toBe('expired');
    expect(await network.invitationState('A'.repeat(43), issued)).toBe('unknown');
    expect(await network.invitationState('../../etc/passwd', issued)).toBe('unknown');
  });

  it('are used once, by a constraint: of three joins racing with one link, one gets in and the others are told it was used', async () => {
    const { network, accounts } = await createTestStores();
    const now = new Date('2026-11-01T09:00:00Z');
    const { token } = await network.invite('editor.ed', '', now);
    const outcomes = await Promise.all(
      ['member.one', 'member.two', 'member.three'].map((username) =>
        network.join(token, now, { username, password: 'a long enough password', profile: profile(username) }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === 'valid')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'used')).toHaveLength(2);
    expect(await network.invitationState(token, now)).toBe('used');
    // The losers' accounts and profiles were rolled back with their use of the link.
    const joined = ['member.one', 'member.two', 'member.three'][outcomes.indexOf('valid')]!;
    expect((await network.profiles()).map((entry) => entry.handle)).toEqual([joined]);
    for (const username of ['member.one', 'member.two', 'member.three']) expect(Boolean(await accounts.find(username))).toBe(username === joined);
    expect((await network.invitations())[0]).toMatchObject({ usedBy: joined });
  });

  it('stay usable when the account could not be created (a username taken), and keep the existing account as it was', async () => {
    const { network, accounts } = await createTestStores();
    await accounts.add('taken.name', 'the first long password', 'editor');
    const now = new Date('2026-11-01T09:00:00Z');
    const { token } = await network.invite('editor.ed', '', now);
    expect(await network.join(token, now, { username: 'taken.name', password: 'another long password', profile: profile('taken.name') })).toBe('refused');
    expect(await network.invitationState(token, now)).toBe('valid');
    expect(await network.profile('taken.name')).toBeUndefined();
    expect(await accounts.verify('taken.name', 'the first long password')).toMatchObject({ role: 'editor' });
  });
  it('are withdrawn by an editor once, with one audit row, and a withdrawn link cannot be used; a used link cannot be withdrawn', async () => {
    const { network, audit } = await createTestStores();
    const now = new Date('2026-11-01T09:00:00Z');
    const { token, invitation } = await network.invite('editor.ed', 'wrong person', now);
    expect(await network.revoke(invitation.id, 'editor.ed', now)).toBe(true);
    expect(await network.revoke(invitation.id, 'editor.ed', now)).toBe(false);
    expect(await network.revoke('no-such-id', 'editor.ed', now)).toBe(false);
    expect(await network.invitationState(token, now)).toBe('revoked');
    expect(await network.join(token, now, { username: 'too.late', password: 'a long enough password', profile: profile('too.late') })).toBe('revoked');
    expect((await network.invitations())[0]).toMatchObject({ revokedBy: 'editor.ed', revokedAt: now.toISOString() });
    const used = await network.invite('editor.ed', '', now);
    expect(await network.join(used.token, now, { username: 'in.time', password: 'a long enough password', profile: profile('in.time') })).toBe('valid');
    expect(await network.revoke(used.invitation.id, 'editor.ed', now)).toBe(false);
    expect(await network.invitationState(used.token, now)).toBe('used');
    expect((await audit.entries()).filter((entry) => entry.action === 'invitation_revoked')).toEqual([
      expect.objectContaining({ actor: 'editor:editor.ed', detail: invitation.id }),
    ]);
  });

  it('are either used or withdrawn when a join and a revocation race, never both', async () => {
    const { network } = await createTestStores();
    const now = new Date('2026-11-01T09:00:00Z');
    for (let round = 0; round < 5; round++) {
      const { token, invitation } = await network.invite('editor.ed', '', now);
      const username = `racer.${round}`;
      const [joined, revoked] = await Promise.all([
        network.join(token, now, { username, password: 'a long enough password', profile: profile(username) }),
        network.revoke(invitation.id, 'editor.ed', now),
      ]);
      // Whichever took the invitation's row first wins; the other is told so.
      const outcome = { joined, revoked, state: await network.invitationState(token, now) };
      expect([
        { joined: 'valid', revoked: false, state: 'used' },
        { joined: 'revoked', revoked: true, state: 'revoked' },
      ]).toContainEqual(outcome);
    }
  });
});

describe('profiles', () => {
  it('are saved, replaced and deleted without losing concurrent writes', async () => {
    const { network } = await createTestStores();
    await Promise.all(['a1', 'b2', 'c3', 'd4', 'e5'].map((handle) => network.saveProfile(profile(handle))));
    expect((await network.profiles()).map((entry) => entry.handle)).toEqual(['a1', 'b2', 'c3', 'd4', 'e5']);
    await network.saveProfile({
      ...profile('b2'),
      displayName: 'Zed',
      bio: 'Two lines,\nkept.',
      contact: { email: 'z@example.org', phone: '+1', other: 'Signal' },
    });
    expect(await network.profile('b2')).toMatchObject({
      displayName: 'Zed',
      bio: 'Two lines,\nkept.',
      contact: { email: 'z@example.org', phone: '+1', other: 'Signal' },
    });
    expect(await network.deleteProfile('c3')).toBe(true);
    expect(await network.deleteProfile('c3')).toBe(false);
    expect(await network.profile('c3')).toBeUndefined();
  });

  it('are read for guidance pages from a snapshot that a change in this process replaces at once', async () => {
    const { network, database } = await createTestStores();
    await network.saveProfile(profile('a1', 'First'));
    const first = await network.profileSnapshot();
    expect(first.byHandle.get('a1')?.displayName).toBe('First');
    // Another replica's change (straight to the table) is not seen until the snapshot ages…
    await database.pool.query("UPDATE profiles SET display_name = 'Elsewhere', updated_at = now() WHERE handle = 'a1'");
    expect((await network.profileSnapshot()).byHandle.get('a1')?.displayName).toBe('First');
    // …but one made here is.
    await network.saveProfile({ ...profile('a1', 'Second'), updatedAt: '2026-11-02T00:00:00.000Z' });
    const second = await network.profileSnapshot();
    expect(second.byHandle.get('a1')?.displayName).toBe('Second');
    expect(second.revision).not.toBe(first.revision);
  });
});
