import { isMap, isScalar, isSeq, parseDocument, stringify } from 'yaml';
import { parseFrontMatter } from '../content/parse-front-matter.js';
import type { ListedFields } from '../content/knowledge-base.js';
import { AUTHORED_FIELDS, describeField, type FormBooleanField, type FormListField, type FormValueField } from '../content/note-schema.js';
import type { Note } from '../content/validate-note.js';

/** The fields the form asks, in the schema's order: any other field of a file it edits is kept as it is. */
const FORM_FIELDS = AUTHORED_FIELDS.filter((descriptor) => descriptor.form);

/** The vocabulary lists the form asks with checkboxes, in the schema's order (note-schema.ts NOTE_FIELDS). */
export const LIST_FIELDS = FORM_FIELDS.filter((descriptor) => descriptor.kind === 'vocabulary' && descriptor.list).map(
  (descriptor) => descriptor.field,
) as readonly FormListField[];
/** The one-value vocabularies the form asks with radio buttons. */
export const VALUE_FIELDS = FORM_FIELDS.filter((descriptor) => descriptor.kind === 'vocabulary' && !descriptor.list).map(
  (descriptor) => descriptor.field,
) as readonly FormValueField[];
/** The yes/no fields the form asks with one checkbox each. */
export const YES_NO_FIELDS = FORM_FIELDS.filter((descriptor) => descriptor.kind === 'boolean').map(
  (descriptor) => descriptor.field,
) as readonly FormBooleanField[];

/** The web form's fields, as text; the vocabularies come from checkboxes and radio buttons. */
export interface NoteForm extends Record<FormListField, string[]>, Record<FormValueField, string>, Record<FormBooleanField, boolean> {
  title: string;
  summary: string;
  language: string;
  jurisdictions: string;
  evidence_note: string;
  /** One source a line: `title | url or citation`. */
  sources: string;
  last_reviewed: string;
  body: string;
}

const text = (value: unknown, max = 20_000) =>
  (typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '').slice(0, max);
const list = (value: unknown) => (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string').slice(0, 50);

/** Reads the form from a request body; anything missing or malformed becomes empty, never an error here. */
export function readNoteForm(body: Readonly<Record<string, unknown>>, today: string): NoteForm {
  return {
    title: text(body.title, 500).trim(),
    summary: text(body.summary, 1000).trim(),
    language: text(body.language, 10).trim() || 'en',
    // Ticked in the picker (one value each) or typed (codes separated by commas): either way one string.
    jurisdictions: (Array.isArray(body.jurisdictions) ? list(body.jurisdictions).join(', ') : text(body.jurisdictions)).slice(0, 2000),
    ...describedFields({
      list: (field) => list(body[field]),
      value: (field) => text(body[field], 40) || (describeField(field)?.default ?? ''),
      yesNo: (field) => text(body[field]) === 'true',
    }),
    evidence_note: text(body.evidence_note, 2000).trim(),
    sources: text(body.sources, 10_000),
    last_reviewed: text(body.last_reviewed, 20).trim() || today,
    body: text(body.body, 1_100_000).replace(/\r\n?/g, '\n'),
  };
}

type DescribedFields = Pick<NoteForm, FormListField | FormValueField | FormBooleanField>;

/** The form's vocabulary and yes/no fields, each read by the function for its kind. */
function describedFields(read: {
  list: (field: FormListField) => string[];
  value: (field: FormValueField) => string;
  yesNo: (field: FormBooleanField) => boolean;
}): DescribedFields {
  return {
    ...Object.fromEntries(LIST_FIELDS.map((field) => [field, read.list(field)])),
    ...Object.fromEntries(VALUE_FIELDS.map((field) => [field, read.value(field)])),
    ...Object.fromEntries(YES_NO_FIELDS.map((field) => [field, read.yesNo(field)])),
  } as DescribedFields;
}

/** Fields the form does not show but an edit must keep (so old links and translations survive). */
export function preservedFields(note: ListedFields): Record<string, unknown> {
  return {
    slug: note.slug,
    ...(note.aliases.length ? { aliases: note.aliases } : {}),
    ...(Object.keys(note.translations).length ? { translations: note.translations } : {}),
    ...(note.reviewers.length ? { reviewers: note.reviewers } : {}),
    ...(note.authors.length ? { authors: note.authors } : {}),
    // A recommendation's tracker is edited in its file; the form keeps it as it is.
    ...(note.audience ? { audience: note.audience } : {}),
    ...(note.rests_on ? { rests_on: note.rests_on } : {}),
    ...(note.implementation ? { implementation: note.implementation } : {}),
  };
}

/**
 * True when a source's reference is written as a web address, right or wrong: a scheme with slashes
 * (`https://`, `htp://`), a scheme missing its colon (`https//`), `www.`, or a bare host name with or
 * without a path (`example.org/report.pdf`). A citation (`[2013] EWCA Crim 991`, `2015 c. 30, s. 1`)
 * is none of these. Bounded patterns only: the line is the contributor's.
 */
export function looksLikeAddress(reference: string): boolean {
  const text = reference.trim();
  if (text === '' || /\s/.test(text)) return false;
  return (
    /^[a-z][a-z0-9+.-]{0,15}:\/{1,3}/i.test(text) ||
    /^h[a-z]{1,6}\/\//i.test(text) ||
    /^www\./i.test(text) ||
    /^[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63}){0,8}\.[a-z]{2,24}(\/|$)/i.test(text)
  );
}

/** The jurisdiction codes of the form, upper case, in the order given. */
export function jurisdictionCodes(form: Pick<NoteForm, 'jurisdictions'>): string[] {
  return [
    ...new Set(
      form.jurisdictions
        .split(/[\s,;]+/)
        .map((code) => code.trim().toUpperCase())
        .filter(Boolean),
    ),
  ];
}

// The front-matter fields the form edits; any other field of the file it was made from is kept as it is.
const FORM_MANAGED = new Set<string>(FORM_FIELDS.map((descriptor) => descriptor.field));

/** The file an edit or a resubmission starts from: its Markdown, and its fields as read (with defaults). */
export interface BaseFile {
  markdown: string;
  fields: Readonly<Record<string, unknown>>;
}

/**
 * The form as the Markdown file it stands for. A new note: YAML front matter with only the filled
 * fields (plus any preserved ones), then the body. An edit of an existing file (`base`): that file's
 * front matter with only the changed fields rewritten, in place, keeping its order, quoting and
 * comments, and its body byte for byte when the text did not change, so a one-word edit is a
 * one-word change in the file and in the editor's diff.
 */
export function formToMarkdown(form: NoteForm, preserved: Record<string, unknown> = {}, base?: BaseFile): string {
  const sources = form.sources
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [title = '', reference = ''] = line.split('|').map((part) => part.trim());
      // Anything written as an address is checked as one (htp://…, https//…, www.…, example.org/…), so a
      // mistyped link is refused with its line rather than kept as a citation that leads nowhere.
      return looksLikeAddress(reference) ? { title, url: reference } : reference ? { title, citation: reference } : { title };
    });
  const frontMatter: Record<string, unknown> = {
    title: form.title,
    summary: form.summary,
    language: form.language,
    jurisdictions: jurisdictionCodes(form),
    ...Object.fromEntries(LIST_FIELDS.filter((field) => form[field].length > 0).map((field) => [field, form[field]])),
    ...Object.fromEntries(YES_NO_FIELDS.filter((field) => form[field]).map((field) => [field, true])),
    ...Object.fromEntries(VALUE_FIELDS.map((field) => [field, form[field]])),
    ...(form.evidence_note ? { evidence_note: form.evidence_note } : {}),
    ...(sources.length > 0 ? { sources } : {}),
    last_reviewed: form.last_reviewed,
  };
  const edited = base ? editFile(base, frontMatter, form.body) : undefined;
  if (edited !== undefined) return edited;
  return `---\n${stringify({ ...frontMatter, ...preserved }, { lineWidth: 0 })}---\n${form.body.trim()}\n`;
}

function editFile(base: BaseFile, frontMatter: Record<string, unknown>, body: string): string | undefined {
  const match = /^---[ \t]*\r?\n([\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)([\s\S]*)$/.exec(base.markdown);
  if (!match) return undefined;
  const source = match[1] ?? '';
  const document = parseDocument(source);
  if (document.errors.length > 0 || !isMap(document.contents)) return undefined;
  const current = document.toJS() as Record<string, unknown>;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  // Edits are splices of the original text, so every untouched line (comments and spacing too) stays as it was.
  const edits: Array<{ from: number; to: number; text: string }> = [];
  const pairs = new Map(document.contents.items.flatMap((pair) => (isScalar(pair.key) ? [[String(pair.key.value), pair] as const] : [])));
  const line = (key: string, value: unknown, flow: boolean) => {
    const node = document.createNode(value);
    if (flow && isSeq(node)) node.flow = true;
    return stringify({ [key]: node }, { lineWidth: 0, flowCollectionPadding: false }).replace(/\n$/, '');
  };
  const added: string[] = [];
  for (const [key, value] of Object.entries(frontMatter)) {
    const pair = pairs.get(key);
    if (pair ? same(current[key], value) : same(base.fields[key], value)) continue;
    if (!pair) {
      added.push(line(key, value, false));
      continue;
    }
    const keyRange = (pair.key as { range?: [number, number, number] }).range;
    const valueRange = (pair.value as { range?: [number, number, number] } | null)?.range;
    if (!keyRange || !valueRange) return undefined;
    edits.push({ from: keyRange[0], to: valueRange[1], text: line(key, value, isSeq(pair.value) && pair.value.flow === true) });
  }
  // A field the form edits and the contributor emptied is removed, with its whole lines; fields the form does not show stay.
  for (const [key, pair] of pairs) {
    if (!FORM_MANAGED.has(key) || key in frontMatter) continue;
    const keyRange = (pair.key as { range?: [number, number, number] }).range;
    const valueRange = (pair.value as { range?: [number, number, number] } | null)?.range;
    if (!keyRange) return undefined;
    const lineStart = source.lastIndexOf('\n', keyRange[0] - 1) + 1;
    const end = source.indexOf('\n', valueRange ? Math.max(valueRange[1] - 1, keyRange[0]) : keyRange[0]);
    edits.push({ from: lineStart, to: end === -1 ? source.length : end + 1, text: '' });
  }
  let yaml = source;
  for (const edit of edits.sort((a, b) => b.from - a.from)) yaml = yaml.slice(0, edit.from) + edit.text + yaml.slice(edit.to);
  if (added.length > 0) yaml = `${yaml}${yaml === '' || yaml.endsWith('\n') ? '' : '\n'}${added.join('\n')}\n`;
  const oldBody = (match[2] ?? '').replace(/\r\n?/g, '\n');
  const newBody = oldBody.trim() === body.trim() ? oldBody : `${body.trim()}\n`;
  return `---\n${yaml}---\n${newBody}`;
}

/** A stored submission's Markdown as the form, for "edit and resend"; whatever cannot be read is left empty. */
export function markdownToForm(markdown: string, today: string): NoteForm {
  const parsed = parseFrontMatter('submission.md', Buffer.from(markdown, 'utf8'));
  if (Array.isArray(parsed)) return { ...readNoteForm({}, today), body: markdown };
  const data = parsed.data;
  const sources = Array.isArray(data.sources)
    ? data.sources
        .map((source) => {
          const record = (typeof source === 'object' && source !== null ? source : {}) as Record<string, unknown>;
          return [record.title, record.url ?? record.citation].filter((part) => typeof part === 'string').join(' | ');
        })
        .filter(Boolean)
        .join('\n')
    : '';
  return readNoteForm(
    {
      ...data,
      jurisdictions: Array.isArray(data.jurisdictions) ? data.jurisdictions.filter((code) => typeof code === 'string').join(', ') : data.jurisdictions,
      ...Object.fromEntries(YES_NO_FIELDS.map((field) => [field, data[field] === true ? 'true' : ''])),
      sources,
      body: parsed.body.trim(),
    },
    today,
  );
}

/** A stored file's front matter as read (for `BaseFile.fields`); empty when it cannot be read. */
export function frontMatterOf(markdown: string): Record<string, unknown> {
  const parsed = parseFrontMatter('submission.md', Buffer.from(markdown, 'utf8'));
  return Array.isArray(parsed) ? {} : parsed.data;
}

/**
 * The form's values as hidden inputs, for the fields the current step does not ask: the other
 * steps' answers travel with the form, so nothing is stored before the contributor sends it.
 */
export function hiddenFormFields(
  form: NoteForm,
  submitter: { name: string; email: string },
  except: ReadonlySet<string>,
): Array<{ name: string; value: string }> {
  const fields: Array<{ name: string; value: string }> = [];
  const add = (name: string, values: readonly string[]) => {
    if (!except.has(name)) for (const value of values) fields.push({ name, value });
  };
  add('title', [form.title]);
  add('summary', [form.summary]);
  add('language', [form.language]);
  add('jurisdictions', jurisdictionCodes(form));
  for (const field of LIST_FIELDS) add(field, form[field]);
  for (const field of YES_NO_FIELDS) add(field, form[field] ? ['true'] : []);
  for (const field of VALUE_FIELDS) add(field, form[field] ? [form[field]] : []);
  add('evidence_note', [form.evidence_note]);
  add('sources', [form.sources]);
  add('last_reviewed', [form.last_reviewed]);
  add('body', [form.body]);
  add('submitter_name', [submitter.name]);
  add('submitter_email', [submitter.email]);
  return fields;
}

/** A published note as the form, for "Suggest an edit". */
export function noteToForm(note: Note): NoteForm {
  return {
    title: note.title,
    summary: note.summary,
    language: note.language,
    jurisdictions: note.jurisdictions.join(', '),
    ...describedFields({ list: (field) => [...note[field]], value: (field) => note[field], yesNo: (field) => note[field] }),
    evidence_note: note.evidence_note ?? '',
    sources: note.sources.map((source) => [source.title, source.url ?? source.citation].filter(Boolean).join(' | ')).join('\n'),
    last_reviewed: note.last_reviewed,
    body: note.body.trim(),
  };
}
