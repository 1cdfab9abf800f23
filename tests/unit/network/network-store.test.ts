import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addMember, createMember, findAccount, memberFingerprint, roleOf, verifyMember } from '../../../server/network/member-accounts.js';
import { INVITATION_DAYS, NetworkStore } from '../../../server/network/network-store.js';

const DAY = 24 * 3600_000;

describe('invitations', () => {
  it('keep only a hash of the token, work until 7 days have passed, then expire', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'casebook-invitations-'));
    const store = new NetworkStore(dir);
    const issued = new Date('2026-11-01T09:00:00Z');
    const { token, invitation } = await store.invite('editor.ed', 'K. Mensah', issued);
    expect(INVITATION_DAYS).toBe(7);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readFileSync(path.join(dir, 'invitations.json'), 'utf8')).not.toContain(token);
    expect(invitation.expiresAt).toBe('2026-11-08T09:00:00.000Z');
    expect(store.invitationState(token, new Date(issued.getTime() + 7 * DAY - 1))).toBe('valid');
    expect(store.invitationState(token, new Date(issued.getTime() + 7 * DAY))).toBe('expired');
    expect(await store.accept(token, new Date(issued.getTime() + 8 * DAY), async () => ({ ok: true, handle: 'x' }))).toBe('expired');
    expect(store.invitationState('A'.repeat(43), issued)).toBe('unknown');
    expect(store.invitationState('../../etc/passwd', issued)).toBe('unknown');
  });

  it('are used once: a second acceptance, even racing the first, is refused', async () => {
    const store = new NetworkStore(mkdtempSync(path.join(tmpdir(), 'casebook-invitations-')));
    const now = new Date('2026-11-01T09:00:00Z');
    const { token } = await store.invite('editor.ed', '', now);
    let accepted = 0;
    const accept = () => store.accept(token, now, async () => {
      accepted += 1;
      return { ok: true, handle: `member${accepted}` };
    });
    const outcomes = await Promise.all([accept(), accept(), accept()]);
    expect(outcomes.filter((outcome) => outcome === 'valid')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'used')).toHaveLength(2);
    expect(accepted).toBe(1);
    expect(store.invitationState(token, now)).toBe('used');
  });

  it('stay usable when the account could not be created (a username taken)', async () => {
    const store = new NetworkStore(mkdtempSync(path.join(tmpdir(), 'casebook-invitations-')));
    const now = new Date('2026-11-01T09:00:00Z');
    const { token } = await store.invite('editor.ed', '', now);
    expect(await store.accept(token, now, async () => ({ ok: false }))).toBe('refused');
    expect(store.invitationState(token, now)).toBe('valid');
  });
});

describe('profiles', () => {
  it('are saved, replaced and deleted without losing concurrent writes', async () => {
    const store = new NetworkStore(mkdtempSync(path.join(tmpdir(), 'casebook-profiles-')));
    const profile = (handle: string) => ({
      handle, displayName: handle.toUpperCase(), position: '', organisation: '', jurisdictions: [], languages: [], expertise: [], bio: '',
      contact: { email: '', phone: '', other: '' }, visibility: 'members' as const, updatedAt: '2026-11-01T00:00:00Z',
    });
    await Promise.all(['a1', 'b2', 'c3', 'd4', 'e5'].map((handle) => store.saveProfile(profile(handle))));
    expect(store.profiles().map((entry) => entry.handle)).toEqual(['a1', 'b2', 'c3', 'd4', 'e5']);
    await store.saveProfile({ ...profile('b2'), displayName: 'Zed' });
    expect(store.profile('b2')?.displayName).toBe('Zed');
    expect(await store.deleteProfile('c3')).toBe(true);
    expect(await store.deleteProfile('c3')).toBe(false);
    expect(store.profile('c3')).toBeUndefined();
  });
});

describe('member accounts', () => {
  it('read an accounts file from before roles: every account there is an editor', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'casebook-accounts-')), 'editors.json');
    await addMember(file, 'old.editor', 'an old long password', 'editor');
    const legacy = JSON.parse(readFileSync(file, 'utf8')) as Array<Record<string, unknown>>;
    delete legacy[0]!.role;
    writeFileSync(file, JSON.stringify(legacy));
    expect(roleOf(findAccount(file, 'old.editor')!)).toBe('editor');
    expect(await verifyMember(file, 'old.editor', 'an old long password')).toBe(true);
    // A password reset without --role keeps the role; a new account without one is a member.
    await addMember(file, 'old.editor', 'a newer long password');
    expect(roleOf(findAccount(file, 'old.editor')!)).toBe('editor');
    await addMember(file, 'new.member', 'a member long password');
    expect(findAccount(file, 'new.member')?.role).toBe('member');
  });

  it('never let an invitation take over an existing username, and refuse names of the network\'s own pages', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'casebook-accounts-')), 'editors.json');
    await addMember(file, 'taken.name', 'the first long password', 'editor');
    const before = memberFingerprint(file, 'taken.name');
    expect(await createMember(file, 'taken.name', 'another long password', 'member')).toBe(false);
    expect(memberFingerprint(file, 'taken.name')).toBe(before);
    await expect(addMember(file, 'profile', 'a long enough password')).rejects.toThrow(/username/);
    await expect(addMember(file, 'ok.name', 'short')).rejects.toThrow(/12 characters/);
  });
});
