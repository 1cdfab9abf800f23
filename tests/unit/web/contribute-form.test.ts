import { describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from '../../../server/content/build-knowledge-base.js';
import { AUTHORED_FIELDS } from '../../../server/content/note-schema.js';
import { FORM_STEPS } from '../../../server/contribute/form-steps.js';
import { readNoteForm } from '../../../server/contribute/note-form.js';
import { createTranslator } from '../../../server/web/i18n.js';
import { buildContributeForm } from '../../../server/web/view-models/contribute-form.js';
import { fixtureKnowledgeFiles } from '../../fixtures/fixture-files.js';

const TODAY = '2026-11-28';
const t = createTranslator('en');
const { knowledgeBase } = buildKnowledgeBase(await fixtureKnowledgeFiles(), TODAY);
const taxonomy = knowledgeBase!.taxonomy;

function formAt(step: number, body: Record<string, unknown> = {}, extra: { editorComment?: string } = {}) {
  return buildContributeForm({
    form: readNoteForm(body, TODAY),
    editOf: undefined,
    problems: [],
    preview: undefined,
    csrf: 'token',
    submitter: { name: '', email: '' },
    step,
    taxonomy,
    language: 'en',
    t,
    ...extra,
  });
}

describe('buildContributeForm', () => {
  it("asks each step's yes/no fields from the schema, ticked as the form says, with their facet names", () => {
    for (const [index, step] of FORM_STEPS.entries()) {
      const yesNo = AUTHORED_FIELDS.filter((descriptor) => descriptor.kind === 'boolean' && descriptor.form?.step === step.id).map(
        (descriptor) => descriptor.field,
      );
      const model = formAt(index + 1, Object.fromEntries(yesNo.map((field) => [field, 'true'])));
      expect(model.yesNo.map((question) => question.field)).toEqual(yesNo);
      expect(model.yesNo.every((question) => question.checked && question.label === t(`facet.${question.field}` as Parameters<typeof t>[0]))).toBe(true);
    }
  });

  it('shows one-value pickers before lists, and folds the optional ones away', () => {
    const topics = FORM_STEPS.findIndex((step) => step.id === 'topics') + 1;
    const model = formAt(topics);
    expect(model.stepPickers[0]).toMatchObject({ field: 'content_type', multiple: false });
    expect(model.stepPickers.every((picker) => !picker.folded)).toBe(true);
    expect(model.foldedPickers.map((picker) => picker.field)).toEqual(
      AUTHORED_FIELDS.filter((descriptor) => descriptor.kind === 'vocabulary' && descriptor.form?.folded).map((descriptor) => descriptor.field),
    );
  });

  it('lists every question among the answers of the last step, the text included, a yes/no one as Yes or No', () => {
    const model = formAt(FORM_STEPS.length, { cross_border: 'true' });
    const asked = AUTHORED_FIELDS.filter((descriptor) => descriptor.form).length;
    // Every field the form asks, and the text (step "text"), each with the step its "Change" goes back to.
    expect(model.answers).toHaveLength(asked + 1);
    expect(model.answers.at(-1)?.step).toBe(FORM_STEPS.findIndex((step) => step.id === 'text') + 1);
    expect(model.answers.find((answer) => answer.label === t('facet.cross_border'))?.value).toBe(t('facet.true'));
  });

  it("carries the editor's comment on a resent submission in the model, not beside it", () => {
    expect(formAt(1, {}, { editorComment: 'Cite the judgment.' }).editorComment).toBe('Cite the judgment.');
    expect(formAt(1).editorComment).toBeUndefined();
  });
});
