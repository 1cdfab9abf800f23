import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStores } from '../../../server/open-stores.js';
import { describeImport, importJsonData, importOnFirstStart } from '../../../server/storage/import-json-data.js';
import { FIXTURES } from '../../fixtures/fixture-files.js';
import { createTestDatabase } from '../../test-database.js';

const FIXTURE = path.join(FIXTURES, 'json-data-dir');
const json = <T>(file: string): T => JSON.parse(readFileSync(path.join(FIXTURE, file), 'utf8')) as T;
const TOKENS = json<{ member: string; editor: string; invitation: string }>('TOKENS.json');
// The passwords the fixture's accounts were made with (tests/fixtures/json-data-dir/README.md).
const PASSWORDS = { 'editor.ada': 'ada editor long password', 'member.kofi': 'kofi member long password', 'legacy.lin': 'lin legacy long password' };

function copyOfFixture(): { dataDir: string; accountsFile: string } {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'casebook-import-')), 'data');
  cpSync(FIXTURE, dataDir, { recursive: true });
  return { dataDir, accountsFile: path.join(dataDir, 'editors.json') };
}

describe('importing a JSON DATA_DIR', () => {
  it('loses nothing: every account, live session, submission with its versions and history, profile, invitation, audit line and the CSRF secret', async () => {
    const { pool } = await createTestDatabase();
    const summary = await importJsonData(pool, { dataDir: FIXTURE, accountsFile: path.join(FIXTURE, 'editors.json') }, Date.parse('2026-12-01T00:00:00Z'));
    const stores = await openStores(pool);

    // Accounts: their own passwords still work, roles as the file said (no role: an editor).
    for (const [username, password] of Object.entries(PASSWORDS)) expect(await stores.accounts.verify(username, password), username).toBeDefined();
    expect((await stores.accounts.find('member.kofi'))?.role).toBe('member');
    expect((await stores.accounts.find('legacy.lin'))?.role).toBe('editor');

    // Sessions: whoever was signed in still is; the expired one was not carried over.
    expect(await stores.sessions.read(TOKENS.member)).toMatchObject({ username: 'member.kofi', role: 'member' });
    expect(await stores.sessions.read(TOKENS.editor)).toMatchObject({ username: 'editor.ada', role: 'editor' });
    expect(summary.counts.sessions).toEqual({ found: 3, imported: 2 });

    // Submissions: every field of every file, the previous version of a resent one included.
    const files = readdirSync(path.join(FIXTURE, 'submissions'));
    expect(files).toHaveLength(5);
    for (const file of files) {
      const expected = json<Record<string, unknown>>(path.join('submissions', file));
      const { version: _version, ...stored } = (await stores.submissions.get(String(expected.id)))!;
      expect(stored, file).toEqual(expected);
    }

    // Profiles, whole (contact details and a removed account's profile included).
    expect(await stores.network.profiles()).toEqual(
      json<unknown[]>('network/profiles.json').sort((a, b) =>
        String((a as { displayName: string }).displayName).localeCompare(String((b as { displayName: string }).displayName)),
      ),
    );

    // Invitations: used, open and expired as they were; the open link still lets its invitee join.
    const invitations = json<Array<Record<string, unknown>>>('network/invitations.json');
    expect(await stores.network.invitations()).toEqual(expect.arrayContaining(invitations.map((invitation) => expect.objectContaining(invitation))));
    expect(await stores.network.invitationState(TOKENS.invitation, new Date('2099-01-02T00:00:00Z'))).toBe('valid');

    // The audit log: every readable line, in order; the line a crash cut short is reported, not lost silently.
    const lines = readFileSync(path.join(FIXTURE, 'audit.log'), 'utf8').split('\n').filter(Boolean);
    const readable = lines.flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, string>];
      } catch {
        return [];
      }
    });
    expect(readable).toHaveLength(lines.length - 1);
    expect((await stores.audit.entries({ limit: 1000 })).reverse()).toEqual(readable.map((entry) => ({ ...entry, at: new Date(entry.at!).toISOString() })));
    expect(summary.notes.some((note) => /audit\.log:13: not a JSON line/.test(note))).toBe(true);

    expect(stores.csrfSecret.toString('base64')).toBe(readFileSync(path.join(FIXTURE, 'session-secret'), 'utf8').trim());
    expect(summary.counts).toEqual({
      accounts: { found: 3, imported: 3 },
      sessions: { found: 3, imported: 2 },
      submissions: { found: 5, imported: 5 },
      profiles: { found: 3, imported: 3 },
      invitations: { found: 3, imported: 3 },
      audit: { found: 13, imported: 13 },
    });
  });

  it('is idempotent: a second run imports nothing twice, and says so', async () => {
    const { pool } = await createTestDatabase();
    const source = { dataDir: FIXTURE, accountsFile: path.join(FIXTURE, 'editors.json') };
    await importJsonData(pool, source, Date.parse('2026-12-01T00:00:00Z'));
    const again = await importJsonData(pool, source, Date.parse('2026-12-01T00:00:00Z'));
    expect(Object.values(again.counts).map((count) => count.imported)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(again.csrfSecret).toBe('kept');
    expect(describeImport(again)).toMatch(/submissions: 0 imported of 5 found \(5 already there or left out\)/);
    for (const table of [
      'accounts',
      'sessions',
      'submissions',
      'submission_versions',
      'submission_events',
      'profiles',
      'invitations',
      'invitation_uses',
      'audit_log',
    ]) {
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM ${table}`);
      expect({ table, n: rows[0].n }).toEqual({
        table,
        n: {
          accounts: 3,
          sessions: 2,
          submissions: 5,
          submission_versions: 6,
          submission_events: 9,
          profiles: 3,
          invitations: 3,
          invitation_uses: 1,
          audit_log: 13,
        }[table],
      });
    }
  });

  it('happens on first start against an empty database, once, and leaves the files in a dated backup', async () => {
    const { pool } = await createTestDatabase();
    const source = copyOfFixture();
    const lines: string[] = [];
    const summary = await importOnFirstStart(pool, source, (line) => lines.push(line), new Date('2026-12-07T10:00:00Z'));
    expect(summary?.counts.submissions.imported).toBe(5);
    const backup = path.join(source.dataDir, 'json-backup-2026-12-07');
    expect(summary?.backup).toBe(backup);
    for (const file of ['editors.json', 'audit.log', 'session-secret', 'network/profiles.json', 'submissions/PendingSubmission0000A.json']) {
      expect(existsSync(path.join(backup, file)), file).toBe(true);
      expect(existsSync(path.join(source.dataDir, file)), file).toBe(false);
    }
    expect(lines.join('\n')).toMatch(/Imported the JSON DATA_DIR[\s\S]*moved to .*json-backup-2026-12-07/);
    // A second start finds no JSON files: nothing is read or written again.
    expect(await importOnFirstStart(pool, source, (line) => lines.push(line))).toBeUndefined();
    expect((await pool.query('SELECT count(*)::int AS n FROM submissions')).rows[0].n).toBe(5);
  });

  it('leaves JSON files alone, and says so, when the database already holds people', async () => {
    const { pool } = await createTestDatabase();
    const stores = await openStores(pool);
    await stores.accounts.add('someone.else', 'a long enough password', 'editor');
    const source = copyOfFixture();
    const lines: string[] = [];
    expect(await importOnFirstStart(pool, source, (line) => lines.push(line))).toBeUndefined();
    expect(lines.join('\n')).toMatch(/npm run import-data/);
    expect(existsSync(source.accountsFile)).toBe(true);
    expect(await stores.accounts.find('editor.ada')).toBeUndefined();
  });
});
