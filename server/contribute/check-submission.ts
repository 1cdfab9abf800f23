import type { KnowledgeBase, PublishedNote } from '../content/knowledge-base.js';
import type { ContentProblem } from '../content/content-problem.js';
import { findInternalLinks, type InternalLink } from '../content/find-links.js';
import { buildNoteSchema, reservedSlugs } from '../content/front-matter-schema.js';
import { slugify } from '../content/slugify.js';
import { parseFrontMatter } from '../content/parse-front-matter.js';
import type { Taxonomy } from '../content/taxonomy.js';
import { validateNote, type Note } from '../content/validate-note.js';

// A published note with the same title, letter case and spacing aside (a linear scan: one form step, one pass over the catalogue's titles).
function noteTitled(knowledgeBase: KnowledgeBase, title: string): PublishedNote | undefined {
  const wanted = title.trim().replace(/\s+/g, ' ').toLowerCase();
  return wanted.length < 10 ? undefined : knowledgeBase.notes.find((note) => note.title.length === wanted.length && note.title.toLowerCase() === wanted);
}

/** The outcome of checking a submission: the note it would publish, or every problem. */
export interface SubmissionCheck {
  note: Note | undefined;
  problems: ContentProblem[];
}

/** The largest submission accepted (the API answers 413 above it; the form shows a problem and checks nothing). */
export const MAX_SUBMISSION_BYTES = 1024 * 1024;

/** What reading a submission needs to know of the knowledge base: plain data, so a checking thread can be sent it. */
export interface SubmissionContext {
  taxonomy: Taxonomy;
  synonyms: readonly (readonly string[])[];
  today: string;
  fileName?: string | undefined;
  /** The note an edit was made from: its slug is the submission's own. */
  editOf?: string | undefined;
  /** That note's reviewers, which an edit must keep. */
  keptReviewers: readonly string[];
}

/**
 * A submission read on its own (parsed, checked against the schema, its links found), with what the
 * rules involving other notes need: the slug, aliases and translations it claims, each located.
 */
export interface SubmissionReading {
  note: Note | undefined;
  problems: ContentProblem[];
  file: string;
  slugAt: { line: number; column: number };
  aliasesAt: Array<{ line: number; column: number }>;
  translationsAt: Record<string, { line: number; column: number }>;
  links: InternalLink[];
  /** The slug and title it claims, read even when the schema refuses the rest, so a taken one is said at once. */
  claimed?: { slug?: string | undefined; title?: string | undefined };
}

/** The context of a submission's check, from the knowledge base it is checked against. */
export function submissionContext(
  knowledgeBase: KnowledgeBase,
  today: string,
  options: { fileName?: string | undefined; editOf?: string | undefined } = {},
): SubmissionContext {
  const original = options.editOf ? knowledgeBase.bySlug.get(options.editOf) : undefined;
  return {
    taxonomy: knowledgeBase.taxonomy,
    synonyms: knowledgeBase.synonyms,
    today,
    fileName: options.fileName,
    editOf: options.editOf,
    keptReviewers: original?.reviewers ?? [],
  };
}

/**
 * Checks a submitted Markdown file exactly as `npm run check` would check it in the knowledge
 * directory: the same parser and schema, plus the knowledge-base rules that involve other notes
 * (a slug or alias already taken, a translation or link to a note that does not exist). An edit
 * may keep the slug of the note it was made from. Pure; the web app runs readSubmission in a
 * budgeted thread and only resolveSubmission on the event loop.
 */
export function checkSubmission(
  markdown: string,
  knowledgeBase: KnowledgeBase,
  today: string,
  options: { fileName?: string; editOf?: string } = {},
): SubmissionCheck {
  return resolveSubmission(readSubmission(markdown, submissionContext(knowledgeBase, today, options)), knowledgeBase, options.editOf);
}

/**
 * Everything of a submission's check whose cost grows with its text: parsing, the schema, the rules
 * on its own fields, finding its links. Needs no other note, so it runs in a thread under a budget. Pure.
 */
export function readSubmission(markdown: string, context: SubmissionContext): SubmissionReading {
  const file = context.fileName ?? 'submission.md';
  const none = { file, slugAt: { line: 1, column: 1 }, aliasesAt: [], translationsAt: {}, links: [] };
  const parsed = parseFrontMatter(file, Buffer.from(markdown, 'utf8'));
  if (Array.isArray(parsed)) return { note: undefined, problems: parsed, ...none };
  // A submission's file name is the contributor's, not ours: the slug comes from slug:, or the title.
  if (typeof parsed.data.slug !== 'string' && typeof parsed.data.title === 'string') {
    parsed.data.slug = context.editOf ?? (slugify(parsed.data.title) || 'note');
  }
  const schema = buildNoteSchema(context.taxonomy, context.today, reservedSlugs(context.taxonomy, context.synonyms));
  const note = validateNote(parsed, schema, context.taxonomy);
  const claimed = {
    slug: typeof parsed.data.slug === 'string' ? parsed.data.slug : undefined,
    title: typeof parsed.data.title === 'string' ? parsed.data.title.slice(0, 500) : undefined,
  };
  if (Array.isArray(note)) return { note: undefined, problems: note, ...none, slugAt: parsed.locate(['slug']), claimed };

  const problems: ContentProblem[] = [];
  const at = (field: string, path: PropertyKey[], message: string, hint: string) =>
    problems.push({ file, ...parsed.locate(path), field, message, hint, kind: 'invalid' });
  if (note.body.trim() === '') {
    problems.push({
      file,
      line: note.bodyLine,
      column: 1,
      field: 'body',
      message: 'is empty',
      hint: 'write the guidance itself: what to do, why, and the sources behind it',
      kind: 'missing',
    });
  }
  // A submission is published as it is approved: a draft would be served until the next restart.
  if (note.status === 'draft')
    at(
      'status',
      ['status'],
      'is "draft", but a submission is published when an editor approves it',
      'remove the status line; editors keep unfinished notes out',
    );
  // Reviewers attest to a note: only the editors who approve it may add names, never its sender.
  const kept = context.keptReviewers;
  if (note.reviewers.length !== kept.length || note.reviewers.some((name, index) => name !== kept[index])) {
    at(
      'reviewers',
      ['reviewers'],
      context.editOf ? "differs from the published note's reviewers" : 'names reviewers, but a new note has none until editors review it',
      context.editOf ? `keep reviewers as published: [${kept.join(', ')}]` : 'remove the reviewers line; the editors who approve the note are recorded',
    );
  }
  if (context.editOf && note.slug !== context.editOf) {
    at('slug', ['slug'], `an edit of "${context.editOf}" must keep its slug`, `keep slug: ${context.editOf}; to rename, say so in a comment to the editors`);
  }
  return {
    note,
    problems,
    file,
    slugAt: parsed.locate(['slug']),
    aliasesAt: note.aliases.map((_, index) => parsed.locate(['aliases', index])),
    translationsAt: Object.fromEntries(Object.keys(note.translations).map((language) => [language, parsed.locate(['translations', language])])),
    links: findInternalLinks(note.body, note.bodyLine),
    claimed,
  };
}

/**
 * The rules that involve other notes, on a reading: one map lookup per slug, alias, translation and
 * link the reading found, so linear in what was read and cheap enough for the event loop. Pure.
 */
export function resolveSubmission(reading: SubmissionReading, knowledgeBase: KnowledgeBase, editOf?: string): SubmissionCheck {
  const { note, file } = reading;
  const problems = [...reading.problems];
  const owner = (name: string): PublishedNote | undefined => knowledgeBase.bySlug.get(name) ?? knowledgeBase.bySlug.get(knowledgeBase.aliases.get(name) ?? '');
  const located = (position: { line: number; column: number }, field: string, message: string, hint: string, kind: ContentProblem['kind'] = 'invalid') =>
    problems.push({ file, ...position, field, message, hint, kind });
  // A title (or the address it makes) another note has is said at once, with the question about it,
  // not only once every other question is answered.
  const takenBy = editOf
    ? undefined
    : ((reading.claimed?.slug ? owner(reading.claimed.slug) : undefined) ??
      (reading.claimed?.title ? noteTitled(knowledgeBase, reading.claimed.title) : undefined));
  if (takenBy) {
    located(
      reading.slugAt,
      'slug',
      `"${takenBy.slug}" is already used by another note`,
      'choose another slug (slug: a-new-one), or use "Suggest an edit" on that note',
      'taken',
    );
  }
  if (!note) return { note: undefined, problems };
  note.aliases.forEach((alias, index) => {
    const taken = owner(alias);
    if (taken && taken.slug !== editOf)
      located(reading.aliasesAt[index] ?? reading.slugAt, `aliases.${index}`, `"${alias}" is already used by ${taken.slug}`, 'remove it', 'taken');
  });
  for (const [language, target] of Object.entries(note.translations)) {
    if (!knowledgeBase.bySlug.has(target))
      located(
        reading.translationsAt[language] ?? reading.slugAt,
        `translations.${language}`,
        `"${target}" is not a published note`,
        'give the slug of the translated note, or remove the entry',
      );
  }
  for (const link of reading.links) {
    if (link.kind !== 'notes' || owner(link.target)) continue;
    problems.push({
      file,
      line: link.line,
      column: link.column,
      field: 'body',
      message: `links to /notes/${link.target}, which is not a published note`,
      hint: 'correct the slug or remove the link',
      kind: 'broken_link',
    });
  }
  return problems.length > 0 ? { note: undefined, problems } : { note, problems: [] };
}
