import { readPublishedNote } from '../../knowledge/knowledge-source.js';
import type { Request, RequestHandler, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { MAX_SUBMISSION_BYTES, type SubmissionCheck } from '../../contribute/check-submission.js';
import { checkCsrfToken, csrfTokenFor } from '../../contribute/editor-session.js';
import { formFieldOf, LAST_STEP, readStep, stepOfField } from '../../contribute/form-steps.js';
import { formToMarkdown, frontMatterOf, markdownToForm, noteToForm, preservedFields, readNoteForm, type NoteForm } from '../../contribute/note-form.js';
import { readPublishedMarkdown } from '../../contribute/read-published-markdown.js';
import { isEmailAddress } from '../../contribute/submitter-email.js';
import { canResubmit, isResubmitted, resubmitSubmission } from '../../contribute/resubmit-submission.js';
import { isSkeletonOnly, NOTE_SKELETON_BODY } from '../../content/note-skeleton.js';
import type { Note } from '../../content/validate-note.js';
import { buildNotePreview } from '../view-models/note-preview.js';
import { newSubmissionId, type Submission, type Submitter } from '../../contribute/submission-store.js';
import type { ContentProblem } from '../../content/content-problem.js';
import { ConflictError, NotFoundError, RenderBudgetError } from '../../errors.js';
import type { RenderedMarkdown } from '../render-pool.js';
import type { AppDependencies, ContributeDependencies } from '../create-app.js';
import { pageContext } from '../page-context.js';
import { limitRefusalOf, refusalMessage } from '../rate-limits.js';
import { buildContributeForm } from '../view-models/contribute-form.js';
import { buildSubmissionStatusPage } from '../view-models/submission-status-page.js';

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

/** GET /contribute — step 1 of the form, empty (the body starts with the skeleton's headings) or prefilled with a note for "Suggest an edit". */
export function showContributeForm(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const contribute = contributeDeps(deps);
    const editOf = typeof req.query.edit === 'string' ? req.query.edit : undefined;
    const original = editOf ? await readPublishedNote(deps.knowledgeBase, editOf) : undefined;
    if (editOf && !original) throw new NotFoundError(`No published note has the slug "${editOf}".`);
    const form: NoteForm = original ? noteToForm(original) : { ...readNoteForm({}, deps.today()), body: NOTE_SKELETON_BODY };
    renderForm(req, res, deps, { form, editOf, submitter: { name: '', email: '' }, step: 1, problems: [], csrf: csrfTokenFor(contribute.sessionSecret, visitorId(req, res)) });
  };
}

/**
 * GET /contribute/:id/edit — after "changes requested", the contributor's own text back in the form,
 * opened at "Check your answers" beside the editor's comment: every answer with its "Change" link,
 * so the part the editor asked about is one click away, not several Continues.
 */
export function showResubmitForm(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const contribute = contributeDeps(deps);
    const submission = contribute.store.get(String(req.params.id));
    if (!submission) throw new NotFoundError('No submission has this address.');
    const { t } = pageContext(res.locals);
    if (!canResubmit(submission)) throw new ConflictError(t('contribute.notEditable'));
    const state = {
      form: markdownToForm(submission.markdown, deps.today()), editOf: submission.editOf, resubmit: submission, submitter: submission.submitter,
      csrf: csrfTokenFor(contribute.sessionSecret, visitorId(req, res)),
    };
    renderForm(req, res, deps, { ...state, step: LAST_STEP, problems: [], check: await checkForm(deps, state, undefined, t) });
  };
}

/**
 * POST /contribute — one step of the form. "Continue" checks the questions answered so far and
 * shows the next step (or the earliest step with a problem, its problems listed at the top);
 * "Back" and "Change" move without checking; "Send" checks everything and stores the submission
 * (or, for a resubmission, replaces the text of the same one). An uploaded .md file replaces the
 * fields. Nothing is stored until it is valid.
 */
export function submitContributeForm(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const contribute = contributeDeps(deps);
    const { t } = pageContext(res.locals);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const visitor = (res.locals.cookies as Record<string, string | undefined>)[VISITOR_COOKIE];
    if (!checkCsrfToken(contribute.sessionSecret, visitor, body.csrf_token)) {
      res.status(403).render('error', { title: t('error.forbidden'), status: 403 });
      return;
    }
    const resubmitId = typeof body.resubmit_of === 'string' ? body.resubmit_of : undefined;
    const resubmit = resubmitId ? contribute.store.get(resubmitId) : undefined;
    if (resubmitId && (!resubmit || !canResubmit(resubmit))) throw new ConflictError(t('contribute.notEditable'));
    const editOf = resubmit ? resubmit.editOf
      : typeof body.edit_of === 'string' && deps.knowledgeBase.bySlug.has(body.edit_of) ? body.edit_of : undefined;
    const upload = (req as Request & { file?: { originalname: string; buffer: Buffer } }).file;
    const form = readNoteForm(body, deps.today());
    const submitter = submitterOf(body);
    const csrf = csrfTokenFor(contribute.sessionSecret, visitor!);
    const current = readStep(body.step);
    const action = typeof body.action === 'string' ? body.action : 'next';
    const state = { form, editOf, resubmit, submitter, csrf };

    if (typeof body.goto === 'string' || action === 'back') {
      const step = typeof body.goto === 'string' ? readStep(body.goto) : Math.max(current - 1, 1);
      const checked = step === LAST_STEP ? await checkForm(deps, state, undefined, t) : undefined;
      return renderForm(req, res, deps, { ...state, step, problems: [], check: checked });
    }
    const sending = action === 'submit' || action === 'resend';
    if (sending && limitRefusalOf(res)) {
      // Refused by the limit on notes sent: every answer comes back on the check-your-answers step
      // (an uploaded file's as fields), with the true wait, so nothing is typed twice.
      const kept = upload ? { ...state, form: markdownToForm(upload.buffer.toString('utf8'), deps.today()) } : state;
      res.status(429);
      return renderForm(req, res, deps, { ...kept, step: LAST_STEP, problems: [], check: await checkForm(deps, kept, undefined, t), refusal: refusalMessage(res, 'limits.sendRefused') });
    }
    const checked = await checkForm(deps, state, upload, t);
    const problems = [
      ...checked.problems,
      ...(sending && !submitter.name ? [{ file: 'form', line: 0, column: 0, field: 'submitter_name', message: 'is empty', kind: 'missing' as const }] : []),
      ...(submitter.email && !isEmailAddress(submitter.email) ? [{ file: 'form', line: 0, column: 0, field: 'submitter_email', message: 'is not an e-mail address', kind: 'invalid' as const }] : []),
    ];
    if (action === 'preview') return renderForm(req, res, deps, { ...state, step: LAST_STEP, problems, check: checked, uploaded: Boolean(upload) });
    if (!sending) {
      // "Continue": only the questions asked so far count; the first step with a problem is shown again.
      const blocking = problems.filter((problem) => stepOfProblem(problem, Boolean(upload)) <= current);
      const step = blocking.length > 0 ? Math.min(...blocking.map((problem) => stepOfProblem(problem, Boolean(upload)))) : Math.min(current + 1, LAST_STEP);
      res.status(blocking.length > 0 ? 422 : 200);
      return renderForm(req, res, deps, { ...state, step, problems: blocking, check: checked, uploaded: Boolean(upload) });
    }
    if (problems.length > 0) {
      res.status(422);
      return renderForm(req, res, deps, { ...state, step: Math.min(...problems.map((problem) => stepOfProblem(problem, Boolean(upload)))), problems, check: checked, uploaded: Boolean(upload) });
    }
    const submission = resubmit
      ? await resubmitSubmission(contribute.store, contribute.audit, { id: resubmit.id, markdown: checked.markdown, submitter })
      : storeSubmission(contribute, checked.markdown, submitter, editOf);
    res.redirect(303, `/contribute/${submission.id}`);
  };
}

interface FormState {
  form: NoteForm;
  editOf: string | undefined;
  resubmit?: Submission | undefined;
  submitter: Submitter;
  csrf: string;
}

interface FormCheck {
  markdown: string;
  note: Note | undefined;
  rendered: RenderedMarkdown | undefined;
  problems: ContentProblem[];
}

function stepOfProblem(problem: ContentProblem, uploaded: boolean): number {
  return uploaded ? LAST_STEP : stepOfField(formFieldOf(problem.field));
}

/**
 * The form (or upload) as the file it stands for, checked exactly as `npm run check` would, and
 * rendered for the preview. An edit rewrites only the changed fields of the file it was made from;
 * a resubmission, only those of the text it replaces.
 */
async function checkForm(deps: AppDependencies, state: FormState, upload: { originalname: string; buffer: Buffer } | undefined, t: ReturnType<typeof pageContext>['t']): Promise<FormCheck> {
  const original = state.editOf ? deps.knowledgeBase.bySlug.get(state.editOf) : undefined;
  const base = state.resubmit ? { markdown: state.resubmit.markdown, fields: frontMatterOf(state.resubmit.markdown) } : original ? readPublishedMarkdown(original) : undefined;
  const markdown = upload ? upload.buffer.toString('utf8') : formToMarkdown(state.form, original && !base ? preservedFields(original) : {}, base);
  const check = await deps.renderer.checkSubmission(markdown, deps.knowledgeBase, deps.today(), {
    ...(upload ? { fileName: sanitizeFileName(upload.originalname) } : {}), ...(state.editOf ? { editOf: state.editOf } : {}),
  });
  const rendering = check.note ? await renderSubmission(deps, check.note.body, check.note.bodyLine, t) : undefined;
  // The skeleton's headings alone are not a note: the schema would let them through.
  const unwritten = !upload && isSkeletonOnly(state.form.body) && !check.problems.some((problem) => problem.field === 'body')
    ? [{ file: 'form', line: 0, column: 0, field: 'body', message: 'has only the headings', kind: 'missing' as const }] : [];
  const problems = [...check.problems, ...(rendering?.problems ?? []), ...unwritten];
  return { markdown, note: problems.length === 0 ? check.note : undefined, rendered: rendering?.rendered, problems };
}

function renderForm(req: Request, res: Response, deps: AppDependencies, input: FormState & { step: number; problems: ContentProblem[]; check?: FormCheck | undefined; uploaded?: boolean; refusal?: string | undefined }): void {
  const { language, t, baseUrl } = pageContext(res.locals);
  const preview = input.check?.note && input.check.rendered
    ? buildNotePreview(input.check.note, input.check.rendered, { knowledgeBase: deps.knowledgeBase, language, t, baseUrl, today: deps.today() })
    : undefined;
  const model = buildContributeForm({
    form: input.form, editOf: input.editOf, resubmitOf: input.resubmit?.id, editorComment: input.resubmit?.comment, problems: input.problems, uploaded: input.uploaded ?? false, preview,
    csrf: input.csrf, submitter: input.submitter, step: input.step, taxonomy: deps.knowledgeBase.taxonomy, language, t,
  });
  const heading = input.resubmit ? t('contribute.resubmitTitle') : input.editOf ? t('contribute.editTitle') : t('contribute.title');
  res.render('contribute', {
    title: `${model.errors.length > 0 ? `${t('contribute.errorTitlePrefix')}: ` : ''}${model.stepLabel} — ${heading}`,
    heading,
    model,
    refusal: input.refusal,
  });
}

/** GET /contribute/:id — the contributor's status page: where the submission stands, what the editor said, the text as sent, and its address to keep. */
export function showSubmissionStatus(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const contribute = contributeDeps(deps);
    const submission = contribute.store.get(String(req.params.id));
    if (!submission) throw new NotFoundError('No submission has this address.');
    const { language, t, baseUrl } = pageContext(res.locals);
    const check = await recheckSubmission(deps, submission);
    const note = check.note ?? (submission.publishedAs ? await readPublishedNote(deps.knowledgeBase, submission.publishedAs) : undefined);
    // Rendered once and cached by content: reloading this page never renders the body again.
    const rendering = note ? await renderSubmission(deps, note.body, note.bodyLine, t) : undefined;
    const preview = note && rendering?.rendered ? buildNotePreview(note, rendering.rendered, { knowledgeBase: deps.knowledgeBase, language, t, baseUrl, today: deps.today() }) : undefined;
    res.render('submission-status', { title: t('contribute.statusTitle'), model: buildSubmissionStatusPage(submission, { baseUrl, t, preview }) });
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
    const check = await deps.renderer.checkSubmission(body.markdown, deps.knowledgeBase, deps.today());
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
    if (submitter.email && !isEmailAddress(submitter.email)) {
      res.status(422).json({ error: { code: 'invalid_note', message: '1 problem; nothing was stored.' }, problems: [{ line: 0, column: 0, field: 'submitter.email', message: 'is not an e-mail address', hint: 'give an address such as name@example.org, or none' }] });
      return;
    }
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
    // A busy pool says nothing about the text: the visitor is asked to try again (503), not to change it.
    if (!(error instanceof RenderBudgetError) || error.reason === 'busy') throw error;
    return { problems: [{ file: 'submission.md', line: bodyLine, column: 1, field: 'body', message: t('contribute.bodyTooComplex', { reason: error.message }), hint: t('contribute.bodyTooComplexHint'), kind: 'explained' }] };
  }
}

/**
 * Checks a stored submission against the knowledge base as it is now (it may have changed since),
 * in the submission pool, read once per text (note-renderer.ts). A published submission is checked
 * as an edit of its own note: its slug is its own, not "taken".
 */
export function recheckSubmission(deps: AppDependencies, submission: Submission): Promise<SubmissionCheck> {
  const editOf = submission.publishedAs ?? submission.editOf;
  return deps.renderer.checkSubmission(submission.markdown, deps.knowledgeBase, deps.today(), editOf ? { editOf } : {});
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
