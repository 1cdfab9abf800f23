import { compactNote } from '../content/compact-note.js';
import path from 'node:path';
import type { IndexedNote, KnowledgeBase, PublishedNote } from '../content/build-knowledge-base.js';
import type { ContentProblem } from '../content/content-problem.js';
import type { SearchText } from '../content/render-note.js';
import { ConflictError } from '../errors.js';
import type { AuditLog } from './audit-log.js';
import { checkSubmission, type SubmissionCheck } from './check-submission.js';
import { writeApprovedNote } from './publish-submission.js';
import type { PublishLock } from './publish-lock.js';
import type { KnowledgeSource } from '../content/knowledge-source.js';
import type { Submission, SubmissionStatus, SubmissionStore } from './submission-store.js';

/** What an editor can decide. */
export type Decision = 'approve' | 'request_changes' | 'reject';

/** The outcome of a decision that was not refused by a conflict. */
export type DecisionResult =
  | { outcome: 'decided'; submission: Submission; published?: PublishedNote }
  | { outcome: 'comment_required' }
  | { outcome: 'invalid'; problems: ContentProblem[] };

/** What deciding needs: the shared stores, the knowledge directory as it is now, and how to index a published note. */
export interface DecisionContext {
  store: SubmissionStore;
  audit: AuditLog;
  knowledgeDir: string;
  /** The knowledge base as served; told of a note written here, so this replica and the others serve it. */
  knowledge: KnowledgeSource;
  today: string;
  /** Checks a submission against a knowledge base (in the submission pool); checked here, in this process, without it. */
  check?: ((markdown: string, knowledgeBase: KnowledgeBase, options: { editOf?: string }) => Promise<SubmissionCheck>) | undefined;
  /** The words of a body for the index (rendered off the event loop). */
  searchText: (markdown: string) => Promise<SearchText>;
  /** Makes a published note searchable; a failure is logged and left to the next reindex. */
  index?: ((note: IndexedNote, knowledgeBase: KnowledgeBase, text: SearchText) => Promise<void>) | undefined;
  onIndexError?: (error: unknown) => void;
  /** Approvals take turns across replicas (publish-lock.ts). */
  publishLock?: PublishLock | undefined;
}

const STATUS_OF: Record<Decision, Exclude<SubmissionStatus, 'pending'>> = { approve: 'approved', request_changes: 'changes_requested', reject: 'rejected' };

/** True when a submission can still be decided: approved and rejected are final. */
export function isOpen(submission: Submission): boolean {
  return submission.status === 'pending' || submission.status === 'changes_requested';
}

/**
 * The decisions that make sense for a submission as it stands: all three while it waits for review;
 * once changes are requested the next move is the contributor's, so only rejecting remains; none
 * once it is approved or rejected. The review page offers only these, and deciding refuses others.
 */
export function availableDecisions(submission: Submission): Decision[] {
  if (submission.status === 'pending') return ['approve', 'request_changes', 'reject'];
  if (submission.status === 'changes_requested') return ['reject'];
  return [];
}

/**
 * Applies an editor's decision as one atomic transition of the stored submission: the state is read
 * under the submission's lock, so a decision already taken (here or on another replica) is a
 * ConflictError, and exactly one audit line is written per transition that happened. Approving
 * writes the note (never over another file), then indexes it, then marks the submission.
 */
export async function decideSubmission(context: DecisionContext, input: { id: string; decision: Decision; comment: string; editor: string }): Promise<DecisionResult> {
  const { decision, comment, editor } = input;
  if (decision !== 'approve' && !comment) return { outcome: 'comment_required' };
  const result = await context.store.transition<DecisionResult>(input.id, async (current) => {
    if (!isOpen(current)) throw new ConflictError(`This submission was already ${current.status.replace('_', ' ')}.`);
    if (!availableDecisions(current).includes(decision)) throw new ConflictError('Changes were requested: wait for the contributor to resend it, or reject it.');
    let published: PublishedNote | undefined;
    if (decision === 'approve') {
      const turn = context.publishLock ?? ((publish) => publish());
      const approved = await turn(async () => {
        // What other replicas published up to now counts: a slug they took is taken here too.
        await context.knowledge.catchUp();
        const knowledgeBase = context.knowledge.current();
        const options = current.editOf ? { editOf: current.editOf } : {};
        const check = context.check ? await context.check(current.markdown, knowledgeBase, options) : checkSubmission(current.markdown, knowledgeBase, context.today, options);
        if (!check.note) {
          // A slug taken since the submission was checked is a race the editor must resolve, not a content error.
          const taken = check.problems.find((problem) => problem.field === 'slug' && /already used/.test(problem.message));
          if (taken) throw new ConflictError(`The slug is now used by another note: ask the contributor to choose another (${taken.message}).`);
          return { problems: check.problems };
        }
        const text = await context.searchText(check.note.body);
        const written = writeApprovedNote(context.knowledgeDir, knowledgeBase, check.note, current.markdown, current.editOf);
        await context.knowledge.noteWritten(written.file, check.note);
        return { note: check.note, text, file: written.file };
      });
      if (!approved.note) return { submission: current, result: { outcome: 'invalid', problems: approved.problems } };
      const served = context.knowledge.current();
      published = served.bySlug.get(approved.note.slug) ?? compactNote({ ...approved.note, file: path.relative(process.cwd(), approved.file) || approved.file });
      await context.index?.({ ...approved.note, digest: published.digest }, served, approved.text).catch((error: unknown) => context.onIndexError?.(error));
    }
    const status = STATUS_OF[decision];
    const submission: Submission = {
      ...current,
      status,
      comment: comment || undefined,
      ...(published ? { publishedAs: published.slug } : {}),
      history: [...current.history, { at: new Date().toISOString(), by: editor, action: status, ...(comment ? { comment } : {}) }],
    };
    return { submission, result: { outcome: 'decided', submission, ...(published ? { published } : {}) } };
  });
  // Written once the new state is stored: the log never records a transition that did not happen.
  if (result.outcome === 'decided') {
    context.audit.record({ actor: `editor:${editor}`, action: result.submission.status, submission: input.id, ...(result.published ? { note: result.published.slug } : {}) });
  }
  return result;
}
