import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { KnowledgeBuilder } from '../content/knowledge-builder.js';
import type { ContentFile, KnowledgeCheck, KnowledgeFiles } from '../content/knowledge-base.js';
import { latestCalendarDate } from '../content/field-values.js';

/**
 * Reads a knowledge directory (notes/**, collections/*, authorities/*, taxonomy.yml, synonyms.yml, about.yml) and builds the
 * knowledge base. Paths in problems are relative to the working directory so editors can jump to
 * them. A running server keeps its knowledge base in step with the directory through
 * server/knowledge/live-knowledge.ts, which reads files with the functions exported here.
 */
export async function loadKnowledge(knowledgeDir: string, now = new Date()): Promise<KnowledgeCheck> {
  const [taxonomy, synonyms, about] = await Promise.all(
    ['taxonomy.yml', 'synonyms.yml', 'about.yml'].map((name) => readOptional(path.join(knowledgeDir, name))),
  );
  const builder = new KnowledgeBuilder({ taxonomy, synonyms, about }, latestCalendarDate(now));
  // A batch at a time, yielding between batches: each file's bytes can go as soon as its note is
  // checked, and loading 10,000 notes no longer holds every file in memory at once.
  const notes = await listMarkdownFiles(path.join(knowledgeDir, 'notes'), true);
  for (let start = 0; start < notes.length; start += READ_BATCH) {
    for (const file of await Promise.all(notes.slice(start, start + READ_BATCH).map(readContentFile))) builder.addNote(file);
    await new Promise((resolve) => setImmediate(resolve));
  }
  for (const file of await readMarkdownFiles(path.join(knowledgeDir, 'collections'), false)) builder.addCollection(file);
  for (const file of await readAuthorityFiles(knowledgeDir)) builder.addAuthority(file);
  return builder.finish();
}

const READ_BATCH = 500;

/** Reads every content file of a knowledge directory without parsing it. */
export async function readKnowledgeFiles(knowledgeDir: string): Promise<KnowledgeFiles> {
  const [taxonomy, synonyms, about, notes, collections, authorities] = await Promise.all([
    readOptional(path.join(knowledgeDir, 'taxonomy.yml')),
    readOptional(path.join(knowledgeDir, 'synonyms.yml')),
    readOptional(path.join(knowledgeDir, 'about.yml')),
    readMarkdownFiles(path.join(knowledgeDir, 'notes'), true),
    readMarkdownFiles(path.join(knowledgeDir, 'collections'), false),
    readAuthorityFiles(knowledgeDir),
  ]);
  return { taxonomy, synonyms, about, notes, collections, authorities };
}

/** Reads the given Markdown files or folders (recursively), for checking paths a contributor names. */
export async function readMarkdownPaths(paths: readonly string[]): Promise<ContentFile[]> {
  const lists = await Promise.all(
    paths.map(async (target) => {
      const entries = await readdir(target, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOTDIR') return undefined;
        throw error;
      });
      if (entries === undefined) return [await readContentFile(target)];
      return readMarkdownFiles(target, true);
    }),
  );
  return lists.flat();
}

/** knowledge/authorities/*.yml (and .yaml), sorted. */
export async function readAuthorityFiles(knowledgeDir: string): Promise<ContentFile[]> {
  const dir = path.join(knowledgeDir, 'authorities');
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const files = entries
    .filter((entry) => entry.isFile() && /\.ya?ml$/i.test(entry.name) && !entry.name.startsWith('.'))
    .map((entry) => path.join(dir, entry.name))
    .sort();
  return Promise.all(files.map(readContentFile));
}

export async function readMarkdownFiles(dir: string, recursive: boolean): Promise<ContentFile[]> {
  return Promise.all((await listMarkdownFiles(dir, recursive)).map(readContentFile));
}

export async function listMarkdownFiles(dir: string, recursive: boolean): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.md') && !entry.name.startsWith('.'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

export async function readContentFile(file: string): Promise<ContentFile> {
  return { path: path.relative(process.cwd(), file) || file, bytes: await readFile(file) };
}

export async function readOptional(file: string): Promise<ContentFile | undefined> {
  try {
    return await readContentFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
