import { readPublishedNote } from '../../knowledge/knowledge-source.js';
import type { Request, RequestHandler, Response } from 'express';
import { csrfTokenFor } from '../../accounts/csrf.js';
import { recheckSubmission } from '../../contribute/recheck-submission.js';
import { submitSubmission } from '../../contribute/submit-submission.js';
import { formFieldOf, LAST_STEP, readStep, stepOfField } from '../../contribute/form-steps.js';
import { formToMarkdown, frontMatterOf, markdownToForm, noteToForm, preservedFields, readNoteForm, type NoteForm } from '../../contribute/note-form.js';
import { currentVersionOf } from '../../contribute/publish-submission.js';
import { readPublishedMarkdown } from '../../contribute/read-published-markdown.js';
import { isEmailAddress } from '../../contribute/submitter-email.js';
import { canResubmit, resubmitSubmission } from '../../contribute/resubmit-submission.js';
import { isSkeletonOnly, NOTE_SKELETON_BODY } from '../../content/note-skeleton.js';
import type { Note } from '../../content/validate-note.js';
import { buildNotePreview } from '../view-models/note-preview.js';
import type { Submission, Submitter } from '../../contribute/submission.js';
import type { ContentProblem } from '../../content/content-problem.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import type { RenderedMarkdown } from '../render-pool.js';
import { renderSubmission } from '../render-submission.js';
import { contributeOf, submissionOf, visitorId } from '../access-rules.js';
import type { AppDependencies } from '../app-dependencies.js';
import { pageContext } from '../page-context.js';
import { limitRefusalOf, refusalMessage } from '../rate-limits.js';
import { buildContributeForm } from '../view-models/contribute-form.js';
import { buildSubmissionStatusPage } from '../view-models/submission-status-page.js';

function submitterOf(body: Record<string, unknown>): Submitter {
  const field = (value: unknown) => (typeof value === 'string' ? value.trim().slice(0, 200) : '');
  return { name: field(body.submitter_name), email: field(body.submitter_email) };
}

/** GET /contribute — step 1 of the form, empty (the body starts with the skeleton's headings) or prefilled with a note for "Suggest an edit". */
export function showContributeForm(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const contribute = contributeOf(deps);
    const editOf = typeof req.query.edit === 'string' ? req.query.edit : undefined;
    const original = editOf ? await readPublishedNote(deps.knowledgeBase, editOf) : undefined;
    if (editOf && !original) throw new NotFoundError(`No published note has the slug "${editOf}".`);
    const form: NoteForm = original ? noteToForm(original) : { ...readNoteForm({}, deps.today()), body: NOTE_SKELETON_BODY };
    const editBase = editOf ? currentVersionOf(deps.knowledgeBase, deps.knowledge.history(), editOf) : undefined;
    renderForm(req, res, deps, {
      form,
      editOf,
      editBase,
      submitter: { name: '', email: '' },
      step: 1,
      problems: [],
      csrf: csrfTokenFor(contribute.csrfSecret, visitorId(req, res)),
    });
  };
}

/**
 * GET /contribute/:id/edit — after "changes requested", the contributor's own text back in the form,
 * opened at "Check your answers" beside the editor's comment: every answer with its "Change" link,
 * so the part the editor asked about is one click away, not several Continues.
 */
export function showResubmitForm(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const contribute = contributeOf(deps);
    const submission = submissionOf(res);
    const { t } = pageContext(res.locals);
    if (!canResubmit(submission)) throw new ConflictError(t('contribute.notEditable'));
    const state = {
      form: markdownToForm(submission.markdown, deps.today()),
      editOf: submission.editOf,
      resubmit: submission,
      submitter: submission.submitter,
      csrf: csrfTokenFor(contribute.csrfSecret, visitorId(req, res)),
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
    const contribute = contributeOf(deps);
    const { t } = pageContext(res.locals);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const resubmitId = typeof body.resubmit_of === 'string' ? body.resubmit_of : undefined;
    const resubmit = resubmitId ? await contribute.submissions.get(resubmitId) : undefined;
    if (resubmitId && (!resubmit || !canResubmit(resubmit))) throw new ConflictError(t('contribute.notEditable'));
    const editOf = resubmit ? resubmit.editOf : typeof body.edit_of === 'string' && deps.knowledgeBase.bySlug.has(body.edit_of) ? body.edit_of : undefined;
    // The version of the note the form was opened on, carried through the steps, so an approval
    // refuses an edit the note has moved on from; sent without one, the version as it is now.
    const editBase =
      !editOf || resubmit
        ? undefined
        : typeof body.edit_base === 'string' && EDIT_BASE_PATTERN.test(body.edit_base)
          ? body.edit_base
          : currentVersionOf(deps.knowledgeBase, deps.knowledge.history(), editOf);
    const upload = (req as Request & { file?: { originalname: string; buffer: Buffer } }).file;
    const form = readNoteForm(body, deps.today());
    const submitter = submitterOf(body);
    // The visitor cookie verifyVisitorCsrf checked (or, for a post a limit refused, a new one if it had none).
    const csrf = csrfTokenFor(contribute.csrfSecret, visitorId(req, res));
    const current = readStep(body.step);
    const action = typeof body.action === 'string' ? body.action : 'next';
    const state = { form, editOf, editBase, resubmit, submitter, csrf };

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
      return renderForm(req, res, deps, {
        ...kept,
        step: LAST_STEP,
        problems: [],
        check: await checkForm(deps, kept, undefined, t),
        refusal: refusalMessage(res, 'limits.sendRefused'),
      });
    }
    const checked = await checkForm(deps, state, upload, t);
    const problems = [
      ...checked.problems,
      ...(sending && !submitter.name ? [{ file: 'form', line: 0, column: 0, field: 'submitter_name', message: 'is empty', kind: 'missing' as const }] : []),
      ...(submitter.email && !isEmailAddress(submitter.email)
        ? [{ file: 'form', line: 0, column: 0, field: 'submitter_email', message: 'is not an e-mail address', kind: 'invalid' as const }]
        : []),
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
      return renderForm(req, res, deps, {
        ...state,
        step: Math.min(...problems.map((problem) => stepOfProblem(problem, Boolean(upload)))),
        problems,
        check: checked,
        uploaded: Boolean(upload),
      });
    }
    const submission = resubmit
      ? await resubmitSubmission(contribute.submissions, {
          id: resubmit.id,
          markdown: checked.markdown,
          submitter,
          editBase: resubmit.editOf ? currentVersionOf(deps.knowledgeBase, deps.knowledge.history(), resubmit.editOf) : undefined,
        })
      : await submitSubmission(contribute.submissions, { markdown: checked.markdown, submitter, editOf, editBase });
    res.redirect(303, `/contribute/${submission.id}`);
  };
}

const EDIT_BASE_PATTERN = /^[0-9a-f]{12}$/;

interface FormState {
  form: NoteForm;
  editOf: string | undefined;
  /** The version of the note an edit was opened on (a hidden field through the steps). */
  editBase?: string | undefined;
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
async function checkForm(
  deps: AppDependencies,
  state: FormState,
  upload: { originalname: string; buffer: Buffer } | undefined,
  t: ReturnType<typeof pageContext>['t'],
): Promise<FormCheck> {
  const original = state.editOf ? deps.knowledgeBase.bySlug.get(state.editOf) : undefined;
  const base = state.resubmit
    ? { markdown: state.resubmit.markdown, fields: frontMatterOf(state.resubmit.markdown) }
    : original
      ? readPublishedMarkdown(original)
      : undefined;
  const markdown = upload ? upload.buffer.toString('utf8') : formToMarkdown(state.form, original && !base ? preservedFields(original) : {}, base);
  const check = await deps.renderer.checkSubmission(markdown, deps.knowledgeBase, deps.today(), {
    ...(upload ? { fileName: sanitizeFileName(upload.originalname) } : {}),
    ...(state.editOf ? { editOf: state.editOf } : {}),
  });
  const rendering = check.note ? await renderSubmission(deps, check.note.body, check.note.bodyLine, t) : undefined;
  // The skeleton's headings alone are not a note: the schema would let them through.
  const unwritten =
    !upload && isSkeletonOnly(state.form.body) && !check.problems.some((problem) => problem.field === 'body')
      ? [{ file: 'form', line: 0, column: 0, field: 'body', message: 'has only the headings', kind: 'missing' as const }]
      : [];
  const problems = [...check.problems, ...(rendering?.problems ?? []), ...unwritten];
  return { markdown, note: problems.length === 0 ? check.note : undefined, rendered: rendering?.rendered, problems };
}

function renderForm(
  req: Request,
  res: Response,
  deps: AppDependencies,
  input: FormState & { step: number; problems: ContentProblem[]; check?: FormCheck | undefined; uploaded?: boolean; refusal?: string | undefined },
): void {
  const { language, t, baseUrl } = pageContext(res.locals);
  const preview =
    input.check?.note && input.check.rendered
      ? buildNotePreview(input.check.note, input.check.rendered, { knowledgeBase: deps.knowledgeBase, language, t, baseUrl, today: deps.today() })
      : undefined;
  const model = buildContributeForm({
    form: input.form,
    editOf: input.editOf,
    editBase: input.editBase,
    resubmitOf: input.resubmit?.id,
    editorComment: input.resubmit?.comment,
    problems: input.problems,
    uploaded: input.uploaded ?? false,
    preview,
    csrf: input.csrf,
    submitter: input.submitter,
    step: input.step,
    taxonomy: deps.knowledgeBase.taxonomy,
    language,
    t,
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
  return async (_req, res) => {
    const submission = submissionOf(res);
    const { language, t, baseUrl } = pageContext(res.locals);
    // In the submission pool, read once per text (note-renderer.ts).
    const check = await recheckSubmission(deps.renderer.checkSubmission, deps.knowledgeBase, submission, deps.today());
    const note = check.note ?? (submission.publishedAs ? await readPublishedNote(deps.knowledgeBase, submission.publishedAs) : undefined);
    // Rendered once and cached by content: reloading this page never renders the body again.
    const rendering = note ? await renderSubmission(deps, note.body, note.bodyLine, t) : undefined;
    const preview =
      note && rendering?.rendered
        ? buildNotePreview(note, rendering.rendered, { knowledgeBase: deps.knowledgeBase, language, t, baseUrl, today: deps.today() })
        : undefined;
    res.render('submission-status', { title: t('contribute.statusTitle'), model: buildSubmissionStatusPage(submission, { baseUrl, t, preview }) });
  };
}

function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'upload.md';
  return base.replace(/[^\w.-]+/g, '-').slice(0, 100) || 'upload.md';
}
