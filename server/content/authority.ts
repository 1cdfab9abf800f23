import { z } from 'zod';
import type { ContentProblem } from './content-problem.js';
import { isJurisdictionCode } from './jurisdictions.js';
import { deepLinkUrl, isIsoDate, isLanguageCode, SLUG_PATTERN } from './field-values.js';
import type { YamlData } from './parse-front-matter.js';
import type { Taxonomy } from './taxonomy.js';
import { fileNameSlug } from './validate-note.js';
import { zodIssueToProblem } from './zod-issue-to-problem.js';

/** What an authority is (docs/contract.md §3). */
export const AUTHORITY_KINDS = ['case', 'legislation', 'treaty', 'guidance', 'report'] as const;
/** Whether it still stands: `check-history` is shown as a warning, `superseded` and `repealed` prominently. */
export const AUTHORITY_STATUSES = ['good-law', 'check-history', 'superseded', 'repealed'] as const;
/** How a later decision treats a case. */
export const HISTORY_RELATIONS = ['appealed', 'affirmed', 'reversed', 'overruled', 'followed', 'distinguished'] as const;

/** An article or section that notes pinpoint; its id is also its anchor on the authority's page. */
export interface Provision {
  id: string;
  label: string;
  url?: string | undefined;
}

/** A later decision in the same case, or one that treats it: another authority or a citation. */
export interface HistoryEntry {
  relation: (typeof HISTORY_RELATIONS)[number];
  authority?: string | undefined;
  citation?: string | undefined;
  date: string;
}

/** A case, statute, treaty, guidance document or report that notes rely on (knowledge/authorities/<id>.yml). */
export interface Authority {
  id: string;
  file: string;
  /** Former ids: each address under one answers 301 to this authority, so links never break. */
  aliases: string[];
  kind: (typeof AUTHORITY_KINDS)[number];
  title: string;
  citation: string;
  court: string;
  jurisdiction: string;
  regions: string[];
  date?: string | undefined;
  language: string[];
  url?: string | undefined;
  other_urls: { url: string; language?: string | undefined; title?: string | undefined }[];
  summary: string;
  provisions: Provision[];
  history: HistoryEntry[];
  status: (typeof AUTHORITY_STATUSES)[number];
  replaced_by?: { authority?: string | undefined; citation?: string | undefined } | undefined;
}

const id = z.string().regex(SLUG_PATTERN, 'must be lower-case words joined by hyphens, such as art-3 or s-45');
const date = z.string({ error: 'must be a date written YYYY-MM-DD' }).refine(isIsoDate, { message: 'must be a real date written YYYY-MM-DD' });
const reference = z.strictObject({ authority: id.optional(), citation: z.string().min(3).max(500).optional() });

/** The zod schema of an authority file, with the regions vocabulary of `taxonomy`. */
export function buildAuthoritySchema(taxonomy: Taxonomy) {
  const regions = taxonomy.vocabularies.regions.values.map((value) => value.id) as [string, ...string[]];
  return z
    .strictObject({
      kind: z.enum(AUTHORITY_KINDS),
      title: z.string().min(3).max(300),
      citation: z.string().min(2).max(500),
      court: z.string().min(2).max(300),
      jurisdiction: z
        .string()
        .refine(isJurisdictionCode, { message: 'is not a known jurisdiction code (ISO 3166, GB-EAW, or INT for international instruments and courts)' }),
      regions: z.array(z.enum(regions)).default([]),
      date: date.optional(),
      language: z
        .union([z.string(), z.array(z.string()).min(1)])
        .transform((value) => (Array.isArray(value) ? value : [value]))
        .refine((codes) => codes.every(isLanguageCode), { message: 'must list ISO 639-1 language codes such as en, fr or es' }),
      url: deepLinkUrl.optional(),
      other_urls: z
        .array(
          z.strictObject({
            url: deepLinkUrl,
            language: z.string().refine(isLanguageCode, { message: 'must be an ISO 639-1 language code' }).optional(),
            title: z.string().max(300).optional(),
          }),
        )
        .default([]),
      summary: z.string().min(20).max(600),
      provisions: z
        .array(z.strictObject({ id, label: z.string().min(2).max(300), url: deepLinkUrl.optional() }))
        .max(500)
        .default([]),
      history: z
        .array(z.strictObject({ relation: z.enum(HISTORY_RELATIONS), authority: id.optional(), citation: z.string().min(3).max(500).optional(), date }))
        .max(100)
        .default([]),
      status: z.enum(AUTHORITY_STATUSES),
      replaced_by: reference.optional(),
      aliases: z.array(id).max(20).default([]),
    })
    .superRefine((authority, ctx) => {
      const seen = new Set<string>();
      authority.provisions.forEach((provision, index) => {
        if (seen.has(provision.id))
          ctx.addIssue({
            code: 'custom',
            path: ['provisions', index, 'id'],
            message: `lists "${provision.id}" twice`,
            params: { hint: 'give each provision its own id' },
          });
        seen.add(provision.id);
      });
      authority.history.forEach((entry, index) => {
        if (!entry.authority === !entry.citation) {
          ctx.addIssue({
            code: 'custom',
            path: ['history', index],
            message: 'needs either authority (an authority id) or citation (text), not both or neither',
            params: { hint: 'name the later decision by its authority id if it has a file, otherwise by its citation' },
          });
        }
      });
      if ((authority.status === 'superseded' || authority.status === 'repealed') && !authority.replaced_by) {
        ctx.addIssue({
          code: 'custom',
          path: ['status'],
          message: `is "${authority.status}" but replaced_by is missing`,
          params: { hint: 'say what replaced it: replaced_by: { authority: <id> } or { citation: "…" }' },
        });
      }
      if (authority.replaced_by && !authority.replaced_by.authority === !authority.replaced_by.citation) {
        ctx.addIssue({
          code: 'custom',
          path: ['replaced_by'],
          message: 'needs either authority or citation',
          params: { hint: 'replaced_by: { authority: <id> } or { citation: "…" }' },
        });
      }
      // "Check its history" with no history sends the reader to a section that is not there.
      if (authority.status === 'check-history' && authority.history.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['status'],
          message:
            authority.kind === 'case'
              ? 'is "check-history" but history is empty, so the page tells readers to read a history it does not have'
              : `is "check-history", which needs a history entry, and only cases have one (kind is "${authority.kind}")`,
          params: {
            hint:
              authority.kind === 'case'
                ? 'add the later decision: history: [{ relation: appealed, authority: <id> (or citation: "…"), date: YYYY-MM-DD }]; or set status: good-law if nothing later questions it'
                : 'use good-law, or superseded or repealed with replaced_by',
          },
        });
      }
      if (authority.kind !== 'case' && authority.history.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['history'],
          message: `is for cases, but kind is "${authority.kind}"`,
          params: { hint: 'record amendments of legislation with status and replaced_by' },
        });
      }
    });
}

/** Validates one authority file; its id is its file name. */
export function validateAuthority(parsed: YamlData, schema: ReturnType<typeof buildAuthoritySchema>): Authority | ContentProblem[] {
  const result = schema.safeParse(parsed.data, { reportInput: true });
  if (!result.success) {
    return result.error.issues.flatMap((issue) => zodIssueToProblem(issue, parsed, { knownFields: Object.keys(schema.shape) }));
  }
  const authorityId = fileNameSlug(parsed.file);
  if (!SLUG_PATTERN.test(authorityId)) {
    return [
      {
        file: parsed.file,
        line: 1,
        column: 1,
        field: 'file',
        message: `the file name "${authorityId}" is not a valid id`,
        hint: 'rename the file to lower-case words joined by hyphens, ending in .yml',
      },
    ];
  }
  return { ...result.data, id: authorityId, file: parsed.file } as Authority;
}
