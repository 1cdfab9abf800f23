import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { KnowledgeBase } from '../../server/content/knowledge-base.js';
import { selectPack, type PackScope } from '../../server/export/select-pack.js';
import { writePack } from '../../server/export/write-pack.js';
import type { NoteIndex } from '../../server/search/note-index.js';
import type { InterfaceLanguage } from '../../server/web/i18n.js';
import type { JudgedQuery } from './relevance-metrics.js';

/** The packs `npm run eval -- --pack` builds from the judged corpus: the Kenya pack (where tags alone once hid notes from the pack's search) and the jurisdictions with the most judged notes of their own. */
export const EVAL_PACKS: ReadonlyArray<{ name: string; scope: PackScope }> = [
  { name: 'Kenya', scope: { jurisdictions: ['KE'], languages: [] } },
  { name: 'United Kingdom', scope: { jurisdictions: ['GB'], languages: [] } },
  { name: 'United States', scope: { jurisdictions: ['US'], languages: [] } },
  { name: 'France', scope: { jurisdictions: ['FR'], languages: [] } },
];

/** One pack's figure: the mean overlap of its top 10 with the site's, over the queries the site answers with some of its notes. */
export interface PackOverlap {
  name: string;
  notes: number;
  queries: number;
  overlap: number;
  /** The queries whose overlap is lowest, for reading what differs. */
  worst: Array<{ id: string; q: string; overlap: number; pack: string[]; site: string[] }>;
}

const TOP = 10;
/** How deep the site's ranking is read before keeping a pack's notes: the whole judged corpus. */
const SITE_DEPTH = 100;

/**
 * Issue 28's offline parity: for each pack, and each judged query in the pack's interface language
 * (one pack per language), the share of the site's top 10 among the pack's notes (the site's ranking
 * over the whole corpus, filtered to them) that the pack's own Pagefind search puts in its top 10.
 * Queries for which the site finds none of the pack's notes are left out. The pack is written by the
 * export itself (writePack) and searched through the files it ships, as its page searches them.
 */
export async function measurePackOverlap(
  site: NoteIndex,
  knowledgeBase: KnowledgeBase,
  queries: readonly JudgedQuery[],
  exportedOn: string,
): Promise<PackOverlap[]> {
  const siteRankings = new Map<string, string[]>();
  for (const query of queries) {
    const result = await site.search({ text: query.q, filters: {}, sort: 'relevance', page: 1, hitsPerPage: SITE_DEPTH, language: query.lang });
    siteRankings.set(
      query.id,
      result.hits.map((hit) => hit.slug),
    );
  }
  const figures: PackOverlap[] = [];
  for (const { name, scope } of EVAL_PACKS) {
    const inPack = new Set(selectPack(knowledgeBase, scope).notes.map((note) => note.slug));
    const scores: Array<{ id: string; q: string; overlap: number; pack: string[]; site: string[] }> = [];
    for (const language of ['en', 'fr', 'es'] as const) {
      const asked = queries.filter((query) => query.lang === language);
      if (asked.length === 0) continue;
      const pack = await openPackSearch(knowledgeBase, scope, language, exportedOn);
      try {
        for (const query of asked) {
          const expected = (siteRankings.get(query.id) ?? []).filter((slug) => inPack.has(slug)).slice(0, TOP);
          if (expected.length === 0) continue;
          const found = await pack.search(query.q);
          const shared = found.filter((slug) => expected.includes(slug)).length;
          scores.push({ id: query.id, q: query.q, overlap: shared / expected.length, pack: found, site: expected });
        }
      } finally {
        pack.close();
      }
    }
    const mean = scores.length === 0 ? 0 : scores.reduce((sum, score) => sum + score.overlap, 0) / scores.length;
    figures.push({
      name,
      notes: inPack.size,
      queries: scores.length,
      overlap: Math.round(mean * 1000) / 1000,
      worst: [...scores].sort((a, b) => a.overlap - b.overlap).slice(0, 5),
    });
  }
  return figures;
}

/** The table `npm run eval -- --pack` prints. Pure. */
export function formatPackOverlap(figures: readonly PackOverlap[]): string {
  const queries = figures.reduce((sum, figure) => sum + figure.queries, 0);
  const mean = queries === 0 ? 0 : figures.reduce((sum, figure) => sum + figure.overlap * figure.queries, 0) / queries;
  return [
    "| pack | notes | queries | overlap of the top 10 with the site's |",
    '|---|---:|---:|---:|',
    ...figures.map((figure) => `| ${figure.name} | ${figure.notes} | ${figure.queries} | ${figure.overlap.toFixed(3)} |`),
    `| all packs | | ${queries} | ${mean.toFixed(3)} |`,
  ].join('\n');
}

/** A pack written to a temporary folder, and its Pagefind search run from the files it ships, as public/pack-search.js runs it; `close` removes it. */
export async function openPackSearch(
  knowledgeBase: KnowledgeBase,
  scope: PackScope,
  language: InterfaceLanguage,
  exportedOn: string,
): Promise<{ search(text: string): Promise<string[]>; close(): void }> {
  const work = mkdtempSync(path.join(tmpdir(), 'casebook-eval-pack-'));
  const outDir = path.join(work, 'pack');
  const summary = await writePack({ knowledgeBase, scope, outDir, language, exportedOn });
  if (summary.searchSkipped) throw new Error(`the pack has no search: ${summary.searchSkipped}`);
  // The files as public/pack-search.js reads them: one classic script each, its bytes in base64.
  const files = new Map<string, Buffer>();
  for (const packLanguage of summary.searchLanguages) {
    for (const entry of readdirSync(path.join(outDir, 'pagefind', packLanguage), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const added = /^CasebookPack\.add\("([^"]+)","([^"]*)"\);/.exec(readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
      if (added) files.set(added[1]!, Buffer.from(added[2]!, 'base64'));
    }
  }
  const packFetch = async (input: unknown) => {
    // "…/pagefind/<language>/<file>?ts=…" → "<language>/<file>", without a regular expression over the whole address.
    const address = String(input);
    const start = address.indexOf('pagefind/');
    const name = address.slice(start < 0 ? 0 : start + 'pagefind/'.length).split(/[?#]/, 1)[0]!;
    const bytes = files.get(name);
    return bytes
      ? new Response(new Uint8Array(bytes), { status: 200, headers: name.endsWith('.pagefind') ? { 'Content-Type': 'application/wasm' } : {} })
      : new Response(null, { status: 404 });
  };
  const window: { CasebookPagefind?: (fetch: typeof packFetch) => PagefindApi; CasebookPackQuery?: PackQuery } = {};
  let stopWords = new Set<string>();
  let tables: unknown;
  const CasebookPack = {
    queryKeys: (table: unknown) => {
      tables = window.CasebookPackQuery!.keyTables(table);
    },
    stopWords: (words: string[]) => {
      stopWords = new Set(words);
    },
  };
  // The pack's own scripts (write-search-index.ts, public/pack-query.js), run as its page runs them.
  for (const script of ['static/pagefind-classic.js', 'static/pack-query.js', 'pagefind/stop-words.js', 'pagefind/query-keys.js']) {
    new Function('window', 'CasebookPack', readFileSync(path.join(outDir, script), 'utf8'))(window, CasebookPack);
  }
  const pagefind = await window.CasebookPackQuery!.open(() => window.CasebookPagefind!(packFetch), summary.searchLanguages, {
    baseUrl: '/',
    excerptLength: 24,
  });
  return {
    async search(text) {
      const found = await window.CasebookPackQuery!.search(pagefind, text, {}, stopWords, tables);
      const pages = await Promise.all((found?.results ?? []).slice(0, TOP).map((result) => result.data()));
      return pages.map((page) => /\/notes\/([^/]+)\.html$/.exec(page.url)?.[1] ?? page.url);
    },
    close: () => rmSync(work, { recursive: true, force: true }),
  };
}

interface PackQuery {
  keyTables(table: unknown): unknown;
  open(makeApi: () => PagefindApi, languages: readonly string[], options: Record<string, unknown>): Promise<unknown>;
  search(
    pagefind: unknown,
    text: string,
    options: Record<string, unknown>,
    stopWords: ReadonlySet<string>,
    tables?: unknown,
  ): Promise<{ results: Array<{ data(): Promise<{ url: string }> }> } | null>;
}

interface PagefindApi {
  createInstance(options: Record<string, unknown>): unknown;
}
