import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { inject } from 'light-my-request';
import { ZipFile } from 'yazl';
import type { KnowledgeBase } from '../content/knowledge-base.js';
import { staticKnowledge, type KnowledgeHistory } from '../knowledge/knowledge-source.js';
import { createApp } from '../web/create-app.js';
import type { InterfaceLanguage } from '../web/i18n.js';
import { createNoteRenderer } from '../web/note-renderer.js';
import { PACK_PAGE_TYPES, packFileFor } from './pack-pages.js';
import { PackNoteIndex } from './pack-note-index.js';
import { rewriteLinks, type LinkTargets } from './rewrite-links.js';
import { selectPack, type PackScope } from './select-pack.js';
import { startSearchIndexer, type LoadPagefind } from './write-search-index.js';
import { offlineQueryTable } from '../search/offline-query-keys.js';
import { splitWords } from '../search/stem-words.js';

/** What one pack holds and where it goes. */
export interface PackOptions {
  /** The whole published knowledge base; the pack takes the notes in `scope`. */
  knowledgeBase: KnowledgeBase;
  scope: PackScope;
  outDir: string;
  language: InterfaceLanguage;
  /** YYYY-MM-DD, shown on every page. */
  exportedOn: string;
  liveUrl?: string | undefined;
  /** Also write `<outDir>.zip`, whose one folder is the pack. */
  zip?: boolean;
  /** A printable page for every jurisdiction (by default only for the jurisdictions in `scope`). */
  printAll?: boolean;
  loadPagefind?: LoadPagefind;
  log?: (line: string) => void;
  /** The knowledge's history (when it is in git): each note page says when it was last updated. */
  history?: KnowledgeHistory | undefined;
  /** The version the pack holds, named on every page. */
  version?: { version: string; date: string } | undefined;
}

/** What was written. */
export interface PackSummary {
  notes: number;
  pages: number;
  /** Why the pack has no search, when it has none. */
  searchSkipped: string | undefined;
  searchLanguages: string[];
  zipPath: string | undefined;
  zipBytes: number | undefined;
  seconds: number;
}

/** The pack's outDir was not made by an export and holds files: it is never emptied. */
export class PackDirectoryError extends Error {}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const MARKER = '.casebook-pack';
const CONCURRENCY = 8;
const MAX_PAGES_INDEXING = 32;

/**
 * Writes a static pack: every page of PACK_PAGE_TYPES rendered by the live site's own app (routes,
 * view models, views) in export mode, links rewritten to relative files, the stylesheet and
 * scripts, and a Pagefind index per note language that loads from file://.
 */
export async function writePack(options: PackOptions): Promise<PackSummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const kb = selectPack(options.knowledgeBase, options.scope);
  const outDir = path.resolve(options.outDir);
  await prepareDirectory(outDir);

  // Note bodies render in worker threads, so pages fetched side by side use both cores.
  // A pack is built from checked notes by a batch job, often on a busy machine: a note gets twenty
  // times a reader's 3 s on its thread (still bounded, so a pathological note cannot hang the
  // export), and may wait for a thread as long as the pages queued before it take.
  const renderer = createNoteRenderer({ noteCacheBytes: 4 * 1024 * 1024, noteTimeoutMs: 60_000, noteWaitMs: 10 * 60_000 });
  const app = createApp({
    knowledge: staticKnowledge(kb, options.history),
    noteIndex: new PackNoteIndex(kb, options.exportedOn),
    today: () => options.exportedOn,
    renderer,
    pack: { exportedOn: options.exportedOn, language: options.language, liveUrl: options.liveUrl, version: options.version },
  });
  const urls = PACK_PAGE_TYPES.flatMap((type) => type.urls(kb, { jurisdictions: options.scope.jurisdictions, printAll: options.printAll ?? false }));
  const targets: LinkTargets = { pages: new Map(urls.map((url) => [url, packFileFor(url)])), aliases: kb.aliases, liveUrl: options.liveUrl };

  const search = await startSearchIndexer(options.loadPagefind);
  if (!search.available) log(`! search: Pagefind is unavailable (${search.reason}); writing the pack without search`);
  const zipPath = options.zip ? `${outDir}.zip` : undefined;
  const zip = zipPath ? startZip(outDir, zipPath) : undefined;
  let zipped = false;
  try {
    let next = 0;
    // Thousands of pages share a few hundred folders: each is made once (a recursive mkdir per page cost more than writing it).
    const made = new Map<string, Promise<unknown>>();
    const makeDirectory = (dir: string) => {
      let making = made.get(dir);
      if (!making) made.set(dir, (making = mkdir(dir, { recursive: true })));
      return making;
    };
    // Pagefind indexes in its own process: pages go to it without waiting, so both cores work, but
    // never more than a few at a time, or pages wait in memory faster than Pagefind takes them.
    const indexing = new Set<Promise<void>>();
    // The stem keys the pack's note pages hold, by note language (one Pagefind index each), for the table its search makes query keys with.
    const packKeys = new Map<string, Set<string>>();
    const packWords = new Set<string>();
    const indexingFailures: unknown[] = [];
    const worker = async () => {
      while (next < urls.length) {
        const url = urls[next++]!;
        if (next % 1000 === 0) log(`… ${next}/${urls.length} pages (${((performance.now() - started) / 1000).toFixed(0)} s)`);
        const response = await inject(app, { method: 'GET', url });
        if (response.statusCode !== 200)
          throw new Error(
            `rendering ${url} answered ${response.statusCode}: ${response.body
              .replace(/<[^<>]*>/g, ' ')
              .replace(/\s+/g, ' ')
              .slice(0, 600)}`,
          );
        const file = targets.pages.get(url)!;
        const html = rewriteLinks(response.body, file, targets);
        const bytes = Buffer.from(html);
        await makeDirectory(path.dirname(path.join(outDir, file)));
        await writeFile(path.join(outDir, file), bytes);
        zip?.add(file, bytes);
        const slug = /^\/notes\/([^/]+)$/.exec(url)?.[1];
        const note = slug ? kb.bySlug.get(slug) : undefined;
        if (note && search.available) {
          const held = packKeys.get(note.language) ?? packKeys.set(note.language, new Set()).get(note.language)!;
          for (const key of packKeysOf(html)) held.add(key);
          for (const word of wordsOf(html)) packWords.add(word);
          // Caught at once (a rejection left waiting would end the process), reported once every page is written.
          const added: Promise<void> = search
            .add({ url: `/${file}`, language: note.language, html })
            .catch((error: unknown) => {
              indexingFailures.push(error);
            })
            .finally(() => indexing.delete(added));
          indexing.add(added);
          while (indexing.size >= MAX_PAGES_INDEXING) await Promise.race(indexing);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const rendered = performance.now();
    await Promise.all(indexing);
    if (indexingFailures.length > 0) throw indexingFailures[0];
    await copyStatic(path.join(outDir, 'static'));
    const languages = search.available ? (await search.write(outDir)).languages : [];
    if (search.available) {
      const table = offlineQueryTable(packKeys, packWords, options.knowledgeBase.synonyms, options.knowledgeBase.notes);
      await writeFile(path.join(outDir, 'pagefind', 'query-keys.js'), `CasebookPack.queryKeys(${JSON.stringify(table)});\n`);
    }
    const seconds = (from: number, to = performance.now()) => `${((to - from) / 1000).toFixed(1)} s`;
    log(
      `✔ ${urls.length} pages, ${kb.notes.length} notes rendered in ${seconds(started, rendered)}${languages.length > 0 ? `; search index (${languages.join(', ')}) in ${seconds(rendered)} more` : ''}`,
    );

    let zipBytes: number | undefined;
    if (zip && zipPath) {
      await zip.finish();
      zipped = true;
      zipBytes = (await stat(zipPath)).size;
    }
    return {
      notes: kb.notes.length,
      pages: urls.length,
      searchSkipped: search.available ? undefined : search.reason,
      searchLanguages: languages,
      zipPath,
      zipBytes,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    if (zip && !zipped) await zip.abort();
    await renderer.close();
    if (search.available) await search.close();
  }
}

// An export replaces its own earlier output, and refuses any other folder that holds files: `--out ~` must not empty a home directory.
async function prepareDirectory(outDir: string): Promise<void> {
  const entries: string[] = await readdir(outDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (entries.length > 0 && !entries.includes(MARKER)) {
    throw new PackDirectoryError(`${outDir} is not empty and was not written by npm run export; choose a new or empty folder`);
  }
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, MARKER), 'Written by npm run export; the next export to this folder replaces everything in it.\n');
}

async function copyStatic(target: string): Promise<void> {
  await mkdir(target, { recursive: true });
  const source = path.join(ROOT, 'public');
  for (const name of await readdir(source)) await copyFile(path.join(source, name), path.join(target, name));
}

/** A zip written while the pack is: each page is compressed (in libuv's threads) as soon as it is rendered. */
interface PackZip {
  add(file: string, bytes: Buffer): void;
  /** Adds every file of the pack not added yet (stylesheet, search index), and waits for the zip to be written. */
  finish(): Promise<void>;
  /** Stops writing and removes the unfinished zip. */
  abort(): Promise<void>;
}

/**
 * Zips a pack with its folder as the zip's one top-level entry, so it unpacks into one folder anywhere.
 * Streamed: compressing 400 MB of pages at the end took a minute of a 10,000-note export; compressed
 * page by page, it overlaps rendering.
 */
function startZip(dir: string, zipPath: string): PackZip {
  const zip = new ZipFile();
  const top = path.basename(dir);
  const added = new Set<string>([MARKER]);
  // Written beside its final name and renamed into place: /downloads never serves half a zip while a pack is rebuilt.
  const partial = `${zipPath}.partial`;
  const written = pipeline(zip.outputStream, createWriteStream(partial));
  // Reported by finish() or abort(); caught here so a failure before then does not end the process.
  written.catch(() => {});
  return {
    add(file, bytes) {
      added.add(file);
      zip.addBuffer(bytes, `${top}/${file}`, { compress: true });
    },
    async finish() {
      const entries = await readdir(dir, { withFileTypes: true, recursive: true });
      const rest = entries
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
        .filter((file) => !added.has(file))
        .sort();
      for (const file of rest) zip.addFile(path.join(dir, file), `${top}/${file}`, { compress: true });
      zip.end();
      await written;
      await rename(partial, zipPath);
    },
    async abort() {
      (zip.outputStream as Readable).destroy();
      await written.catch(() => {});
      await rm(partial, { force: true });
    },
  };
}

const PACK_KEYS = /<p data-pagefind-weight="[\d.]+" data-pack-keys>([^<]*)<\/p>/;

/** The words of a rendered page's text, lower case, once each: tags dropped, then split as the site splits words. */
function wordsOf(html: string): Set<string> {
  return new Set(splitWords(html.replace(/<[^<>]*>/g, ' ')).map((word) => word.toLowerCase()));
}

/** The stem keys a rendered note page holds for the pack's search (views/note.ejs). */
function packKeysOf(html: string): string[] {
  return PACK_KEYS.exec(html)?.[1]?.split(' ').filter(Boolean) ?? [];
}
