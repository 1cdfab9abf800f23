import type { ContentProblem } from '../content/content-problem.js';
import { RenderBudgetError } from '../errors.js';
import type { AppDependencies } from './app-dependencies.js';
import type { Translate } from './i18n.js';
import type { RenderedMarkdown } from './render-pool.js';

/**
 * Renders a submitted body within the submission budget (off the event loop, cached by content). A
 * body that is too large, too slow or too deeply nested is a located problem for the contributor.
 */
export async function renderSubmission(
  deps: AppDependencies,
  body: string,
  bodyLine: number,
  t: Translate,
): Promise<{ rendered?: RenderedMarkdown; problems: ContentProblem[] }> {
  try {
    return { rendered: await deps.renderer.submission(body), problems: [] };
  } catch (error) {
    // A busy pool says nothing about the text: the visitor is asked to try again (503), not to change it.
    if (!(error instanceof RenderBudgetError) || error.reason === 'busy') throw error;
    return {
      problems: [
        {
          file: 'submission.md',
          line: bodyLine,
          column: 1,
          field: 'body',
          message: t('contribute.bodyTooComplex', { reason: error.message }),
          hint: t('contribute.bodyTooComplexHint'),
          kind: 'explained',
        },
      ],
    };
  }
}
