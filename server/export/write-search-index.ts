import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { PagefindIndex } from 'pagefind';
import { STOP_WORDS } from '../search/stop-words.js';

/** What a pack's search index is built with: the Pagefind Node API, or why it is unavailable. */
export type SearchIndexer =
  | {
      available: true;
      add(page: { url: string; language: string; html: string }): Promise<void>;
      write(outDir: string): Promise<{ languages: string[] }>;
      close(): Promise<void>;
    }
  | { available: false; reason: string };

/** Loads Pagefind's Node API; injectable so tests can act as a machine without its binary. */
export type LoadPagefind = () => Promise<typeof import('pagefind')>;

const START_TIMEOUT_MS = 20_000;
// Pagefind's files a pack needs; its own UIs, highlighter and worker are left out (the pack has its own UI, and workers cannot start from file://).
const UNUSED = /^(pagefind-(component-ui|modular-ui|ui|highlight|worker)\.(js|css)|pagefind\.js)$/;

/**
 * Starts a Pagefind indexer with one index per note language, so each language gets its own
 * stemming. Never throws: a missing binary or package gives `{ available: false, reason }`, and the
 * pack is written without search.
 */
export async function startSearchIndexer(loadPagefind: LoadPagefind = () => import('pagefind')): Promise<SearchIndexer> {
  let pagefind: typeof import('pagefind');
  try {
    pagefind = await loadPagefind();
    // Fails fast when the binary cannot start (no @pagefind/<platform> package, or a bad PAGEFIND_EXTENDED_BINARY_PATH).
    const probe = await withTimeout(pagefind.createIndex({}), START_TIMEOUT_MS);
    if (!probe.index) throw new Error(probe.errors.join('; ') || 'no index');
    await probe.index.deleteIndex();
  } catch (error) {
    return { available: false, reason: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
  const indexes = new Map<string, Promise<PagefindIndex>>();
  const indexFor = (language: string) => {
    let index = indexes.get(language);
    if (!index) {
      // The "#" links after headings are not words of the note (they showed in excerpts and section titles).
      index = pagefind.createIndex({ forceLanguage: language, excludeSelectors: ['.heading-anchor'] }).then(({ index: created, errors }) => {
        if (!created) throw new Error(`Pagefind could not create an index for ${language}: ${errors.join('; ')}`);
        return created;
      });
      indexes.set(language, index);
    }
    return index;
  };
  return {
    available: true,
    async add({ url, language, html }) {
      const { errors } = await (await indexFor(language)).addHTMLFile({ url, content: html });
      if (errors.length > 0) throw new Error(`Pagefind could not index ${url}: ${errors.join('; ')}`);
    },
    async write(outDir) {
      const languages = [...indexes.keys()];
      const scratch = await mkdirTemp();
      try {
        let loader: string | undefined;
        for (const language of languages) {
          const bundle = path.join(scratch, language);
          const { errors } = await (await indexFor(language)).writeFiles({ outputPath: bundle });
          if (errors.length > 0) throw new Error(`Pagefind could not write the ${language} index: ${errors.join('; ')}`);
          loader ??= await readFile(path.join(bundle, 'pagefind.js'), 'utf8');
          await writeScriptBundle(bundle, path.join(outDir, 'pagefind', language), language);
        }
        if (loader) await writeFile(path.join(outDir, 'static', 'pagefind-classic.js'), toClassicScript(loader));
        await writeFile(path.join(outDir, 'pagefind', 'manifest.js'), `CasebookPack.manifest(${JSON.stringify({ languages })});\n`);
        // The site's stop words, so the pack drops the same words from a query (public/pack-query.js).
        await writeFile(path.join(outDir, 'pagefind', 'stop-words.js'), `CasebookPack.stopWords(${JSON.stringify([...STOP_WORDS])});\n`);
        return { languages };
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    },
    async close() {
      await pagefind.close();
    },
  };
}

/**
 * Pagefind's browser loader is an ES module that fetch()es its index, and Chromium refuses both
 * from file:// (Pagefind's maintainers say it needs a web server: Pagefind issue #202). A classic
 * script is the one thing a file:// page may load from beside it, so the loader becomes a classic
 * script whose fetch reads the index from classic scripts too (public/pack-search.js), and web
 * workers, which cannot start from file://, are switched off (Pagefind then searches on the page's
 * own thread). Pure.
 */
export function toClassicScript(moduleSource: string): string {
  const exported = /export\s*\{([^}]*)\};?\s*$/.exec(moduleSource);
  if (!exported) throw new Error('the Pagefind loader no longer ends with an export list; check toClassicScript against this Pagefind version');
  const body = moduleSource.slice(0, exported.index).replaceAll('import.meta.url', 'undefined');
  if (/\bimport\s*[({.]|\bimport\s+[\w{*]/.test(body.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""'))) {
    throw new Error('the Pagefind loader imports other modules; check toClassicScript against this Pagefind version');
  }
  return `/* Pagefind's loader as a classic script for file:// (see server/export/write-search-index.ts). */\nwindow.CasebookPagefind = function (fetch) {\n'use strict';\nvar Worker = undefined;\n${body}\nreturn {${exported[1]}};\n};\n`;
}

/** Wraps one Pagefind file as a classic script that hands its bytes (base64) to the pack's loader. Pure. */
export function toFileScript(name: string, bytes: Uint8Array): string {
  return `CasebookPack.add(${JSON.stringify(name)},"${Buffer.from(bytes).toString('base64')}");\n`;
}

async function writeScriptBundle(bundleDir: string, targetDir: string, language: string): Promise<void> {
  const entries = await readdir(bundleDir, { withFileTypes: true, recursive: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const relative = path.relative(bundleDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (UNUSED.test(relative)) continue;
    const target = path.join(targetDir, `${relative}.js`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, toFileScript(`${language}/${relative}`, await readFile(path.join(entry.parentPath, entry.name))));
  }
}

function mkdirTemp(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'casebook-pagefind-'));
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const seconds = Math.round(ms / 1000);
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Pagefind did not start within ${seconds} s`)), ms);
      timer.unref();
    }),
  ]);
}
