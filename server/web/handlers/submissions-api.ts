import type { RequestHandler } from 'express';
import { MAX_SUBMISSION_BYTES } from '../../contribute/check-submission.js';
import { submitSubmission } from '../../contribute/submit-submission.js';
import { isEmailAddress } from '../../contribute/submitter-email.js';
import { contributeOf } from '../access-rules.js';
import type { AppDependencies } from '../app-dependencies.js';
import { pageContext } from '../page-context.js';
import { renderSubmission } from '../render-submission.js';

/** POST /api/submissions — `{ markdown, submitter: { name, email } }` → 201 `{ id, status }`, or 422 with located problems. */
export function submissionsApi(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const contribute = contributeOf(deps);
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
    const submitter = {
      name: body.submitter.name.trim().slice(0, 200),
      email: typeof body.submitter.email === 'string' ? body.submitter.email.trim().slice(0, 200) : '',
    };
    if (submitter.email && !isEmailAddress(submitter.email)) {
      res.status(422).json({
        error: { code: 'invalid_note', message: '1 problem; nothing was stored.' },
        problems: [
          { line: 0, column: 0, field: 'submitter.email', message: 'is not an e-mail address', hint: 'give an address such as name@example.org, or none' },
        ],
      });
      return;
    }
    const submission = await submitSubmission(contribute.submissions, { markdown: body.markdown, submitter });
    res
      .status(201)
      .location(`/contribute/${submission.id}`)
      .json({ id: submission.id, status: submission.status, url: `/contribute/${submission.id}` });
  };
}
