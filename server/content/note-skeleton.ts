import { stringify } from 'yaml';

/** Turns a title into a slug: accents dropped, lower case, words joined by hyphens, at most 80 characters. */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/**
 * A new note that passes `npm run check` as it is: a draft (checked, never served) with
 * placeholder values the author replaces, and the recommended body headings.
 */
export function buildNoteSkeleton(title: string, today: string): string {
  const frontMatter = {
    title,
    summary: 'One sentence a prosecutor can act on: what to do, and why it helps the case or the victim.',
    language: 'en',
    jurisdictions: ['INT'],
    evidence_types: ['corroboration-strategy'],
    victim_centred_techniques: [],
    stages: ['investigation'],
    exploitation_types: [],
    evidence_basis: 'emerging-practice',
    evidence_note: 'Say why this rating: which sources support the practice and how strong they are.',
    sources: [],
    last_reviewed: today,
    status: 'draft',
  };
  const lines = Object.entries(frontMatter).map(([key, value]) => `${key}: ${stringify(value, { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0 }).trim()}`);
  return ['---', ...lines, '---', NOTE_SKELETON_BODY].join('\n');
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
