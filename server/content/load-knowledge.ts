import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildKnowledgeBase, type ContentFile, type KnowledgeCheck, type KnowledgeFiles } from './build-knowledge-base.js';
import { latestCalendarDate } from './note-schema.js';

/**
 * Reads a knowledge directory (notes/**, collections/*, taxonomy.yml, synonyms.yml, about.yml) and builds the
 * knowledge base. The only file-system code in content/. Paths in problems are relative to the
 * working directory so editors can jump to them.
 */
export async function loadKnowledge(knowledgeDir: string, now = new Date()): Promise<KnowledgeCheck> {
  return buildKnowledgeBase(await readKnowledgeFiles(knowledgeDir), latestCalendarDate(now));
}

/** Reads every content file of a knowledge directory without parsing it. */
export async function readKnowledgeFiles(knowledgeDir: string): Promise<KnowledgeFiles> {
  const [taxonomy, synonyms, about, notes, collections] = await Promise.all([
    readOptional(path.join(knowledgeDir, 'taxonomy.yml')),
    readOptional(path.join(knowledgeDir, 'synonyms.yml')),
    readOptional(path.join(knowledgeDir, 'about.yml')),
    readMarkdownFiles(path.join(knowledgeDir, 'notes'), true),
    readMarkdownFiles(path.join(knowledgeDir, 'collections'), false),
  ]);
  return { taxonomy, synonyms, about, notes, collections };
}

/** Reads the given Markdown files or folders (recursively), for checking paths a contributor names. */
export async function readMarkdownPaths(paths: readonly string[]): Promise<ContentFile[]> {
  const lists = await Promise.all(paths.map(async (target) => {
    const entries = await readdir(target, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOTDIR') return undefined;
      throw error;
    });
    if (entries === undefined) return [await readContentFile(target)];
    return readMarkdownFiles(target, true);
  }));
  return lists.flat();
}

async function readMarkdownFiles(dir: string, recursive: boolean): Promise<ContentFile[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const files = entries
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.md') && !entry.name.startsWith('.'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  return Promise.all(files.map(readContentFile));
}

async function readContentFile(file: string): Promise<ContentFile> {
  return { path: path.relative(process.cwd(), file) || file, bytes: await readFile(file) };
}

async function readOptional(file: string): Promise<ContentFile | undefined> {
  try {
    return await readContentFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
