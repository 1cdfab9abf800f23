import { readPublishedNote } from '../../knowledge/knowledge-source.js';
import type { Request, RequestHandler, Response } from 'express';
import { decideSubmission, isOpen, type Decision } from '../../contribute/decide-submission.js';
import { buildQueueRows } from '../view-models/editor-queue.js';
import { checkCsrfToken, csrfTokenFor, type EditorSession } from '../../contribute/editor-session.js';
import type { Submission } from '../../contribute/submission-store.js';
import { NotFoundError, RenderBudgetError } from '../../errors.js';
import type { AppDependencies, ContributeDependencies } from '../create-app.js';
import { pageContext } from '../page-context.js';
import { buildReviewPage, type ReviewBaseline } from '../view-models/review-page.js';
import { buildNotePreview } from '../view-models/note-preview.js';
import type { RenderedMarkdown } from '../render-pool.js';
import { parseFrontMatter } from '../../content/parse-front-matter.js';
import { contributeDeps, recheckSubmission } from './contribute.js';
import { defaultChangeNote } from '../../contribute/publish-submission.js';
import { commitDate } from '../view-models/history-pages.js';
import { formatDate, type InterfaceLanguage } from '../i18n.js';
import { forbidden, signedInAccount } from './login.js';

export { SESSION_COOKIE } from './login.js';

const DECISIONS: readonly string[] = ['approve', 'request_changes', 'reject'] satisfies Decision[];

/** The signed-in editor: a live session of an account that still exists, with the same password, and is an editor now. */
function editorOf(contribute: ContributeDependencies, res: Response): EditorSession | undefined {
  const account = signedInAccount(contribute, res);
  return account?.role === 'editor' ? { username: account.username, token: account.token } : undefined;
}

/** Not an editor: anonymous visitors go to the sign-in page; a signed-in member is refused (the queue is the editors'). */
function refuse(contribute: ContributeDependencies, res: Response): void {
  if (signedInAccount(contribute, res)) return forbidden(res);
  res.redirect(303, '/editor/login');
}

/** GET /editor — the queue: pending submissions first, then the rest. */
export function showQueue(deps: AppDependencies): RequestHandler {
  return async (_req, res) => {
    const contribute = contributeDeps(deps);
    const editor = editorOf(contribute, res);
    if (!editor) return refuse(contribute, res);
    const { t } = pageContext(res.locals);
    const submissions = contribute.store.list();
    const entries = [];
    // One at a time: each check is read once and then cached, and a cold queue must not fill the pool.
    for (const submission of submissions) {
      // A decided submission is not checked: a published one would be reported as taking its own slug.
      const check = isOpen(submission) ? await recheckSubmission(deps, submission) : undefined;
      entries.push({ submission, title: check?.note?.title ?? titleLine(submission.markdown), problems: check?.problems ?? [] });
    }
    const rows = buildQueueRows(entries, t);
    res.render('editor-queue', {
      title: t('editor.queue'), editor: editor.username, csrf: csrfTokenFor(contribute.sessionSecret, editor.token),
      pending: rows.filter((_, index) => submissions[index]!.status === 'pending'),
      others: rows.filter((_, index) => submissions[index]!.status !== 'pending'),
    });
  };
}

/** GET /editor/submissions/:id — every field that will be published, the word diff of an edit, the preview, the actions that apply. */
export function showReview(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const contribute = contributeDeps(deps);
    const editor = editorOf(contribute, res);
    if (!editor) return refuse(contribute, res);
    const submission = contribute.store.get(String(req.params.id));
    if (!submission) throw new NotFoundError('No submission has this id.');
    await renderReview(req, res, deps, submission, editor);
  };
}

/** POST /editor/submissions/:id — approve (publish), request changes, or reject, with a comment the contributor sees. */
export function decide(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const contribute = contributeDeps(deps);
    const editor = editorOf(contribute, res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { t } = pageContext(res.locals);
    if (!editor) return refuse(contribute, res);
    if (!checkCsrfToken(contribute.sessionSecret, editor.token, body.csrf_token)) return forbidden(res);
    const id = String(req.params.id);
    const submission = contribute.store.get(id);
    if (!submission) throw new NotFoundError('No submission has this id.');
    if (typeof body.action !== 'string' || !DECISIONS.includes(body.action)) {
      res.status(400);
      return renderReview(req, res, deps, submission, editor, t('editor.unknownAction'));
    }
    const comment = typeof body.comment === 'string' ? body.comment.trim().slice(0, 2000) : '';
    const changeNote = typeof body.change_note === 'string' ? body.change_note : undefined;
    const result = await decideSubmission({
      store: contribute.store, audit: contribute.audit, knowledge: deps.knowledge, today: deps.today(),
      check: (markdown, knowledgeBase, options) => deps.renderer.checkSubmission(markdown, knowledgeBase, deps.today(), options),
    }, { id, decision: body.action as Decision, comment, editor: editor.username, changeNote });
    if (result.outcome === 'comment_required' || result.outcome === 'invalid') {
      res.status(422);
      // A missing comment is said beside the comment box (focused), not only at the top of a long page.
      return renderReview(req, res, deps, submission, editor, t(result.outcome === 'comment_required' ? 'editor.commentRequired' : 'editor.cannotApprove'), result.outcome === 'comment_required' ? 'comment' : undefined);
    }
    res.redirect(303, `/editor/submissions/${id}?decided=${result.submission.status}`);
  };
}

async function renderReview(req: Request, res: Response, deps: AppDependencies, submission: Submission, editor: EditorSession, error?: string, errorField?: 'comment'): Promise<void> {
  const contribute = contributeDeps(deps);
  const { language, t } = pageContext(res.locals);
  const check = await recheckSubmission(deps, submission);
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
  const { baseUrl } = pageContext(res.locals);
  const page = note && rendered
    ? buildNotePreview(note, rendered, { knowledgeBase: deps.knowledgeBase, language, t, baseUrl, today: deps.today() })
    : undefined;
  const decided = typeof req.query.decided === 'string' && ['approved', 'rejected', 'changes_requested'].includes(req.query.decided) ? req.query.decided : undefined;
  const original = submission.editOf && submission.status !== 'approved' ? await readPublishedNote(deps.knowledgeBase, submission.editOf) : undefined;
  const previous = submission.previousMarkdown && isOpen(submission) ? await previousVersion(deps, submission) : undefined;
  // The word diff grows with both texts: it runs in the submission pool, like the check and the render.
  const baselineBody = previous?.body ?? original?.body;
  const bodyDiff = baselineBody !== undefined && note ? await deps.renderer.diffWords(baselineBody, note.body) : undefined;
  // A name that is a member's handle becomes that member's, linked to their profile, once published.
  const handles = new Set(contribute.network?.profiles().map((profile) => profile.handle) ?? []);
  const memberNames = note ? [...new Set([...note.authors, ...note.reviewers])].filter((name) => handles.has(name)) : [];
  const model = buildReviewPage({
    submission, note, problems: check.problems, original, previous, bodyDiff, memberNames,
    page,
    rendered, renderError, taxonomy: deps.knowledgeBase.taxonomy, language, t,
    changeNote: note ? defaultChangeNote(note, submission.editOf) : undefined,
    replaces: replacedVersion(deps, submission, language),
  });
  res.render('editor-submission', {
    title: model.title, editor: editor.username, csrf: csrfTokenFor(contribute.sessionSecret, editor.token), model, error, errorField, decided,
  });
}

/** The version the editor sent back, as the review compares it: its checked fields (defaults applied) when it still reads as a note. */
async function previousVersion(deps: AppDependencies, submission: Submission): Promise<ReviewBaseline> {
  const markdown = submission.previousMarkdown!;
  const check = await deps.renderer.checkSubmission(markdown, deps.knowledgeBase, deps.today(), submission.editOf ? { editOf: submission.editOf } : {});
  if (check.note) return { kind: 'previous', fields: check.note as unknown as Record<string, unknown>, body: check.note.body };
  const parsed = parseFrontMatter('previous.md', Buffer.from(markdown, 'utf8'));
  return Array.isArray(parsed) ? { kind: 'previous', fields: {}, body: markdown } : { kind: 'previous', fields: parsed.data, body: parsed.body };
}

/** For an edit, the version of the published note it replaces (knowledge in git). */
function replacedVersion(deps: AppDependencies, submission: Submission, language: InterfaceLanguage) {
  const history = deps.knowledge.history();
  const original = submission.editOf && isOpen(submission) ? deps.knowledgeBase.bySlug.get(submission.editOf) : undefined;
  const latest = history && original ? history.index().versionsOf(history.pathOf(original.file), original.aliases.map((alias) => `notes/${alias}.md`))[0]?.commit : undefined;
  if (!latest) return undefined;
  const date = commitDate(latest);
  return { version: latest.version, date, dateLabel: formatDate(date.slice(0, 10), language) };
}

function titleLine(markdown: string): string {
  return /^title:[ \t]*(\S.*)$/m.exec(markdown)?.[1]?.replace(/^["']|["']$/g, '').slice(0, 160) ?? '(untitled)';
}
