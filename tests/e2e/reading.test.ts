/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe.js';
import { serveCasebook, type RunningCasebook } from './serve-casebook.js';

// Reading Casebook on a phone and on a laptop: results first, filters that behave like
// the platform's own controls, no page wider than the screen, and no serious accessibility problem.

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };

/** One page of every kind a reader meets. */
const PAGE_TYPES = [
  '/',
  '/search',
  '/search?q=phone+evidence+control',
  '/search?q=zzzqqxx',
  '/search?page=99',
  '/notes/rantsev-v-cyprus-and-russia',
  '/notes',
  '/authorities',
  '/authorities/echr',
  '/collections',
  '/collections/beyond-the-victims-testimony',
  '/browse',
  '/browse/stages/trial',
  '/map',
  '/glossary',
  '/recommendations',
  '/jurisdictions',
  '/jurisdictions/GB-EAW',
  '/downloads',
  '/contribute',
];

let casebook: RunningCasebook;

beforeAll(async () => {
  casebook = await serveCasebook({ contribute: true });
});
afterAll(async () => casebook?.stop());

async function openPage(pathname: string, viewport: { width: number; height: number }, javaScript = true): Promise<Page> {
  // bypassCSP only so the test can inject axe-core; the app's own CSP forbids inline scripts.
  const context = await casebook.browser.newContext({ bypassCSP: true, javaScriptEnabled: javaScript, viewport, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(`${casebook.url}${pathname}`);
  return page;
}

async function firstResultTop(page: Page): Promise<{ hit: number; searchBox: number }> {
  return page.evaluate(() => ({
    hit: document.querySelector('.hit')!.getBoundingClientRect().top,
    searchBox: document.querySelector('#cb-q')!.getBoundingClientRect().bottom,
  }));
}

describe('search on a phone (390×844)', () => {
  for (const javaScript of [true, false]) {
    it(`shows the first result on the first screen, below the search box, with JavaScript ${javaScript ? 'on' : 'off'}`, async () => {
      for (const pathname of ['/search', '/search?q=phone+evidence+control', '/search?q=non-punishment&jurisdictions=GB-EAW']) {
        const page = await openPage(pathname, PHONE, javaScript);
        const { hit, searchBox } = await firstResultTop(page);
        expect(hit, pathname).toBeGreaterThan(searchBox);
        expect(hit, pathname).toBeLessThan(PHONE.height);
        expect(await page.isVisible('#cb-result-count'), pathname).toBe(true);
        expect(await page.isVisible('select[name="sort"]'), pathname).toBe(true);
        // The filters wait behind one line until asked for.
        expect(await page.isVisible('.filters-summary'), pathname).toBe(true);
        expect(await page.isVisible('fieldset[data-facet="stages"]'), pathname).toBe(false);
        await page.context().close();
      }
    });
  }

  it('opens the filters panel, applies a filter without JavaScript, and keeps the ticked value in view', async () => {
    const page = await openPage('/search?q=trafficking', PHONE, false);
    await page.click('.filters-summary');
    expect(await page.isVisible('fieldset[data-facet="stages"]')).toBe(true);
    await page.check('input[name="stages"][value="sentencing"]');
    await page.click('[data-apply-filters]');
    await page.waitForURL(/stages=sentencing/);
    expect(await page.textContent('.filters-summary')).toContain('Filters (1)');
    expect(await page.isVisible('.chip')).toBe(true);
    const { hit } = await firstResultTop(page);
    expect(hit).toBeLessThan(PHONE.height);
    await page.context().close();
  });

  it('shows the results after filtering with JavaScript: "Show N notes" closes the panel and moves to the results', async () => {
    const page = await openPage('/search', PHONE);
    await page.click('.filters-summary');
    const before = await page.textContent('#cb-result-count');
    await page.check('input[name="stages"][value="trial"]');
    await page.waitForFunction((text) => document.querySelector('#cb-result-count')?.textContent !== text, before);
    const button = page.locator('[data-show-results]');
    expect(await button.textContent()).toBe(`Show ${await page.textContent('#cb-result-count')}`);
    await button.click();
    expect(await page.isVisible('fieldset[data-facet="stages"]')).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('cb-results');
    await page.context().close();
  });
});

describe("filters with JavaScript on, like the platform's own controls", () => {
  for (const viewport of [PHONE, LAPTOP]) {
    it(`keeps focus on a ticked checkbox, does not move the list, and Back removes the filter (${viewport.width} px)`, async () => {
      const page = await openPage('/search?q=victim', viewport);
      if (viewport === PHONE) await page.click('.filters-summary');
      const box = page.locator('input[name="stages"][value="trial"]');
      // Where the checkbox sits on the screen: ticking must not move it under the reader's finger (on a
      // wide screen the panel is sticky and the results may scroll into view, so the screen, not the page, is what stays).
      const top = () => page.evaluate(() => document.querySelector('input[name="stages"][value="trial"]')!.getBoundingClientRect().top);
      const before = await page.textContent('#cb-result-count');
      await box.focus();
      const positionBefore = await top();
      await page.keyboard.press('Space');
      await page.waitForFunction((text) => document.querySelector('#cb-result-count')?.textContent !== text, before);
      expect(page.url()).toContain('stages=trial');
      expect(
        await page.evaluate(() => {
          const active = document.activeElement as HTMLInputElement;
          return `${active.name}=${active.value}:${active.checked}`;
        }),
      ).toBe('stages=trial:true');
      expect(await top()).toBe(positionBefore);
      // The next Tab goes on to the next value, not back to the top of the page.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('sentencing');

      const filtered = await page.textContent('#cb-result-count');
      await page.goBack();
      await page.waitForFunction((text) => document.querySelector('#cb-result-count')?.textContent !== text, filtered);
      expect(page.url()).toBe(`${casebook.url}/search?q=victim`);
      expect(await page.isChecked('input[name="stages"][value="trial"]')).toBe(false);
      expect(await page.textContent('#cb-result-count')).toBe(before);
      await page.goForward();
      await page.waitForFunction(() => (document.querySelector('input[name="stages"][value="trial"]') as HTMLInputElement).checked);
      expect(page.url()).toContain('stages=trial');
      await page.context().close();
    });
  }

  it('has no inner scroll boxes, offers no one-value facet, and opens "N more" without JavaScript', async () => {
    const page = await openPage('/search', LAPTOP, false);
    const scrollers = await page.evaluate(
      () =>
        [...document.querySelectorAll('.facets *')].filter(
          (element) => ['auto', 'scroll'].includes(getComputedStyle(element).overflowY) && element.scrollHeight > element.clientHeight,
        ).length,
    );
    expect(scrollers).toBe(0);
    const techniques = page.locator('fieldset[data-facet="victim_centred_techniques"]');
    const visibleBefore = await techniques.locator('input:visible').count();
    await techniques.locator('[data-facet-more] > summary').click();
    const all = await techniques.locator('input').count();
    expect(await techniques.locator('input:visible').count()).toBe(all);
    expect(all).toBeGreaterThan(visibleBefore);
    // Every note is published in the knowledge base's languages; a facet with one value is no choice.
    const singles = await page.evaluate(() =>
      [...document.querySelectorAll('fieldset[data-facet]')]
        .filter((fieldset) => fieldset.querySelectorAll('input[type="checkbox"]').length < 2)
        .map((fieldset) => (fieldset as HTMLElement).dataset.facet),
    );
    expect(singles).toEqual([]);
    await page.context().close();
  });
});

describe('every page type at 390 and 1280 px', () => {
  const counts: string[] = [];
  afterAll(() => {
    // The counts the closing note reports.
    console.log(`axe serious+critical violations per page and width:\n${counts.join('\n')}`);
  });

  for (const viewport of [PHONE, LAPTOP]) {
    for (const pathname of PAGE_TYPES) {
      it(`${pathname} at ${viewport.width} px is never wider than the viewport and has no serious or critical axe violation`, async () => {
        const context = await casebook.browser.newContext({ bypassCSP: true, viewport, locale: 'en-GB' });
        const page = await context.newPage();
        const response = await page.goto(`${casebook.url}${pathname}`);
        expect(response?.status()).toBeLessThan(400);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
        const violations = await seriousViolations(page);
        counts.push(`${viewport.width} ${pathname}: ${violations.length}`);
        expect(violations).toEqual([]);
        await page.context().close();
      });
    }
  }
});
