import type { KnowledgeBase, PublishedNote } from '../content/knowledge-base.js';
import type { ContentProblem } from '../content/content-problem.js';
import { findInternalLinks } from '../content/find-links.js';
import { buildNoteSchema, reservedSlugs } from '../content/note-schema.js';
import { slugify } from '../content/slugify.js';
import { parseFrontMatter } from '../content/parse-front-matter.js';
import { validateNote, type Note } from '../content/validate-note.js';

/** The outcome of checking a submission: the note it would publish, or every problem. */
export interface SubmissionCheck {
  note: Note | undefined;
  problems: ContentProblem[];
}

/** The largest submission accepted (the API answers 413 above it). */
export const MAX_SUBMISSION_BYTES = 1024 * 1024;

/**
 * Checks a submitted Markdown file exactly as `npm run check` would check it in the knowledge
 * directory: the same parser and schema, plus the knowledge-base rules that involve other notes
 * (a slug or alias already taken, a translation or link to a note that does not exist). An edit
 * may keep the slug of the note it was made from. Pure.
 */
export function checkSubmission(markdown: string, knowledgeBase: KnowledgeBase, today: string, options: { fileName?: string; editOf?: string } = {}): SubmissionCheck {
  const file = options.fileName ?? 'submission.md';
  const parsed = parseFrontMatter(file, Buffer.from(markdown, 'utf8'));
  if (Array.isArray(parsed)) return { note: undefined, problems: parsed };
  // A submission's file name is the contributor's, not ours: the slug comes from slug:, or the title.
  if (typeof parsed.data.slug !== 'string' && typeof parsed.data.title === 'string') {
    parsed.data.slug = options.editOf ?? (slugify(parsed.data.title) || 'note');
  }
  const schema = buildNoteSchema(knowledgeBase.taxonomy, today, reservedSlugs(knowledgeBase.taxonomy, knowledgeBase.synonyms));
  const note = validateNote(parsed, schema, knowledgeBase.taxonomy);
  if (Array.isArray(note)) return { note: undefined, problems: note };

  const problems: ContentProblem[] = [];
  const at = (field: string, path: PropertyKey[], message: string, hint: string, kind: ContentProblem['kind'] = 'invalid') =>
    problems.push({ file, ...parsed.locate(path), field, message, hint, kind });
  const owner = (name: string): PublishedNote | undefined => knowledgeBase.bySlug.get(name) ?? knowledgeBase.bySlug.get(knowledgeBase.aliases.get(name) ?? '');

  if (note.body.trim() === '') {
    problems.push({ file, line: note.bodyLine, column: 1, field: 'body', message: 'is empty', hint: 'write the guidance itself: what to do, why, and the sources behind it', kind: 'missing' });
  }
  // A submission is published as it is approved: a draft would be served until the next restart.
  if (note.status === 'draft') at('status', ['status'], 'is "draft", but a submission is published when an editor approves it', 'remove the status line; editors keep unfinished notes out');
  // Reviewers attest to a note: only the editors who approve it may add names, never its sender.
  const original = options.editOf ? knowledgeBase.bySlug.get(options.editOf) : undefined;
  const keptReviewers = original?.reviewers ?? [];
  if (note.reviewers.length !== keptReviewers.length || note.reviewers.some((name, index) => name !== keptReviewers[index])) {
    at('reviewers', ['reviewers'], original ? 'differs from the published note\'s reviewers' : 'names reviewers, but a new note has none until editors review it',
      original ? `keep reviewers as published: [${keptReviewers.join(', ')}]` : 'remove the reviewers line; the editors who approve the note are recorded');
  }
  if (options.editOf && note.slug !== options.editOf) {
    at('slug', ['slug'], `an edit of "${options.editOf}" must keep its slug`, `keep slug: ${options.editOf}; to rename, say so in a comment to the editors`);
  } else if (!options.editOf && owner(note.slug)) {
    at('slug', ['slug'], `"${note.slug}" is already used by another note`, 'choose another slug (slug: a-new-one), or use "Suggest an edit" on that note', 'taken');
  }
  note.aliases.forEach((alias, index) => {
    const taken = owner(alias);
    if (taken && taken.slug !== options.editOf) at(`aliases.${index}`, ['aliases', index], `"${alias}" is already used by ${taken.slug}`, 'remove it', 'taken');
  });
  for (const [language, target] of Object.entries(note.translations)) {
    if (!knowledgeBase.bySlug.has(target)) at(`translations.${language}`, ['translations', language], `"${target}" is not a published note`, 'give the slug of the translated note, or remove the entry');
  }
  for (const link of findInternalLinks(note.body, note.bodyLine)) {
    if (link.kind !== 'notes' || owner(link.target)) continue;
    problems.push({ file, line: link.line, column: link.column, field: 'body',
      message: `links to /notes/${link.target}, which is not a published note`, hint: 'correct the slug or remove the link', kind: 'broken_link' });
  }
  return problems.length > 0 ? { note: undefined, problems } : { note, problems: [] };
}
