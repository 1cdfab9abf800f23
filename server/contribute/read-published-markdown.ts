import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PublishedNote } from '../content/knowledge-base.js';
import { frontMatterOf, type BaseFile } from './note-form.js';

/** Reads a published note's file (I/O), so a suggested edit rewrites only what changed in it; undefined if it cannot be read. */
export function readPublishedMarkdown(note: PublishedNote): BaseFile | undefined {
  try {
    const markdown = readFileSync(path.resolve(note.file), 'utf8');
    return { markdown, fields: { ...frontMatterOf(markdown), ...(note as unknown as Record<string, unknown>) } };
  } catch {
    return undefined;
  }
}
