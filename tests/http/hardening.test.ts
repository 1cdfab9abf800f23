import { Writable } from 'node:stream';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/create-logger.js';
import { createApp } from '../../server/web/create-app.js';
import { createTestApp } from './test-app.js';
import { createContributeApp, signIn } from './contribute-app.js';

describe('security headers', () => {
  it('sends a strict CSP, nosniff, a referrer policy, and no HSTS over plain http', async () => {
    const { app } = await createTestApp();
    const { headers } = await request(app).get('/').expect(200);
    expect(headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).toContain("object-src 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['strict-transport-security']).toBeUndefined();
    expect(headers['x-powered-by']).toBeUndefined();
  });

  it('sends HSTS behind an https proxy it trusts, and only then', async () => {
    const { kb, noteIndex } = await createTestApp();
    const trusting = createApp({ noteIndex, knowledgeBase: kb, trustProxy: 'loopback' });
    const secure = await request(trusting).get('/').set('X-Forwarded-Proto', 'https').expect(200);
    expect(secure.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const { app } = await createTestApp();
    expect((await request(app).get('/').set('X-Forwarded-Proto', 'https')).headers['strict-transport-security']).toBeUndefined();
  });
});

describe('rate limits', () => {
  it('answers 429 to a client that searches too often, and keeps guidance pages open to it', async () => {
    const { kb, noteIndex } = await createTestApp();
    const app = createApp({ noteIndex, knowledgeBase: kb, searchRateLimit: 3 });
    for (let i = 0; i < 3; i++) await request(app).get('/api/search?q=x').expect(200);
    const limited = await request(app).get('/api/search?q=x').expect(429);
    expect(limited.body).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    expect(limited.headers.ratelimit).toBeDefined();
    expect((await request(app).get('/search').expect(429)).text).toContain('Too many requests');
    await request(app).get('/notes/phone-evidence-control').expect(200);
  });
});

describe('logs', () => {
  it('writes one structured access-log line per request with its request id, and no cookie', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const { kb, noteIndex } = await createTestApp();
    const app = createApp({ noteIndex, knowledgeBase: kb, logger: createLogger({ destination }) });
    const response = await request(app).get('/search?q=phone').set('Cookie', 'lang=fr; secret=s3cr3t').set('Accept-Encoding', 'identity').expect(200);
    const id = response.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const access = lines.find((line) => (line.req as { id?: string } | undefined)?.id === id);
    expect(access).toMatchObject({ level: 30, req: { method: 'GET', url: '/search?q=phone' }, responseTime: expect.any(Number) });
    // The status and the size; not the headers, which are the same on every line (the security policy alone is 250 bytes).
    expect(access!.res).toEqual({ statusCode: 200, contentLength: Number(response.headers['content-length']) });
    expect(JSON.stringify(lines)).not.toContain('s3cr3t');
  });

  it("never logs a cookie the app sets: an editor's session, a form's CSRF cookie, a language", async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const { app } = await createContributeApp({ logger: createLogger({ destination }) });
    const { cookie } = await signIn(app);
    const session = cookie.split('=')[1]!;
    expect(session.length).toBeGreaterThan(20);
    await request(app).get('/?lang=fr').expect(200);
    const log = lines.join('');
    expect(log).toContain('/editor/login');
    expect(log).not.toContain(session);
  });

  it("never logs a submission's private status address, its contributor's only key", async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const { kb, noteIndex } = await createTestApp();
    const app = createApp({ noteIndex, knowledgeBase: kb, logger: createLogger({ destination }) });
    await request(app).get('/contribute/AbCdEfGhIjKlMnOpQrStUv?lang=fr');
    expect(lines.join('')).not.toContain('AbCdEfGhIjKlMnOpQrStUv');
    expect(lines.join('')).toContain('/contribute/[private]');
  });

  it('keeps a sane incoming X-Request-Id and replaces a hostile one', async () => {
    const { app } = await createTestApp();
    expect((await request(app).get('/healthz').set('X-Request-Id', 'proxy-1234abcd')).headers['x-request-id']).toBe('proxy-1234abcd');
    expect((await request(app).get('/healthz').set('X-Request-Id', '<script>')).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('errors', () => {
  it('caps the words a 404 page searches for, and stops searching for a client that sends too many', async () => {
    const { kb, noteIndex } = await createTestApp();
    const searched: string[] = [];
    const spy = {
      ...noteIndex,
      search: (query: Parameters<typeof noteIndex.search>[0]) => {
        searched.push(query.text);
        return noteIndex.search(query);
      },
      related: noteIndex.related.bind(noteIndex),
      count: noteIndex.count.bind(noteIndex),
      status: noteIndex.status.bind(noteIndex),
      recommendations: noteIndex.recommendations.bind(noteIndex),
    };
    const app = createApp({ noteIndex: spy, knowledgeBase: kb, searchRateLimit: 3 });
    await request(app)
      .get(`/${Array.from({ length: 40 }, (_, i) => `word${i}`).join('-')}`)
      .expect(404);
    expect(searched).toEqual(['word0 word1 word2 word3 word4 word5 word6 word7']);
    for (let i = 0; i < 5; i++) await request(app).get('/missing-page').expect(404);
    expect(searched).toHaveLength(3);
  });

  it('answers odd paths without failing', async () => {
    const { app } = await createTestApp();
    for (const odd of ['//', '//evil.example/x', '/notes/%2e%2e%2fetc', '/%FF']) expect((await request(app).get(odd)).status, odd).toBeLessThan(500);
  });

  it('never sends a stack trace or an internal path', async () => {
    const { kb } = await createTestApp();
    const broken = {
      search: () => {
        throw new TypeError('boom at /work/main/server/x.ts:1:1');
      },
      count: async () => [],
      related: async () => [],
      recommendations: async () => [],
      status: async () => ({ reachable: true, indexPresent: true }),
    };
    const app = createApp({ noteIndex: broken, knowledgeBase: kb });
    const html = await request(app).get('/search?q=x').expect(500);
    const json = await request(app).get('/api/search?q=x').expect(500);
    for (const text of [html.text, JSON.stringify(json.body)]) {
      expect(text).not.toContain('boom');
      expect(text).not.toMatch(/\/work\/|\.ts:\d/);
    }
  });
});
