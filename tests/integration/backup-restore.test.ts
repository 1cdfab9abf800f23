import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { staticKnowledge } from '../../server/knowledge/knowledge-source.js';
import { loadKnowledge } from '../../server/knowledge/load-knowledge.js';
import { submitSubmission } from '../../server/contribute/submit-submission.js';
import { openStores } from '../../server/open-stores.js';
import { migrateDatabase } from '../../server/storage/migrate-database.js';
import { createApp } from '../../server/web/create-app.js';
import { EDITOR, signIn, STRANGER_NOTE } from '../http/contribute-app.js';
import { InMemoryNoteIndex } from '../http/in-memory-note-index.js';
import { FIXTURE_KNOWLEDGE } from '../fixtures/fixture-files.js';
import { createTestDatabase } from '../test-database.js';
import { DEBIAN_POSTGRES_BIN } from './debian-postgres.js';

describe('a backup of the database', () => {
  it('is a pg_dump that restores into a fresh database, where the editor signs in and finds the queue as it was (README "Backups")', async () => {
    const live = await createTestDatabase();
    const stores = await openStores(live.pool);
    await stores.accounts.add(EDITOR.username, EDITOR.password, 'editor');
    const { id } = await submitSubmission(stores.submissions, { markdown: STRANGER_NOTE, submitter: { name: 'W.K.', email: '' } });

    // Exactly the README's commands: a dump in PostgreSQL's custom format, restored with pg_restore.
    const dump = path.join(mkdtempSync(path.join(tmpdir(), 'casebook-backup-')), 'casebook.dump');
    execFileSync(path.join(DEBIAN_POSTGRES_BIN, 'pg_dump'), ['--format=custom', `--file=${dump}`, live.url]);
    const fresh = await createTestDatabase({ migrate: false });
    execFileSync(path.join(DEBIAN_POSTGRES_BIN, 'pg_restore'), ['--no-owner', '--exit-on-error', `--dbname=${fresh.url}`, dump]);

    // The restored schema is current (nothing to migrate), and the app works on it.
    expect((await migrateDatabase(fresh.pool)).applied).toEqual([]);
    const restored = await openStores(fresh.pool);
    expect(restored.csrfSecret.equals(stores.csrfSecret)).toBe(true);
    const { knowledgeBase } = await loadKnowledge(FIXTURE_KNOWLEDGE);
    const knowledge = staticKnowledge(knowledgeBase!);
    const app = createApp({
      noteIndex: new InMemoryNoteIndex(knowledgeBase!),
      knowledge,
      today: () => '2026-11-28',
      contribute: { ...restored, knowledgeDir: FIXTURE_KNOWLEDGE },
    });
    const { cookie } = await signIn(app);
    expect((await request(app).get('/editor').set('Cookie', cookie).expect(200)).text).toContain(`/editor/submissions/${id}`);
    // The audit log came back whole (with the sign-in just made on the restored copy), and is still append-only.
    expect((await restored.audit.entries()).map((entry) => entry.action)).toEqual(['login', 'submitted']);
    await expect(fresh.pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  }, 60_000);
});
