import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Express } from 'express';
import request from 'supertest';
import { loadKnowledge } from '../../server/knowledge/load-knowledge.js';
import { createLogger } from '../../server/create-logger.js';
import type { Profile } from '../../server/network/profile.js';
import { createApp } from '../../server/web/create-app.js';
import { createNoteRenderer } from '../../server/web/note-renderer.js';
import { FIXTURE_KNOWLEDGE } from '../fixtures/fixture-files.js';
import { createTestStores } from '../test-database.js';
import { InMemoryNoteIndex } from './in-memory-note-index.js';

const sharedRenderer = createNoteRenderer();

export const NETWORK_EDITOR = { username: 'editor.ed', password: 'editor password long enough' };
export const PUBLIC_MEMBER = { username: 'public.pat', password: 'public member password' };
export const HIDDEN_MEMBER = { username: 'hidden.hana', password: 'hidden member password' };

/**
 * Strings that must never reach an anonymous reader: every contact detail, organisation, role and
 * biography of both members, and everything of the members-only profile (its display name too).
 */
export const SECRETS = [
  'pat-contact@secret.example',
  '+99 555 0101 PATPHONE',
  'PatSignalHandleQx',
  'PatOrganisationQx',
  'PatPositionQx',
  'PatBiographyQx',
  'hana-contact@secret.example',
  '+99 555 0202 HANAPHONE',
  'HanaSignalHandleQx',
  'HanaOrganisationQx',
  'HanaPositionQx',
  'HanaBiographyQx',
  'Hana Zyxwert',
];

export const PUBLIC_PROFILE: Profile = {
  handle: PUBLIC_MEMBER.username,
  displayName: 'Patricia Publicova',
  position: 'PatPositionQx',
  organisation: 'PatOrganisationQx',
  jurisdictions: ['GH', 'NG'],
  languages: ['en', 'tw'],
  expertise: ['financial', 'non-punishment', 'forced-labour'],
  bio: 'PatBiographyQx has prosecuted labour cases.',
  contact: { email: 'pat-contact@secret.example', phone: '+99 555 0101 PATPHONE', other: 'PatSignalHandleQx' },
  visibility: 'public',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

export const HIDDEN_PROFILE: Profile = {
  handle: HIDDEN_MEMBER.username,
  displayName: 'Hana Zyxwert',
  position: 'HanaPositionQx',
  organisation: 'HanaOrganisationQx',
  jurisdictions: ['FR'],
  languages: ['fr', 'ar'],
  expertise: ['digital-device', 'trauma-informed-interviewing'],
  bio: 'HanaBiographyQx works on online cases.',
  contact: { email: 'hana-contact@secret.example', phone: '+99 555 0202 HANAPHONE', other: 'HanaSignalHandleQx' },
  visibility: 'members',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

/** A note written by the public member and reviewed by both. */
export const ATTRIBUTED_NOTE = `---
title: Tracing remittances to show who profited from forced labour
summary: Follow the money sent home and onwards to show who controlled the workers' wages and who profited.
language: en
jurisdictions: [GH]
evidence_types: [financial]
stages: [investigation]
evidence_basis: practitioner-consensus
last_reviewed: 2026-10-01
authors: [public.pat]
reviewers: [hidden.hana, public.pat, K.O.]
---
## What to do

Ask remittance firms for the records early.
`;

/** The app with contributions and the network on, two members with profiles, an editor, a settable clock and captured logs. */
export async function createNetworkApp(options: { loginRateLimit?: number; publicUrl?: string | null; defaultLimits?: boolean } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'casebook-network-'));
  const knowledgeDir = path.join(dir, 'knowledge');
  cpSync(FIXTURE_KNOWLEDGE, knowledgeDir, { recursive: true, dereference: true });
  writeFileSync(path.join(knowledgeDir, 'notes', 'tracing-remittances.md'), ATTRIBUTED_NOTE);
  const { knowledgeBase, problems } = await loadKnowledge(knowledgeDir);
  if (!knowledgeBase || problems.some((problem) => problem.severity !== 'warning')) throw new Error(JSON.stringify(problems.slice(0, 3)));
  const stores = await createTestStores();
  await stores.accounts.add(NETWORK_EDITOR.username, NETWORK_EDITOR.password, 'editor');
  await stores.accounts.add(PUBLIC_MEMBER.username, PUBLIC_MEMBER.password, 'member');
  await stores.accounts.add(HIDDEN_MEMBER.username, HIDDEN_MEMBER.password, 'member');
  await stores.network.saveProfile(PUBLIC_PROFILE);
  await stores.network.saveProfile(HIDDEN_PROFILE);
  const clock = { now: new Date('2026-11-28T12:00:00Z') };
  const logs: string[] = [];
  const logger = createLogger({
    level: 'info',
    destination: new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  });
  const app = createApp({
    noteIndex: new InMemoryNoteIndex(knowledgeBase),
    knowledgeBase,
    today: () => '2026-11-28',
    now: () => clock.now,
    logger,
    renderer: sharedRenderer,
    // Invitation links are built from PUBLIC_URL only (null: a server without one).
    ...(options.publicUrl === null ? {} : { publicUrl: options.publicUrl ?? 'https://casebook.example.org' }),
    contribute: { ...stores, knowledgeDir, ...(options.defaultLimits ? {} : { submissionRateLimit: 1000, loginRateLimit: options.loginRateLimit ?? 1000 }) },
  });
  return { app, dir, stores, network: stores.network, accounts: stores.accounts, clock, logs };
}

function cookiesOf(response: request.Response): string[] {
  return ((response.headers['set-cookie'] as unknown as string[] | undefined) ?? []).map((line) => line.split(';')[0]!);
}

/** A visitor's cookie and the CSRF token of the form at `url`. */
export async function openPage(app: Express, url: string): Promise<{ cookie: string; csrf: string; html: string }> {
  const response = await request(app).get(url).expect(200);
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(response.text)?.[1];
  if (!csrf) throw new Error(`no CSRF token on ${url}`);
  return { cookie: cookiesOf(response).join('; '), csrf, html: response.text };
}

/** Signs in at /login; returns the session cookie and the CSRF token of the signed-in pages. */
export async function signInMember(app: Express, account: { username: string; password: string }): Promise<{ cookie: string; csrf: string; location: string }> {
  const form = await openPage(app, '/login');
  const response = await request(app)
    .post('/login')
    .set('Cookie', form.cookie)
    .type('form')
    .send({ ...account, csrf_token: form.csrf })
    .expect(303);
  const cookie = cookiesOf(response).find((pair) => pair.startsWith('casebook_session='))!;
  const page = await request(app).get('/network').set('Cookie', cookie).expect(200);
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
  return { cookie, csrf, location: response.headers.location! };
}
