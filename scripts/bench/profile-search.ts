/**
 * npm run bench -- --profile [--notes N]: where the time of one search request goes, stage by stage,
 * in one process (to find what the app adds to the engine's time). Medians of sequential requests after a warm-up:
 *   engine        POST /multi-search with node's fetch (the request the app sends, no client library)
 *   client        the same through meilisearch-js
 *   port          NoteIndex.search: client + reading the answer into NoteHits
 *   view model    buildSearchPage on that result (labels, toggle URLs, pagination)
 *   /api/search   the whole HTTP request on the app, JSON
 *   /search       the whole HTTP request on the app, HTML
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadKnowledge } from '../../server/knowledge/load-knowledge.js';
import { startOrJoinEmbeddedEngine } from '../../server/search/embedded-meilisearch.js';
import { buildIndexSettings } from '../../server/search/index-settings.js';
import type { SearchResponse } from 'meilisearch';
import { buildSearchRequest, readSearchAnswer } from '../../server/search/build-search-request.js';
import { createMeilisearchClient } from '../../server/search/meilisearch-connection.js';
import { MeilisearchNoteReader } from '../../server/search/meilisearch-note-reader.js';
import { MeilisearchNoteWriter } from '../../server/search/meilisearch-note-writer.js';
import { knowledgeRewriter } from '../../server/search/synonym-tokens.js';
import { reindex } from '../../server/search/reindex.js';
import { SearchMemo } from '../../server/search/search-memo.js';
import { createApp } from '../../server/web/create-app.js';
import { createTranslator } from '../../server/web/i18n.js';
import { parseSearchParams, toSearchUrl } from '../../server/web/search-params.js';
import { buildSearchPage } from '../../server/web/view-models/search-page.js';
import { generateKnowledge } from './generate-knowledge.js';
import { SHAPES } from './run-bench.js';

/** One stage's median time, in milliseconds, per search shape. */
export interface ProfileRow {
  shape: string;
  stages: Record<string, number>;
}

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

/** Profiles every bench shape on a generated knowledge base of `notes` notes. */
export async function profileSearch(notes: number, log: (line: string) => void, count = 60): Promise<ProfileRow[]> {
  const work = mkdtempSync(path.join(tmpdir(), 'casebook-profile-'));
  const engine = await startOrJoinEmbeddedEngine({ dataDir: path.join(work, 'engine') });
  const server = { close: () => {} } as { close: () => void };
  try {
    log(`generating and indexing ${notes} notes`);
    const { knowledgeBase } = await loadKnowledge(generateKnowledge(work, notes, path.join(ROOT, 'knowledge')));
    if (!knowledgeBase) throw new Error('generated notes have problems');
    const writer = new MeilisearchNoteWriter({
      host: engine.url,
      apiKey: engine.masterKey,
      indexName: 'notes',
      settings: buildIndexSettings(),
      synonyms: knowledgeBase.synonyms,
    });
    await reindex(writer, knowledgeBase, new Date().toISOString().slice(0, 10));
    const noteIndex = new MeilisearchNoteReader({ host: engine.url, apiKey: engine.masterKey, indexName: 'notes', knowledge: () => knowledgeBase });
    const rewrite = knowledgeRewriter(knowledgeBase.synonyms, knowledgeBase.notes);
    const client = createMeilisearchClient(engine.url, engine.masterKey);
    const app = createApp({ noteIndex, knowledgeBase, today: () => new Date().toISOString().slice(0, 10), searchRateLimit: 1e9 });
    const listening = app.listen(0);
    server.close = () => listening.close();
    await new Promise((resolve) => listening.once('listening', resolve));
    const appUrl = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
    const t = createTranslator('en');

    const rows: ProfileRow[] = [];
    for (const shape of SHAPES) {
      const query = { ...parseSearchParams(shape.query, knowledgeBase.taxonomy), language: 'en' };
      // As the app asks once it has searched these words (search-memo.ts).
      const memo = new SearchMemo();
      const first = buildSearchRequest(query, 'notes', memo, rewrite);
      readSearchAnswer(query, first, (await client.multiSearch({ queries: first.queries })).results as SearchResponse<Record<string, unknown>>[], true, memo);
      const result = await noteIndex.search(query);
      const body = JSON.stringify({ queries: buildSearchRequest(query, 'notes', memo, rewrite).queries });
      const stages: Record<string, () => Promise<unknown>> = {
        engine: async () =>
          (
            await fetch(`${engine.url}/multi-search`, {
              method: 'POST',
              body,
              headers: { authorization: `Bearer ${engine.masterKey}`, 'content-type': 'application/json', 'accept-encoding': 'identity' },
            })
          ).arrayBuffer(),
        client: () => client.multiSearch({ queries: buildSearchRequest(query, 'notes', memo, rewrite).queries }),
        port: () => noteIndex.search(query),
        'view model': async () => buildSearchPage(query, { result, alternatives: [] }, knowledgeBase.taxonomy, 'en', t),
        '/api/search': async () => (await fetch(`${appUrl}${toSearchUrl(query, '/api/search')}`)).arrayBuffer(),
        '/search': async () => (await fetch(`${appUrl}${toSearchUrl(query)}`)).arrayBuffer(),
      };
      const medians: Record<string, number> = {};
      for (const [name, run] of Object.entries(stages)) {
        for (let i = 0; i < 10; i++) await run();
        const times: number[] = [];
        for (let i = 0; i < count; i++) {
          const started = performance.now();
          await run();
          times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        medians[name] = Math.round(times[Math.floor(times.length / 2)]! * 100) / 100;
      }
      rows.push({ shape: shape.name, stages: medians });
      log(`${shape.name}: ${JSON.stringify(medians)}`);
    }
    return rows;
  } finally {
    server.close();
    await engine.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

/** The profile as a Markdown table. */
export function formatProfile(rows: readonly ProfileRow[]): string {
  const stages = Object.keys(rows[0]?.stages ?? {});
  return [
    `| shape | ${stages.join(' | ')} |`,
    `|---|${stages.map(() => '---:').join('|')}|`,
    ...rows.map((row) => `| ${row.shape} | ${stages.map((stage) => `${row.stages[stage]} ms`).join(' | ')} |`),
  ].join('\n');
}
