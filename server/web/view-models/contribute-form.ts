import type { NoteForm } from '../../contribute/note-form.js';
import type { Submitter } from '../../contribute/submission-store.js';
import type { ContentProblem } from '../../content/content-problem.js';
import type { VocabularyFacet } from '../../content/note-schema.js';
import { textOf, type Taxonomy } from '../../content/taxonomy.js';
import { INTERFACE_LANGUAGES, type InterfaceLanguage, type Translate } from '../i18n.js';
import { labelFacet, labelLanguage } from './facet-labels.js';

/** One checkbox or option of a picker, with its definition as help text. */
export interface PickerOption {
  value: string;
  label: string;
  definition: string;
  checked: boolean;
}

/** Everything views/contribute.ejs shows. */
export interface ContributeFormModel {
  form: NoteForm;
  editOf: string | undefined;
  csrf: string;
  submitter: Submitter;
  pickers: Array<{ field: string; label: string; multiple: boolean; options: PickerOption[] }>;
  languages: Array<{ value: string; label: string; selected: boolean }>;
  /** Problems by form field, shown beside it. */
  fieldProblems: Record<string, string[]>;
  /** Problems located by line (front matter parsing, uploads), shown above the form. */
  lineProblems: string[];
  preview: { title: string; summary: string; html: string } | undefined;
}

const PICKERS: ReadonlyArray<{ field: VocabularyFacet; multiple: boolean }> = [
  { field: 'evidence_types', multiple: true },
  { field: 'victim_centred_techniques', multiple: true },
  { field: 'stages', multiple: true },
  { field: 'exploitation_types', multiple: true },
  { field: 'victim_profile', multiple: true },
  { field: 'regions', multiple: true },
  { field: 'evidence_basis', multiple: false },
  { field: 'content_type', multiple: false },
];

const FORM_FIELDS = new Set(['title', 'summary', 'language', 'jurisdictions', 'evidence_note', 'sources', 'last_reviewed', 'body', 'submitter_name',
  ...PICKERS.map((picker) => picker.field)]);

/** Builds the contribution form: pickers from the taxonomy in the reader's language, problems beside their fields. Pure. */
export function buildContributeForm(input: {
  form: NoteForm; editOf: string | undefined; problems: readonly ContentProblem[]; preview: ContributeFormModel['preview']; csrf: string; submitter: Submitter;
  taxonomy: Taxonomy; language: InterfaceLanguage; t: Translate;
}): ContributeFormModel {
  const { form, taxonomy, language, t } = input;
  const fieldProblems: Record<string, string[]> = {};
  const lineProblems: string[] = [];
  for (const problem of input.problems) {
    const field = problem.field.split('.')[0]!;
    const text = `${problem.message}${problem.hint ? ` — ${problem.hint}` : ''}`;
    if (FORM_FIELDS.has(field)) (fieldProblems[field] ??= []).push(text);
    else lineProblems.push(problem.line > 0 ? `${t('contribute.line', { line: problem.line, column: problem.column })} ${problem.field}: ${text}` : `${problem.field}: ${text}`);
  }
  return {
    form,
    editOf: input.editOf,
    csrf: input.csrf,
    submitter: input.submitter,
    pickers: PICKERS.map(({ field, multiple }) => {
      const chosen = multiple ? (form[field as keyof NoteForm] as string[]) : [form[field as keyof NoteForm] as string];
      return {
        field,
        label: labelFacet(field, language, taxonomy, t),
        multiple,
        options: taxonomy.vocabularies[field].values.map((value) => ({
          value: value.id,
          label: textOf(value, language).label,
          definition: textOf(value, language).definition,
          checked: chosen.includes(value.id),
        })),
      };
    }),
    languages: [...new Set([...INTERFACE_LANGUAGES, 'pt', 'ar', 'ru', 'sw', form.language])].map((code) => ({ value: code, label: labelLanguage(code, language), selected: code === form.language })),
    fieldProblems,
    lineProblems,
    preview: input.preview,
  };
}
