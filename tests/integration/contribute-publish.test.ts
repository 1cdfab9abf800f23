import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../server/knowledge/load-knowledge.js';
import { openLiveKnowledge } from '../../server/knowledge/live-knowledge.js';
import { reindex } from '../../server/search/reindex.js';
import { applyKnowledgeUpdate } from '../../server/search/apply-knowledge-update.js';
import { createApp } from '../../server/web/create-app.js';
import { EDITOR, signIn, STRANGER_NOTE } from '../http/contribute-app.js';
import { FIXTURE_KNOWLEDGE } from '../fixtures/fixture-files.js';
import { createTestStores } from '../test-database.js';
import { engineWriter, TODAY } from './engine-test-context.js';

describe('a contribution, end to end through the real engine', () => {
  it('waits unseen, then is found by search within seconds of approval, without a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'casebook-publish-'));
    const knowledgeDir = path.join(dir, 'knowledge');
    cpSync(FIXTURE_KNOWLEDGE, knowledgeDir, { recursive: true, dereference: true });
    const { knowledgeBase } = await loadKnowledge(knowledgeDir);
    const writer = engineWriter('contributions', knowledgeBase);
    await reindex(writer, knowledgeBase!, TODAY);
    // The server's own path: every change that reaches the knowledge's git branch is indexed.
    const knowledge = await openLiveKnowledge({
      knowledgeDir,
      syncMs: 3_600_000,
      onUpdate: async (update) => {
        await applyKnowledgeUpdate(writer, update, TODAY);
      },
    });
    const stores = await createTestStores();
    await stores.accounts.add(EDITOR.username, EDITOR.password, 'editor');
    const app = createApp({
      noteIndex: writer,
      knowledge,
      today: () => TODAY,
      contribute: {
        ...stores,
        knowledgeDir,
      },
    });

    const { body } = await request(app)
      .post('/api/submissions')
      .send({ markdown: STRANGER_NOTE, submitter: { name: 'W.K.' } })
      .expect(201);
    const search = async () => (await request(app).get('/api/search?q=wire-transfer+repayable').expect(200)).body.hits.map((hit: { slug: string }) => hit.slug);
    expect(await search()).toEqual([]);

    const { cookie, csrf } = await signIn(app);
    const approved = Date.now();
    await request(app).post(`/editor/submissions/${body.id}`).set('Cookie', cookie).type('form').send({ action: 'approve', csrf_token: csrf }).expect(303);
    let found: string[] = [];
    while (Date.now() - approved < 10_000 && found.length === 0) {
      found = await search();
      if (found.length === 0) await sleep(100);
    }
    expect(found).toEqual(['using-wire-transfer-records-to-prove-a-debt-was-never-repayable']);
    console.info(`approved note found by search ${Date.now() - approved} ms after approval`);
  });
});
