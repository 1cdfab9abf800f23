import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../server/web/rate-limits.js';
import { createContributeApp, openForm } from './contribute-app.js';
import { createNetworkApp, openPage, PUBLIC_MEMBER } from './network-app.js';

const FORM = {
  summary: 'Ask money-transfer firms for the records behind the debt, and show it could never be cleared.',
  language: 'en',
  jurisdictions: 'KE',
  evidence_types: 'financial',
  stages: 'investigation',
  evidence_basis: 'practitioner-consensus',
  last_reviewed: '2026-11-01',
  body: '## What to do\n\nRequest the transfer records early.',
  submitter_name: 'W.K.',
  submitter_email: 'wk@example.org',
};

function multipart(call: request.Test, fields: Record<string, string>): request.Test {
  for (const [name, value] of Object.entries(fields)) call = call.field(name, value);
  return call;
}

describe('limits a training room can live with', () => {
  it('lets a workshop of twenty sign in from one address, with a few typos, under the default limits', async () => {
    const { app, accounts } = await createNetworkApp({ defaultLimits: true });
    const trainees = Array.from({ length: 20 }, (_, index) => ({ username: `trainee.${index}`, password: `trainee password ${index}` }));
    for (const trainee of trainees) await accounts.add(trainee.username, trainee.password, 'member');
    const form = await openPage(app, '/login');
    const post = (fields: Record<string, string>) =>
      request(app)
        .post('/login')
        .set('Cookie', form.cookie)
        .type('form')
        .send({ csrf_token: form.csrf, ...fields });
    // Five mistyped passwords among the twenty sign-ins, as in any room.
    for (const trainee of trainees.slice(0, 5)) await post({ username: trainee.username, password: 'mistyped' }).expect(401);
    for (const trainee of trainees) await post(trainee).expect(303);
    // Successful sign-ins cost nothing: the same twenty again still get in.
    for (const trainee of trainees) await post(trainee).expect(303);
  });

  it('lets five contributors behind one address send their notes, however many steps each takes', async () => {
    const { app, submissions } = await createContributeApp({ defaultLimits: true });
    const { cookie, csrf } = await openForm(app);
    for (let person = 0; person < 5; person++) {
      const fields = { ...FORM, title: `Using wire-transfer records to prove debt bondage, contributor ${person + 1}`, csrf_token: csrf };
      for (const step of ['1', '2', '3', '4'])
        await multipart(request(app).post('/contribute').set('Cookie', cookie), { ...fields, step, action: 'next' }).expect(200);
      await multipart(request(app).post('/contribute').set('Cookie', cookie), { ...fields, step: '5', goto: '2' }).expect(200);
      await multipart(request(app).post('/contribute').set('Cookie', cookie), { ...fields, step: '2', action: 'back' }).expect(200);
      await multipart(request(app).post('/contribute').set('Cookie', cookie), { ...fields, action: 'preview' }).expect(200);
      await multipart(request(app).post('/contribute').set('Cookie', cookie), { ...fields, action: 'submit' }).expect(303);
    }
    expect(await submissions.list()).toHaveLength(5);
  });

  it("stops guessing at one account from any address, in the reader's language, with the true wait and the name kept", async () => {
    const { app } = await createNetworkApp({ defaultLimits: true });
    const form = await openPage(app, '/login?lang=fr');
    const post = (fields: Record<string, string>) =>
      request(app)
        .post('/login')
        .set('Cookie', form.cookie)
        .type('form')
        .send({ csrf_token: form.csrf, ...fields });
    for (let i = 0; i < DEFAULT_LIMITS.failedSignInsByName.limit; i++) await post({ username: PUBLIC_MEMBER.username, password: `guess ${i}` }).expect(401);
    const refused = await post(PUBLIC_MEMBER).expect(429);
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
    expect(refused.text).toContain('<html lang="fr">');
    expect(refused.text).toMatch(/Vous pourrez réessayer dans 15 minutes/);
    expect(refused.text).toContain(`value="${PUBLIC_MEMBER.username}"`);
    expect(refused.text).not.toContain(PUBLIC_MEMBER.password);
    // Another account at the same address is not locked by the guesses.
    await post({ username: 'hidden.hana', password: 'hidden member password' }).expect(303);
  });

  it('stops many failed sign-ins from one address, whatever the names', async () => {
    const { app } = await createNetworkApp({ loginRateLimit: 3 });
    const form = await openPage(app, '/login?lang=es');
    const post = (fields: Record<string, string>) =>
      request(app)
        .post('/login')
        .set('Cookie', form.cookie)
        .type('form')
        .send({ csrf_token: form.csrf, ...fields });
    for (let i = 0; i < 3; i++) await post({ username: `nobody.${i}`, password: 'x' }).expect(401);
    const refused = await post({ username: 'nobody.9', password: 'x' }).expect(429);
    expect(refused.text).toMatch(/Podrá volver a intentarlo dentro de 15 minutos/);
  });

  it('refuses a send beyond the allowance with the form again, every answer kept, and the wait in minutes', async () => {
    const { app, submissions } = await createContributeApp({ submissionRateLimit: 1 });
    const { cookie, csrf } = await openForm(app);
    const fields = (title: string) => ({ ...FORM, title, csrf_token: csrf, action: 'submit' });
    await multipart(request(app).post('/contribute').set('Cookie', cookie), fields('Using wire-transfer records to prove a debt was never repayable')).expect(
      303,
    );
    const refused = await multipart(
      request(app).post('/contribute?lang=en').set('Cookie', cookie),
      fields('Reading remittance slips to show who controlled the wages'),
    ).expect(429);
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
    expect(refused.text).toMatch(/you can send them in (59|60) minutes/);
    // Every answer is in the page to send again: the title, the summary and the body.
    expect(refused.text).toContain('Reading remittance slips to show who controlled the wages');
    expect(refused.text).toContain('Ask money-transfer firms for the records behind the debt');
    expect(refused.text).toContain('Request the transfer records early.');
    expect(await submissions.list()).toHaveLength(1);
  });

  it("answers a search beyond the allowance with a page in the reader's language and the wait", async () => {
    const { app } = await createContributeApp();
    for (let i = 0; i < DEFAULT_LIMITS.searches.limit; i++) await request(app).get('/api/search?q=x').expect(200);
    const refused = await request(app).get('/search?q=x&lang=es').expect(429);
    expect(refused.text).toContain('<html lang="es">');
    expect(refused.text).toMatch(/Podrá volver a intentarlo dentro de (1 minuto|\d+ segundos)/);
  });
});
