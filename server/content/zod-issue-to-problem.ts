import { distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import type { ContentProblem } from './content-problem.js';
import { suggestJurisdiction } from './jurisdictions.js';
import type { YamlData } from './parse-front-matter.js';

/** What a schema knows beyond zod's issue: the valid field names, for "did you mean" hints. */
export interface ProblemContext {
  knownFields?: readonly string[];
  /** Ids that mean something like `value` in the vocabulary of the field at `path`. */
  suggestValues?: (path: readonly PropertyKey[], value: string) => string[];
}

/**
 * Turns one zod issue into located problems (one per unknown key), saying what was expected, what
 * was found, and how to fix it. Zod must have been run with `reportInput: true`.
 */
export function zodIssueToProblem(issue: z.core.$ZodIssue, parsed: YamlData, context: ProblemContext = {}): ContentProblem[] {
  const field = issue.path.map(String).join('.') || '(front matter)';
  const input = (issue as { input?: unknown }).input;
  const base = (path: readonly PropertyKey[], part: 'key' | 'value' = 'value') => ({ file: parsed.file, ...parsed.locate(path, part) });
  const customHint = (issue as { params?: { hint?: string } }).params?.hint;
  const customKind = (issue as { params?: { kind?: ContentProblem['kind'] } }).params?.kind;

  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const suggestion = closest(key, context.knownFields ?? []);
        return {
          ...base([...issue.path, key], 'key'),
          field: [...issue.path.map(String), key].join('.'),
          message: 'is not a known field',
          kind: 'unknown_field' as const,
          hint: suggestion ? `did you mean "${suggestion}"?` : 'remove it; see docs/contract.md §1 for the fields a note may have',
        };
      });
    case 'invalid_type':
      if (input === undefined) return [{ ...base(issue.path), field, message: 'is required', hint: `add ${field}: (${issue.expected})`, kind: 'missing' }];
      return [
        {
          ...base(issue.path),
          field,
          message: `must be ${article(issue.expected)}, got ${describe(input)}`,
          hint: typeHint(issue.expected),
          kind: 'wrong_type',
        },
      ];
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      // A value from YAML may be a mapping whose "toString" is itself a mapping: String() would throw.
      if (typeof input === 'object' && input !== null) {
        return [
          {
            ...base(issue.path),
            field,
            message: `must be one of the ${allowed.length} allowed values, got ${describe(input)}`,
            kind: 'wrong_type',
            hint: `use one of: ${abbreviate(allowed)}`,
          },
        ];
      }
      const given = String(input);
      const suggestions = [...new Set([...closestAll(given, allowed), ...(context.suggestValues?.(issue.path, given) ?? [])])].slice(0, 3);
      return [
        {
          ...base(issue.path),
          field,
          message: `"${given}" is not one of the ${allowed.length} allowed values`,
          kind: input === '' || input === undefined ? 'missing' : 'not_allowed',
          hint: suggestions.length
            ? `did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}? (all: ${abbreviate(allowed)})`
            : `use one of: ${abbreviate(allowed)}`,
        },
      ];
    }
    case 'too_small':
    case 'too_big': {
      const limit = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const unit = issue.origin === 'string' ? 'characters' : 'items';
      const size = typeof input === 'string' ? input.length : Array.isArray(input) ? input.length : undefined;
      const comparison = issue.code === 'too_small' ? 'at least' : 'at most';
      const message = size === 0 && unit === 'items' ? `is empty; list at least ${limit}` : `has ${size ?? '?'} ${unit}; expected ${comparison} ${limit}`;
      const kind = issue.code === 'too_big' ? 'too_long' : size === 0 ? (unit === 'items' ? 'empty_list' : 'missing') : 'too_short';
      return [{ ...base(issue.path), field, message, hint: issue.code === 'too_small' ? 'say a little more' : 'shorten it; put detail in the body', kind }];
    }
    default: {
      const isJurisdiction = issue.path[0] === 'jurisdictions' && typeof input === 'string';
      const inputText = typeof input === 'string' ? `"${input}" ` : '';
      const isUrl = issue.code === 'invalid_format' && issue.format === 'url';
      const hint =
        customHint ??
        (isJurisdiction ? suggestJurisdiction(input as string) : undefined) ??
        (isUrl ? 'give a web address starting with https://, or put the reference in citation:' : undefined);
      return [
        {
          ...base(issue.path),
          field,
          message: `${inputText}${issue.message}`,
          ...(hint ? { hint } : {}),
          kind: customKind ?? (input === '' ? 'missing' : 'invalid'),
        },
      ];
    }
  }
}

function closest(value: string, candidates: readonly string[]): string | undefined {
  return closestAll(value, candidates)[0];
}

/** Up to three candidates within a small edit distance, nearest first ("did you mean"). */
export function closestAll(value: string, candidates: readonly string[]): string[] {
  const needle = value.toLowerCase();
  return candidates
    .map((candidate) => ({ candidate, score: distance(needle, candidate.toLowerCase()) }))
    .filter(({ candidate, score }) => score <= Math.max(2, Math.floor(candidate.length / 3)) || candidate.includes(needle) || needle.includes(candidate))
    .sort((a, b) => a.score - b.score)
    .slice(0, 3)
    .map(({ candidate }) => candidate);
}

function abbreviate(values: readonly string[]): string {
  return values.length > 8 ? `${values.slice(0, 8).join(', ')}, … (${values.length} in all; see knowledge/taxonomy.yml)` : values.join(', ');
}

function describe(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a set of fields';
  if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}

function article(expected: string): string {
  const names: Record<string, string> = { array: 'a list', string: 'text', boolean: 'true or false', object: 'a set of fields', number: 'a number' };
  return names[expected] ?? expected;
}

function typeHint(expected: string): string {
  if (expected === 'array') return 'write a list, e.g. [first-id, second-id]';
  if (expected === 'string') return 'write text; quote it if it looks like a number, a date or true/false';
  if (expected === 'boolean') return 'write true or false';
  return `write ${article(expected)}`;
}
