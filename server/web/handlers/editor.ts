import type { Request, RequestHandler, Response } from 'express';
import { csrfTokenFor } from '../../accounts/csrf.js';
import type { SignedIn } from '../../accounts/credentials.js';
import { changedSinceEdit, defaultChangeNote } from '../../contribute/publish-submission.js';
import { readPublishedNote } from '../../knowledge/knowledge-source.js';
import { decideSubmission, DECISIONS, isOpen, type Decision } from '../../contribute/decide-submission.js';
import { previousVersion, recheckSubmission } from '../../contribute/recheck-submission.js';
import type { Submission } from '../../contribute/submission.js';
import { RenderBudgetError } from '../../errors.js';
import { accountOf, contributeOf, submissionOf } from '../access-rules.js';
import type { AppDependencies } from '../app-dependencies.js';
import { formatDate, type InterfaceLanguage } from '../i18n.js';
import { pageContext } from '../page-context.js';
import type { RenderedMarkdown } from '../render-pool.js';
import { buildQueueRows } from '../view-models/editor-queue.js';
import { commitDate } from '../view-models/history-pages.js';
import { buildNotePreview } from '../view-models/note-preview.js';
import { buildReviewPage, type Overtaken } from '../view-models/review-page.js';

/** GET /editor — the queue: pending submissions first, then the rest. */
export function showQueue(deps: AppDependencies): RequestHandler {
  return async (_req, res) => {
    const contribute = contributeOf(deps);
    const editor = accountOf(res);
    const { t } = pageContext(res.locals);
    const submissions = await contribute.submissions.list();
    const entries = [];
    // One at a time: each check is read once and then cached, and a cold queue must not fill the pool.
    for (const submission of submissions) {
      // A decided submission is not checked: a published one would be reported as taking its own slug.
      const check = isOpen(submission) ? await recheckSubmission(deps.renderer.checkSubmission, deps.knowledgeBase, submission, deps.today()) : undefined;
      entries.push({ submission, title: check?.note?.title ?? titleLine(submission.markdown), problems: check?.problems ?? [] });
    }
    const rows = buildQueueRows(entries, t);
    res.render('editor-queue', {
      title: t('editor.queue'),
      editor: editor.username,
      csrf: csrfTokenFor(contribute.csrfSecret, editor.token),
      pending: rows.filter((_, index) => submissions[index]!.status === 'pending'),
      others: rows.filter((_, index) => submissions[index]!.status !== 'pending'),
    });
  };
}

/** GET /editor/submissions/:id — every field that will be published, the word diff of an edit, the preview, the actions that apply. */
export function showReview(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    await renderReview(req, res, deps, submissionOf(res), accountOf(res));
  };
}

/** POST /editor/submissions/:id — approve (publish), request changes, or reject, with a comment the contributor sees. */
export function decide(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const contribute = contributeOf(deps);
    const editor = accountOf(res);
    const submission = submissionOf(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { t } = pageContext(res.locals);
    if (typeof body.action !== 'string' || !(DECISIONS as readonly string[]).includes(body.action)) {
      res.status(400);
      return renderReview(req, res, deps, submission, editor, t('editor.unknownAction'));
    }
    const comment = typeof body.comment === 'string' ? body.comment.trim().slice(0, 2000) : '';
    const changeNote = typeof body.change_note === 'string' ? body.change_note : undefined;
    const result = await decideSubmission(
      {
        submissions: contribute.submissions,
        knowledge: deps.knowledge,
        today: deps.today(),
        check: deps.renderer.checkSubmission,
      },
      { id: submission.id, decision: body.action as Decision, comment, editor: editor.username, changeNote },
    );
    if (result.outcome === 'comment_required' || result.outcome === 'invalid') {
      res.status(422);
      // A missing comment is said beside the comment box (focused), not only at the top of a long page.
      return renderReview(
        req,
        res,
        deps,
        submission,
        editor,
        t(result.outcome === 'comment_required' ? 'editor.commentRequired' : 'editor.cannotApprove'),
        result.outcome === 'comment_required' ? 'comment' : undefined,
      );
    }
    res.redirect(303, `/editor/submissions/${submission.id}?decided=${result.submission.status}`);
  };
}

async function renderReview(
  req: Request,
  res: Response,
  deps: AppDependencies,
  submission: Submission,
  editor: SignedIn,
  error?: string,
  errorField?: 'comment',
): Promise<void> {
  const contribute = contributeOf(deps);
  const { language, t, baseUrl } = pageContext(res.locals);
  const check = await recheckSubmission(deps.renderer.checkSubmission, deps.knowledgeBase, submission, deps.today());
  // Once approved, the note is the published one: checking it against itself would report its own slug as taken.
  const note = check.note ?? (submission.publishedAs ? await readPublishedNote(deps.knowledgeBase, submission.publishedAs) : undefined);
  let rendered: RenderedMarkdown | undefined;
  let renderError: string | undefined;
  try {
    rendered = note ? await deps.renderer.submission(note.body) : undefined;
  } catch (cause) {
    if (!(cause instanceof RenderBudgetError) || cause.reason === 'busy') throw cause;
    renderError = t('contribute.bodyTooComplex', { reason: cause.message });
  }
  const page =
    note && rendered ? buildNotePreview(note, rendered, { knowledgeBase: deps.knowledgeBase, language, t, baseUrl, today: deps.today() }) : undefined;
  const decided =
    typeof req.query.decided === 'string' && ['approved', 'rejected', 'changes_requested'].includes(req.query.decided) ? req.query.decided : undefined;
  const original = submission.editOf && submission.status !== 'approved' ? await readPublishedNote(deps.knowledgeBase, submission.editOf) : undefined;
  const previous = await previousVersion(deps.renderer.checkSubmission, deps.knowledgeBase, submission, deps.today());
  // The word diff grows with both texts: it runs in the submission pool, like the check and the render.
  const baselineBody = previous?.body ?? original?.body;
  const bodyDiff = baselineBody !== undefined && note ? await deps.renderer.diffWords(baselineBody, note.body) : undefined;
  // A name that is a member's handle becomes that member's, linked to their profile, once published.
  const handles = contribute.network ? (await contribute.network.profileSnapshot()).byHandle : new Map();
  const memberNames = note ? [...new Set([...note.authors, ...note.reviewers])].filter((name) => handles.has(name)) : [];
  const model = buildReviewPage({
    submission,
    note,
    problems: check.problems,
    original,
    previous,
    bodyDiff,
    memberNames,
    page,
    rendered,
    renderError,
    taxonomy: deps.knowledgeBase.taxonomy,
    language,
    t,
    changeNote: note ? defaultChangeNote(note, submission.editOf) : undefined,
    replaces: replacedVersion(deps, submission, language),
    overtaken: overtakenBy(deps, submission),
  });
  res.render('editor-submission', {
    title: model.title,
    editor: editor.username,
    csrf: csrfTokenFor(contribute.csrfSecret, editor.token),
    model,
    error,
    errorField,
    decided,
  });
}

/** For an edit the note has moved on from, the change since: approving would undo it, and is refused (decide-submission.ts). */
function overtakenBy(deps: AppDependencies, submission: Submission): Overtaken | undefined {
  const touch = isOpen(submission) ? changedSinceEdit(deps.knowledgeBase, deps.knowledge.history(), submission) : undefined;
  return touch && { version: touch.commit.version, editor: touch.commit.editor, changeNote: touch.commit.changeNote };
}

/** For an edit, the version of the published note it replaces (knowledge in git). */
function replacedVersion(deps: AppDependencies, submission: Submission, language: InterfaceLanguage) {
  const history = deps.knowledge.history();
  const original = submission.editOf && isOpen(submission) ? deps.knowledgeBase.bySlug.get(submission.editOf) : undefined;
  const latest =
    history && original
      ? history.index().versionsOf(
          history.pathOf(original.file),
          original.aliases.map((alias) => `notes/${alias}.md`),
        )[0]?.commit
      : undefined;
  if (!latest) return undefined;
  const date = commitDate(latest);
  return { version: latest.version, date, dateLabel: formatDate(date.slice(0, 10), language) };
}

function titleLine(markdown: string): string {
  return (
    /^title:[ \t]*(\S.*)$/m
      .exec(markdown)?.[1]
      ?.replace(/^["']|["']$/g, '')
      .slice(0, 160) ?? '(untitled)'
  );
}
