import type { ContentProblem } from './content-problem.js';
import { VOCABULARY_FACETS } from './note-schema.js';
import { SLUG_PATTERN } from './field-values.js';
import type { buildNoteSchema, NoteFrontMatter } from './front-matter-schema.js';
import { suggestIds, type Taxonomy } from './taxonomy.js';
import type { FrontMatterFile } from './parse-front-matter.js';
import { zodIssueToProblem } from './zod-issue-to-problem.js';

/** A valid note: its front matter with defaults applied, its slug, and its Markdown body. */
export interface Note extends NoteFrontMatter {
  slug: string;
  file: string;
  body: string;
  /** 1-based line of the body's first line in the file, for locating problems in the body. */
  bodyLine: number;
}

/** The schema built for one knowledge base (its taxonomy and today's date). */
export type NoteSchema = ReturnType<typeof buildNoteSchema>;

/**
 * Checks one parsed note against the schema and the contract's cross-field rules. Returns the note
 * or every problem found, each located at the offending key or value.
 */
export function validateNote(parsed: FrontMatterFile, schema: NoteSchema, taxonomy: Taxonomy): Note | ContentProblem[] {
  const result = schema.safeParse(parsed.data, { reportInput: true });
  const suggestValues = (path: readonly PropertyKey[], value: string) => {
    const facet = VOCABULARY_FACETS.find((candidate) => candidate === path[0]);
    return facet ? suggestIds(taxonomy, facet, value) : [];
  };
  const problems = result.success
    ? []
    : result.error.issues.flatMap((issue) => zodIssueToProblem(issue, parsed, { knownFields: Object.keys(schema.shape), suggestValues }));

  const fileSlug = fileNameSlug(parsed.file);
  const declaredSlug = typeof parsed.data.slug === 'string' ? parsed.data.slug : undefined;
  if (!declaredSlug && !SLUG_PATTERN.test(fileSlug)) {
    problems.push({
      file: parsed.file,
      line: 1,
      column: 1,
      field: 'slug',
      message: `the file name "${fileSlug}" is not a valid slug and no slug: field is set`,
      hint: 'rename the file to lower-case words joined by hyphens (e.g. phone-evidence.md), or add slug: phone-evidence',
    });
  }
  if (!result.success || problems.length > 0) return problems;
  // A fresh copy: values read from YAML are slices of the parser's buffers and would keep them (and
  // its syntax tree) alive for as long as the note is served, about 14 KB a note.
  const data = JSON.parse(JSON.stringify(result.data)) as NoteFrontMatter;
  return { ...data, slug: data.slug ?? fileSlug, file: parsed.file, body: parsed.body, bodyLine: parsed.bodyLine };
}

/** The file name without folders and without its extension (`.md`, `.yml`). */
export function fileNameSlug(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? file;
  return name.replace(/\.(md|ya?ml)$/i, '');
}
