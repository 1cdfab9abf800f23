/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe.js';
import { serveCasebook, type RunningCasebook } from './serve-casebook.js';

let casebook: RunningCasebook;

beforeAll(async () => {
  casebook = await serveCasebook({ contribute: true });
});
afterAll(async () => casebook?.stop());

// The steps share one running Casebook and go in order: the invitation, the join, the directory.
// Each has its own generous timeout: a browser on a shared two-core machine can be slow.
const STEP_TIMEOUT = 180_000;
let link = '';

describe('an editor invites a practitioner, who joins and is found in the directory', () => {
  it(
    'lets an editor create an invitation link, accessibly',
    async () => {
      // bypassCSP only so the test can inject axe-core; the app's own CSP forbids inline scripts.
      const editorContext = await casebook.browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
      const editorPage = await editorContext.newPage();
      await editorPage.goto(`${casebook.url}/login`);
      expect(await seriousViolations(editorPage)).toEqual([]);
      await editorPage.fill('#f-username', casebook.editor!.username);
      await editorPage.fill('#f-password', casebook.editor!.password);
      await editorPage.click('button[type="submit"]');
      await editorPage.waitForURL(/\/editor$/);
      await editorPage.goto(`${casebook.url}/network/invitations`);
      await editorPage.fill('#f-label', 'A. Owusu, Accra');
      await editorPage.click('button[type="submit"].button-primary');
      link = await editorPage.inputValue('#cb-invitation-link');
      expect(link).toMatch(/\/network\/join\/[A-Za-z0-9_-]{43}$/);
      expect(await seriousViolations(editorPage)).toEqual([]);
      await editorContext.close();
    },
    STEP_TIMEOUT,
  );

  it(
    'takes the invitee, without JavaScript, from the link to a profile to a filtered directory',
    async () => {
      // The invitee, in their own browser, with JavaScript off: every step is a plain form.
      const inviteeContext = await casebook.browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
      const invitee = await inviteeContext.newPage();
      await invitee.goto(link);
      await invitee.fill('#f-username', 'a.owusu');
      await invitee.fill('#f-password', 'correct horse battery staple');
      await invitee.fill('#f-password_confirm', 'correct horse battery staple');
      // Jurisdictions and languages are ticked from lists; a place the list does not have is typed beside it.
      await invitee.click('#f-jurisdictions details.jurisdiction-group:has(input[value="GH"]) summary');
      await invitee.check('input[name="jurisdictions"][value="GH"]');
      await invitee.fill('#f-jurisdictions-other', 'Atlantis');
      await invitee.click('#f-languages details summary');
      await invitee.check('input[name="languages"][value="en"]');
      await invitee.check('input[name="languages"][value="fr"]');
      await invitee.click('details.optional-picker:has(input[value="financial"]) summary');
      await invitee.check('input[name="expertise"][value="financial"]');
      await invitee.check('input[name="visibility"][value="public"]');
      await invitee.fill('#f-contact_email', 'a.owusu@contact.example');
      await invitee.click('button[type="submit"].button-primary');
      // Problems: a summary whose links lead to the fields, and what was typed kept.
      expect(await invitee.textContent('.error-summary')).toContain('Name: is required.');
      expect(await invitee.getAttribute('.error-summary a[href="#f-jurisdictions"]', 'href')).toBe('#f-jurisdictions');
      expect(await invitee.isChecked('input[name="jurisdictions"][value="GH"]')).toBe(true);
      expect(await invitee.inputValue('#f-jurisdictions-other')).toBe('Atlantis');
      await invitee.fill('#f-display_name', 'Abena Owusu');
      await invitee.fill('#f-jurisdictions-other', '');
      await invitee.fill('#f-password', 'correct horse battery staple');
      await invitee.fill('#f-password_confirm', 'correct horse battery staple');
      await invitee.click('button[type="submit"].button-primary');
      await invitee.waitForURL(/\/network\/a\.owusu\?welcome=1$/);
      expect(await invitee.textContent('h1')).toBe('Abena Owusu');
      expect(await invitee.textContent('.profile-facts')).toContain('a.owusu@contact.example');

      await invitee.goto(`${casebook.url}/network`);
      await invitee.selectOption('#f-region', 'ECOWAS');
      await invitee.selectOption('#f-expertise', 'financial');
      await invitee.click('.directory-filters button[type="submit"]');
      await invitee.waitForURL(/region=ECOWAS/);
      expect(await invitee.locator('.member-card h3').allTextContents()).toEqual(['Abena Owusu']);
      await invitee.selectOption('#f-region', 'europe');
      await invitee.click('.directory-filters button[type="submit"]');
      await invitee.waitForURL(/region=europe/);
      expect(await invitee.locator('.member-card').count()).toBe(0);
      await invitee.goto(`${casebook.url}/network?q=${encodeURIComponent('who knows financial investigation in West Africa?')}`);
      expect(await invitee.locator('.member-card h3').allTextContents()).toEqual(['Abena Owusu']);

      await inviteeContext.close();
    },
    STEP_TIMEOUT,
  );

  it(
    'has no serious accessibility violation on the pages of the flow, the join form with its problems included',
    async () => {
      // axe needs JavaScript: check the pages the invitee saw in a browser that runs it, signed in as the editor.
      const editorContext = await casebook.browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
      const editorPage = await editorContext.newPage();
      await editorPage.goto(`${casebook.url}/login`);
      await editorPage.fill('#f-username', casebook.editor!.username);
      await editorPage.fill('#f-password', casebook.editor!.password);
      await editorPage.click('button[type="submit"]');
      await editorPage.waitForURL(/\/editor$/);
      const checker = await editorContext.newPage();
      for (const url of [link, `${casebook.url}/network?region=ECOWAS`, `${casebook.url}/network/a.owusu`, `${casebook.url}/network/profile`]) {
        await checker.goto(url);
        expect(await seriousViolations(checker), url).toEqual([]);
      }
      await checker.goto(link);
      expect(await checker.textContent('h1')).toBe('This invitation has already been used');
      // The join form with its problems shown, checked too.
      await editorPage.goto(`${casebook.url}/network/invitations`);
      await editorPage.click('button[type="submit"].button-primary');
      await checker.goto(await editorPage.inputValue('#cb-invitation-link'));
      await checker.click('button[type="submit"].button-primary');
      expect(await checker.locator('.error-summary').count()).toBe(1);
      expect(await seriousViolations(checker), 'join form with problems').toEqual([]);
      await editorContext.close();
    },
    STEP_TIMEOUT,
  );

  it(
    'sends anonymous visitors of the directory to the sign-in page and shows them a public profile without contact details',
    async () => {
      // Anonymous: the directory is the sign-in page; the public profile has no contact details.
      const anonymous = await (await casebook.browser.newContext()).newPage();
      await anonymous.goto(`${casebook.url}/network`);
      expect(anonymous.url()).toContain('/login?next=%2Fnetwork');
      expect(await anonymous.textContent('h1')).toBe('Sign in');
      await anonymous.goto(`${casebook.url}/network/a.owusu`);
      expect(await anonymous.textContent('h1')).toBe('Abena Owusu');
      expect(await anonymous.content()).not.toContain('a.owusu@contact.example');
      await anonymous.context().close();
    },
    STEP_TIMEOUT,
  );
});
