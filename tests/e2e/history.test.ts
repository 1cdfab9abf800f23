/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openForm, signIn, STRANGER_NOTE } from '../http/contribute-app.js';
import { seriousViolations } from './axe.js';
import { serveCasebook, type RunningCasebook } from './serve-casebook.js';

let casebook: RunningCasebook;
const SLUG = 'using-wire-transfer-records-to-prove-a-debt-was-never-repayable';
let edited: string;

/** Publishes a new note (the API, then the editor), then an edit of it through the form, each approved with a change note. */
async function publishTwoVersions(): Promise<void> {
  const editor = await signIn(casebook.url, casebook.editor!);
  const { body } = await request(casebook.url)
    .post('/api/submissions')
    .send({ markdown: STRANGER_NOTE, submitter: { name: 'W.K.' } })
    .expect(201);
  await request(casebook.url)
    .post(`/editor/submissions/${body.id}`)
    .set('Cookie', editor.cookie)
    .type('form')
    .send({ action: 'approve', change_note: 'New note on wire-transfer records', csrf_token: editor.csrf })
    .expect(303);
  const { cookie, csrf } = await openForm(casebook.url, `/contribute?edit=${SLUG}`);
  const fields: Record<string, string> = {
    csrf_token: csrf,
    edit_of: SLUG,
    action: 'submit',
    submitter_name: 'T.R.',
    title: 'Using wire-transfer records to prove a debt was never repayable',
    language: 'en',
    jurisdictions: 'KE',
    summary: 'Ask money-transfer firms for the records behind the debt the victim was told to repay, and show the debt could never be cleared.',
    evidence_types: 'financial',
    stages: 'investigation',
    evidence_basis: 'practitioner-consensus',
    last_reviewed: '2026-11-01',
    body: "## What to do\n\nRequest the transfer records early, and ask for the cloud backups of the firm's ledgers as well.",
  };
  let post = request(casebook.url).post('/contribute').set('Cookie', cookie);
  for (const [name, value] of Object.entries(fields)) post = post.field(name, value);
  const sent = await post;
  expect(sent.status, sent.text.slice(0, 300)).toBe(303);
  const id = sent.headers.location!.split('/').pop()!;
  await request(casebook.url)
    .post(`/editor/submissions/${id}`)
    .set('Cookie', editor.cookie)
    .type('form')
    .send({ action: 'approve', change_note: 'Add cloud backups of the ledgers', csrf_token: editor.csrf })
    .expect(303);
}

beforeAll(async () => {
  casebook = await serveCasebook({ contribute: true });
  await publishTwoVersions();
  const history = (await request(casebook.url).get(`/api/notes/${SLUG}/history`).expect(200)).body as { versions: Array<{ version: string }> };
  edited = history.versions[0]!.version;
}, 180_000);
afterAll(async () => casebook?.stop());

async function openPage(pathname: string, javaScript: boolean): Promise<Page> {
  // bypassCSP only so the test can inject axe-core; the app's own CSP forbids inline scripts.
  const context = await casebook.browser.newContext({
    bypassCSP: true,
    javaScriptEnabled: javaScript,
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
  });
  const page = await context.newPage();
  await page.goto(`${casebook.url}${pathname}`);
  return page;
}

describe('a trainer checks what changed in a note since they taught it', () => {
  it('follows "see all updates" from the guidance page to the history, a version and its changes, without JavaScript', async () => {
    const page = await openPage(`/notes/${SLUG}`, false);
    await Promise.all([page.waitForNavigation(), page.click('text=2 versions — see all updates')]);
    expect(new URL(page.url()).pathname).toBe(`/notes/${SLUG}/history`);
    expect(await page.locator('.history-entry .history-note').allTextContents()).toEqual([
      'Add cloud backups of the ledgers',
      'New note on wire-transfer records',
    ]);
    await Promise.all([page.waitForNavigation(), page.click(`text=Changes in version ${edited}`)]);
    expect(await page.locator('ins').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('cloud backups')]));
    await Promise.all([
      page.waitForNavigation(),
      page
        .locator('.page-header a', { hasText: /^View version/ })
        .first()
        .click(),
    ]);
    expect(await page.locator('.version-banner').textContent()).toContain('This is not the current version.');
    expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex');
    await Promise.all([page.waitForNavigation(), page.click('text=Read the current version')]);
    expect(new URL(page.url()).pathname).toBe(`/notes/${SLUG}`);
    expect(await page.locator('#cb-citation').textContent()).toContain(`version ${edited}`);
    await page.context().close();
  });

  it('narrows /changes to a jurisdiction and a date with the form alone (no JavaScript)', async () => {
    const page = await openPage('/changes', false);
    expect(await page.locator('.history-entry .history-note').first().textContent()).toBe('Add cloud backups of the ledgers');
    const other = (
      await page.locator('#cb-changes-jurisdictions option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value))
    ).find((code) => code !== 'KE')!;
    await page.selectOption('#cb-changes-jurisdictions', [other]);
    await Promise.all([page.waitForNavigation(), page.click('.changes-filters button[type="submit"]')]);
    expect(new URL(page.url()).searchParams.getAll('jurisdictions')).toEqual([other]);
    expect(await page.locator('.history-note', { hasText: 'Add cloud backups' }).count()).toBe(0);
    await page.selectOption('#cb-changes-jurisdictions', ['KE']);
    await Promise.all([page.waitForNavigation(), page.click('.changes-filters button[type="submit"]')]);
    // The two versions of the Kenyan note, newest first, then the first version of the other Kenyan notes.
    expect(await page.locator('.history-note').allTextContents()).toEqual([
      'Add cloud backups of the ledgers',
      'New note on wire-transfer records',
      'The knowledge base as it stood when Casebook first kept it in git',
    ]);
    await page.fill('#cb-changes-since', '2999-01-01');
    await Promise.all([page.waitForNavigation(), page.click('.changes-filters button[type="submit"]')]);
    expect(await page.locator('main').textContent()).toContain('No update matches.');
    await page.context().close();
  });

  it('has no serious or critical accessibility problem on the history, version, changes and /changes pages', async () => {
    for (const pathname of [
      `/notes/${SLUG}/history`,
      `/notes/${SLUG}/versions/${edited}`,
      `/notes/${SLUG}/versions/${edited}/changes`,
      '/changes',
      `/notes/${SLUG}`,
    ]) {
      const page = await openPage(pathname, true);
      expect(await seriousViolations(page), pathname).toEqual([]);
      await page.context().close();
    }
  });
});
