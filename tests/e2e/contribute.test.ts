/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveCasebook, type RunningCasebook } from './serve-casebook.js';

let casebook: RunningCasebook;

beforeAll(async () => {
  casebook = await serveCasebook({ contribute: true });
});
afterAll(async () => casebook?.stop());

describe('a practitioner shares a note and an editor publishes it', () => {
  it('goes from the form to a published, searchable note', async () => {
    const context = await casebook.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${casebook.url}/contribute`);
    await page.fill('#f-title', 'Using bus-company manifests to prove transport of recruits');
    await page.fill('#f-summary', 'Ask bus companies for passenger manifests and ticket sales to show who travelled with whom, and when.');
    await page.fill('#f-jurisdictions', 'GH');
    await page.check('input[name="evidence_types"][value="documentary"]');
    await page.check('input[name="stages"][value="investigation"]');
    await page.check('input[name="evidence_basis"][value="emerging-practice"]');
    await page.fill('#f-body', '## What to do\n\nRequest the manifests within days; companies keep them only for months.');
    await page.fill('#f-submitter_name', 'K.A.');
    await page.click('button[value="preview"]');
    expect(await page.textContent('#cb-preview')).toBeTruthy();
    await page.click('button[value="submit"]');
    await page.waitForURL(/\/contribute\/[\w-]{22}$/);
    const statusUrl = page.url();
    expect(await page.textContent('.status')).toContain('Waiting for review');

    await page.goto(`${casebook.url}/editor/login`);
    await page.fill('#f-username', casebook.editor!.username);
    await page.fill('#f-password', casebook.editor!.password);
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/editor$/);
    await page.click('table.queue a');
    // Every field that will be published is shown before approval.
    expect(await page.textContent('.review-fields')).toContain('Ghana (GH)');
    await page.click('button[value="approve"]');
    await page.waitForURL(/\/editor\/submissions\/[\w-]{22}\?decided=approved$/);
    expect(await page.textContent('[role="status"]')).toContain('Decision recorded: Published.');
    expect(await page.getAttribute('[role="status"] a', 'href')).toBe('/notes/using-bus-company-manifests-to-prove-transport-of-recruits');
    expect(await page.locator('button[value="approve"]').count()).toBe(0);

    await page.goto(statusUrl);
    expect(await page.textContent('.status')).toContain('Published');
    await page.goto(`${casebook.url}/search?q=bus+manifests`);
    expect(await page.textContent('.hit-title')).toContain('bus-company manifests');
    await context.close();
  });
});
