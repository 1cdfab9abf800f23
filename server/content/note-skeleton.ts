import { stringify } from 'yaml';
import { AUTHORED_FIELDS, type NoteFieldDescriptor } from './note-schema.js';

/**
 * A new note that passes `npm run check` as it is: a draft (checked, never served) with every
 * field the web form asks, in the schema's order, holding a placeholder the author replaces or its
 * empty default, and the recommended body headings.
 */
export function buildNoteSkeleton(title: string, today: string): string {
  const frontMatter: Record<string, unknown> = {};
  for (const descriptor of AUTHORED_FIELDS) {
    if (!descriptor.form) continue;
    frontMatter[descriptor.field] =
      descriptor.field === 'title' ? title : descriptor.kind === 'date' ? today : (descriptor.example ?? emptyValueOf(descriptor));
  }
  frontMatter.status = 'draft';
  const lines = Object.entries(frontMatter).map(
    ([key, value]) => `${key}: ${stringify(value, { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0 }).trim()}`,
  );
  return ['---', ...lines, '---', NOTE_SKELETON_BODY].join('\n');
}

function emptyValueOf(descriptor: NoteFieldDescriptor): unknown {
  if (descriptor.list) return [];
  if (descriptor.kind === 'boolean') return false;
  return descriptor.default ?? '';
}

/** The body of a new note: the headings a good note has, for the author to write under (and the web form to start from). */
export const NOTE_SKELETON_BODY = [
  '## What to do',
  '',
  '- The first step a prosecutor should take.',
  '',
  '## Why it matters',
  '',
  '## When it applies',
  '',
  '## How to do it',
  '',
  '## Legal basis and evidence',
  '',
  '## Case examples',
  '',
  'Name victims and witnesses by initials only.',
  '',
  '## Pitfalls',
  '',
].join('\n');

/** True when a body holds nothing but the skeleton's headings and placeholder lines: no guidance has been written yet. */
export function isSkeletonOnly(body: string): boolean {
  const placeholders = new Set(NOTE_SKELETON_BODY.split('\n').map((line) => line.trim()));
  return body.split('\n').every((line) => line.trim() === '' || placeholders.has(line.trim()) || /^#{1,6}\s/.test(line.trim()));
}
