import pg from 'pg';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { SessionStore } from '../../server/accounts/session-store.js';
import { staticKnowledge } from '../../server/knowledge/knowledge-source.js';
import { loadKnowledge } from '../../server/knowledge/load-knowledge.js';
import { SubmissionStore } from '../../server/contribute/submission-store.js';
import { pendingStores } from '../../server/open-stores.js';
import type { ContributeDependencies } from '../../server/web/app-dependencies.js';
import { createApp } from '../../server/web/create-app.js';
import { FIXTURE_KNOWLEDGE } from '../fixtures/fixture-files.js';
import { createTestStores } from '../test-database.js';
import { InMemoryNoteIndex } from './in-memory-note-index.js';

describe('with the database down', () => {
  it('serves guidance and search pages, to a visitor with a session cookie too, answers 503 where an account or a submission is needed, and /readyz says so', async () => {
    const { knowledgeBase } = await loadKnowledge(FIXTURE_KNOWLEDGE);
    const stores = await createTestStores();
    // A server that refuses every connection: what the app sees while PostgreSQL restarts.
    const down = new pg.Pool({ connectionString: 'postgres://casebook@127.0.0.1:1/casebook', connectionTimeoutMillis: 1_000 });
    down.on('error', () => undefined);
    const knowledge = staticKnowledge(knowledgeBase!);
    const app = createApp({
      noteIndex: new InMemoryNoteIndex(knowledgeBase!),
      knowledge,
      today: () => '2026-11-28',
      database: {
        isHealthy: () =>
          down.query('SELECT 1').then(
            () => true,
            () => false,
          ),
      },
      contribute: { ...stores, sessions: new SessionStore(down), submissions: new SubmissionStore(down), knowledgeDir: '/nonexistent' },
    });
    const cookie = `casebook_session=${'A'.repeat(43)}`;
    await request(app).get('/notes/phone-evidence-control').set('Cookie', cookie).expect(200);
    await request(app).get('/search?q=phone').set('Cookie', cookie).expect(200);
    await request(app).get('/notes/phone-evidence-control').expect(200);
    const queue = await request(app).get('/editor').set('Cookie', cookie).expect(503);
    expect(queue.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1:1/);
    await request(app).get('/contribute/AAAAAAAAAAAAAAAAAAAAAA').expect(503);
    expect((await request(app).get('/readyz').expect(503)).body).toEqual({ error: { code: 'database_unreachable', message: expect.any(String) } });
    await down.end();
  });

  it('before the database answers at start-up: the app already serves guidance pages, answers 503 where the database is needed, and works once it is connected', async () => {
    const { knowledgeBase } = await loadKnowledge(FIXTURE_KNOWLEDGE);
    const knowledge = staticKnowledge(knowledgeBase!);
    const pending = pendingStores();
    // As main.ts builds it: the stores' getters copied, not called.
    const contribute = Object.defineProperties({ knowledgeDir: '/nonexistent' }, Object.getOwnPropertyDescriptors(pending.stores)) as ContributeDependencies;
    let connected = false;
    const app = createApp({
      noteIndex: new InMemoryNoteIndex(knowledgeBase!),
      knowledge,
      today: () => '2026-11-28',
      contribute,
      database: { isHealthy: async () => connected },
    });
    await request(app).get('/notes/phone-evidence-control').expect(200);
    await request(app)
      .get('/notes/phone-evidence-control')
      .set('Cookie', `casebook_session=${'A'.repeat(43)}`)
      .expect(200);
    await request(app).get('/login').expect(503);
    await request(app).get('/readyz').expect(503);
    const stores = await createTestStores();
    pending.connect(stores);
    connected = true;
    await request(app).get('/login').expect(200);
    await request(app).get('/readyz').expect(200);
  });
});
