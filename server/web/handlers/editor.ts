import type { Request, RequestHandler, Response } from 'express';
import { decideSubmission, type Decision } from '../../contribute/decide-submission.js';
import { editorFingerprint, verifyEditor } from '../../contribute/editor-accounts.js';
import { checkCsrfToken, csrfTokenFor, type EditorSession } from '../../contribute/editor-session.js';
import type { Submission } from '../../contribute/submission-store.js';
import { NotFoundError, RenderBudgetError } from '../../errors.js';
import type { AppDependencies, ContributeDependencies } from '../create-app.js';
import { pageContext } from '../page-context.js';
import { buildReviewPage } from '../view-models/review-page.js';
import { contributeDeps, recheckSubmission, visitorId, VISITOR_COOKIE } from './contribute.js';

/** The editor session cookie. */
export const SESSION_COOKIE = 'casebook_editor';

const DECISIONS: readonly string[] = ['approve', 'request_changes', 'reject'] satisfies Decision[];

function cookies(res: Response): Record<string, string | undefined> {
  return res.locals.cookies as Record<string, string | undefined>;
}

/** The signed-in editor: a live session whose account still exists with the same password. */
function editorOf(contribute: ContributeDependencies, res: Response): EditorSession | undefined {
  return contribute.sessions.read(cookies(res)[SESSION_COOKIE], (username) => editorFingerprint(contribute.editorAccountsFile, username));
}

function forbidden(res: Response): void {
  res.status(403).render('error', { title: pageContext(res.locals).t('error.forbidden'), status: 403 });
}

/** GET /editor/login — the form carries a CSRF token tied to this browser, so no other site can sign anyone in. */
export function showLogin(deps: AppDependencies): RequestHandler {
  return (req, res) => {
    const contribute = contributeDeps(deps);
    const { t } = pageContext(res.locals);
    res.render('editor-login', { title: t('editor.login'), failed: false, username: '', csrf: csrfTokenFor(contribute.sessionSecret, visitorId(req, res)) });
  };
}

/** POST /editor/login — the same answer for an unknown user and a wrong password. */
export function login(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const contribute = contributeDeps(deps);
    const { t } = pageContext(res.locals);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const visitor = cookies(res)[VISITOR_COOKIE];
    if (!checkCsrfToken(contribute.sessionSecret, visitor, body.csrf_token)) return forbidden(res);
    const username = typeof body.username === 'string' ? body.username.trim().toLowerCase().slice(0, 40) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 1000) : '';
    const fingerprint = (await verifyEditor(contribute.editorAccountsFile, username, password)) ? editorFingerprint(contribute.editorAccountsFile, username) : undefined;
    if (!fingerprint) {
      contribute.audit.record({ actor: 'anonymous', action: 'login_failed' });
      res.status(401).render('editor-login', { title: t('editor.login'), failed: true, username, csrf: csrfTokenFor(contribute.sessionSecret, visitorId(req, res)) });
      return;
    }
    res.cookie(SESSION_COOKIE, contribute.sessions.create(username, fingerprint), {
      httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', maxAge: 8 * 3600_000,
    });
    contribute.audit.record({ actor: `editor:${username}`, action: 'login' });
    res.redirect(303, '/editor');
  };
}

/** POST /editor/logout — ends the session on the server, so the old cookie no longer works anywhere. */
export function logout(deps: AppDependencies): RequestHandler {
  return (req, res) => {
    const contribute = contributeDeps(deps);
    const editor = editorOf(contribute, res);
    if (editor) {
      if (!checkCsrfToken(contribute.sessionSecret, editor.token, (req.body as Record<string, unknown> | undefined)?.csrf_token)) return forbidden(res);
      contribute.sessions.destroy(editor.token);
      contribute.audit.record({ actor: `editor:${editor.username}`, action: 'logout' });
    }
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/');
  };
}

/** GET /editor — the queue: pending submissions first, then the rest. */
export function showQueue(deps: AppDependencies): RequestHandler {
  return (_req, res) => {
    const contribute = contributeDeps(deps);
    const editor = editorOf(contribute, res);
    if (!editor) return res.redirect(303, '/editor/login');
    const { t } = pageContext(res.locals);
    const rows = contribute.store.list().map((submission) => {
      const check = recheckSubmission(deps, submission);
      return { submission, title: check.note?.title ?? titleLine(submission.markdown), problems: submission.status === 'approved' ? 0 : check.problems.length };
    });
    res.render('editor-queue', {
      title: t('editor.queue'), editor: editor.username, csrf: csrfTokenFor(contribute.sessionSecret, editor.token),
      pending: rows.filter((row) => row.submission.status === 'pending'),
      others: rows.filter((row) => row.submission.status !== 'pending'),
    });
  };
}

/** GET /editor/submissions/:id — every field that will be published, the word diff of an edit, the preview, the actions that apply. */
export function showReview(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const contribute = contributeDeps(deps);
    const editor = editorOf(contribute, res);
    if (!editor) return res.redirect(303, '/editor/login');
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
    if (!editor) return res.redirect(303, '/editor/login');
    if (!checkCsrfToken(contribute.sessionSecret, editor.token, body.csrf_token)) return forbidden(res);
    const id = String(req.params.id);
    const submission = contribute.store.get(id);
    if (!submission) throw new NotFoundError('No submission has this id.');
    if (typeof body.action !== 'string' || !DECISIONS.includes(body.action)) {
      res.status(400);
      return renderReview(req, res, deps, submission, editor, t('editor.unknownAction'));
    }
    const comment = typeof body.comment === 'string' ? body.comment.trim().slice(0, 2000) : '';
    const result = await decideSubmission({
      store: contribute.store, audit: contribute.audit, knowledgeDir: contribute.knowledgeDir, knowledge: deps.knowledge, today: deps.today(),
      searchText: async (markdown) => (await deps.renderer.submission(markdown)).searchText,
      index: contribute.index,
      publishLock: contribute.publishLock,
      onIndexError: (error) => req.log?.warn({ err: error }, 'published note not yet searchable; it will be at the next reindex'),
    }, { id, decision: body.action as Decision, comment, editor: editor.username });
    if (result.outcome === 'comment_required' || result.outcome === 'invalid') {
      res.status(422);
      return renderReview(req, res, deps, submission, editor, t(result.outcome === 'comment_required' ? 'editor.commentRequired' : 'editor.cannotApprove'));
    }
    res.redirect(303, `/editor/submissions/${id}?decided=${result.submission.status}`);
  };
}

async function renderReview(req: Request, res: Response, deps: AppDependencies, submission: Submission, editor: EditorSession, error?: string): Promise<void> {
  const contribute = contributeDeps(deps);
  const { language, t } = pageContext(res.locals);
  const check = recheckSubmission(deps, submission);
  // Once approved, the note is the published one: checking it against itself would report its own slug as taken.
  const note = check.note ?? (submission.publishedAs ? deps.knowledgeBase.bySlug.get(submission.publishedAs) : undefined);
  let rendered: { html: string } | undefined;
  let renderError: string | undefined;
  try {
    rendered = note ? await deps.renderer.submission(note.body) : undefined;
  } catch (cause) {
    if (!(cause instanceof RenderBudgetError)) throw cause;
    renderError = t('contribute.bodyTooComplex', { reason: cause.message });
  }
  const decided = typeof req.query.decided === 'string' && ['approved', 'rejected', 'changes_requested'].includes(req.query.decided) ? req.query.decided : undefined;
  const model = buildReviewPage({
    submission, note, problems: check.problems,
    original: submission.editOf && submission.status !== 'approved' ? deps.knowledgeBase.bySlug.get(submission.editOf) : undefined,
    rendered, renderError, taxonomy: deps.knowledgeBase.taxonomy, language, t,
  });
  res.render('editor-submission', {
    title: model.title, editor: editor.username, csrf: csrfTokenFor(contribute.sessionSecret, editor.token), model, error, decided,
  });
}

function titleLine(markdown: string): string {
  return /^title:\s*(.+)$/m.exec(markdown)?.[1]?.replace(/^["']|["']$/g, '').slice(0, 160) ?? '(untitled)';
}
