import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../fixtures/fixture-files.js';
import { createTestApp } from './test-app.js';

const PUBLIC = path.resolve(FIXTURES, '..', '..', 'public');

describe('pages on a slow link', () => {
  it('compresses a results page for a browser that accepts gzip, and sends it plain to one that does not', async () => {
    const { app } = await createTestApp();
    const plain = await request(app).get('/search?q=evidence').set('Accept-Encoding', 'identity').expect(200);
    // Read off the wire (supertest would unzip it): the bytes a slow link carries.
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const gzipped = await new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      get({ host: '127.0.0.1', port, path: '/search?q=evidence', headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    }).finally(() => server.close());
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toMatch(/Accept-Encoding/);
    expect(gunzipSync(gzipped.body).toString()).toBe(plain.text);
    expect(gzipped.body.length).toBeLessThan(Buffer.byteLength(plain.text) / 3);
  });

  it('links its stylesheet and scripts by content hash, served for a year as immutable; the plain names keep working for an hour', async () => {
    const { app } = await createTestApp();
    const page = await request(app).get('/notes/phone-evidence-control').expect(200);
    const hash = createHash('sha256')
      .update(readFileSync(path.join(PUBLIC, 'casebook.css')))
      .digest('hex')
      .slice(0, 10);
    expect(page.text).toContain(`<link rel="stylesheet" href="/static/casebook.${hash}.css">`);
    const script = /<script src="(\/static\/casebook\.[0-9a-f]{10}\.js)" defer>/.exec(page.text)?.[1];
    expect(script).toBeDefined();
    const css = await request(app).get(`/static/casebook.${hash}.css`).expect(200);
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect((await request(app).get(script!).expect(200)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await request(app).get('/static/casebook.css').expect(200)).headers['cache-control']).toBe('public, max-age=3600');
    // A name from another release gets today's file, but not for a year.
    expect((await request(app).get('/static/casebook.0123456789.css').expect(200)).headers['cache-control']).toBe('public, max-age=3600');
    await request(app).get('/static/nothing.0123456789.css').expect(404);
  });

  it('offers a keyboard a "Skip to results" link, second on the page, to the first result', async () => {
    const { app } = await createTestApp();
    const { text } = await request(app).get('/search?q=evidence&jurisdictions=GB-EAW').expect(200);
    const links = [...text.matchAll(/<a class="skip-link" href="([^"]+)">([^<]+)<\/a>/g)].map((match) => [match[1], match[2]]);
    expect(links).toEqual([
      ['#cb-main', 'Skip to content'],
      ['#cb-hits', 'Skip to results'],
    ]);
    expect(text).toMatch(/<ol class="hits" id="cb-hits" tabindex="-1"[^>]*>\s*<li class="hit">/);
  });
});
