import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/web/create-app.js';
import { InMemoryNoteIndex } from './in-memory-note-index.js';
import { createTestApp } from './test-app.js';

async function appWithPacks(files: Record<string, number>) {
  const { kb } = await createTestApp();
  const downloadsDir = mkdtempSync(path.join(tmpdir(), 'casebook-downloads-'));
  for (const [name, bytes] of Object.entries(files)) {
    writeFileSync(path.join(downloadsDir, name), Buffer.alloc(bytes, 1));
    utimesSync(path.join(downloadsDir, name), new Date('2026-11-29T03:00:00Z'), new Date('2026-11-29T03:00:00Z'));
  }
  return createApp({ noteIndex: new InMemoryNoteIndex(kb), knowledgeBase: kb, today: () => '2026-11-29', downloadsDir });
}

describe('GET /downloads', () => {
  it('lists the whole knowledge base first, then one pack per jurisdiction, with size and date', async () => {
    const app = await appWithPacks({ 'casebook-KE.zip': 412_000, 'casebook-all.zip': 4_200_000, 'casebook-GB-EAW.zip': 900_000, 'notes.txt': 10 });
    const { text } = await request(app).get('/downloads').expect(200);
    const whole = text.indexOf('The whole knowledge base');
    expect(whole).toBeGreaterThan(0);
    expect(text.indexOf('Kenya, with international and regional notes')).toBeGreaterThan(whole);
    expect(text).toContain('href="/downloads/casebook-all.zip"');
    expect(text).toContain('4.2 MB');
    expect(text).toContain('412 kB');
    expect(text).toContain('<time datetime="2026-11-29">29 November 2026</time>');
    expect(text).not.toContain('notes.txt');
  });

  it('serves a pack', async () => {
    const app = await appWithPacks({ 'casebook-all.zip': 2_000 });
    const response = await request(app).get('/downloads/casebook-all.zip').expect(200);
    expect(response.body.length ?? Number(response.headers['content-length'])).toBeGreaterThan(0);
  });

  it('speaks French and Spanish', async () => {
    const app = await appWithPacks({ 'casebook-all.zip': 2_000 });
    expect((await request(app).get('/downloads?lang=fr').expect(200)).text).toContain('Toute la base de connaissances');
    expect((await request(app).get('/downloads?lang=es').expect(200)).text).toContain('Toda la base de conocimiento');
  });

  it('says how packs are made while there are none', async () => {
    const { app } = await createTestApp();
    expect((await request(app).get('/downloads').expect(200)).text).toContain('npm run export -- --downloads');
  });
});
