import pg from 'pg';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createNetworkApp, PUBLIC_MEMBER, signInMember } from './network-app.js';

// Every statement any connection sends, counted at the driver.
let statements = 0;
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function counted(this: pg.Client, ...args: unknown[]) {
  statements++;
  return (originalQuery as (...rest: unknown[]) => unknown).apply(this, args);
} as typeof originalQuery;
afterAll(() => {
  pg.Client.prototype.query = originalQuery;
});

async function statementsFor(send: () => Promise<unknown>): Promise<number> {
  const before = statements;
  await send();
  return statements - before;
}

describe('what reading costs the database', () => {
  it("nothing for an anonymous reader, and at most one query for a signed-in member's page", async () => {
    const { app } = await createNetworkApp();
    const member = await signInMember(app, PUBLIC_MEMBER);
    // The first page of a process reads the profiles that name authors (once per ten seconds, whoever reads).
    await request(app).get('/notes/tracing-remittances').expect(200);
    for (const url of ['/notes/tracing-remittances', '/', '/search?q=phone', '/notes/phone-evidence-control', '/glossary']) {
      expect(await statementsFor(() => request(app).get(url).expect(200)), `anonymous ${url}`).toBe(0);
    }
    const pages = ['/notes/tracing-remittances', '/search?q=phone', '/network', '/network/public.pat'];
    const costs = [];
    for (const url of pages) costs.push(await statementsFor(() => request(app).get(url).set('Cookie', member.cookie).expect(200)));
    // The session read is remembered a few seconds, so most pages cost nothing; the directory needs its profiles.
    expect(
      costs.every((cost) => cost <= 1),
      JSON.stringify(costs),
    ).toBe(true);
    expect(await statementsFor(() => request(app).get('/notes/tracing-remittances').set('Cookie', member.cookie).expect(200))).toBe(0);
  });
});
