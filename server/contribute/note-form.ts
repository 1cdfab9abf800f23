import { stringify } from 'yaml';
import type { PublishedNote } from '../content/build-knowledge-base.js';

export const LIST_FIELDS = ['regions', 'evidence_types', 'victim_centred_techniques', 'stages', 'exploitation_types', 'victim_profile'] as const;

/** The web form's fields, as text; the lists of ids come from checkboxes. */
export interface NoteForm extends Record<(typeof LIST_FIELDS)[number], string[]> {
  title: string;
  summary: string;
  language: string;
  jurisdictions: string;
  cross_border: boolean;
  tech_facilitated: boolean;
  content_type: string;
  evidence_basis: string;
  evidence_note: string;
  /** One source a line: `title | url or citation`. */
  sources: string;
  last_reviewed: string;
  body: string;
}

const text = (value: unknown, max = 20_000) => (typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '').slice(0, max);
const list = (value: unknown) => (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string').slice(0, 50);

/** Reads the form from a request body; anything missing or malformed becomes empty, never an error here. */
export function readNoteForm(body: Readonly<Record<string, unknown>>, today: string): NoteForm {
  return {
    title: text(body.title, 500).trim(),
    summary: text(body.summary, 1000).trim(),
    language: text(body.language, 10).trim() || 'en',
    jurisdictions: text(body.jurisdictions, 500),
    regions: list(body.regions),
    evidence_types: list(body.evidence_types),
    victim_centred_techniques: list(body.victim_centred_techniques),
    stages: list(body.stages),
    exploitation_types: list(body.exploitation_types),
    victim_profile: list(body.victim_profile),
    cross_border: text(body.cross_border) === 'true',
    tech_facilitated: text(body.tech_facilitated) === 'true',
    content_type: text(body.content_type, 40) || 'practice-note',
    evidence_basis: text(body.evidence_basis, 40),
    evidence_note: text(body.evidence_note, 2000).trim(),
    sources: text(body.sources, 10_000),
    last_reviewed: text(body.last_reviewed, 20).trim() || today,
    body: text(body.body, 1_100_000).replace(/\r\n?/g, '\n'),
  };
}

/** Fields the form does not show but an edit must keep (so old links and translations survive). */
export function preservedFields(note: PublishedNote): Record<string, unknown> {
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

/** The form as the Markdown file it stands for: YAML front matter (only filled fields, plus any preserved ones) and the body. */
export function formToMarkdown(form: NoteForm, preserved: Record<string, unknown> = {}): string {
  const sources = form.sources.split('\n').map((line) => line.trim()).filter(Boolean).map((line) => {
    const [title = '', reference = ''] = line.split('|').map((part) => part.trim());
    return /^https?:\/\//i.test(reference) ? { title, url: reference } : reference ? { title, citation: reference } : { title };
  });
  const frontMatter: Record<string, unknown> = {
    title: form.title,
    summary: form.summary,
    language: form.language,
    jurisdictions: form.jurisdictions.split(/[\s,;]+/).map((code) => code.trim().toUpperCase()).filter(Boolean),
    ...Object.fromEntries(LIST_FIELDS.filter((field) => form[field].length > 0).map((field) => [field, form[field]])),
    ...(form.cross_border ? { cross_border: true } : {}),
    ...(form.tech_facilitated ? { tech_facilitated: true } : {}),
    content_type: form.content_type,
    evidence_basis: form.evidence_basis,
    ...(form.evidence_note ? { evidence_note: form.evidence_note } : {}),
    ...(sources.length > 0 ? { sources } : {}),
    last_reviewed: form.last_reviewed,
    ...preserved,
  };
  return `---\n${stringify(frontMatter, { lineWidth: 0 })}---\n${form.body.trim()}\n`;
}

/** A published note as the form, for "Suggest an edit". */
export function noteToForm(note: PublishedNote): NoteForm {
  return {
    title: note.title,
    summary: note.summary,
    language: note.language,
    jurisdictions: note.jurisdictions.join(', '),
    regions: [...note.regions],
    evidence_types: [...note.evidence_types],
    victim_centred_techniques: [...note.victim_centred_techniques],
    stages: [...note.stages],
    exploitation_types: [...note.exploitation_types],
    victim_profile: [...note.victim_profile],
    cross_border: note.cross_border,
    tech_facilitated: note.tech_facilitated,
    content_type: note.content_type,
    evidence_basis: note.evidence_basis,
    evidence_note: note.evidence_note ?? '',
    sources: note.sources.map((source) => [source.title, source.url ?? source.citation].filter(Boolean).join(' | ')).join('\n'),
    last_reviewed: note.last_reviewed,
    body: note.body.trim(),
  };
}
