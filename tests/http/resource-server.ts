/*
 * The server the standing resource test (resource-budget.test.ts) attacks, in a process of its own
 * with the production heap cap, so that a stall shows as the process's own event-loop hold and a
 * leak as its own heap, and a crash takes down only this process. Contributions and the network are
 * on, with an editor account in a database of its own (CASEBOOK_TEST_DATABASE_URL), so every route
 * can be reached signed in. It says on its IPC channel
 * when it listens (its port and routing table), and answers "measure" with its heap after a full
 * collection and the longest its event loop was held since the last measure.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadKnowledge } from '../../server/knowledge/load-knowledge.js';
import { createLogger } from '../../server/create-logger.js';
import { openStores } from '../../server/open-stores.js';
import { openPool } from '../../server/storage/connect-database.js';
import { migrateDatabase } from '../../server/storage/migrate-database.js';
import { createApp } from '../../server/web/create-app.js';
import { FIXTURE_KNOWLEDGE } from '../fixtures/fixture-files.js';
import { InMemoryNoteIndex } from './in-memory-note-index.js';
import { NETWORK_EDITOR, PUBLIC_MEMBER, PUBLIC_PROFILE } from './network-app.js';

const dir = mkdtempSync(path.join(tmpdir(), 'casebook-resources-'));
const knowledgeDir = path.join(dir, 'knowledge');
cpSync(FIXTURE_KNOWLEDGE, knowledgeDir, { recursive: true, dereference: true });
const { knowledgeBase } = await loadKnowledge(knowledgeDir);
if (!knowledgeBase) throw new Error('the fixture knowledge base does not load');
// A database of its own on the test server, made by the test that started this process.
const pool = openPool(process.env.CASEBOOK_TEST_DATABASE_URL!);
await migrateDatabase(pool);
const stores = await openStores(pool);
await stores.accounts.add(NETWORK_EDITOR.username, NETWORK_EDITOR.password, 'editor');
await stores.accounts.add(PUBLIC_MEMBER.username, PUBLIC_MEMBER.password, 'member');
await stores.network.saveProfile(PUBLIC_PROFILE);
const noteIndex = new InMemoryNoteIndex(knowledgeBase);
const app = createApp({
  noteIndex,
  knowledgeBase,
  today: () => '2026-11-28',
  publicUrl: 'https://casebook.example.org',
  logger: createLogger({ level: 'silent' }),
  // Limits of requests per client would keep hostile requests from reaching the work they cause.
  searchRateLimit: 1_000_000,
  contribute: { ...stores, knowledgeDir, submissionRateLimit: 1_000_000, loginRateLimit: 1_000_000 },
});

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}
const routes = (app as unknown as { router: { stack: RouteLayer[] } }).router.stack
  .filter((layer) => layer.route)
  .flatMap((layer) => Object.keys(layer.route!.methods).map((method) => ({ method: method.toUpperCase(), path: layer.route!.path })));

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const collect = (globalThis as { gc?: () => void }).gc;
const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  process.send!({ type: 'ready', port, routes });
});
process.on('message', (message: { type: string; id: number }) => {
  if (message.type !== 'measure') return;
  noteIndex.queries.length = 0;
  collect?.();
  collect?.();
  process.send!({ type: 'measured', id: message.id, heapUsed: process.memoryUsage().heapUsed, loopMaxMs: loop.max / 1e6 });
  loop.reset();
});
process.on('disconnect', () => {
  server.close();
  void pool.end();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
