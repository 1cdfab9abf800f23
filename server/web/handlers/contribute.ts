import type { Request, RequestHandler, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { checkSubmission, MAX_SUBMISSION_BYTES, type SubmissionCheck } from '../../contribute/check-submission.js';
import { checkCsrfToken, csrfTokenFor } from '../../contribute/editor-session.js';
import { formToMarkdown, noteToForm, preservedFields, readNoteForm, type NoteForm } from '../../contribute/note-form.js';
import { newSubmissionId, type Submission, type Submitter } from '../../contribute/submission-store.js';
import type { ContentProblem } from '../../content/content-problem.js';
import { NotFoundError, RenderBudgetError } from '../../errors.js';
import type { RenderedMarkdown } from '../render-pool.js';
import type { AppDependencies, ContributeDependencies } from '../create-app.js';
import { pageContext } from '../page-context.js';
import { buildContributeForm } from '../view-models/contribute-form.js';

/** The cookie that ties the public form's CSRF token to one browser. */
export const VISITOR_COOKIE = 'casebook_visitor';

/** The contribution workflow's dependencies; /contribute and /editor answer 404 on a server without them. */
export function contributeDeps(deps: AppDependencies): ContributeDependencies {
  if (!deps.contribute) throw new NotFoundError('Contributions are not enabled on this server.');
  return deps.contribute;
}

/** The visitor id for CSRF on the public forms and sign-in: read from its cookie, or set a new one. */
export function visitorId(req: Request, res: Response): string {
  const existing = (res.locals.cookies as Record<string, string | undefined>)[VISITOR_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{22}$/.test(existing)) return existing;
  const id = randomBytes(16).toString('base64url');
  res.cookie(VISITOR_COOKIE, id, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
  return id;
}

function submitterOf(body: Record<string, unknown>): Submitter {
  const field = (value: unknown) => (typeof value === 'string' ? value.trim().slice(0, 200) : '');
  return { name: field(body.submitter_name), email: field(body.submitter_email) };
}

/** GET /contribute — the form, empty or prefilled with a note for "Suggest an edit". */
export function showContributeForm(deps: AppDependencies): RequestHandler {
  return (req, res) => {
    const contribute = contributeDeps(deps);
    const { language, t } = pageContext(res.locals);
    const editOf = typeof req.query.edit === 'string' ? req.query.edit : undefined;
    const original = editOf ? deps.knowledgeBase.bySlug.get(editOf) : undefined;
    if (editOf && !original) throw new NotFoundError(`No published note has the slug "${editOf}".`);
    const form: NoteForm = original ? noteToForm(original) : readNoteForm({}, deps.today());
    const csrf = csrfTokenFor(contribute.sessionSecret, visitorId(req, res));
    res.render('contribute', {
      title: t('contribute.title'),
      model: buildContributeForm({ form, editOf, problems: [], preview: undefined, csrf, submitter: { name: '', email: '' }, taxonomy: deps.knowledgeBase.taxonomy, language, t }),
    });
  };
}

/**
 * POST /contribute — preview or submit, from the fields or an uploaded .md file. Problems are shown
 * beside the fields (and with line numbers for uploads); nothing is stored until it is valid.
 */
export function submitContributeForm(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const contribute = contributeDeps(deps);
    const { language, t } = pageContext(res.locals);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const visitor = (res.locals.cookies as Record<string, string | undefined>)[VISITOR_COOKIE];
    if (!checkCsrfToken(contribute.sessionSecret, visitor, body.csrf_token)) {
      res.status(403).render('error', { title: t('error.forbidden'), status: 403 });
      return;
    }
    const editOf = typeof body.edit_of === 'string' && deps.knowledgeBase.bySlug.has(body.edit_of) ? body.edit_of : undefined;
    const upload = (req as Request & { file?: { originalname: string; buffer: Buffer } }).file;
    const form = readNoteForm(body, deps.today());
    const original = editOf ? deps.knowledgeBase.bySlug.get(editOf) : undefined;
    const markdown = upload ? upload.buffer.toString('utf8') : formToMarkdown(form, original ? preservedFields(original) : {});
    const check = checkSubmission(markdown, deps.knowledgeBase, deps.today(), {
      ...(upload ? { fileName: sanitizeFileName(upload.originalname) } : {}), ...(editOf ? { editOf } : {}),
    });
    const submitter = submitterOf(body);
    const wantsPreview = body.action === 'preview';
    const submitterProblems: ContentProblem[] = !wantsPreview && !submitter.name
      ? [{ file: 'form', line: 0, column: 0, field: 'submitter_name', message: t('contribute.nameRequired') }]
      : [];
    const rendering = check.note ? await renderSubmission(deps, check.note.body, check.note.bodyLine, t) : undefined;
    const problems = [...check.problems, ...(rendering?.problems ?? []), ...submitterProblems];

    if (wantsPreview || problems.length > 0) {
      const csrf = csrfTokenFor(contribute.sessionSecret, visitor!);
      res.status(problems.length > 0 && !wantsPreview ? 422 : 200).render('contribute', {
        title: t('contribute.title'),
        model: buildContributeForm({
          form, editOf, problems, csrf, submitter, taxonomy: deps.knowledgeBase.taxonomy, language, t,
          preview: check.note && rendering?.rendered ? { title: check.note.title, summary: check.note.summary, html: rendering.rendered.html } : undefined,
        }),
      });
      return;
    }
    const submission = storeSubmission(contribute, markdown, submitter, editOf);
    res.redirect(303, `/contribute/${submission.id}`);
  };
}

/** GET /contribute/:id — the contributor's status page: where the submission stands and what the editor said. */
export function showSubmissionStatus(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const contribute = contributeDeps(deps);
    const submission = contribute.store.get(String(req.params.id));
    if (!submission) throw new NotFoundError('No submission has this address.');
    const { t } = pageContext(res.locals);
    const check = recheckSubmission(deps, submission);
    // Rendered once and cached by content: reloading this page never renders the body again.
    const rendering = check.note ? await renderSubmission(deps, check.note.body, check.note.bodyLine, t) : undefined;
    res.render('submission-status', {
      title: t('contribute.statusTitle'),
      submission,
      preview: rendering?.rendered?.html,
      noteTitle: check.note?.title,
    });
  };
}

/** POST /api/submissions — `{ markdown, submitter: { name, email } }` → 201 `{ id, status }`, or 422 with located problems. */
export function submissionsApi(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const contribute = contributeDeps(deps);
    const body = (req.body ?? {}) as { markdown?: unknown; submitter?: { name?: unknown; email?: unknown } };
    if (typeof body.markdown !== 'string' || typeof body.submitter?.name !== 'string' || !body.submitter.name.trim()) {
      res.status(422).json({ error: { code: 'invalid_request', message: 'Send { markdown, submitter: { name, email } }.' }, problems: [] });
      return;
    }
    if (Buffer.byteLength(body.markdown) > MAX_SUBMISSION_BYTES) {
      res.status(413).json({ error: { code: 'too_large', message: 'A submission may be at most 1 MB.' } });
      return;
    }
    const check = checkSubmission(body.markdown, deps.knowledgeBase, deps.today());
    const rendering = check.note ? await renderSubmission(deps, check.note.body, check.note.bodyLine, pageContext(res.locals).t) : undefined;
    const problems = [...check.problems, ...(rendering?.problems ?? [])];
    if (problems.length > 0) {
      res.status(422).json({
        error: { code: 'invalid_note', message: `${problems.length} problems; nothing was stored.` },
        problems: problems.map(({ line, column, field, message, hint }) => ({ line, column, field, message, ...(hint ? { hint } : {}) })),
      });
      return;
    }
    const submitter = { name: body.submitter.name.trim().slice(0, 200), email: typeof body.submitter.email === 'string' ? body.submitter.email.trim().slice(0, 200) : '' };
    const submission = storeSubmission(contribute, body.markdown, submitter, undefined);
    res.status(201).location(`/contribute/${submission.id}`).json({ id: submission.id, status: submission.status, url: `/contribute/${submission.id}` });
  };
}

/**
 * Renders a submitted body within the submission budget (off the event loop, cached by content). A
 * body that is too large, too slow or too deeply nested is a located problem for the contributor.
 */
async function renderSubmission(deps: AppDependencies, body: string, bodyLine: number, t: ReturnType<typeof pageContext>['t']): Promise<{ rendered?: RenderedMarkdown; problems: ContentProblem[] }> {
  try {
    return { rendered: await deps.renderer.submission(body), problems: [] };
  } catch (error) {
    if (!(error instanceof RenderBudgetError)) throw error;
    return { problems: [{ file: 'submission.md', line: bodyLine, column: 1, field: 'body', message: t('contribute.bodyTooComplex', { reason: error.message }), hint: t('contribute.bodyTooComplexHint') }] };
  }
}

/** Checks a stored submission against the knowledge base as it is now (it may have changed since). */
export function recheckSubmission(deps: AppDependencies, submission: Submission): SubmissionCheck {
  return checkSubmission(submission.markdown, deps.knowledgeBase, deps.today(), submission.editOf ? { editOf: submission.editOf } : {});
}

function storeSubmission(contribute: ContributeDependencies, markdown: string, submitter: Submitter, editOf: string | undefined): Submission {
  const now = new Date().toISOString();
  const submission: Submission = {
    id: newSubmissionId(), createdAt: now, status: 'pending', markdown, submitter, ...(editOf ? { editOf } : {}),
    history: [{ at: now, by: 'contributor', action: 'submitted' }],
  };
  contribute.store.save(submission);
  contribute.audit.record({ actor: `contributor:${submitter.name}`, action: 'submitted', submission: submission.id, ...(editOf ? { note: editOf } : {}) });
  return submission;
}

function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'upload.md';
  return base.replace(/[^\w.-]+/g, '-').slice(0, 100) || 'upload.md';
}
