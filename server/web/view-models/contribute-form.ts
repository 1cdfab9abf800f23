import type { ContentProblem } from '../../content/content-problem.js';
import { nameJurisdiction } from '../../content/jurisdictions.js';
import { AUTHORED_FIELDS, type NoteFieldDescriptor, type VocabularyFacet } from '../../content/note-schema.js';
import { labelOf, textOf, type Taxonomy } from '../../content/taxonomy.js';
import { describeFormProblem, type FormProblem } from './form-problems.js';
import { FORM_STEPS, LAST_STEP } from '../../contribute/form-steps.js';
import { hiddenFormFields, jurisdictionCodes, type NoteForm } from '../../contribute/note-form.js';
import type { Submitter } from '../../contribute/submission.js';
import { INTERFACE_LANGUAGES, type InterfaceLanguage, type MessageKey, type Translate } from '../i18n.js';
import { labelFacet, labelLanguage } from './facet-labels.js';
import { readerLabelsOf } from './reader-labels.js';
import type { NotePageModel } from './note-page.js';

/** One checkbox or option of a picker, with its definition as help text. */
export interface PickerOption {
  value: string;
  label: string;
  definition: string;
  checked: boolean;
}

/** A vocabulary picker: checkboxes (several values) or radio buttons (one). */
export interface Picker {
  field: string;
  label: string;
  multiple: boolean;
  /** The step that asks it. */
  step: number;
  /** Optional: folded away unless a value is chosen or has a problem. */
  folded: boolean;
  options: PickerOption[];
}

/** A yes/no question: one checkbox. */
export interface YesNoQuestion {
  field: string;
  label: string;
  checked: boolean;
}

/** Jurisdictions by world region, named in the reader's language; the ISO code is what is stored. */
export interface JurisdictionGroup {
  id: string;
  label: string;
  /** Open when one of its jurisdictions is ticked, so a choice is never hidden. */
  open: boolean;
  options: Array<{ value: string; label: string; checked: boolean }>;
}

/** One answer on the "check and send" step, with the step that asks it. */
export interface Answer {
  label: string;
  value: string;
  step: number;
}

/** Everything views/contribute.ejs shows. */
export interface ContributeFormModel {
  form: NoteForm;
  editOf: string | undefined;
  /** The version of the note the edit was opened on, sent back as a hidden field. */
  editBase: string | undefined;
  /** The submission being edited and resent after "changes requested". */
  resubmitOf: string | undefined;
  /** The editor's comment on the submission being resent, shown on its first step. */
  editorComment: string | undefined;
  csrf: string;
  submitter: Submitter;
  step: number;
  steps: Array<{ number: number; id: string; label: string; current: boolean }>;
  stepLabel: string;
  /** Every picker of the form, in the order the steps show them (the answers read them all). */
  pickers: Picker[];
  /** This step's pickers shown open, then those folded away. */
  stepPickers: Picker[];
  foldedPickers: Picker[];
  /** This step's yes/no questions. */
  yesNo: YesNoQuestion[];
  jurisdictionGroups: JurisdictionGroup[];
  chosenJurisdictions: string[];
  languages: Array<{ value: string; label: string; selected: boolean }>;
  /** Every problem, in the order of the questions: the error summary at the top. */
  errors: Array<FormProblem & { onThisStep: boolean; stepLabel: string }>;
  /** Problems by form field, shown beside the question. */
  fieldProblems: Record<string, string[]>;
  /** The answers of the other steps, carried as hidden inputs. */
  hidden: Array<{ name: string; value: string }>;
  answers: Answer[];
  preview: NotePageModel | undefined;
  /** When the title is another note's: that note, to read or to suggest an edit to instead. */
  duplicateOf: { url: string; editUrl: string } | undefined;
}

/** Where a field stands among its step's questions: one-value pickers first, then lists, then the folded ones, then yes/no. */
function questionRank(descriptor: NoteFieldDescriptor): number {
  if (descriptor.kind === 'boolean') return 3;
  if (descriptor.form?.folded) return 2;
  return descriptor.kind === 'vocabulary' && !descriptor.list ? 0 : 1;
}

/** The form's note fields in the order the steps ask them: by step, then by questionRank, then in the schema's order. */
const QUESTIONS: readonly NoteFieldDescriptor[] = AUTHORED_FIELDS.filter((descriptor) => descriptor.form)
  .map((descriptor, index) => ({ descriptor, index }))
  .sort((a, b) => stepNumberOf(a.descriptor) - stepNumberOf(b.descriptor) || questionRank(a.descriptor) - questionRank(b.descriptor) || a.index - b.index)
  .map(({ descriptor }) => descriptor);

function stepNumberOf(descriptor: NoteFieldDescriptor): number {
  return FORM_STEPS.findIndex((step) => step.id === descriptor.form?.step) + 1;
}

const OTHER_GROUP = 'other';

/**
 * The jurisdiction picker, by world region (International first), each region open when it holds a
 * ticked code; a code the list does not have (a subdivision typed in a file) stays ticked, under
 * "other". Shared by the contribution form and a member's profile.
 */
export function buildJurisdictionGroups(chosen: ReadonlySet<string>, taxonomy: Taxonomy, language: InterfaceLanguage, t: Translate): JurisdictionGroup[] {
  const named = readerLabelsOf(taxonomy, language, t).jurisdictions();
  const known = new Set(named.map((entry) => entry.code));
  const extra = [...chosen]
    .filter((code) => !known.has(code))
    .map((code) => ({ code, label: nameJurisdiction(code, language, taxonomy.jurisdictionNames), group: OTHER_GROUP }));
  const groupIds = ['global', 'africa', 'americas', 'asia', 'europe', 'oceania', OTHER_GROUP];
  return groupIds
    .map((id) => {
      const options = [...named, ...extra]
        .filter((entry) => entry.group === id)
        .map((entry) => ({ value: entry.code, label: entry.label, checked: chosen.has(entry.code) }));
      return {
        id,
        label: id === OTHER_GROUP ? t('contribute.jurisdictionsOther') : labelOf(taxonomy, 'world_regions', id, language),
        open: id === 'global' || options.some((option) => option.checked),
        options,
      };
    })
    .filter((group) => group.options.length > 0);
}

/** The form's label for a field, as the error summary and the answers name it: a facet's from taxonomy.yml or `facet.<field>`, the others' from `contribute.field.*`. */
export function fieldLabel(field: string, language: InterfaceLanguage, taxonomy: Taxonomy, t: Translate): string {
  const own: Record<string, MessageKey> = {
    title: 'contribute.field.title',
    summary: 'contribute.field.summary',
    language: 'contribute.field.language',
    jurisdictions: 'contribute.field.jurisdictions',
    last_reviewed: 'contribute.field.lastReviewed',
    evidence_note: 'contribute.field.evidenceNote',
    sources: 'contribute.field.sources',
    body: 'contribute.field.body',
    submitter_name: 'contribute.field.name',
    submitter_email: 'contribute.field.email',
    file: 'contribute.field.file',
  };
  return own[field] ? t(own[field]!) : labelFacet(field, language, taxonomy, t);
}

/** Builds one step of the contribution form: its questions, the error summary, and the other answers as hidden inputs. Pure. */
export function buildContributeForm(input: {
  form: NoteForm;
  editOf: string | undefined;
  editBase?: string | undefined;
  resubmitOf?: string | undefined;
  editorComment?: string | undefined;
  problems: readonly ContentProblem[];
  uploaded?: boolean;
  preview: NotePageModel | undefined;
  csrf: string;
  submitter: Submitter;
  step?: number;
  taxonomy: Taxonomy;
  language: InterfaceLanguage;
  t: Translate;
}): ContributeFormModel {
  const { form, taxonomy, language, t } = input;
  const step = input.step ?? 1;
  const label = (field: string) => fieldLabel(field, language, taxonomy, t);
  const stepName = (number: number) => t(`contribute.step.${FORM_STEPS[number - 1]!.id}` as MessageKey);

  const errors = input.problems
    .map((problem) => describeFormProblem(problem, t, label, input.uploaded ?? false))
    .filter((problem, index, all) => all.findIndex((other) => other.field === problem.field && other.message === problem.message) === index)
    .sort((a, b) => a.step - b.step)
    .map((problem) => ({
      ...problem,
      onThisStep: problem.step === step && problem.field !== undefined,
      stepLabel: t('contribute.onStep', { step: problem.step, name: stepName(problem.step) }),
    }));
  const fieldProblems: Record<string, string[]> = {};
  for (const error of errors) if (error.field) (fieldProblems[error.field] ??= []).push(error.message);

  const chosen = new Set(jurisdictionCodes(form));
  const jurisdictionGroups = buildJurisdictionGroups(chosen, taxonomy, language, t);

  const pickers = QUESTIONS.filter((descriptor) => descriptor.kind === 'vocabulary').map((descriptor): Picker => {
    const field = descriptor.field as VocabularyFacet;
    const value = form[field as keyof NoteForm];
    const chosenValues = Array.isArray(value) ? value : [String(value ?? '')];
    return {
      field,
      label: label(field),
      multiple: descriptor.list,
      step: stepNumberOf(descriptor),
      folded: descriptor.form?.folded ?? false,
      options: taxonomy.vocabularies[field].values.map((value) => ({
        value: value.id,
        label: textOf(value, language).label,
        definition: textOf(value, language).definition,
        checked: chosenValues.includes(value.id),
      })),
    };
  });

  const stepFields = new Set<string>(FORM_STEPS[step - 1]!.fields);
  const pickerText = (field: string) =>
    pickers
      .find((picker) => picker.field === field)!
      .options.filter((option) => option.checked)
      .map((option) => option.label)
      .join(', ');
  const none = t('contribute.none');
  const answerOf = (descriptor: NoteFieldDescriptor): string => {
    if (descriptor.kind === 'vocabulary') return pickerText(descriptor.field);
    if (descriptor.kind === 'boolean') return t(form[descriptor.field as keyof NoteForm] ? 'facet.true' : 'facet.false');
    if (descriptor.kind === 'jurisdiction') return [...chosen].map((code) => nameJurisdiction(code, language, taxonomy.jurisdictionNames)).join(', ');
    if (descriptor.kind === 'language') return labelLanguage(form.language, language);
    return String(form[descriptor.field as keyof NoteForm] ?? '').trim();
  };
  // The text is an answer too, with its own "Change": what an editor most often asks about.
  const bodyStep = FORM_STEPS.findIndex((entry) => entry.id === 'text') + 1;
  const text = form.body.replace(/\s+/g, ' ').trim();
  const answers: Answer[] = [
    ...QUESTIONS.map((descriptor) => ({ label: label(descriptor.field), value: answerOf(descriptor) || none, step: stepNumberOf(descriptor) })),
    { label: label('body'), value: text.length > 160 ? `${text.slice(0, 160)}…` : text || none, step: bodyStep },
  ];
  const onThisStep = pickers.filter((picker) => picker.step === step);

  return {
    form,
    editOf: input.editOf,
    editBase: input.editBase,
    resubmitOf: input.resubmitOf,
    editorComment: input.editorComment || undefined,
    csrf: input.csrf,
    submitter: input.submitter,
    step,
    steps: FORM_STEPS.map((entry, index) => ({ number: index + 1, id: entry.id, label: stepName(index + 1), current: index + 1 === step })),
    stepLabel: stepName(step),
    pickers,
    stepPickers: onThisStep.filter((picker) => !picker.folded),
    foldedPickers: onThisStep.filter((picker) => picker.folded),
    yesNo: QUESTIONS.filter((descriptor) => descriptor.kind === 'boolean' && stepNumberOf(descriptor) === step).map((descriptor) => ({
      field: descriptor.field,
      label: label(descriptor.field),
      checked: form[descriptor.field as keyof NoteForm] === true,
    })),
    jurisdictionGroups,
    chosenJurisdictions: [...chosen].map((code) => nameJurisdiction(code, language, taxonomy.jurisdictionNames)),
    languages: [...new Set([...INTERFACE_LANGUAGES, 'pt', 'ar', 'ru', 'sw', ...(/^[a-z]{2}$/.test(form.language) ? [form.language] : [])])].map((code) => ({
      value: code,
      label: labelLanguage(code, language),
      selected: code === form.language,
    })),
    errors,
    fieldProblems,
    hidden: hiddenFormFields(form, input.submitter, stepFields),
    answers,
    preview: step === LAST_STEP ? input.preview : undefined,
    duplicateOf: duplicateOf(input.problems),
  };
}

// The note whose slug a new note's title would take: named in the checker's message, `"slug" is already used`.
function duplicateOf(problems: readonly ContentProblem[]): ContributeFormModel['duplicateOf'] {
  const taken = problems.find((problem) => problem.field === 'slug' && problem.kind === 'taken');
  const slug = taken ? /^"([a-z0-9-]{1,100})"/.exec(taken.message)?.[1] : undefined;
  return slug ? { url: `/notes/${slug}`, editUrl: `/contribute?edit=${slug}` } : undefined;
}
