import { diffWords } from 'diff';
import type { PublishedNote } from '../../content/build-knowledge-base.js';
import type { ContentProblem } from '../../content/content-problem.js';
import { nameJurisdiction } from '../../content/jurisdictions.js';
import { VOCABULARY_FACETS, type VocabularyFacet } from '../../content/note-schema.js';
import { labelOf, type Taxonomy } from '../../content/taxonomy.js';
import type { Note } from '../../content/validate-note.js';
import { isOpen } from '../../contribute/decide-submission.js';
import type { Submission } from '../../contribute/submission-store.js';
import type { InterfaceLanguage, Translate } from '../i18n.js';
import { basisBadge, labelLanguage, type BasisBadge } from './facet-labels.js';

/** One value of a field as the editor sees it; a link shows its full address and its host. */
export interface ReviewValue {
  text: string;
  href?: string;
  host?: string;
}

/** One front-matter field that will be published, and whether an edit changes it. */
export interface ReviewField {
  name: string;
  values: ReviewValue[];
  changed: boolean;
}

/** A run of the body diff: kept, added or removed words. */
export interface DiffRun {
  text: string;
  kind: 'same' | 'added' | 'removed';
}

/** Everything the review page shows: every published field, the word diff of an edit, the preview and the actions that apply. */
export interface ReviewPage {
  id: string;
  title: string;
  status: Submission['status'];
  submitter: Submission['submitter'];
  sentAt: string;
  editOf: string | undefined;
  publishedAs: string | undefined;
  comment: string | undefined;
  problems: ContentProblem[];
  fields: ReviewField[];
  basis: BasisBadge | undefined;
  /** For an edit: the body's changes word by word; undefined when the texts differ too much to compare quickly. */
  bodyDiff: DiffRun[] | undefined;
  bodyRewritten: boolean;
  preview: { html: string; summary: string; language: string } | undefined;
  previewError: string | undefined;
  /** Actions offered: none once decided; approve only when the note is valid. */
  canDecide: boolean;
  canApprove: boolean;
}

// Internal fields of a parsed note, never published as front matter.
const INTERNAL = new Set(['body', 'bodyLine', 'file']);

/** Builds the editor's review page of one submission. Pure. */
export function buildReviewPage(input: {
  submission: Submission;
  note: Note | undefined;
  problems: ContentProblem[];
  original: PublishedNote | undefined;
  rendered: { html: string } | undefined;
  renderError: string | undefined;
  taxonomy: Taxonomy;
  language: InterfaceLanguage;
  t: Translate;
}): ReviewPage {
  const { submission, note, original, taxonomy, language, t } = input;
  const fields = note
    ? Object.entries(note).filter(([name]) => !INTERNAL.has(name)).map(([name, value]) => ({
      name,
      values: describe(name, value, taxonomy, language, t),
      changed: original !== undefined && JSON.stringify(value) !== JSON.stringify((original as unknown as Record<string, unknown>)[name]),
    }))
    : [];
  const diff = original && note ? diffWords(original.body, note.body, { timeout: 200 }) : undefined;
  return {
    id: submission.id,
    title: note?.title ?? t('editor.review'),
    status: submission.status,
    submitter: submission.submitter,
    sentAt: submission.createdAt.slice(0, 16).replace('T', ' '),
    editOf: submission.editOf,
    publishedAs: submission.publishedAs,
    comment: submission.comment,
    problems: isOpen(submission) ? input.problems : [],
    fields,
    basis: note ? basisBadge(note.evidence_basis, language, taxonomy, t) : undefined,
    bodyDiff: diff?.map((part) => ({ text: part.value, kind: part.added ? 'added' : part.removed ? 'removed' : 'same' })),
    bodyRewritten: original !== undefined && note !== undefined && diff === undefined,
    preview: note && input.rendered ? { html: input.rendered.html, summary: note.summary, language: note.language } : undefined,
    previewError: input.renderError,
    canDecide: isOpen(submission),
    canApprove: isOpen(submission) && note !== undefined && input.rendered !== undefined,
  };
}

function describe(name: string, value: unknown, taxonomy: Taxonomy, language: InterfaceLanguage, t: Translate): ReviewValue[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'boolean') return [{ text: t(value ? 'facet.true' : 'facet.false') }];
  if (Array.isArray(value)) return value.flatMap((item) => describe(name, item, taxonomy, language, t));
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.title === 'string') {
      const url = typeof record.url === 'string' ? record.url : undefined;
      return [{ text: [record.title, record.citation].filter((part) => typeof part === 'string').join(' — '), ...(url ? { href: url, host: hostOf(url) } : {}) }];
    }
    return Object.entries(record).map(([key, item]) => ({ text: `${key}: ${typeof item === 'string' ? item : JSON.stringify(item)}` }));
  }
  const text = String(value);
  if ((VOCABULARY_FACETS as readonly string[]).includes(name)) return [{ text: `${labelOf(taxonomy, name as VocabularyFacet, text, language)} (${text})` }];
  if (name === 'jurisdictions') return [{ text: `${nameJurisdiction(text, language, taxonomy.jurisdictionNames)} (${text})` }];
  if (name === 'language') return [{ text: `${labelLanguage(text, language)} (${text})` }];
  return [{ text }];
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}
