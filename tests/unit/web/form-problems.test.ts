import { describe, expect, it } from 'vitest';
import type { ContentProblem, ProblemKind } from '../../../server/content/content-problem.js';
import { describeFormProblem } from '../../../server/web/view-models/form-problems.js';
import { FORM_STEPS } from '../../../server/contribute/form-steps.js';
import { createTranslator, INTERFACE_LANGUAGES } from '../../../server/web/i18n.js';

const KINDS: ProblemKind[] = [
  'missing',
  'too_short',
  'too_long',
  'empty_list',
  'not_allowed',
  'wrong_type',
  'unknown_field',
  'invalid',
  'taken',
  'broken_link',
];
const problem = (field: string, kind: ProblemKind, message = 'is required'): ContentProblem => ({
  file: 'submission.md',
  line: 3,
  column: 1,
  field,
  message,
  hint: `add ${field}: (array)`,
  kind,
});

describe('problems worded for contributors', () => {
  it("never show the checker's jargon or restate a vocabulary, for any field and kind, in any language", () => {
    for (const language of INTERFACE_LANGUAGES) {
      const t = createTranslator(language);
      for (const field of FORM_STEPS.flatMap((step) => step.fields)) {
        for (const kind of KINDS) {
          const { message } = describeFormProblem(problem(field, kind, '"" is not one of the 8 allowed values'), t, (name) => `[${name}]`, false);
          expect(message).not.toMatch(/is required|allowed values|\(array\)|did you mean|contribute\.problem/);
          expect(message.length).toBeGreaterThan(5);
        }
      }
    }
  });

  it('name the question and its step; a slug problem belongs to the title', () => {
    const t = createTranslator('en');
    expect(describeFormProblem(problem('stages', 'empty_list'), t, String, false)).toEqual({
      field: 'stages',
      step: 2,
      message: 'Choose at least one stage of the case',
    });
    expect(describeFormProblem(problem('slug', 'taken'), t, String, false)).toMatchObject({ field: 'title', step: 1 });
    expect(describeFormProblem(problem('sources.0.url', 'invalid'), t, String, false)).toMatchObject({ field: 'sources', step: 3 });
    expect(createTranslator('fr')('contribute.problem.stages.empty_list')).toBe('Choisissez au moins une étape de la procédure');
  });

  it("keep the line and the checker's words for an uploaded file, whose author wrote the YAML", () => {
    const { field, message } = describeFormProblem(
      problem('stages.0', 'not_allowed', '"investigaton" is not one of the 8 allowed values'),
      createTranslator('en'),
      String,
      true,
    );
    expect(field).toBeUndefined();
    expect(message).toBe('Line 3, column 1: stages.0: "investigaton" is not one of the 8 allowed values — add stages.0: (array)');
  });
});
