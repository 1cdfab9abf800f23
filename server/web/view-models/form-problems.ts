import type { ContentProblem } from '../../content/content-problem.js';
import { isMessageKey, type Translate } from '../i18n.js';
import { formFieldOf, stepOfField } from '../../contribute/form-steps.js';

/** A problem as the contributor reads it: which question, in plain words, and where it is asked. */
export interface FormProblem {
  /** The form field to link to, or undefined for a problem with no question (a line of an uploaded file). */
  field: string | undefined;
  /** The 1-based step that asks the question. */
  step: number;
  message: string;
}

/**
 * The one place where the schema's problems become sentences for contributors (en/fr/es): a
 * problem is worded by its field and kind (`contribute.problem.title.too_short`), or by its kind
 * alone with the question's label. Vocabularies are never restated: the form lists their values.
 * A problem in an uploaded file, or in a field no question asks, keeps its line and the checker's
 * own words, which is what someone who wrote the YAML needs.
 */
export function describeFormProblem(problem: ContentProblem, t: Translate, labelOf: (field: string) => string, uploaded: boolean): FormProblem {
  const field = formFieldOf(problem.field);
  const kind = problem.kind ?? 'invalid';
  if (kind === 'explained') return { field, step: stepOfField(field), message: [problem.message, problem.hint].filter(Boolean).join(' ') };
  if (!uploaded && field) {
    const specific = `contribute.problem.${field}.${kind}`;
    const general = `contribute.problem.${kind}`;
    const message = isMessageKey(specific)
      ? t(specific, { value: valueOf(problem) })
      : isMessageKey(general)
        ? t(general, { field: labelOf(field) })
        : t('contribute.problem.invalid', { field: labelOf(field) });
    return { field, step: stepOfField(field), message };
  }
  const located = problem.line > 0 ? `${t('contribute.line', { line: problem.line, column: problem.column })} ` : '';
  return { field: undefined, step: stepOfField(field), message: `${located}${problem.field}: ${problem.message}${problem.hint ? ` — ${problem.hint}` : ''}` };
}

// A quoted value in the checker's message ("links to /notes/x"), for messages that name it.
function valueOf(problem: ContentProblem): string {
  return /\/notes\/([^\s,]+)/.exec(problem.message)?.[1] ?? /"([^"]*)"/.exec(problem.message)?.[1] ?? '';
}
