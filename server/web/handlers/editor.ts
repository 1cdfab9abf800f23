import type { RequestHandler, Response } from 'express';
import { createTwoFilesPatch } from 'diff';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { checkSubmission } from '../../contribute/check-submission.js';
import { contributeDeps, recheckSubmission } from './contribute.js';
import { checkCsrfToken, createSessionCookie, csrfTokenFor, readSessionCookie } from '../../contribute/editor-session.js';
import { verifyEditor } from '../../contribute/editor-accounts.js';
import { withPublishedNote, writeApprovedNote } from '../../contribute/publish-submission.js';
import type { Submission } from '../../contribute/submission-store.js';
import { renderNote } from '../../content/render-note.js';
import { NotFoundError } from '../../errors.js';
import type { AppDependencies, ContributeDependencies } from '../create-app.js';
import { pageContext } from '../page-context.js';

/** The editor session cookie. */
export const SESSION_COOKIE = 'casebook_editor';

function cookies(res: Response): Record<string, string | undefined> {
  return res.locals.cookies as Record<string, string | undefined>;
}

/** The signed-in editor, or undefined. */
function editorOf(contribute: ContributeDependencies, res: Response): { username: string; token: string } | undefined {
  return readSessionCookie(contribute.sessionSecret, cookies(res)[SESSION_COOKIE]);
}

/** GET /editor/login */
export function showLogin(deps: AppDependencies): RequestHandler {
  return (_req, res) => {
    contributeDeps(deps);
    const { t } = pageContext(res.locals);
    res.render('editor-login', { title: t('editor.login'), failed: false });
  };
}

/** POST /editor/login — the same answer for an unknown user and a wrong password. */
export function login(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const contribute = contributeDeps(deps);
    const { t } = pageContext(res.locals);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const username = typeof body.username === 'string' ? body.username.trim().toLowerCase().slice(0, 40) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 1000) : '';
    if (!(await verifyEditor(contribute.editorAccountsFile, username, password))) {
      contribute.audit.record({ actor: 'anonymous', action: 'login_failed' });
      res.status(401).render('editor-login', { title: t('editor.login'), failed: true });
      return;
    }
    res.cookie(SESSION_COOKIE, createSessionCookie(contribute.sessionSecret, username), {
      httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', maxAge: 8 * 3600_000,
    });
    contribute.audit.record({ actor: `editor:${username}`, action: 'login' });
    res.redirect(303, '/editor');
  };
}

/** POST /editor/logout */
export function logout(deps: AppDependencies): RequestHandler {
  return (req, res) => {
    const contribute = contributeDeps(deps);
    const editor = editorOf(contribute, res);
    if (editor && !checkCsrfToken(contribute.sessionSecret, editor.token, (req.body as Record<string, unknown> | undefined)?.csrf_token)) {
      res.status(403).render('error', { title: pageContext(res.locals).t('error.forbidden'), status: 403 });
      return;
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
    const submissions = contribute.store.list();
    const rows = submissions.map((submission) => {
      const check = recheckSubmission(deps, submission);
      return { submission, title: check.note?.title ?? titleLine(submission.markdown), problems: check.problems.length };
    });
    res.render('editor-queue', {
      title: t('editor.queue'), editor: editor.username, csrf: csrfTokenFor(contribute.sessionSecret, editor.token),
      pending: rows.filter((row) => row.submission.status === 'pending'),
      others: rows.filter((row) => row.submission.status !== 'pending'),
    });
  };
}

/** GET /editor/submissions/:id — previewed exactly as it will be published, with its problems and, for an edit, the diff. */
export function showReview(deps: AppDependencies): RequestHandler {
  return (req, res) => {
    const contribute = contributeDeps(deps);
    const editor = editorOf(contribute, res);
    if (!editor) return res.redirect(303, '/editor/login');
    const submission = contribute.store.get(String(req.params.id));
    if (!submission) throw new NotFoundError('No submission has this id.');
    const { t } = pageContext(res.locals);
    renderReview(res, deps, submission, editor, t('editor.review'));
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
    if (!checkCsrfToken(contribute.sessionSecret, editor.token, body.csrf_token)) {
      res.status(403).render('error', { title: t('error.forbidden'), status: 403 });
      return;
    }
    const submission = contribute.store.get(String(req.params.id));
    if (!submission) throw new NotFoundError('No submission has this id.');
    const action = body.action;
    const comment = typeof body.comment === 'string' ? body.comment.trim().slice(0, 2000) : '';
    if (action !== 'approve' && action !== 'request_changes' && action !== 'reject') {
      res.status(400).render('error', { title: t('error.title'), status: 400 });
      return;
    }
    // A decision is final: approving twice would try to write the note twice.
    if (submission.status === 'approved' || submission.status === 'rejected') {
      res.status(409);
      renderReview(res, deps, submission, editor, t('editor.review'), t('editor.alreadyDecided'));
      return;
    }
    if (action !== 'approve' && !comment) {
      res.status(422);
      renderReview(res, deps, submission, editor, t('editor.review'), t('editor.commentRequired'));
      return;
    }
    if (action === 'approve') {
      const check = recheckSubmission(deps, submission);
      if (!check.note) {
        res.status(422);
        renderReview(res, deps, submission, editor, t('editor.review'), t('editor.cannotApprove'));
        return;
      }
      // The note is written before the submission is marked: a crash in between leaves both, never neither.
      const written = writeApprovedNote(contribute.knowledgeDir, deps.knowledgeBase, check.note, submission.markdown, submission.editOf);
      const note = { ...check.note, file: path.relative(process.cwd(), written.file) || written.file };
      deps.knowledgeBase = withPublishedNote(deps.knowledgeBase, note);
      await contribute.index?.(note, deps.knowledgeBase).catch((error: unknown) => {
        req.log?.warn({ err: error }, 'published note not yet searchable; it will be at the next reindex');
      });
      submission.publishedAs = note.slug;
    }
    const status = action === 'approve' ? 'approved' : action === 'reject' ? 'rejected' : 'changes_requested';
    submission.status = status;
    submission.comment = comment || undefined;
    submission.history.push({ at: new Date().toISOString(), by: editor.username, action: status, ...(comment ? { comment } : {}) });
    contribute.store.save(submission);
    contribute.audit.record({ actor: `editor:${editor.username}`, action: status, submission: submission.id, ...(submission.publishedAs ? { note: submission.publishedAs } : {}) });
    res.redirect(303, '/editor');
  };
}

function renderReview(res: Response, deps: AppDependencies, submission: Submission, editor: { username: string; token: string }, title: string, error?: string): void {
  const contribute = contributeDeps(deps);
  const check = recheckSubmission(deps, submission);
  const original = submission.editOf ? deps.knowledgeBase.bySlug.get(submission.editOf) : undefined;
  const diff = original ? createTwoFilesPatch(`${original.slug}.md (published)`, `${original.slug}.md (suggested)`, readOriginal(original.file), submission.markdown) : undefined;
  res.render('editor-submission', {
    title, editor: editor.username, csrf: csrfTokenFor(contribute.sessionSecret, editor.token), submission, error,
    problems: check.problems, note: check.note, html: check.note ? renderNote(check.note.body).html : undefined, diff,
  });
}

function readOriginal(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function titleLine(markdown: string): string {
  return /^title:\s*(.+)$/m.exec(markdown)?.[1]?.replace(/^["']|["']$/g, '').slice(0, 160) ?? '(untitled)';
}
