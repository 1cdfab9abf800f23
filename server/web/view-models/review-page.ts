import type { WordChange } from '../render-task.js';
import type { ContentProblem } from '../../content/content-problem.js';
import { nameJurisdiction } from '../../content/jurisdictions.js';
import { VOCABULARY_FACETS, type VocabularyFacet } from '../../content/note-schema.js';
import { labelOf, type Taxonomy } from '../../content/taxonomy.js';
import type { Note } from '../../content/validate-note.js';
import { availableDecisions, isOpen, type Decision } from '../../contribute/decide-submission.js';
import { isResubmitted } from '../../contribute/resubmit-submission.js';
import type { NotePageModel } from './note-page.js';
import type { ReviewBaseline } from '../../contribute/recheck-submission.js';
import type { Submission } from '../../contribute/submission.js';
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
  /** For a changed field: its value in the version compared against (the published note, or the version sent back). */
  previousValues?: ReviewValue[];
}

/** A run of the body diff: kept, added or removed words. */
export interface DiffRun {
  text: string;
  kind: 'same' | 'added' | 'removed';
}

/** A change to the note made after an edit of it was written: who, which version, why. */
export interface Overtaken {
  version: string;
  editor: string;
  changeNote: string;
}

/** Everything the review page shows: every published field, the word diff of an edit, the preview and the actions that apply. */
export interface ReviewPage {
  id: string;
  /** Authors or reviewers that are members' handles, for the editor to check. */
  memberNames: string[];
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
  /** The published page as it will look (the guidance page's own partials), when the note is valid. */
  page: NotePageModel | undefined;
  previewError: string | undefined;
  /** What the diff and the "changed" marks compare against. */
  baseline: ReviewBaseline['kind'] | undefined;
  /** Pending again after "changes requested". */
  resubmitted: boolean;
  /** Actions offered: none once decided; approve only when the note is valid. */
  canDecide: boolean;
  canApprove: boolean;
  /** Exactly the decisions that can be taken now; nothing is shown that would then be refused. */
  actions: Decision[];
  /** Pending, but approving is impossible until the problems are fixed: said in words, not a dead button. */
  approveBlocked: boolean;
  /** Changes were requested and the contributor has not resent yet. */
  awaitingContributor: boolean;
  /** The public change note approving would publish, for the editor to keep or rewrite (one line). */
  changeNote: string | undefined;
  /** For an edit: the version of the note it replaces. */
  replaces: { version: string; date: string; dateLabel: string } | undefined;
  /** For an edit written against an earlier version: the change since, which approving would undo (so it cannot be approved). */
  overtaken: Overtaken | undefined;
}

// Internal fields of a parsed note, never published as front matter.
const INTERNAL = new Set(['body', 'bodyLine', 'file']);

/** Builds the editor's review page of one submission. Pure. */
export function buildReviewPage(input: {
  submission: Submission;
  note: Note | undefined;
  problems: ContentProblem[];
  original: Note | undefined;
  /** The version sent back with "changes requested", when the contributor has resent it (compared instead of the published note). */
  previous?: ReviewBaseline | undefined;
  /** Authors or reviewers named by a member's handle: published, the note would show them as that member's. */
  memberNames?: readonly string[] | undefined;
  /** The word diff of the body against that baseline, worked out in the submission pool (its cost grows with both texts); null when too different to compare. */
  bodyDiff?: WordChange[] | null | undefined;
  page?: NotePageModel | undefined;
  rendered: { html: string } | undefined;
  renderError: string | undefined;
  taxonomy: Taxonomy;
  language: InterfaceLanguage;
  t: Translate;
  /** The change note offered (contribute/publish-submission.ts `defaultChangeNote`). */
  changeNote?: string | undefined;
  replaces?: { version: string; date: string; dateLabel: string } | undefined;
  overtaken?: Overtaken | undefined;
}): ReviewPage {
  const { submission, note, original, taxonomy, language, t } = input;
  const baseline: ReviewBaseline | undefined =
    input.previous ?? (original ? { kind: 'published', fields: original as unknown as Record<string, unknown>, body: original.body } : undefined);
  const fields = note
    ? Object.entries(note)
        .filter(([name]) => !INTERNAL.has(name))
        .map(([name, value]) => {
          const changed = baseline !== undefined && JSON.stringify(value) !== JSON.stringify(baseline.fields[name]);
          return {
            name,
            values: describe(name, value, taxonomy, language, t),
            changed,
            ...(changed ? { previousValues: describe(name, baseline.fields[name], taxonomy, language, t) } : {}),
          };
        })
    : [];
  const diff = baseline && note ? (input.bodyDiff ?? undefined) : undefined;
  const approvable = note !== undefined && input.rendered !== undefined && input.overtaken === undefined;
  const available = availableDecisions(submission);
  return {
    id: submission.id,
    memberNames: isOpen(submission) ? [...(input.memberNames ?? [])] : [],
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
    bodyRewritten: baseline !== undefined && note !== undefined && diff === undefined,
    preview: note && input.rendered ? { html: input.rendered.html, summary: note.summary, language: note.language } : undefined,
    page: input.page,
    previewError: input.renderError,
    baseline: baseline?.kind,
    resubmitted: isResubmitted(submission),
    canDecide: isOpen(submission),
    canApprove: isOpen(submission) && approvable,
    actions: available.filter((decision) => decision !== 'approve' || approvable),
    approveBlocked: available.includes('approve') && !approvable && input.overtaken === undefined,
    awaitingContributor: submission.status === 'changes_requested',
    changeNote: available.includes('approve') && approvable ? input.changeNote : undefined,
    replaces: input.replaces,
    overtaken: isOpen(submission) ? input.overtaken : undefined,
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
      return [
        { text: [record.title, record.citation].filter((part) => typeof part === 'string').join(' — '), ...(url ? { href: url, host: hostOf(url) } : {}) },
      ];
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
