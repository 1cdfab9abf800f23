/**
 * The contribution form as a short sequence of questions (GOV.UK "question pages"): each step asks
 * about one thing and is checked before the next. The steps are server-rendered pages of one form;
 * the fields of the other steps travel as hidden inputs, so the whole sequence works without
 * JavaScript and nothing is stored before the contributor sends it.
 */
export const FORM_STEPS = [
  { id: 'about', fields: ['title', 'summary', 'language', 'jurisdictions'] },
  { id: 'topics', fields: ['content_type', 'evidence_types', 'stages', 'victim_centred_techniques', 'exploitation_types', 'victim_profile', 'regions', 'cross_border', 'tech_facilitated'] },
  { id: 'basis', fields: ['evidence_basis', 'evidence_note', 'sources', 'last_reviewed'] },
  { id: 'text', fields: ['body'] },
  { id: 'send', fields: ['submitter_name', 'submitter_email', 'file'] },
] as const;

export type StepId = (typeof FORM_STEPS)[number]['id'];

/** The last step: check the answers, see the preview, say who you are, send. */
export const LAST_STEP = FORM_STEPS.length;

// Fields the form does not show map to the question that decides them: the slug comes from the title.
const FIELD_ALIASES: Record<string, string> = { slug: 'title', world_regions: 'jurisdictions' };

/** The form field a problem's dotted field path belongs to (`sources.0.url` → `sources`), or undefined when no question asks it. */
export function formFieldOf(problemField: string): string | undefined {
  const head = problemField.split('.')[0]!;
  const field = FIELD_ALIASES[head] ?? head;
  return FORM_STEPS.some((step) => (step.fields as readonly string[]).includes(field)) ? field : undefined;
}

/** The 1-based step that asks for a form field; problems with no field belong to the last step (uploads). */
export function stepOfField(field: string | undefined): number {
  const index = field ? FORM_STEPS.findIndex((step) => (step.fields as readonly string[]).includes(field)) : -1;
  return index === -1 ? LAST_STEP : index + 1;
}

/** A step number from a request value, clamped to the sequence (anything else is step 1). */
export function readStep(value: unknown): number {
  const number = typeof value === 'string' && /^\d{1,2}$/.test(value) ? Number(value) : 1;
  return Math.min(Math.max(number, 1), LAST_STEP);
}
