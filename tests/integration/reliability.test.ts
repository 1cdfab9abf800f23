import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { SearchEngineError } from '../../server/errors.js';
import { connectSearchEngine } from '../../server/search/connect-search-engine.js';
import { findFreePort } from '../../server/find-free-port.js';
import { startOrJoinEmbeddedEngine } from '../../server/search/embedded-meilisearch.js';
import { buildIndexSettings } from '../../server/search/index-settings.js';
import { MeilisearchNoteReader } from '../../server/search/meilisearch-note-reader.js';
import { MeilisearchNoteWriter } from '../../server/search/meilisearch-note-writer.js';
import { obtainSearchKey } from '../../server/search/obtain-search-key.js';
import { escapeHtml } from '../../server/search/safe-highlight.js';
import { createTranslator } from '../../server/web/i18n.js';
import { reindex } from '../../server/search/reindex.js';
import { createApp } from '../../server/web/create-app.js';
import { FIXTURE_KNOWLEDGE, FIXTURES } from '../fixtures/fixture-files.js';
import { engineWriter, fixtureKnowledgeBase, noteQuery, TODAY } from './engine-test-context.js';

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await sleep(100);
  }
  throw new Error(`not true within ${timeoutMs} ms`);
}

describe('an engine outage', () => {
  it('keeps guidance pages up, answers search with a polite 503, and recovers on its own when the engine is back', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'casebook-outage-'));
    const events: string[] = [];
    const engine = await startOrJoinEmbeddedEngine({ dataDir, log: (line) => events.push(line) });
    try {
      const kb = await fixtureKnowledgeBase();
      const writer = new MeilisearchNoteWriter({
        host: engine.url,
        apiKey: engine.masterKey,
        indexName: 'notes',
        settings: buildIndexSettings(),
        synonyms: kb.synonyms,
      });
      await reindex(writer, kb, TODAY);
      const reader = new MeilisearchNoteReader({ host: engine.url, apiKey: await obtainSearchKey(writer.client, 'notes'), indexName: 'notes' });
      const app = createApp({ noteIndex: reader, knowledgeBase: kb, today: () => TODAY });
      await request(app).get('/search?q=phone').expect(200);
      // Traffic before the outage: the guidance page's renderer thread is already running, as in production.
      await request(app).get('/notes/labour-inspection-records').expect(200);

      const { pid } = JSON.parse(readFileSync(path.join(dataDir, 'meilisearch', 'engine.json'), 'utf8')) as { pid: number };
      process.kill(pid, 'SIGKILL');
      await waitFor(async () => (await request(app).get('/readyz')).status === 503, 5_000);

      const search = await request(app).get('/search?q=phone&lang=fr').expect(503);
      expect(search.text).toContain(escapeHtml(createTranslator('fr')('search.unavailable')));
      expect(search.text).toContain('href="/glossary"');
      await request(app).get('/notes/phone-evidence-control').expect(200);
      await request(app).get('/').expect(200);
      await request(app).get('/healthz').expect(200);
      expect((await request(app).get('/api/search?q=phone').expect(503)).body.error.code).toBe('search_unavailable');

      const recoveredAfter = await waitFor(async () => (await request(app).get('/search?q=phone')).status === 200, 30_000);
      expect(recoveredAfter).toBeLessThan(30_000);
      expect(events.some((line) => /exited .*restarting in 1 s/.test(line))).toBe(true);
      // The supervisor logs the restart just after the engine answers again.
      await waitFor(async () => events.some((line) => line.startsWith('Meilisearch is back')), 5_000);
      console.info(`engine killed; search back after ${recoveredAfter} ms without restarting the app`);
    } finally {
      await engine.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('gives up on an engine call that hangs, after the request timeout', async () => {
    const hanging = createServer(() => {});
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const { port } = hanging.address() as { port: number };
    try {
      const index = new MeilisearchNoteReader({ host: `http://127.0.0.1:${port}`, apiKey: undefined, indexName: 'notes', requestTimeoutMs: 300 });
      const started = Date.now();
      await expect(index.search(noteQuery('x'))).rejects.toBeInstanceOf(SearchEngineError);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      hanging.closeAllConnections();
      hanging.close();
    }
  });

  it('waits for an external engine that is not up yet', async () => {
    const port = await findFreePort();
    const late = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"available"}'));
    setTimeout(() => late.listen(port, '127.0.0.1'), 1_500);
    try {
      const lines: string[] = [];
      const engine = await connectSearchEngine(loadConfig({ MEILI_URL: `http://127.0.0.1:${port}` }), { waitMs: 10_000, log: (line) => lines.push(line) });
      expect(engine.url).toBe(`http://127.0.0.1:${port}`);
      expect(lines[0]).toMatch(/not answering yet \(attempt 1\)/);
    } finally {
      late.close();
    }
  });
});

describe('a full reindex under search traffic', () => {
  it('loses no request while `npm run index -- --full` swaps the index', async () => {
    const kb = await fixtureKnowledgeBase();
    const writer = engineWriter('under_load', kb);
    await reindex(writer, kb, TODAY);
    const app = createApp({ noteIndex: writer, knowledgeBase: kb, today: () => TODAY, searchRateLimit: 100_000 });

    const indexing = spawn(process.execPath, ['--import', 'tsx', path.resolve(FIXTURES, '..', '..', 'scripts', 'index.ts'), '--full'], {
      cwd: path.resolve(FIXTURES, '..', '..'),
      env: {
        ...process.env,
        CI: 'true',
        KNOWLEDGE_DIR: FIXTURE_KNOWLEDGE,
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'casebook-under-load-')),
        MEILI_URL: inject('meiliUrl'),
        MEILI_MASTER_KEY: inject('meiliKey'),
        MEILI_INDEX: 'under_load',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    indexing.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exitCode = new Promise<number | null>((resolve) => indexing.once('exit', resolve));

    let running = true;
    const statuses: number[] = [];
    const totals = new Set<number>();
    const traffic = (async () => {
      while (running) {
        const response = await request(app).get('/api/search?q=evidence');
        statuses.push(response.status);
        if (response.status === 200) totals.add(response.body.totalHits as number);
      }
    })();
    expect(await exitCode).toBe(0);
    // Keep searching a moment after the swap, so requests on both sides of it are counted.
    await sleep(300);
    running = false;
    await traffic;

    expect(output).toContain('✔ indexed 5 notes into "under_load"');
    expect(statuses.length).toBeGreaterThan(20);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect(totals.size).toBe(1);
    console.info(`${statuses.length} searches during npm run index, ${statuses.filter((s) => s !== 200).length} failed`);
  });
});
