/// <reference lib="dom" />
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe.js';
import { loadKnowledge } from '../../server/knowledge/load-knowledge.js';
import { writePack } from '../../server/export/write-pack.js';
import { FIXTURE_KNOWLEDGE } from '../fixtures/fixture-files.js';
import { CHROMIUM_ARGS } from './serve-casebook.js';

let browser: Browser;
let context: BrowserContext;
let packUrl: string;
const networkRequests: string[] = [];

beforeAll(async () => {
  const kb = (await loadKnowledge(FIXTURE_KNOWLEDGE)).knowledgeBase!;
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'casebook-e2e-pack-')), 'pack');
  await writePack({ knowledgeBase: kb, scope: { jurisdictions: [], languages: [] }, outDir: dir, language: 'en', exportedOn: '2026-11-29' });
  packUrl = pathToFileURL(dir).href;
  browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  // No network at all: the pack must need nothing but its own files.
  context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  context.on('request', (request) => {
    if (!/^(file|data|blob):/.test(request.url())) networkRequests.push(request.url());
  });
});
afterAll(async () => browser?.close());

async function open(file: string): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(`${packUrl}/${file}`);
  return page;
}

describe('an offline pack opened from file:// with the network off', () => {
  it('searches from the home page, narrows with a filter, opens a guidance page and follows a section link', async () => {
    const page = await open('index.html');
    expect(await page.textContent('.pack-banner')).toContain('Offline copy exported 29 November 2026');
    await page.fill('#cb-pack-q', 'victims');
    await page.press('#cb-pack-q', 'Enter');
    await page.waitForURL(/search\.html\?q=victims/);
    await page.waitForSelector('[data-pack-results] li');
    const before = await page.$$eval('[data-pack-results] > li', (items) => items.length);
    expect(before).toBeGreaterThan(1);
    expect(await page.textContent('[data-pack-status]')).toMatch(/\d+ notes?/);

    await page.check('input[name="jurisdictions"][value="GB-EAW"]');
    await page.waitForFunction((count) => document.querySelectorAll('[data-pack-results] > li').length !== count, before);
    const after = await page.$$eval('[data-pack-results] > li', (items) => items.length);
    expect(after).toBeLessThan(before);
    expect(after).toBeGreaterThan(0);
    expect(page.url()).toContain('jurisdictions=GB-EAW');
    await page.uncheck('input[name="jurisdictions"][value="GB-EAW"]');
    await page.waitForFunction((count) => document.querySelectorAll('[data-pack-results] > li').length === count, before);

    await page.click('[data-pack-results] > li h3 a >> nth=0');
    await page.waitForURL(/\/notes\/[a-z0-9-]+\.html$/);
    expect(await page.textContent('h1')).toBeTruthy();
    const section = await page.getAttribute('.toc a >> nth=1', 'href');
    expect(section).toMatch(/^#/);
    await page.click('.toc a >> nth=1');
    await page.waitForURL(new RegExp(`${section}$`));
    expect(await page.isVisible(`[id="${section!.slice(1)}"]`)).toBe(true);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
  });

  it('opens a search from the address (as the evidence map links do)', async () => {
    const page = await open('search.html?jurisdictions=GB-EAW');
    await page.waitForSelector('[data-pack-results] li');
    expect(await page.isChecked('input[name="jurisdictions"][value="GB-EAW"]')).toBe(true);
    const links = await page.$$eval('[data-pack-results] > li h3 a', (items) => items.map((item) => (item as HTMLAnchorElement).href));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link).toMatch(/^file:\/\/.*\/notes\/.*\.html$/);
    // Every filter's counts follow the search, not only the ticked one's.
    const counts = await page.$$eval('fieldset[data-facet="evidence_types"] [data-count]', (items) => items.map((item) => Number(item.textContent)));
    expect(counts.some((count) => count > 0)).toBe(true);
  });

  it('offers only menu items the pack holds, shows only the sections that matched under a hit, and folds its filters on a phone', async () => {
    const page = await open('search.html?q=phone');
    await page.waitForSelector('[data-pack-results] li');
    const menu = await page.$$eval('.site-nav a', (links) => links.map((link) => (link as HTMLAnchorElement).href));
    for (const href of menu) expect(href, href).toMatch(/^file:\/\//);
    expect(await page.locator('.site-nav a[href*="recommendations"], .site-nav a[href*="jurisdictions"]').count()).toBe(0);
    for (const list of await page.$$('[data-pack-results] .related-list')) {
      // Each section offered under a hit is one the words were found in.
      expect(await list.$$eval('a', (links) => links.length)).toBeGreaterThan(0);
    }
    const sectionsShown = await page.$$eval('[data-pack-results] .related-list a', (links) => links.length);
    const hits = await page.$$eval('[data-pack-results] > li', (items) => items.length);
    expect(sectionsShown).toBeLessThan(hits * 3);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.waitForSelector('[data-pack-results] li');
    expect(await page.locator('[data-filters-panel]').evaluate((panel) => (panel as HTMLDetailsElement).open)).toBe(false);
    expect(await page.isVisible('.filters-summary')).toBe(true);
    await page.close();
  });

  it('has no serious or critical accessibility violations on its pages', async () => {
    for (const file of [
      'index.html',
      'search.html?q=phone',
      'notes/phone-evidence-control.html',
      'glossary.html',
      'map.html',
      'collections/evidence-beyond-testimony.html',
      'print/collections/evidence-beyond-testimony.html',
      'print/collections/evidence-beyond-testimony/summary.html',
      'browse/jurisdictions/GB-EAW.html',
    ]) {
      const page = await open(file);
      if (file.startsWith('search')) await page.waitForSelector('[data-pack-results] li');
      expect(await seriousViolations(page), file).toEqual([]);
      await page.close();
    }
  });

  it("finds a note by another language's word for its subject, as the site does (the pack's query keys)", async () => {
    // A pack of the English notes alone: no page holds "trabajadores", and Pagefind's English stemming
    // found nothing for it; the site finds the note through the word's stem key, which the Spanish
    // labels of its tags ("trabajo …") share, and so must the pack.
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'casebook-e2e-pack-en-')), 'pack');
    const kb = (await loadKnowledge(FIXTURE_KNOWLEDGE)).knowledgeBase!;
    await writePack({ knowledgeBase: kb, scope: { jurisdictions: [], languages: ['en'] }, outDir: dir, language: 'en', exportedOn: '2026-11-29' });
    const page = await context.newPage();
    await page.goto(`${pathToFileURL(dir).href}/search.html?q=trabajadores`);
    await page.waitForSelector('[data-pack-results] li');
    const links = await page.$$eval('[data-pack-results] > li h3 a', (items) => items.map((item) => (item as HTMLAnchorElement).href));
    expect(links.some((link) => link.endsWith('/notes/labour-inspection-records.html'))).toBe(true);
    await page.close();
  });

  it('made no network request', () => {
    expect(networkRequests).toEqual([]);
  });
});
