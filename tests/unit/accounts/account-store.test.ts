import { describe, expect, it } from 'vitest';
import { createTestStores } from '../../test-database.js';

describe('accounts', () => {
  it('keep a role: a password reset without one keeps it, and a new account without one is a member', async () => {
    const { accounts } = await createTestStores();
    expect(await accounts.add('old.editor', 'an old long password', 'editor')).toBe('added');
    expect(await accounts.add('old.editor', 'a newer long password')).toBe('reset');
    expect(await accounts.find('old.editor')).toMatchObject({ role: 'editor' });
    expect(await accounts.verify('old.editor', 'an old long password')).toBeUndefined();
    expect(await accounts.verify('old.editor', 'a newer long password')).toMatchObject({ username: 'old.editor', role: 'editor' });
    await accounts.add('new.member', 'a member long password');
    expect(await accounts.find('new.member')).toMatchObject({ role: 'member' });
  });

  it('store a salted scrypt hash, never the password', async () => {
    const { accounts, database } = await createTestStores();
    await accounts.add('some.one', 'a secret long password', 'member');
    const { rows } = await database.pool.query('SELECT * FROM accounts');
    expect(JSON.stringify(rows)).not.toContain('a secret long password');
    expect(rows[0]).toMatchObject({ password_params: { N: 32768, r: 8, p: 1 } });
  });

  it("never let an invitation take over an existing username, and refuse names of the network's own pages", async () => {
    const { accounts } = await createTestStores();
    await accounts.add('taken.name', 'the first long password', 'editor');
    expect(await accounts.create('taken.name', 'another long password', 'member')).toBe(false);
    expect(await accounts.verify('taken.name', 'the first long password')).toBeDefined();
    await expect(accounts.add('profile', 'a long enough password')).rejects.toThrow(/username/);
    await expect(accounts.add('ok.name', 'short')).rejects.toThrow(/12 characters/);
  });
});

describe('sessions', () => {
  it('are rows that end on sign-out, on a password reset, on removal of the account, and on expiry', async () => {
    const { accounts, sessions } = await createTestStores();
    await accounts.add('ada.editor', 'a long enough password', 'editor');
    const token = await sessions.create('ada.editor');
    expect(await sessions.read(token)).toEqual({ username: 'ada.editor', role: 'editor', token });
    await sessions.destroy(token);
    expect(await sessions.read(token)).toBeUndefined();

    const second = await sessions.create('ada.editor');
    await accounts.add('ada.editor', 'another long password');
    expect(await sessions.read(second)).toBeUndefined();

    const third = await sessions.create('ada.editor');
    await accounts.remove('ada.editor');
    expect(await sessions.read(third)).toBeUndefined();
  });

  it("follow a change of role made on another replica once this process's few seconds of memory have passed", async () => {
    const { accounts, database } = await createTestStores();
    const { SessionStore } = await import('../../../server/accounts/session-store.js');
    const sessions = new SessionStore(database.pool, { cacheMs: 50 });
    await accounts.add('kofi.m', 'a long enough password', 'editor');
    const token = await sessions.create('kofi.m');
    expect((await sessions.read(token))?.role).toBe('editor');
    await database.pool.query("UPDATE accounts SET role = 'member' WHERE username = 'kofi.m'");
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect((await sessions.read(token))?.role).toBe('member');
  });

  it('expire after eight hours, and the sweep deletes them', async () => {
    const { accounts, sessions, database } = await createTestStores();
    await accounts.add('kofi.m', 'a long enough password', 'member');
    const signedIn = Date.now() - 9 * 3600_000;
    const old = await sessions.create('kofi.m', signedIn);
    const fresh = await sessions.create('kofi.m');
    expect(await sessions.read(old)).toBeUndefined();
    expect(await sessions.sweep()).toBe(1);
    expect((await database.pool.query('SELECT count(*)::int AS n FROM sessions')).rows[0].n).toBe(1);
    expect(await sessions.read(fresh)).toMatchObject({ username: 'kofi.m' });
  });

  it('cost no query for a visitor without a cookie or with a malformed one', async () => {
    const { sessions, database } = await createTestStores();
    let queries = 0;
    const query = database.pool.query.bind(database.pool);
    database.pool.query = ((...args: Parameters<typeof query>) => {
      queries++;
      return query(...args);
    }) as typeof query;
    expect(await sessions.read(undefined)).toBeUndefined();
    expect(await sessions.read('not a token')).toBeUndefined();
    expect(queries).toBe(0);
  });
});
