/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe.js';
import { FIXTURES } from '../fixtures/fixture-files.js';
import { serveCasebook, type RunningCasebook } from './serve-casebook.js';

const SCREENSHOTS = path.resolve(FIXTURES, '..', 'e2e', 'screenshots');

let casebook: RunningCasebook;

beforeAll(async () => {
  casebook = await serveCasebook();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => casebook?.stop());

async function openPage(pathname: string, options: { javaScript?: boolean; width?: number } = {}): Promise<Page> {
  // bypassCSP only so the test can inject axe-core; the app's own CSP forbids inline scripts.
  const context = await casebook.browser.newContext({
    bypassCSP: true,
    javaScriptEnabled: options.javaScript ?? true,
    viewport: { width: options.width ?? 1280, height: 900 },
    locale: 'en-GB',
  });
  const page = await context.newPage();
  await page.goto(`${casebook.url}${pathname}`);
  return page;
}

describe('a prosecutor using Casebook in Chromium', () => {
  it('lands on the home page and searches', async () => {
    const page = await openPage('/');
    expect(await page.title()).toContain('Casebook');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'home.png'), fullPage: true });
    await page.fill('#cb-q', 'phone evidence control');
    await page.press('#cb-q', 'Enter');
    await page.waitForURL(/\/search\?q=phone\+evidence\+control/);
    expect(await page.textContent('.hit-title')).toContain('Phone extraction');
  });

  it('updates results while typing and applies a ticked facet without a submit button', async () => {
    const page = await openPage('/search');
    const total = await page.textContent('#cb-result-count');
    await page.fill('#cb-q', 'non-punishment');
    await page.waitForFunction((before) => document.querySelector('#cb-result-count')?.textContent !== before, total);
    expect(page.url()).toContain('q=non-punishment');
    const beforeFacet = await page.textContent('#cb-result-count');
    await page.check('input[name="jurisdictions"][value="GB-EAW"]');
    await page.waitForFunction((before) => document.querySelector('#cb-result-count')?.textContent !== before, beforeFacet);
    expect(page.url()).toContain('jurisdictions=GB-EAW');
    expect(await page.isVisible('.chip')).toBe(true);
    expect(await page.isVisible('[data-apply-filters]')).toBe(false);
    await page.fill('[data-facet-filter]', 'eng');
    expect(await page.isVisible('input[name="jurisdictions"][value="GB-EAW"]')).toBe(true);
    expect(await page.isVisible('input[name="jurisdictions"][value="NG"]')).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await page.fill('[data-facet-filter]', '');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'search.png'), fullPage: true });
  });

  it('works with JavaScript off: the form submits and filters apply with a button', async () => {
    const page = await openPage('/search?q=trafficking', { javaScript: false });
    await page.check('input[name="stages"][value="sentencing"]');
    await page.click('[data-apply-filters]');
    await page.waitForURL(/stages=sentencing/);
    expect(await page.textContent('#cb-result-count')).toMatch(/\d+ notes?/);
  });

  it('opens a guidance page, follows a section anchor, and offers a citation to copy', async () => {
    const page = await openPage('/search?q=section+45');
    await page.click('.hit-title a');
    await page.waitForURL(/\/notes\//);
    expect(await page.isVisible('.headline-card .badge')).toBe(true);
    expect(await page.isVisible('button[data-copy="cb-citation"]')).toBe(true);
    await page.click('.toc a[href="#how-to-do-it"]');
    expect(page.url()).toMatch(/#how-to-do-it$/);
    const inView = await page.evaluate(() => {
      const box = document.getElementById('how-to-do-it')!.getBoundingClientRect();
      return box.top > -2 && box.top < window.innerHeight;
    });
    expect(inView).toBe(true);
    expect(await page.locator('#how-to-do-it .copy-link').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    const direct = await openPage('/notes/non-punishment-section-45-defence-england-wales#legal-basis-and-evidence');
    expect(
      await direct.evaluate(() => {
        const box = document.getElementById('legal-basis-and-evidence')!.getBoundingClientRect();
        return box.top > -2 && box.top < window.innerHeight;
      }),
    ).toBe(true);
    await direct.evaluate(() => window.scrollTo(0, 0));
    await direct.screenshot({ path: path.join(SCREENSHOTS, 'note.png'), fullPage: true });
  });

  it('switches the interface to French and remembers it', async () => {
    const page = await openPage('/glossary');
    await page.click('.language-switcher a[hreflang="fr"]');
    await page.waitForURL(/lang=fr/);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await page.goto(`${casebook.url}/search`);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.textContent('.facets h2')).toBe('Filtres');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('lists the offline packs on /downloads, accessibly', async () => {
    const page = await openPage('/downloads');
    expect(await page.textContent('table.downloads')).toContain('The whole knowledge base');
    expect(await page.getAttribute('table.downloads a', 'href')).toBe('/downloads/casebook-all.zip');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows the evidence map as an accessible table', async () => {
    const page = await openPage('/map');
    expect(await page.locator('table.evidence-map tbody tr').count()).toBe(19);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('reads the recommendations and the tracker, filters them without JavaScript, and opens a country profile; no serious accessibility violation', async () => {
    for (const pathname of ['/recommendations', '/jurisdictions', '/jurisdictions/GB-EAW', '/notes/put-non-punishment-of-trafficking-victims-into-law']) {
      const page = await openPage(pathname);
      expect(await seriousViolations(page), pathname).toEqual([]);
    }
    const page = await openPage('/recommendations', { javaScript: false });
    expect(await page.textContent('h1')).toBe('Policy recommendations');
    await page.check('input[name="audience"][value="legislature"]');
    await page.check('input[name="world_regions"][value="europe"]');
    await page.click('.recommendation-filters button[type="submit"]');
    await page.waitForURL(/audience=legislature/);
    expect(await page.isVisible('th a[href="/jurisdictions/GB-EAW"]')).toBe(true);
    expect(await page.isVisible('th a[href="/jurisdictions/US"]')).toBe(false);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'recommendations.png'), fullPage: true });
    await page.click('th a[href="/jurisdictions/GB-EAW"]');
    await page.waitForURL(/\/jurisdictions\/GB-EAW$/);
    expect(await page.textContent('h1')).toBe('England and Wales');
    expect(await page.isVisible('#cb-gaps')).toBe(true);
  });
});

describe('a prosecutor checking the law behind a note', () => {
  it('goes from a note to the article it relies on, then back through "cited by" to the section that cites it', async () => {
    const page = await openPage('/notes/rantsev-v-cyprus-and-russia');
    await page.click('.note-authorities a[href="/authorities/echr#art-4"]');
    await page.waitForURL(/\/authorities\/echr#art-4$/);
    expect(await page.textContent('h1')).toContain('European Convention on Human Rights');
    expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe('art-4');
    expect(await seriousViolations(page)).toEqual([]);
    const citing = page.locator('#art-4 .cited-by-list a[href^="/notes/rantsev-v-cyprus-and-russia#"]');
    const href = await citing.getAttribute('href');
    await citing.click();
    await page.waitForURL((url) => url.href.endsWith(href!));
    const section = href!.split('#')[1]!;
    expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe(section);
    const top = await page.evaluate((id) => document.getElementById(id)!.getBoundingClientRect().top, section);
    expect(Math.abs(top)).toBeLessThan(200);
  });

  it('searches and filters the authorities without JavaScript, and finds a case by its application number', async () => {
    expect(await seriousViolations(await openPage('/authorities'))).toEqual([]);
    const page = await openPage('/authorities', { javaScript: false });
    await page.check('input[name="kind"][value="case"]');
    await page.fill('#cb-q', '25965/04');
    await page.click('button[type="submit"].button-primary');
    await page.waitForURL(/\/authorities\?q=25965%2F04&kind=case/);
    expect(await page.locator('.authority-list .result-title a').allTextContents()).toEqual(['Rantsev v Cyprus and Russia']);
    const search = await openPage('/search?q=25965%2F04');
    expect(await search.locator('.authority-hits a').first().textContent()).toBe('Rantsev v Cyprus and Russia');
    expect(await seriousViolations(search)).toEqual([]);
  });
});
