import { compactNote, withKeptBody } from '../../server/content/compact-note.js';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { SearchEngineError } from '../../server/errors.js';
import { resolveBinary, startOrJoinEmbeddedEngine } from '../../server/search/embedded-meilisearch.js';
import { MeilisearchNoteReader } from '../../server/search/meilisearch-note-reader.js';
import { MeilisearchNoteWriter } from '../../server/search/meilisearch-note-writer.js';
import { obtainSearchKey } from '../../server/search/obtain-search-key.js';
import { reindex } from '../../server/search/reindex.js';
import { engineWriter, fixtureKnowledgeBase, noteQuery, TODAY } from './engine-test-context.js';

describe('the embedded engine', () => {
  it('is joined, not started twice, by a second command on the same data directory, and stops with its owner', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'casebook-join-'));
    const owner = await startOrJoinEmbeddedEngine({ dataDir });
    try {
      const keyFile = path.join(dataDir, 'meilisearch', 'master-key');
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(owner.masterKey).toBe(readFileSync(keyFile, 'utf8').trim());
      const second = await startOrJoinEmbeddedEngine({ dataDir });
      expect(second).toMatchObject({ url: owner.url, owned: false, masterKey: owner.masterKey });
    } finally {
      await owner.stop();
    }
    expect(existsSync(path.join(dataDir, 'meilisearch', 'engine.json'))).toBe(false);
    expect(
      await fetch(`${owner.url}/health`).then(
        () => 'up',
        () => 'down',
      ),
    ).toBe('down');
  });

  it('names the ways out when no binary exists', () => {
    expect(() => resolveBinary('/nonexistent/meilisearch')).toThrow(SearchEngineError);
    expect(() => resolveBinary('/nonexistent/meilisearch')).toThrow(/MEILI_BIN or MEILI_URL/);
  });
});

describe('the Meilisearch adapter', () => {
  it('says the engine is unreachable instead of throwing', async () => {
    const index = new MeilisearchNoteReader({ host: 'http://127.0.0.1:9', apiKey: undefined, indexName: 'notes', requestTimeoutMs: 500 });
    expect(await index.status()).toEqual({ reachable: false, indexPresent: false });
    await expect(index.search(noteQuery('x'))).rejects.toBeInstanceOf(SearchEngineError);
  });

  it('gives the web app a key that can search but not write', async () => {
    const kb = await fixtureKnowledgeBase();
    const admin = engineWriter('search_key', kb);
    await reindex(admin, kb, TODAY);
    const key = await obtainSearchKey(admin.client, 'search_key');
    expect(await obtainSearchKey(admin.client, 'search_key')).toBe(key);
    const reader = new MeilisearchNoteReader({ host: inject('meiliUrl'), apiKey: key, indexName: 'search_key' });
    expect(await reader.status()).toMatchObject({ indexPresent: true, documentCount: 5 });
    expect((await reader.search(noteQuery('phone'))).totalHits).toBeGreaterThan(0);
    // The same key in a writer's hands can write nothing.
    const writerWithSearchKey = new MeilisearchNoteWriter({ host: inject('meiliUrl'), apiKey: key, indexName: 'search_key' });
    await expect(writerWithSearchKey.remove('phone-evidence-control')).rejects.toThrow(/invalid_api_key|403|forbidden/i);
  });

  it('asks for uncompressed responses (gzip costs about 40 ms a search)', async () => {
    let acceptEncoding: string | undefined;
    const server = createServer((req, res) => {
      acceptEncoding = req.headers['accept-encoding'];
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"available"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      await new MeilisearchNoteReader({ host: `http://127.0.0.1:${port}`, apiKey: undefined, indexName: 'notes' }).client.health();
    } finally {
      server.close();
    }
    expect(acceptEncoding).toBe('identity');
  });

  it('escapes stored markup in highlighted snippets', async () => {
    const kb = await fixtureKnowledgeBase();
    const note = kb.bySlug.get('labour-inspection-records')!;
    const index = engineWriter('highlight', kb);
    // Inline code keeps the markup as text, so the engine stores it and must not hand it back as HTML.
    const hostile = compactNote({ ...withKeptBody(note)!, body: 'wages `<script>alert("x")</script>` were withheld `<img src=x onerror=alert(1)>`' });
    await reindex(index, { ...kb, notes: [hostile] }, TODAY);
    const [hit] = (await index.search(noteQuery('wages withheld'))).hits;
    expect(hit?.snippetHtml).toContain('<mark>wages</mark> &lt;script&gt;');
    expect(hit?.snippetHtml).not.toMatch(/<script|<img/);
  });
});
