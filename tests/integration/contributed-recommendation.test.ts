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
import { EDITOR, signIn } from '../http/contribute-app.js';
import { FIXTURE_KNOWLEDGE } from '../fixtures/fixture-files.js';
import { createTestStores } from '../test-database.js';
import { engineWriter, TODAY } from './engine-test-context.js';

/** A recommendation no developer wrote: sent through the public API by a practitioner, three jurisdictions tracked. */
const SENT = `---
title: Let labour inspectors refer suspected trafficking straight to prosecutors
summary: Labour inspectorates should have a duty and a channel to refer suspected forced labour directly to the prosecution service.
language: en
jurisdictions: [INT]
evidence_types: [labour-inspection]
stages: [identification-referral]
content_type: policy-recommendation
evidence_basis: practitioner-consensus
last_reviewed: 2026-10-01
audience: [labour-inspectorate]
rests_on: [labour-inspection-records]
implementation:
  - jurisdiction: BR
    status: adopted
    as_of: 2026-09-01
    source: {title: "Inspection referral rule (test source)", url: "https://example.org/br/inspection-referral.pdf"}
  - jurisdiction: GH
    status: partly
    as_of: 2026-09-01
    source: {title: "Ghana referral guideline (test source)", url: "https://example.org/gh/referral-guideline.pdf"}
  - jurisdiction: TH
    status: unknown
    as_of: 2026-09-01
---
## What to do

Give inspectors a named prosecutor to call.
`;

describe('a recommendation contributed through the web, end to end through the real engine', () => {
  it('appears in the tracker and on each of its three country profiles once an editor approves it, without a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'casebook-contributed-recommendation-'));
    const knowledgeDir = path.join(dir, 'knowledge');
    cpSync(FIXTURE_KNOWLEDGE, knowledgeDir, { recursive: true, dereference: true });
    const { knowledgeBase } = await loadKnowledge(knowledgeDir);
    const writer = engineWriter('contributed_recommendation', knowledgeBase);
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
    const slug = 'let-labour-inspectors-refer-suspected-trafficking-straight-to-prosecutors';
    expect((await request(app).get('/recommendations').expect(200)).text).not.toContain(slug);

    const { body } = await request(app)
      .post('/api/submissions')
      .send({ markdown: SENT, submitter: { name: 'L.I.' } })
      .expect(201);
    const { cookie, csrf } = await signIn(app);
    await request(app).post(`/editor/submissions/${body.id}`).set('Cookie', cookie).type('form').send({ action: 'approve', csrf_token: csrf }).expect(303);

    const approved = Date.now();
    let tracker = '';
    while (Date.now() - approved < 10_000 && !tracker.includes(slug)) {
      tracker = (await request(app).get('/recommendations').expect(200)).text;
      if (!tracker.includes(slug)) await sleep(100);
    }
    expect(tracker).toContain(`/notes/${slug}`);
    // Every status counted (unknown is "not yet checked"), and each checked one with its source named.
    expect(tracker.replace(/<[^>]+>/g, '')).toContain('Adopted 1 · partly 1 · not yet checked 1');
    expect(tracker).toContain(
      'Partly adopted</span> <span class="status-date"><time datetime="2026-09-01">as of 1 September 2026</time></span> <span class="status-source">Source: <a href="https://example.org/gh/referral-guideline.pdf" rel="noopener">Ghana referral guideline (test source)</a></span>',
    );
    for (const [code, status] of [
      ['BR', 'Adopted'],
      ['GH', 'Partly adopted'],
      ['TH', 'Not yet checked'],
    ] as const) {
      const profile = (await request(app).get(`/jurisdictions/${code}`).expect(200)).text;
      expect(profile, code).toContain(`<a href="/notes/${slug}" lang="en">Let labour inspectors refer suspected trafficking straight to prosecutors</a>:`);
      expect(profile, code).toContain(`</span> ${status}</span>`);
    }
  });
});
