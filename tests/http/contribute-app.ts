import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import type { PublishedNote } from '../../server/content/knowledge-base.js';
import { openLiveKnowledge } from '../../server/knowledge/live-knowledge.js';
import type { AppDependencies } from '../../server/web/app-dependencies.js';
import { createApp } from '../../server/web/create-app.js';
import { createNoteRenderer } from '../../server/web/note-renderer.js';
import { FIXTURE_KNOWLEDGE } from '../fixtures/fixture-files.js';
import { createTestStores } from '../test-database.js';
import { InMemoryNoteIndex } from './in-memory-note-index.js';

// One renderer (two worker pools) for every app a test file builds: threads start once.
const sharedRenderer = createNoteRenderer();

export const EDITOR = { username: 'editor.one', password: 'correct horse battery staple' };

/** The app with contributions enabled, on a copy of the fixture knowledge base in a temporary directory (made a git repository on opening). */
export async function createContributeApp(options: { submissionRateLimit?: number; logger?: AppDependencies['logger']; defaultLimits?: boolean } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'casebook-contribute-'));
  const knowledgeDir = path.join(dir, 'knowledge');
  cpSync(FIXTURE_KNOWLEDGE, knowledgeDir, { recursive: true, dereference: true });
  const indexed: PublishedNote[] = [];
  // Every change that reaches the knowledge would be indexed: the notes it changed are recorded here.
  const knowledge = await openLiveKnowledge({
    knowledgeDir,
    syncMs: 3_600_000,
    onUpdate: async (update) => {
      indexed.push(...update.upserted);
    },
  });
  const stores = await createTestStores();
  await stores.accounts.add(EDITOR.username, EDITOR.password, 'editor');
  const deps = {
    noteIndex: new InMemoryNoteIndex(knowledge.current()),
    knowledge,
    today: () => '2026-11-28',
    database: { isHealthy: async () => true },
    contribute: {
      ...stores,
      knowledgeDir,
      ...(options.defaultLimits ? {} : { submissionRateLimit: options.submissionRateLimit ?? 1000 }),
    },
  } satisfies Partial<AppDependencies>;
  const app = createApp({ ...deps, renderer: sharedRenderer, ...(options.logger ? { logger: options.logger } : {}) });
  return { app, dir, knowledgeDir, indexed, knowledge, stores, submissions: stores.submissions, pool: stores.database.pool };
}

/** A visitor's cookie and the form's CSRF token, as a browser gets them from GET /contribute. */
export async function openForm(app: Express | string, url = '/contribute'): Promise<{ cookie: string; csrf: string; html: string }> {
  const response = await request(app).get(url).expect(200);
  const cookie = (response.headers['set-cookie'] as unknown as string[]).map((line) => line.split(';')[0]).join('; ');
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(response.text)?.[1];
  if (!csrf) throw new Error('no CSRF token in the form');
  return { cookie, csrf, html: response.text };
}

/** Signs in as the fixture editor through the sign-in form; returns the session cookie and the queue's CSRF token. */
export async function signIn(app: Express | string, account: { username: string; password: string } = EDITOR): Promise<{ cookie: string; csrf: string }> {
  const form = await openForm(app, '/editor/login');
  const login = await request(app)
    .post('/editor/login')
    .set('Cookie', form.cookie)
    .type('form')
    .send({ ...account, csrf_token: form.csrf })
    .expect(303);
  const cookie = (login.headers['set-cookie'] as unknown as string[]).map((line) => line.split(';')[0]).find((pair) => pair!.startsWith('casebook_session='))!;
  const queue = await request(app).get('/editor').set('Cookie', cookie).expect(200);
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(queue.text)?.[1] ?? '';
  return { cookie, csrf };
}

/** A valid note a stranger might send. */
export const STRANGER_NOTE = `---
title: Using wire-transfer records to prove a debt was never repayable
summary: Ask money-transfer firms for the records behind the debt the victim was told to repay, and show the debt could never be cleared.
language: en
jurisdictions: [KE]
evidence_types: [financial]
stages: [investigation]
evidence_basis: practitioner-consensus
last_reviewed: 2026-11-01
---
## What to do

Request the transfer records early.
`;
