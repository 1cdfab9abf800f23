import { createServer, type Server } from 'node:http';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { loadKnowledge } from '../../server/knowledge/load-knowledge.js';
import { applyKnowledgeUpdate } from '../../server/search/apply-knowledge-update.js';
import { openLiveKnowledge } from '../../server/knowledge/live-knowledge.js';
import { startOrJoinEmbeddedEngine, type EngineHandle } from '../../server/search/embedded-meilisearch.js';
import { buildIndexSettings } from '../../server/search/index-settings.js';
import { MeilisearchNoteWriter } from '../../server/search/meilisearch-note-writer.js';
import { reindex } from '../../server/search/reindex.js';
import { createApp } from '../../server/web/create-app.js';
import { FIXTURES } from '../fixtures/fixture-files.js';
import { createTestStores } from '../test-database.js';

/** The real knowledge base, indexed into a real engine, served on a free port: what a reader gets. */
export interface RunningCasebook {
  url: string;
  browser: Browser;
  /** With contributions on: an editor who can sign in. */
  editor?: { username: string; password: string };
  stop(): Promise<void>;
}

const KNOWLEDGE = path.resolve(FIXTURES, '..', '..', 'knowledge');

/** The flags this machine needs: no sandbox as root, and no background traffic to hosts it cannot reach. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/** Starts the engine, indexes knowledge/, serves the app, and launches Chromium (CHROME_PATH, default /usr/bin/chromium). */
export async function serveCasebook(options: { contribute?: boolean } = {}): Promise<RunningCasebook> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'casebook-e2e-'));
  const engine: EngineHandle = await startOrJoinEmbeddedEngine({ dataDir });
  // Approving a note writes into the knowledge directory: work on a copy.
  const knowledgeDir = options.contribute ? path.join(dataDir, 'knowledge') : KNOWLEDGE;
  if (options.contribute) cpSync(KNOWLEDGE, knowledgeDir, { recursive: true });
  const { knowledgeBase, problems } = await loadKnowledge(knowledgeDir);
  if (!knowledgeBase || problems.length > 0) throw new Error(`knowledge/ has problems: ${JSON.stringify(problems.slice(0, 3))}`);
  const index = new MeilisearchNoteWriter({
    host: engine.url,
    apiKey: engine.masterKey,
    indexName: 'notes',
    settings: buildIndexSettings(),
    synonyms: knowledgeBase.synonyms,
  });
  await reindex(index, knowledgeBase, new Date().toISOString().slice(0, 10));
  const editor = { username: 'editor.e2e', password: 'a long enough test password' };
  const stores = options.contribute ? await createTestStores() : undefined;
  await stores?.accounts.add(editor.username, editor.password, 'editor');
  const today = new Date().toISOString().slice(0, 10);
  // /downloads lists what it finds here: one pack, as npm run export -- --downloads would leave it.
  const downloadsDir = path.join(dataDir, 'downloads');
  mkdirSync(downloadsDir, { recursive: true });
  writeFileSync(path.join(downloadsDir, 'casebook-all.zip'), Buffer.alloc(1_530_000));
  // With contributions, the copy is made a git repository and every approval a commit, indexed as the server indexes it.
  const knowledge = options.contribute
    ? await openLiveKnowledge({
        knowledgeDir,
        syncMs: 3_600_000,
        onUpdate: async (update) => {
          await applyKnowledgeUpdate(index, update, today);
        },
      })
    : undefined;
  // The server listens first, so the app knows its public address (invitation links are built from it).
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const app = createApp({
    noteIndex: index,
    downloadsDir,
    publicUrl: `http://127.0.0.1:${port}`,
    ...(knowledge ? { knowledge } : { knowledgeBase }),
    ...(stores ? { contribute: { ...stores, knowledgeDir } } : {}),
  });
  server.on('request', app);
  // Playwright gives every launch a fresh temporary profile (its own --user-data-dir) and removes it on close.
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  return {
    url: `http://127.0.0.1:${port}`,
    browser,
    ...(options.contribute ? { editor } : {}),
    async stop() {
      await browser.close();
      knowledge?.close();
      await new Promise((resolve) => server.close(resolve));
      await engine.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
