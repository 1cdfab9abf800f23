import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import { createNetworkApp, HIDDEN_MEMBER, NETWORK_EDITOR, openPage, PUBLIC_MEMBER, SECRETS, signInMember } from './network-app.js';

// Each test signs in (scrypt) and builds an app: on a shared machine that takes seconds.
vi.setConfig({ testTimeout: 60_000 });

const PROFILE_FORM = {
  display_name: 'Kofi Mensah',
  position: 'State attorney',
  organisation: 'Office of the Attorney-General',
  jurisdictions: 'Ghana, CI',
  languages: 'English, français',
  expertise: ['financial', 'international-evidence'],
  bio: 'Ten years of labour trafficking cases.',
  contact_email: 'kofi@example.org',
  contact_phone: '+233 1',
  contact_other: '',
  visibility: 'members',
};

function expectNoSecrets(label: string, text: string): void {
  for (const secret of SECRETS) expect(text, `${label} shows "${secret}"`).not.toContain(secret);
}

describe('signing in at /login', () => {
  it('sends anonymous visitors of /network to the sign-in page, and back where they were going afterwards', async () => {
    const { app } = await createNetworkApp();
    await request(app).get('/network').expect(303).expect('location', '/login?next=%2Fnetwork');
    const wanted = '/network?region=africa&q=financial';
    const redirect = await request(app).get(wanted).expect(303);
    expect(redirect.headers.location).toBe(`/login?next=${encodeURIComponent(wanted)}`);
    const form = await openPage(app, redirect.headers.location!);
    expect(form.html).toContain(`name="next" value="${wanted.replace(/&/g, '&amp;')}"`);
    const login = await request(app)
      .post('/login')
      .set('Cookie', form.cookie)
      .type('form')
      .send({ ...PUBLIC_MEMBER, csrf_token: form.csrf, next: wanted })
      .expect(303);
    expect(login.headers.location).toBe(wanted);
  });

  it('lands members on the network and editors on the review queue; never follows a next to another site', async () => {
    const { app } = await createNetworkApp();
    expect((await signInMember(app, PUBLIC_MEMBER)).location).toBe('/network');
    expect((await signInMember(app, NETWORK_EDITOR)).location).toBe('/editor');
    for (const next of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', '/ok path']) {
      const form = await openPage(app, '/login');
      const login = await request(app)
        .post('/login')
        .set('Cookie', form.cookie)
        .type('form')
        .send({ ...PUBLIC_MEMBER, csrf_token: form.csrf, next })
        .expect(303);
      expect(login.headers.location, next).toBe('/network');
    }
  });

  it("refuses a wrong password with one answer for every username, and a post without the form's token", async () => {
    const { app } = await createNetworkApp();
    const form = await openPage(app, '/login');
    const post = (fields: Record<string, string>) =>
      request(app)
        .post('/login')
        .set('Cookie', form.cookie)
        .type('form')
        .send({ csrf_token: form.csrf, ...fields });
    const unknown = await post({ username: 'nobody', password: 'whatever password' }).expect(401);
    const wrong = await post({ username: PUBLIC_MEMBER.username, password: 'whatever password' }).expect(401);
    expect(unknown.text.replace('value="nobody"', 'value="?"')).toBe(wrong.text.replace(`value="${PUBLIC_MEMBER.username}"`, 'value="?"'));
    await request(app).post('/login').type('form').send(PUBLIC_MEMBER).expect(403);
  });

  it('keeps /editor/login working, and members signed in there get the network, not the queue', async () => {
    const { app } = await createNetworkApp();
    const form = await openPage(app, '/editor/login');
    expect(form.html).toContain('action="/editor/login"');
    const login = await request(app)
      .post('/editor/login')
      .set('Cookie', form.cookie)
      .type('form')
      .send({ ...PUBLIC_MEMBER, csrf_token: form.csrf })
      .expect(303);
    expect(login.headers.location).toBe('/network');
    const member = await signInMember(app, PUBLIC_MEMBER);
    await request(app).get('/editor').set('Cookie', member.cookie).expect(403);
    await request(app).get('/network/invitations').set('Cookie', member.cookie).expect(403);
    await request(app).post('/network/invitations').set('Cookie', member.cookie).type('form').send({ csrf_token: member.csrf }).expect(403);
  });

  it('signs out at /logout: the old cookie opens nothing', async () => {
    const { app } = await createNetworkApp();
    const member = await signInMember(app, PUBLIC_MEMBER);
    await request(app).post('/logout').set('Cookie', member.cookie).type('form').send({ csrf_token: member.csrf }).expect(303).expect('location', '/');
    await request(app).get('/network').set('Cookie', member.cookie).expect(303);
  });

  it('rate-limits sign-in attempts across /login, /editor/login and invitation forms', async () => {
    const { app } = await createNetworkApp({ loginRateLimit: 3 });
    const form = await openPage(app, '/login');
    for (let i = 0; i < 3; i++)
      await request(app)
        .post(i % 2 ? '/editor/login' : '/login')
        .set('Cookie', form.cookie)
        .type('form')
        .send({ csrf_token: form.csrf, username: 'x', password: 'y' })
        .expect(401);
    await request(app)
      .post('/login')
      .set('Cookie', form.cookie)
      .type('form')
      .send({ csrf_token: form.csrf, ...PUBLIC_MEMBER })
      .expect(429);
    await request(app).post('/network/join/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA').type('form').send({}).expect(429);
  });
});

describe('GET /network, the directory', () => {
  it('lists every member with a profile for a signed-in member, with their role and organisation, never cached', async () => {
    const { app } = await createNetworkApp();
    const { cookie } = await signInMember(app, HIDDEN_MEMBER);
    const response = await request(app).get('/network').set('Cookie', cookie).expect(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.text).toContain('<a href="/network/public.pat">Patricia Publicova</a>');
    expect(response.text).toContain('<a href="/network/hidden.hana">Hana Zyxwert</a>');
    expect(response.text).toContain('PatPositionQx, PatOrganisationQx');
    expect(response.text).toContain('2 of 2 members');
  });

  it('filters by jurisdiction, world region, regional system, language and expertise with a plain GET form', async () => {
    const { app } = await createNetworkApp();
    const { cookie } = await signInMember(app, PUBLIC_MEMBER);
    const names = async (query: string) => {
      const { text } = await request(app).get(`/network?${query}`).set('Cookie', cookie).expect(200);
      return [...text.matchAll(/<h3><a href="\/network\/([^"]+)">/g)].map((match) => match[1]);
    };
    expect(await names('jurisdiction=GH')).toEqual(['public.pat']);
    expect(await names('region=africa')).toEqual(['public.pat']);
    expect(await names('region=ECOWAS')).toEqual(['public.pat']);
    expect(await names('region=europe')).toEqual(['hidden.hana']);
    expect(await names('region=EU')).toEqual(['hidden.hana']);
    expect(await names('language=ar')).toEqual(['hidden.hana']);
    expect(await names('expertise=digital-device')).toEqual(['hidden.hana']);
    expect(await names('expertise=financial&region=europe')).toEqual([]);
    // Hostile or malformed values are ignored, never an error.
    expect(await names('jurisdiction=%3Cscript%3E&region=../x&language=english&expertise=Financial!')).toEqual(['hidden.hana', 'public.pat']);
    const { text } = await request(app).get('/network?region=ECOWAS').set('Cookie', cookie).expect(200);
    expect(text).toMatch(/<option value="ECOWAS" selected>/);
    expect(text).toContain('<label for="f-region">');
  });

  it('answers "who knows financial investigation in West Africa?" from the search box', async () => {
    const { app } = await createNetworkApp();
    const { cookie } = await signInMember(app, PUBLIC_MEMBER);
    const search = async (q: string) =>
      [...(await request(app).get('/network').query({ q }).set('Cookie', cookie).expect(200)).text.matchAll(/<h3><a href="\/network\/([^"]+)">/g)].map(
        (match) => match[1],
      );
    expect(await search('who knows financial investigation in West Africa?')).toEqual(['public.pat']);
    expect(await search('Zyxwert')).toEqual(['hidden.hana']);
    expect(await search('arabe')).toEqual(['hidden.hana']);
    expect(await search('qui connaît les preuves numériques en France')).toEqual(['hidden.hana']);
    expect(await search('nothing like this at all')).toEqual([]);
  });

  it('keeps what members search for out of the logs', async () => {
    const { app, logs } = await createNetworkApp();
    const { cookie } = await signInMember(app, PUBLIC_MEMBER);
    await request(app).get('/network?q=TellTaleSearchWords&region=africa').set('Cookie', cookie).expect(200);
    await request(app).get('/login?next=%2Fnetwork%3Fq%3DTellTaleSearchWords').expect(200);
    expect(logs.join('')).not.toContain('TellTaleSearchWords');
    expect(logs.join('')).toContain('"url":"/network?[private]"');
  });

  it('is in French and Spanish too', async () => {
    const { app } = await createNetworkApp();
    const { cookie } = await signInMember(app, PUBLIC_MEMBER);
    expect((await request(app).get('/network?lang=fr').set('Cookie', cookie).expect(200)).text).toContain('Réseau de praticiens');
    expect((await request(app).get('/network?lang=es').set('Cookie', cookie).expect(200)).text).toContain('Red de profesionales');
  });
});

describe('GET /network/:handle, a profile', () => {
  it('shows members everything, contact details included', async () => {
    const { app } = await createNetworkApp();
    const { cookie } = await signInMember(app, PUBLIC_MEMBER);
    const { text } = await request(app).get('/network/hidden.hana').set('Cookie', cookie).expect(200);
    for (const shown of [
      'Hana Zyxwert',
      'hana-contact@secret.example',
      '+99 555 0202 HANAPHONE',
      'HanaSignalHandleQx',
      'HanaOrganisationQx',
      'HanaBiographyQx',
    ])
      expect(text).toContain(shown);
  });

  it("shows anyone a public profile's name, jurisdictions, languages, expertise and notes — nothing else", async () => {
    const { app } = await createNetworkApp();
    const response = await request(app).get('/network/public.pat').expect(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.text).toContain('<h1>Patricia Publicova</h1>');
    expect(response.text).toContain('<a href="/jurisdictions/GH">Ghana</a>');
    expect(response.text).toContain('English, Akan');
    expect(response.text).toContain('<a href="/browse/evidence_types/financial">');
    expect(response.text).toContain('<a href="/notes/tracing-remittances" lang="en">Tracing remittances to show who profited from forced labour</a>');
    expectNoSecrets('/network/public.pat', response.text);
  });

  it('answers 404 to anonymous visitors for a members-only profile, exactly as for no profile at all', async () => {
    const { app } = await createNetworkApp();
    const hidden = await request(app).get('/network/hidden.hana').expect(404);
    const none = await request(app).get('/network/nobody.here').expect(404);
    expectNoSecrets('/network/hidden.hana', hidden.text);
    const strip = (text: string) => text.replace(/hidden\.hana|hidden hana|nobody\.here|nobody here/g, '').replace(/value="[^"]*"/g, '');
    expect(strip(hidden.text)).toBe(strip(none.text));
  });
});

describe('a member edits and deletes their profile', () => {
  it('shows problems beside their fields and in a summary linking to them, keeping what was typed', async () => {
    const { app } = await createNetworkApp();
    const { cookie, csrf } = await signInMember(app, PUBLIC_MEMBER);
    const { text } = await request(app)
      .post('/network/profile')
      .set('Cookie', cookie)
      .type('form')
      .send({
        ...PROFILE_FORM,
        display_name: '',
        jurisdictions: 'Ghana, Atlantis',
        languages: 'Klingonese',
        contact_email: 'not-an-address',
        expertise: ['financial', 'made-up'],
        csrf_token: csrf,
      })
      .expect(422);
    expect(text).toContain('role="alert"');
    expect(text).toContain('<a href="#f-display_name">Name: is required.</a>');
    expect(text).toMatch(/<a href="#f-jurisdictions">Jurisdictions: &#34;Atlantis&#34; is not a country name/);
    expect(text).toMatch(/<a href="#f-languages">Languages: &#34;Klingonese&#34; is not a language/);
    expect(text).toContain('<a href="#f-contact_email">');
    expect(text).toContain('<a href="#f-expertise">');
    expect(text).toContain('id="f-display_name-problem"');
    // Picked from a list now: Ghana ticked, what matched nothing kept where it was typed.
    expect(text).toMatch(/<fieldset class="picker field-error" id="f-jurisdictions" tabindex="-1">/);
    expect(text).toContain('<input type="checkbox" name="jurisdictions" value="GH" checked>');
    expect(text).toMatch(/<input id="f-jurisdictions-other" name="jurisdictions" value="Atlantis" maxlength="300" aria-invalid="true">/);
    expect(text).toMatch(/<input id="f-languages-other" name="languages" value="Klingonese"/);
  });

  it('saves a profile from names or codes, and shows it', async () => {
    const { app, network } = await createNetworkApp();
    const { cookie, csrf } = await signInMember(app, PUBLIC_MEMBER);
    const form = await request(app).get('/network/profile').set('Cookie', cookie).expect(200);
    expect(form.text).toContain('value="Patricia Publicova"');
    expect(form.text).toContain('<input type="checkbox" name="jurisdictions" value="GH" checked>');
    expect(form.text).toContain('<input type="checkbox" name="jurisdictions" value="NG" checked>');
    expect(form.text).toContain('<input type="checkbox" name="languages" value="en" checked>');
    await request(app)
      .post('/network/profile')
      .set('Cookie', cookie)
      .type('form')
      .send({ ...PROFILE_FORM, csrf_token: csrf })
      .expect(303)
      .expect('location', '/network/public.pat?saved=1');
    expect(await network.profile('public.pat')).toMatchObject({
      displayName: 'Kofi Mensah',
      jurisdictions: ['GH', 'CI'],
      languages: ['en', 'fr'],
      expertise: ['financial', 'international-evidence'],
      visibility: 'members',
    });
    const { text } = await request(app).get('/network/public.pat?saved=1').set('Cookie', cookie).expect(200);
    expect(text).toContain('Your profile has been saved.');
    // Now members-only: gone for anonymous readers.
    await request(app).get('/network/public.pat').expect(404);
  });

  it("refuses a change without the session's CSRF token", async () => {
    const { app, network } = await createNetworkApp();
    const { cookie } = await signInMember(app, PUBLIC_MEMBER);
    await request(app)
      .post('/network/profile')
      .set('Cookie', cookie)
      .type('form')
      .send({ ...PROFILE_FORM, csrf_token: 'forged' })
      .expect(403);
    await request(app).post('/network/profile/delete').set('Cookie', cookie).type('form').send({}).expect(403);
    expect((await network.profile('public.pat'))?.displayName).toBe('Patricia Publicova');
    await request(app).post('/network/profile').type('form').send(PROFILE_FORM).expect(303).expect('location', '/login?next=%2Fnetwork%2Fprofile');
  });

  it('deletes a profile and everything in it', async () => {
    const { app, network, stores } = await createNetworkApp();
    const { cookie, csrf } = await signInMember(app, PUBLIC_MEMBER);
    await request(app)
      .post('/network/profile/delete')
      .set('Cookie', cookie)
      .type('form')
      .send({ csrf_token: csrf })
      .expect(303)
      .expect('location', '/network?deleted=1');
    expect(await network.profile('public.pat')).toBeUndefined();
    expect(JSON.stringify((await stores.database.pool.query('SELECT * FROM profiles')).rows)).not.toContain('pat-contact@secret.example');
    await request(app).get('/network/public.pat').expect(404);
    const { text } = await request(app).get('/network?deleted=1').set('Cookie', cookie).expect(200);
    expect(text).toContain('Your profile has been deleted.');
    expect(text).not.toContain('/network/public.pat"');
  });
});

describe('invitations', () => {
  async function invite(app: Parameters<typeof signInMember>[0]) {
    const editor = await signInMember(app, NETWORK_EDITOR);
    const response = await request(app)
      .post('/network/invitations')
      .set('Cookie', editor.cookie)
      .type('form')
      .send({ label: 'K. Mensah, Accra', csrf_token: editor.csrf })
      .expect(201);
    const link = /id="cb-invitation-link" class="invitation-link" value="([^"]+)"/.exec(response.text)?.[1];
    expect(link).toMatch(/\/network\/join\/[A-Za-z0-9_-]{43}$/);
    return { editor, path: new URL(link!).pathname, token: link!.split('/').pop()! };
  }

  async function accept(app: Parameters<typeof signInMember>[0], url: string, fields: Record<string, unknown> = {}) {
    const form = await openPage(app, url);
    return request(app)
      .post(url)
      .set('Cookie', form.cookie)
      .type('form')
      .send({
        username: 'kofi.m',
        password: 'a long new password',
        password_confirm: 'a long new password',
        ...PROFILE_FORM,
        ...fields,
        csrf_token: form.csrf,
      });
  }

  it('lets an editor create a one-time link; only a hash of its token is kept, and no log line holds it', async () => {
    const { app, stores, logs } = await createNetworkApp();
    const { token, editor } = await invite(app);
    const stored = JSON.stringify((await stores.database.pool.query('SELECT * FROM invitations')).rows);
    expect(stored).not.toContain(token);
    expect(stored).toContain('"token_hash"');
    const page = await request(app).get('/network/invitations').set('Cookie', editor.cookie).expect(200);
    expect(page.text).toContain('K. Mensah, Accra');
    expect(page.text).not.toContain(token);
    await request(app).get(`/network/join/${token}`).expect(200);
    expect(logs.join('')).not.toContain(token);
    expect(logs.join('')).toContain('/network/join/[private]');
  });

  it('offers the new link with a copy button, and lets an editor withdraw it: the link then answers 410', async () => {
    const { app, stores } = await createNetworkApp();
    const editor = await signInMember(app, NETWORK_EDITOR);
    const created = await request(app)
      .post('/network/invitations')
      .set('Cookie', editor.cookie)
      .type('form')
      .send({ label: 'Sent to the wrong person', csrf_token: editor.csrf })
      .expect(201);
    expect(created.text).toMatch(/<button type="button" class="button-secondary" data-copy="cb-invitation-link"[^>]*>Copy the link<\/button>/);
    const url = new URL(/id="cb-invitation-link" class="invitation-link" value="([^"]+)"/.exec(created.text)![1]!).pathname;
    const page = (await request(app).get('/network/invitations').set('Cookie', editor.cookie).expect(200)).text;
    const revoke = /<form class="inline-form" action="([^"]+)" method="post">/.exec(page)?.[1];
    expect(revoke).toMatch(/^\/network\/invitations\/[^/]+\/revoke$/);
    await request(app).post(revoke!).set('Cookie', editor.cookie).type('form').send({}).expect(403);
    const member = await signInMember(app, PUBLIC_MEMBER);
    await request(app).post(revoke!).set('Cookie', member.cookie).type('form').send({ csrf_token: member.csrf }).expect(403);
    await request(app)
      .post(revoke!)
      .set('Cookie', editor.cookie)
      .type('form')
      .send({ csrf_token: editor.csrf })
      .expect(303)
      .expect('location', '/network/invitations');
    const refused = await request(app).get(url).expect(410);
    expect(refused.text).toContain('This invitation has been withdrawn');
    const after = (await request(app).get('/network/invitations').set('Cookie', editor.cookie).expect(200)).text;
    expect(after).toContain('Withdrawn');
    expect(after).not.toContain(revoke!);
    // One audit row, by the editor who withdrew it, naming the invitation; nothing for the refused tries.
    const id = decodeURIComponent(/^\/network\/invitations\/([^/]+)\/revoke$/.exec(revoke!)![1]!);
    expect((await stores.audit.entries()).filter((entry) => entry.action === 'invitation_revoked')).toEqual([
      expect.objectContaining({ actor: 'editor:editor.ed', detail: id }),
    ]);
    // Withdrawing it again changes nothing: the same answer, no second row.
    await request(app).post(revoke!).set('Cookie', editor.cookie).type('form').send({ csrf_token: editor.csrf }).expect(303);
    expect((await stores.audit.entries()).filter((entry) => entry.action === 'invitation_revoked')).toHaveLength(1);
  });

  it('takes the invitee from the link to a signed-in member with a profile; the link then refuses to work again', async () => {
    const { app, network, accounts } = await createNetworkApp();
    const { path: url } = await invite(app);
    const form = await request(app).get(url).expect(200);
    expect(form.headers['referrer-policy']).toBe('no-referrer');
    expect(form.text).toContain('<label for="f-username">');
    const joined = await accept(app, url);
    expect(joined.status).toBe(303);
    expect(joined.headers.location).toBe('/network/kofi.m?welcome=1');
    const cookie = (joined.headers['set-cookie'] as unknown as string[])
      .map((line) => line.split(';')[0])
      .find((pair) => pair!.startsWith('casebook_session='))!;
    expect((await request(app).get('/network/kofi.m?welcome=1').set('Cookie', cookie).expect(200)).text).toContain('Welcome to the network.');
    expect(await network.profile('kofi.m')).toMatchObject({ displayName: 'Kofi Mensah', jurisdictions: ['GH', 'CI'] });
    expect(await accounts.find('kofi.m')).toMatchObject({ username: 'kofi.m', role: 'member' });
    // Reuse: a clear page, whether opened or posted again.
    const again = await request(app).get(url).expect(410);
    expect(again.text).toContain('This invitation has already been used');
    const visitor = await openPage(app, '/login');
    await request(app)
      .post(url)
      .set('Cookie', visitor.cookie)
      .type('form')
      .send({ csrf_token: visitor.csrf, username: 'someone.else', password: 'a long new password', password_confirm: 'a long new password', display_name: 'X' })
      .expect(410);
  });

  it('expires after 7 days, with a clear page', async () => {
    const { app, clock } = await createNetworkApp();
    const { path: url } = await invite(app);
    clock.now = new Date(clock.now.getTime() + 7 * 24 * 3600_000 - 1000);
    await request(app).get(url).expect(200);
    const form = await openPage(app, url);
    clock.now = new Date(clock.now.getTime() + 1000);
    const expired = await request(app).get(url).expect(410);
    expect(expired.text).toContain('This invitation has expired');
    expect(expired.text).toContain('Invitation links work for 7 days.');
    // A form opened before the deadline and posted after it is refused too.
    await request(app)
      .post(url)
      .set('Cookie', form.cookie)
      .type('form')
      .send({ csrf_token: form.csrf, username: 'late.one', password: 'a long new password', password_confirm: 'a long new password', display_name: 'Late' })
      .expect(410);
    expect((await request(app).get(url).query({ lang: 'fr' }).expect(410)).text).toContain('Cette invitation a expiré');
  });

  it('refuses an unknown link, a taken username and mismatched passwords, without using the link up', async () => {
    const { app } = await createNetworkApp();
    expect((await request(app).get('/network/join/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA').expect(404)).text).toContain(
      'This invitation link is not valid',
    );
    await request(app).get('/network/join/short').expect(404);
    const { path: url } = await invite(app);
    const taken = await accept(app, url, { username: 'public.pat' });
    expect(taken.status).toBe(422);
    expect(taken.text).toContain('<a href="#f-username">Username: is already taken; choose another.</a>');
    const reserved = await accept(app, url, { username: 'profile' });
    expect(reserved.status).toBe(422);
    expect(reserved.text).toContain('<a href="#f-username">');
    const mismatch = await accept(app, url, { password_confirm: 'something else entirely' });
    expect(mismatch.status).toBe(422);
    expect(mismatch.text).toContain('<a href="#f-password_confirm">');
    expect((await accept(app, url)).status).toBe(303);
  });
});

describe('attribution', () => {
  it('names members on the notes they wrote or reviewed, as far as the reader may see them', async () => {
    const { app } = await createNetworkApp();
    const anonymous = (await request(app).get('/notes/tracing-remittances').expect(200)).text;
    expect(anonymous).toContain('<a href="/network/public.pat">Patricia Publicova</a>');
    expect(anonymous).toMatch(/Reviewed by hidden\.hana, <a href="\/network\/public\.pat">Patricia Publicova<\/a>, K\.O\./);
    expect(anonymous).toMatch(/Written by<\/dt>\s*<dd><a href="\/network\/public\.pat">Patricia Publicova<\/a><\/dd>/);
    expectNoSecrets('/notes/tracing-remittances', anonymous);
    const { cookie } = await signInMember(app, PUBLIC_MEMBER);
    const member = (await request(app).get('/notes/tracing-remittances').set('Cookie', cookie).expect(200)).text;
    expect(member).toContain('<a href="/network/hidden.hana">Hana Zyxwert</a>');
    // And the anonymous page, cached, still does not carry it.
    expectNoSecrets('/notes/tracing-remittances again', (await request(app).get('/notes/tracing-remittances').expect(200)).text);
  });

  it("lists a member's notes on their profile, and follows a change of visibility at once", async () => {
    const { app, network } = await createNetworkApp();
    const { cookie } = await signInMember(app, HIDDEN_MEMBER);
    const profile = (await request(app).get('/network/hidden.hana').set('Cookie', cookie).expect(200)).text;
    expect(profile).toMatch(/<a href="\/notes\/tracing-remittances" lang="en">[^<]+<\/a> <span class="meta-item">\(reviewed\)<\/span>/);
    await request(app).get('/notes/tracing-remittances').expect(200);
    await network.saveProfile({ ...(await network.profile('public.pat'))!, visibility: 'members' });
    expect((await request(app).get('/notes/tracing-remittances').expect(200)).text).not.toContain('Patricia Publicova');
  });
});

describe("no anonymous response carries a member's private data", () => {
  it('holds for every page, feed, API answer and search, and for the logs of those requests', async () => {
    const { app, logs } = await createNetworkApp();
    const urls = [
      '/',
      '/search?q=Zyxwert',
      '/search?q=pat-contact',
      '/search?q=HanaOrganisation',
      '/search?q=Patricia+Publicova',
      '/search?q=remittances',
      '/notes/tracing-remittances',
      '/browse/evidence_types/financial',
      '/browse/jurisdictions/GH',
      '/collections/phone-evidence',
      '/glossary',
      '/map',
      '/feed.xml',
      '/search.xml?q=remittances',
      '/search.xml?q=Zyxwert',
      '/api/search?q=Zyxwert',
      '/api/search?q=HanaSignalHandle',
      '/api/search?q=remittances',
      '/api/notes/tracing-remittances',
      '/api/facets',
      '/authorities',
      '/api/authorities',
      '/recommendations',
      '/recommendations.xml',
      '/api/recommendations',
      '/jurisdictions',
      '/jurisdictions/GH',
      '/jurisdictions/FR',
      '/contribute',
      '/login',
      '/editor/login',
      '/editor',
      '/downloads',
      '/healthz',
      '/readyz',
      '/network',
      '/network?q=Zyxwert',
      '/network/public.pat',
      '/network/hidden.hana',
      '/network/profile',
      '/network/invitations',
      '/network/join/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      '/network/nobody',
      '/notes/hidden.hana',
      '/hidden.hana',
    ];
    for (const url of urls) {
      for (const lang of ['en', 'fr']) {
        const response = await request(app).get(url).query({ lang });
        expect(response.status, url).toBeLessThan(500);
        expectNoSecrets(`${url} (${lang})`, response.text + JSON.stringify(response.headers));
      }
    }
    expectNoSecrets('the logs', logs.join(''));
  });
});
