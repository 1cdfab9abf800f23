import { AUTHORED_FIELDS, FORM_STEP_IDS, type FormStepId } from '../content/note-schema.js';

/**
 * The contribution form as a short sequence of questions (GOV.UK "question pages"): each step asks
 * about one thing and is checked before the next. The steps are server-rendered pages of one form;
 * the fields of the other steps travel as hidden inputs, so the whole sequence works without
 * JavaScript and nothing is stored before the contributor sends it.
 */
export type StepId = FormStepId | 'text' | 'send';

/** The steps in order, each with the fields it asks: the note's fields from the schema's descriptors, then the body and the sending. */
export const FORM_STEPS: ReadonlyArray<{ id: StepId; fields: readonly string[] }> = [
  ...FORM_STEP_IDS.map((id) => ({ id, fields: AUTHORED_FIELDS.filter((descriptor) => descriptor.form?.step === id).map((descriptor) => descriptor.field) })),
  { id: 'text', fields: ['body'] },
  { id: 'send', fields: ['submitter_name', 'submitter_email', 'file'] },
];

/** The last step: check the answers, see the preview, say who you are, send. */
export const LAST_STEP = FORM_STEPS.length;

// Fields the form does not show map to the question that decides them: the slug comes from the title.
const FIELD_ALIASES: Record<string, string> = { slug: 'title', world_regions: 'jurisdictions' };

/** The form field a problem's dotted field path belongs to (`sources.0.url` → `sources`), or undefined when no question asks it. */
export function formFieldOf(problemField: string): string | undefined {
  const head = problemField.split('.')[0]!;
  const field = FIELD_ALIASES[head] ?? head;
  return FORM_STEPS.some((step) => step.fields.includes(field)) ? field : undefined;
}

/** The 1-based step that asks for a form field; problems with no field belong to the last step (uploads). */
export function stepOfField(field: string | undefined): number {
  const index = field ? FORM_STEPS.findIndex((step) => step.fields.includes(field)) : -1;
  return index === -1 ? LAST_STEP : index + 1;
}

/** A step number from a request value, clamped to the sequence (anything else is step 1). */
export function readStep(value: unknown): number {
  const number = typeof value === 'string' && /^\d{1,2}$/.test(value) ? Number(value) : 1;
  return Math.min(Math.max(number, 1), LAST_STEP);
}
