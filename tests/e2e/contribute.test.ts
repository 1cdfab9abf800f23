/// <reference lib="dom" />
import { appendFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { violationCounts } from './axe.js';
import { serveCasebook, type RunningCasebook } from './serve-casebook.js';

let casebook: RunningCasebook;

beforeAll(async () => {
  casebook = await serveCasebook({ contribute: true });
});
afterAll(async () => casebook?.stop());

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

async function openPage(pathname: string, viewport: { width: number; height: number }, javaScript = true): Promise<Page> {
  // bypassCSP only so the test can inject axe-core; the app's own CSP forbids inline scripts.
  const context = await casebook.browser.newContext({ bypassCSP: true, javaScriptEnabled: javaScript, viewport, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(`${casebook.url}${pathname}`);
  return page;
}

/** No serious or critical axe violation; the counts of all go to AXE_REPORT (if set) for the closing note. */
async function expectAccessible(page: Page, label: string): Promise<void> {
  const counts = await violationCounts(page);
  if (process.env.AXE_REPORT) appendFileSync(process.env.AXE_REPORT, `${label}\t${JSON.stringify(counts)}\n`);
  expect(
    counts.ids.filter((id) => /^(serious|critical):/.test(id)),
    label,
  ).toEqual([]);
}

/** The page is no wider than the viewport: nothing is cut off or scrolls sideways. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scroll, viewport } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(scroll).toBeLessThanOrEqual(viewport);
}

async function next(page: Page): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click('.form-actions button[value="next"]')]);
}

describe.each([
  ['phone', PHONE],
  ['desktop', DESKTOP],
] as const)('a practitioner shares a note on a %s', (name, viewport) => {
  it('makes three mistakes, sees them listed at the top with links, fixes them, and sends the note', async () => {
    const title = `Using bus-company manifests to prove transport of recruits (${name})`;
    const page = await openPage('/contribute', viewport);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page, `contribute step 1 ${name}`);
    // The body starts with the headings a good note has.
    expect(await page.locator('input[name="body"]').getAttribute('value')).toContain('## What to do');

    // Three mistakes: a short title, no summary, no jurisdiction.
    await page.fill('#f-title', 'Manifests');
    await next(page);
    const summary = page.locator('[data-error-summary]');
    expect(await summary.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await summary.locator('a').allTextContents()).toEqual([
      'The title must be at least 10 characters',
      'Say what to do, in one or two sentences',
      'Choose at least one jurisdiction, or International if the note is not about one state',
    ]);
    expect(await summary.evaluate((element) => element.getBoundingClientRect().top)).toBeLessThan(viewport.height);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page, `contribute step 1 with errors ${name}`);
    // Each link moves focus to its field.
    await summary.locator('a', { hasText: 'Say what to do' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-summary');

    await page.fill('#f-title', title);
    await page.fill('#f-summary', 'Ask bus companies for passenger manifests and ticket sales to show who travelled with whom, and when.');
    // Jurisdictions are found by name and stored as ISO codes.
    await page.fill('#f-jurisdiction-filter', 'ghan');
    await page.check('input[name="jurisdictions"][value="GH"]');
    expect(await page.textContent('[data-chosen-list]')).toBe('Ghana');
    await next(page);

    expect(await page.textContent('h1')).toBe('What it covers');
    await expectNoSidewaysScroll(page);
    await expectAccessible(page, `contribute step 2 ${name}`);
    // The definitions beside each checkbox are not cut at the right edge.
    const definition = page.locator('input[name="evidence_types"][value="documentary"] ~ .option-definition');
    expect(await definition.evaluate((element) => element.getBoundingClientRect().right)).toBeLessThanOrEqual(viewport.width);
    await page.check('input[name="evidence_types"][value="documentary"]');
    await page.check('input[name="stages"][value="investigation"]');
    await next(page);

    await page.check('input[name="evidence_basis"][value="emerging-practice"]');
    await next(page);
    await page.fill('#f-body', '## What to do\n\nRequest the manifests within days; companies keep them only for months.');
    await next(page);

    // The preview is the published page: basis badge, jurisdictions and review date.
    expect(await page.textContent('h1')).toBe('Check and send');
    const preview = page.locator('.note-preview');
    expect(await preview.locator('h1').textContent()).toBe(title);
    expect(await preview.locator('.badge').first().textContent()).toContain('Emerging practice');
    expect(await preview.locator('.headline-facts').textContent()).toContain('Ghana');
    expect(await preview.locator('.headline-facts time').count()).toBe(1);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page, `contribute step 5 with preview ${name}`);
    await page.fill('#f-submitter_name', 'K.A.');
    await Promise.all([page.waitForURL(/\/contribute\/[\w-]{22}$/), page.click('.form-actions button[value="submit"]')]);
    expect(await page.textContent('.status')).toContain('Waiting for review');
    // The address to keep is shown in full.
    expect(await page.inputValue('#cb-address')).toBe(page.url());
    await expectNoSidewaysScroll(page);
    await expectAccessible(page, `submission status ${name}`);
    await page.context().close();
  }, 240_000);
});

describe('without JavaScript', () => {
  it('the steps, the error summary (focused) and the jurisdiction lists work', async () => {
    const page = await openPage('/contribute', PHONE, false);
    await page.fill('#f-title', 'Too short');
    await page.click('details.jurisdiction-group:has(input[value="KE"]) summary');
    await page.check('input[name="jurisdictions"][value="KE"]');
    await next(page);
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
    expect(await page.locator('.error-summary a').allTextContents()).toEqual([
      'The title must be at least 10 characters',
      'Say what to do, in one or two sentences',
    ]);
    // What was ticked is kept, and shown.
    expect(await page.textContent('[data-chosen-list]')).toBe('Kenya');
    expect(await page.isChecked('input[name="jurisdictions"][value="KE"]')).toBe(true);
    await page.context().close();
  });
});

describe('an editor and a contributor', () => {
  it('request changes, resend the same submission, see the diff, approve with a confirmation', async () => {
    const note = (body: string) => `---
title: Asking hostel registers for the dates recruits stayed
summary: Hostel and guesthouse registers show when recruits were moved and who paid, without relying on the victim's memory.
language: en
jurisdictions: [GH]
evidence_types: [documentary]
stages: [investigation]
evidence_basis: emerging-practice
last_reviewed: 2026-11-01
---
## What to do

${body}
`;
    const api = await fetch(`${casebook.url}/api/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ markdown: note('Ask for the registers early.'), submitter: { name: 'K.A.' } }),
    });
    const { url: statusPath } = (await api.json()) as { url: string };

    for (const viewport of [DESKTOP, PHONE]) {
      const label = viewport === PHONE ? 'phone' : 'desktop';
      const page = await openPage('/editor/login', viewport);
      await page.fill('#f-username', casebook.editor!.username);
      await page.fill('#f-password', casebook.editor!.password);
      await Promise.all([page.waitForURL(/\/editor$/), page.click('button[type="submit"]')]);
      // The queue is a card a submission on a phone: nothing clipped, nothing wider than the screen.
      await expectNoSidewaysScroll(page);
      await expectAccessible(page, `editor queue ${label}`);
      await page.click(`table.queue a[href="/editor/submissions/${statusPath.split('/').pop()}"]`);
      await expectAccessible(page, `editor review ${label}`);
      await expectNoSidewaysScroll(page);
      await page.context().close();
    }

    const editor = await openPage('/editor/login', DESKTOP);
    await editor.fill('#f-username', casebook.editor!.username);
    await editor.fill('#f-password', casebook.editor!.password);
    await Promise.all([editor.waitForURL(/\/editor$/), editor.click('button[type="submit"]')]);
    const reviewUrl = `${casebook.url}/editor/submissions/${statusPath.split('/').pop()}`;
    await editor.goto(reviewUrl);
    // The editor sees the basis, jurisdictions, tags and sources before deciding.
    const fields = await editor.textContent('.review-fields');
    for (const text of ['Emerging practice', 'Ghana (GH)', 'Documentary', 'Investigation']) expect(fields).toContain(text);
    await editor.fill('#f-comment', 'Please say how early: within which week?');
    await Promise.all([editor.waitForURL(/decided=changes_requested$/), editor.click('button[value="request_changes"]')]);
    expect(await editor.textContent('[role="status"]')).toContain('Decision recorded: Changes requested.');
    expect(await editor.locator('button[value="approve"]').count()).toBe(0);
    expect(await editor.locator('button[value="request_changes"]').count()).toBe(0);

    // The contributor, with the address they kept, edits the same submission and resends it.
    const contributor = await openPage(statusPath, PHONE);
    expect(await contributor.textContent('.status-facts')).toContain('Please say how early: within which week?');
    await Promise.all([contributor.waitForURL(/\/edit$/), contributor.click('a[href$="/edit"]')]);
    // It opens at "Check and send", the editor's comment above every answer, each one "Change" away.
    expect(await contributor.textContent('h1')).toBe('Check and send');
    expect(await contributor.textContent('.notice-warning')).toContain('Please say how early: within which week?');
    expect(await contributor.textContent('.answers')).toContain('Asking hostel registers for the dates recruits stayed');
    await expectAccessible(contributor, 'resubmission check and send phone');
    await Promise.all([contributor.waitForNavigation(), contributor.click('.answer-change button[value="4"]')]);
    expect(await contributor.inputValue('#f-body')).toContain('Ask for the registers early.');
    await contributor.fill('#f-body', '## What to do\n\nAsk for the registers in the first week.');
    await next(contributor);
    await contributor.fill('#f-submitter_name', 'K.A.');
    await Promise.all([contributor.waitForURL(new RegExp(`${statusPath}$`)), contributor.click('.form-actions button[value="resend"]')]);
    expect(await contributor.textContent('.status')).toContain('Resent — waiting for review');

    await editor.goto(`${casebook.url}/editor`);
    expect(await editor.textContent('table.queue')).toContain('resent after changes');
    await editor.goto(reviewUrl);
    expect(await editor.textContent('#cb-diff')).toBe('Changes since the version you sent back');
    expect(await editor.locator('.word-diff del').allTextContents()).toEqual(['early']);
    expect(await editor.locator('.word-diff ins').allTextContents()).toEqual(['in the first week']);
    await Promise.all([editor.waitForURL(/decided=approved$/), editor.click('button[value="approve"]')]);
    expect(await editor.textContent('[role="status"]')).toContain('Published. The note is online now.');
    expect(await editor.getAttribute('[role="status"] a', 'href')).toBe('/notes/asking-hostel-registers-for-the-dates-recruits-stayed');
    expect(await editor.locator('.decision-form').count()).toBe(0);
    await expectAccessible(editor, 'editor confirmation desktop');
    await editor.goto(`${casebook.url}/search?q=hostel+registers`);
    expect(await editor.textContent('.hit-title')).toContain('hostel registers');
    await editor.context().close();
    await contributor.context().close();
  }, 300_000);
});
