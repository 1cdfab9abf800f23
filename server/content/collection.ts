import { z } from 'zod';
import type { ContentProblem } from './content-problem.js';
import { isLanguageCode, SLUG_PATTERN } from './field-values.js';
import type { FrontMatterFile } from './parse-front-matter.js';
import { renderNote } from './render-note.js';
import { fileNameSlug } from './validate-note.js';
import { zodIssueToProblem } from './zod-issue-to-problem.js';

/** A trainer's reading list (knowledge/collections/*.md): ordered note slugs and an introduction. */
export interface Collection {
  slug: string;
  file: string;
  title: string;
  summary: string;
  language: string;
  notes: string[];
  html: string;
}

const collectionSchema = z.strictObject({
  title: z.string().min(5).max(160),
  summary: z.string().min(20).max(400),
  language: z.string().refine(isLanguageCode, { message: 'must be an ISO 639-1 language code such as en, fr or es' }),
  notes: z.array(z.string().regex(SLUG_PATTERN, 'must be a note slug')).min(1),
});

/** Validates a collection; every listed note must be a published note of the knowledge base. */
export function validateCollection(parsed: FrontMatterFile, publishedSlugs: ReadonlySet<string>): Collection | ContentProblem[] {
  const result = collectionSchema.safeParse(parsed.data, { reportInput: true });
  if (!result.success) {
    return result.error.issues.flatMap((issue) => zodIssueToProblem(issue, parsed, { knownFields: Object.keys(collectionSchema.shape) }));
  }
  const problems: ContentProblem[] = [];
  result.data.notes.forEach((slug, index) => {
    if (!publishedSlugs.has(slug)) {
      problems.push({
        file: parsed.file,
        ...parsed.locate(['notes', index]),
        field: `notes.${index}`,
        message: `"${slug}" is not a published note`,
        hint: 'use the slug of a published note (its file name without .md, or its slug: field)',
      });
    }
  });
  const slug = fileNameSlug(parsed.file);
  if (!SLUG_PATTERN.test(slug)) {
    problems.push({
      file: parsed.file,
      line: 1,
      column: 1,
      field: 'file',
      message: `the file name "${slug}" is not a valid slug`,
      hint: 'rename the file to lower-case words joined by hyphens',
    });
  }
  if (problems.length > 0) return problems;
  return { ...result.data, slug, file: parsed.file, html: renderNote(parsed.body).html };
}
