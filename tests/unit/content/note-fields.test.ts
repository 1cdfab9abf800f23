import { describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from '../../../server/content/build-knowledge-base.js';
import type { PublishedNote } from '../../../server/content/knowledge-base.js';
import { withKeptBody } from '../../../server/content/compact-note.js';
import { buildContributingGuide } from '../../../server/content/contributing-guide.js';
import {
  AUTHORED_FIELDS,
  FACETS,
  FIELD_DESCRIPTORS,
  NOTE_FIELDS,
  VOCABULARY_FACETS,
  type NoteFieldDescriptor,
  type VocabularyFacet,
} from '../../../server/content/note-schema.js';
import { buildNoteSchema } from '../../../server/content/front-matter-schema.js';
import { buildNoteSkeleton } from '../../../server/content/note-skeleton.js';
import { parseFrontMatter } from '../../../server/content/parse-front-matter.js';
import { extractSearchText } from '../../../server/content/render-note.js';
import { validateNote, type Note } from '../../../server/content/validate-note.js';
import { FORM_STEPS } from '../../../server/contribute/form-steps.js';
import { formToMarkdown, hiddenFormFields, markdownToForm, noteToForm, readNoteForm } from '../../../server/contribute/note-form.js';
import { buildIndexSettings } from '../../../server/search/index-settings.js';
import { toIndexRecords, toSectionRecords } from '../../../server/search/section-records.js';
import { toSearchDocument } from '../../../server/search/search-document.js';
import { createTranslator } from '../../../server/web/i18n.js';
import { parseSearchParams } from '../../../server/web/search-params.js';
import { buildContributeForm } from '../../../server/web/view-models/contribute-form.js';
import { buildSearchPage } from '../../../server/web/view-models/search-page.js';
import { fixtureKnowledgeFiles } from '../../fixtures/fixture-files.js';

/*
 * Adding a vocabulary is one entry in NOTE_FIELDS (plus its ids in taxonomy.yml). These tests read
 * every vocabulary from the descriptor list, never from a list of their own, and check that each one
 * reaches every place a vocabulary belongs with no other edit: `sectors` was added this way.
 */

const TODAY = '2026-11-28';
const t = createTranslator('en');
const { knowledgeBase } = buildKnowledgeBase(await fixtureKnowledgeFiles(), TODAY);
const kb = knowledgeBase!;
const taxonomy = kb.taxonomy;

const authoredVocabularies = AUTHORED_FIELDS.filter((descriptor) => descriptor.kind === 'vocabulary');
const formVocabularies = authoredVocabularies.filter((descriptor) => descriptor.form);
const idsOf = (descriptor: NoteFieldDescriptor) => taxonomy.vocabularies[descriptor.field as VocabularyFacet].values.map((value) => value.id);
/** Two ids of the vocabulary, or its one id: what a note or a query picks. */
const pickOf = (descriptor: NoteFieldDescriptor) => idsOf(descriptor).slice(-2);

/** A fixture note (its catalogue entry, and the whole note with its body) with `descriptor`'s field set to some of its ids. */
function taggedNote(descriptor: NoteFieldDescriptor): { entry: PublishedNote; note: Note } {
  const entry = kb.bySlug.get('phone-evidence-control')!;
  const ids = pickOf(descriptor);
  const value = descriptor.list ? ids : ids[0];
  return { entry: { ...entry, [descriptor.field]: value } as PublishedNote, note: { ...withKeptBody(entry)!, [descriptor.field]: value } as Note };
}

describe("the note schema's descriptor list", () => {
  it('has sectors, the vocabulary added through it, and a taxonomy vocabulary for every vocabulary field', () => {
    expect(NOTE_FIELDS.map((descriptor) => descriptor.field)).toContain('sectors');
    for (const field of VOCABULARY_FACETS) expect(taxonomy.vocabularies[field]?.values.length, field).toBeGreaterThan(0);
  });

  it('names each field once', () => {
    const fields = FIELD_DESCRIPTORS.map((descriptor) => descriptor.field);
    expect(new Set(fields).size).toBe(fields.length);
  });

  it('is the schema: the zod shape has exactly the authored fields, in the same order', () => {
    expect(Object.keys(buildNoteSchema(taxonomy, TODAY).shape)).toEqual(AUTHORED_FIELDS.map((descriptor) => descriptor.field));
  });

  it("gives the search page's sidebar every facet it marks, in its order, each named in the reader's language", () => {
    // One counted value per facet, as the engine would answer: the sidebar shows a facet only when it has values.
    const sample = (field: string, kind: string) =>
      kind === 'vocabulary'
        ? taxonomy.vocabularies[field as VocabularyFacet].values[0]!.id
        : kind === 'jurisdiction'
          ? 'FR'
          : kind === 'language'
            ? 'fr'
            : 'true';
    const facets = Object.fromEntries(FIELD_DESCRIPTORS.map((descriptor) => [descriptor.field, { [sample(descriptor.field, descriptor.kind)]: 1 }]));
    for (const language of ['en', 'fr'] as const) {
      const page = buildSearchPage(
        parseSearchParams({}, taxonomy),
        { result: { hits: [], totalHits: 1, totalPages: 1, page: 1, facets }, alternatives: [] },
        taxonomy,
        language,
        createTranslator(language),
      );
      expect(page.facets.map((facet) => facet.field)).toEqual(FIELD_DESCRIPTORS.filter((descriptor) => descriptor.facet).map((descriptor) => descriptor.field));
      for (const facet of page.facets) {
        expect(facet.label, facet.field).not.toBe(facet.field);
        expect(facet.label, facet.field).not.toMatch(/^facet\./);
        expect(
          facet.values.map((value) => value.label),
          facet.field,
        ).not.toContain('');
      }
    }
    expect(
      buildSearchPage(
        parseSearchParams({}, taxonomy),
        { result: { hits: [], totalHits: 1, totalPages: 1, page: 1, facets }, alternatives: [] },
        taxonomy,
        'fr',
        createTranslator('fr'),
      ).facets.find((facet) => facet.field === 'review_due')?.label,
    ).toBe(createTranslator('fr')('facet.review_due'));
  });
});

describe.each(authoredVocabularies.map((descriptor) => [descriptor.field, descriptor] as const))('the vocabulary %s', (field, descriptor) => {
  it('is checked by the schema: an unknown id is a located problem with a suggestion', () => {
    const [id] = idsOf(descriptor);
    const wrong = `${id}x`;
    const markdown = buildNoteSkeleton('A note to check one vocabulary', TODAY)
      .replace(new RegExp(`^${field}:.*\\n`, 'm'), '')
      .replace(/^title: .*\n/m, (line) => `${line}${field}: ${descriptor.list ? `[${wrong}]` : wrong}\n`);
    const parsed = parseFrontMatter(`notes/${field}.md`, Buffer.from(markdown));
    if (Array.isArray(parsed)) throw new Error('the skeleton does not parse');
    const problems = validateNote(parsed, buildNoteSchema(taxonomy, TODAY), taxonomy);
    expect(Array.isArray(problems)).toBe(true);
    const problem = (problems as Array<{ field: string; line: number; column: number; message: string; hint?: string }>).find((candidate) =>
      candidate.field.startsWith(field),
    );
    expect(problem).toMatchObject({ line: 3, message: expect.stringContaining(`"${wrong}"`) });
    expect(problem!.column).toBeGreaterThan(field.length);
    expect(problem!.hint).toContain(`"${id}"`);
  });

  it('is a facet the engine can filter and the sidebar shows, and a query keeps', () => {
    expect(FACETS.find((facet) => facet.field === field)).toMatchObject({ kind: 'vocabulary', derived: false });
    const filterable = buildIndexSettings().filterableAttributes as Array<{ attributePatterns: string[] }>;
    expect(filterable[0]!.attributePatterns).toContain(field);
    const ids = pickOf(descriptor);
    const query = parseSearchParams({ [field]: ids }, taxonomy);
    expect(query.filters[field]).toEqual(ids);
    const counts = Object.fromEntries(ids.map((id) => [id, 1]));
    const page = buildSearchPage(
      query,
      { result: { hits: [], totalHits: 1, totalPages: 1, page: 1, facets: { [field]: counts } }, alternatives: [] },
      taxonomy,
      'en',
      t,
    );
    const facet = page.facets.find((candidate) => candidate.field === field);
    expect(facet?.label).toBe(taxonomy.vocabularies[field as VocabularyFacet].label.en);
    expect(facet?.values.filter((value) => value.selected).map((value) => value.value)).toEqual(ids);
  });

  it('is stored in the search document and on every section record, and its labels are searchable', () => {
    const { entry, note } = taggedNote(descriptor);
    const expected = descriptor.list ? pickOf(descriptor) : pickOf(descriptor)[0];
    const document = toSearchDocument({ ...note, digest: entry.digest }, extractSearchText(note.body), taxonomy, TODAY);
    expect((document as unknown as Record<string, unknown>)[field]).toEqual(expected);
    for (const id of pickOf(descriptor).slice(0, descriptor.list ? 2 : 1)) {
      const value = taxonomy.vocabularies[field as VocabularyFacet].values.find((entry) => entry.id === id)!;
      expect(document.tag_labels).toContain(value.text.fr!.label);
    }
    for (const record of [...toIndexRecords(document), ...toSectionRecords(document)])
      expect((record as unknown as Record<string, unknown>)[field]).toEqual(expected);
  });

  it('is documented in CONTRIBUTING.md: a row in the field table and a table of its ids', () => {
    const guide = buildContributingGuide(taxonomy);
    expect(guide).toContain(`| \`${field}\` | ${descriptor.guide!.required} |`);
    expect(guide).toContain(`### \`${field}\` — ${taxonomy.vocabularies[field as VocabularyFacet].label.en}`);
    for (const value of taxonomy.vocabularies[field as VocabularyFacet].values)
      expect(guide).toContain(`| \`${value.id}\` | ${value.text.en!.label.replace(/\|/g, '\\|')} |`);
  });
});

describe.each(formVocabularies.map((descriptor) => [descriptor.field, descriptor] as const))('the form question %s', (field, descriptor) => {
  const step = FORM_STEPS.findIndex((entry) => entry.id === descriptor.form!.step) + 1;

  it('is asked on its step, as a picker of every id with its definition', () => {
    expect(FORM_STEPS[step - 1]!.fields).toContain(field);
    const model = buildContributeForm({
      form: readNoteForm({}, TODAY),
      editOf: undefined,
      problems: [],
      preview: undefined,
      csrf: 'token',
      submitter: { name: '', email: '' },
      step,
      taxonomy,
      language: 'en',
      t,
    });
    const picker = [...model.stepPickers, ...model.foldedPickers].find((candidate) => candidate.field === field);
    expect(picker).toMatchObject({ multiple: descriptor.list, folded: descriptor.form!.folded ?? false });
    expect(picker!.options.map((option) => option.value)).toEqual(idsOf(descriptor));
    expect(picker!.options.every((option) => option.definition.length >= 10)).toBe(true);
    expect(model.answers.map((answer) => answer.label)).toContain(picker!.label);
  });

  it('travels from the request to the Markdown file and back, and between steps as hidden inputs', () => {
    const ids = descriptor.list ? pickOf(descriptor) : pickOf(descriptor).slice(0, 1);
    const form = readNoteForm({ title: 'A note with this vocabulary set', [field]: descriptor.list ? ids : ids[0] }, TODAY);
    expect(form[field as keyof typeof form]).toEqual(descriptor.list ? ids : ids[0]);
    const markdown = formToMarkdown(form);
    expect(markdownToForm(markdown, TODAY)[field as keyof typeof form]).toEqual(descriptor.list ? ids : ids[0]);
    const otherStep = new Set(FORM_STEPS[step === 1 ? 1 : 0]!.fields);
    expect(
      hiddenFormFields(form, { name: '', email: '' }, otherStep)
        .filter((input) => input.name === field)
        .map((input) => input.value),
    ).toEqual(ids);
    expect(noteToForm(taggedNote(descriptor).note)[field as keyof typeof form]).toEqual(descriptor.list ? pickOf(descriptor) : pickOf(descriptor)[0]);
  });

  it('is in the skeleton of npm run new-note, which passes the schema as it is', () => {
    const skeleton = buildNoteSkeleton('A new note from the skeleton', TODAY);
    expect(skeleton).toMatch(new RegExp(`^${field}: `, 'm'));
    const parsed = parseFrontMatter('notes/a-new-note-from-the-skeleton.md', Buffer.from(skeleton));
    if (Array.isArray(parsed)) throw new Error('the skeleton does not parse');
    expect(validateNote(parsed, buildNoteSchema(taxonomy, TODAY), taxonomy)).not.toBeInstanceOf(Array);
  });
});
