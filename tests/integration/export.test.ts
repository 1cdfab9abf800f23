import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../server/content/knowledge-base.js';
import { loadKnowledge } from '../../server/knowledge/load-knowledge.js';
import { writePack, type PackSummary } from '../../server/export/write-pack.js';
import { FIXTURE_KNOWLEDGE, FIXTURES } from '../fixtures/fixture-files.js';

const ROOT = path.resolve(FIXTURES, '..', '..');
let kb: KnowledgeBase;

beforeAll(async () => {
  kb = (await loadKnowledge(FIXTURE_KNOWLEDGE)).knowledgeBase!;
});

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

/** Every link of every page that does not resolve to a file of the pack (or to an id in it), as "page → link". */
function brokenLinks(dir: string): string[] {
  const broken: string[] = [];
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    if (!ids.has(file)) ids.set(file, new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!)));
    return ids.get(file)!;
  };
  for (const page of listFiles(dir).filter((file) => file.endsWith('.html'))) {
    const html = readFileSync(path.join(dir, page), 'utf8');
    for (const [, attribute, value] of html.matchAll(/<[a-zA-Z][^>]*?\s(href|src|action)="([^"]*)"/g)) {
      const link = value!.replace(/&amp;/g, '&');
      if (/^(https?:|mailto:)/.test(link)) continue;
      if (link.startsWith('/')) {
        broken.push(`${page} → ${link} (site-absolute ${attribute})`);
        continue;
      }
      const [beforeHash, hash] = link.split('#', 2);
      const target = beforeHash ? path.join(path.dirname(path.join(dir, page)), decodeURIComponent(beforeHash.split('?')[0]!)) : path.join(dir, page);
      if (!existsSync(target)) broken.push(`${page} → ${link}`);
      else if (hash && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(hash))) broken.push(`${page} → ${link} (no such id)`);
    }
  }
  return broken;
}

describe('npm run export on the fixture knowledge base', () => {
  let dir: string;
  let summary: PackSummary;

  beforeAll(async () => {
    dir = path.join(mkdtempSync(path.join(tmpdir(), 'casebook-export-')), 'casebook-pack');
    summary = await writePack({
      knowledgeBase: kb,
      scope: { jurisdictions: [], languages: [] },
      outDir: dir,
      language: 'en',
      exportedOn: '2026-11-29',
      zip: true,
      printAll: true,
    });
  });

  it('writes every published note, collection, browse page, the glossary, the map and the search page', () => {
    const files = listFiles(dir);
    expect(summary.notes).toBe(kb.notes.length);
    for (const note of kb.notes) expect(files).toContain(`notes/${note.slug}.html`);
    expect(files).toEqual(
      expect.arrayContaining([
        'index.html',
        'search.html',
        'glossary.html',
        'map.html',
        'collections/evidence-beyond-testimony.html',
        'print/collections/evidence-beyond-testimony.html',
        'print/jurisdictions/GB-EAW.html',
        'browse/jurisdictions/GB-EAW.html',
        'static/casebook.css',
        'static/pack-search.js',
      ]),
    );
    expect(files.some((file) => file.includes('draft'))).toBe(false);
  });

  it('resolves every internal link of every page to a file of the pack, and every section link to a heading', () => {
    expect(brokenLinks(dir)).toEqual([]);
  });

  it('shows the export date on every page and has no language switcher', () => {
    for (const page of listFiles(dir).filter((file) => file.endsWith('.html'))) {
      const html = readFileSync(path.join(dir, page), 'utf8');
      expect(html, page).toContain('Offline copy exported 29 November 2026');
      expect(html, page).not.toContain('language-switcher');
    }
  });

  it('indexes each note language with Pagefind, as classic scripts a file:// page can load, with the search filters', () => {
    expect(summary.searchSkipped).toBeUndefined();
    expect(summary.searchLanguages.sort()).toEqual(['en', 'es', 'fr']);
    expect(readFileSync(path.join(dir, 'pagefind', 'manifest.js'), 'utf8')).toContain('"languages"');
    expect(existsSync(path.join(dir, 'static', 'pagefind-classic.js'))).toBe(true);
    expect(listFiles(path.join(dir, 'pagefind')).every((file) => file.endsWith('.js'))).toBe(true);
    const note = readFileSync(path.join(dir, 'notes', 'phone-evidence-control.html'), 'utf8');
    for (const filter of ['evidence_types:digital-device', 'jurisdictions:GB-EAW', 'language:en', 'stages:investigation'])
      expect(note).toContain(`data-pagefind-filter="${filter}"`);
  });

  it('zips the pack as one folder', () => {
    expect(summary.zipPath).toBe(`${dir}.zip`);
    const listing = spawnSync('unzip', ['-Z1', summary.zipPath!], { encoding: 'utf8' });
    if (listing.error) return; // no unzip on this machine: the pack folder itself is checked above
    const entries = listing.stdout.trim().split('\n');
    expect(entries).toContain('casebook-pack/index.html');
    expect(entries.every((entry) => entry.startsWith('casebook-pack/'))).toBe(true);
  });
});

describe('a pack for one jurisdiction', () => {
  it('holds the notes that apply to it, and no link leads to a note it left out', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'casebook-export-')), 'ro');
    const summary = await writePack({
      knowledgeBase: kb,
      scope: { jurisdictions: ['RO'], languages: [] },
      outDir: dir,
      language: 'en',
      exportedOn: '2026-11-29',
    });
    const notes = listFiles(path.join(dir, 'notes'));
    expect(notes).toContain('phone-evidence-control.html');
    expect(notes).toContain('labour-inspection-records.html');
    expect(listFiles(path.join(dir, 'print', 'jurisdictions'))).toEqual(['RO.html']);
    expect(notes.some((file) => file.startsWith('prueba-financiera'))).toBe(false);
    expect(summary.notes).toBe(notes.length);
    expect(brokenLinks(dir)).toEqual([]);
  });
});

describe('a pack where Pagefind cannot run', () => {
  it('is written without search and its search page says so', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'casebook-export-')), 'nosearch');
    const lines: string[] = [];
    const summary = await writePack({
      knowledgeBase: kb,
      scope: { jurisdictions: [], languages: [] },
      outDir: dir,
      language: 'fr',
      exportedOn: '2026-11-29',
      log: (line) => lines.push(line),
      loadPagefind: () => Promise.reject(new Error('Failed to install either of [pagefind_extended, pagefind]')),
    });
    expect(summary.searchSkipped).toContain('Failed to install');
    expect(lines.join('\n')).toContain('without search');
    expect(existsSync(path.join(dir, 'pagefind'))).toBe(false);
    expect(readFileSync(path.join(dir, 'search.html'), 'utf8')).toContain('exportée sans son index de recherche');
    expect(brokenLinks(dir)).toEqual([]);
  });
});

describe('the export command', () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'export.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, CI: 'true', KNOWLEDGE_DIR: FIXTURE_KNOWLEDGE },
      encoding: 'utf8',
      timeout: 120_000,
    });

  it('exits 1 on bad arguments, naming the fix', () => {
    const result = run(['--out', path.join(tmpdir(), 'never-written'), '--jurisdiction', 'UK']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('GB-EAW');
    expect(run([]).status).toBe(1);
  });

  it('exits 1 rather than empty a folder it did not write', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'casebook-precious-'));
    writeFileSync(path.join(dir, 'thesis.docx'), 'years of work');
    const result = run(['--out', dir]);
    expect(result.status).toBe(1);
    expect(readFileSync(path.join(dir, 'thesis.docx'), 'utf8')).toBe('years of work');
  });

  it('exits 0 and writes a zipped pack for a jurisdiction', () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'casebook-cli-'));
    mkdirSync(parent, { recursive: true });
    const result = run(['--out', path.join(parent, 'pack'), '--jurisdiction', 'GB-EAW', '--zip']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/✔ exported \d+ notes as \d+ pages in [\d.]+ s; .*pack\.zip \([\d.]+ MB\)/);
    expect(existsSync(path.join(parent, 'pack.zip'))).toBe(true);
  });
});
