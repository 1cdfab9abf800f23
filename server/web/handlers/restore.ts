import type { RequestHandler } from 'express';
import { restoreVersion } from '../../contribute/restore-version.js';
import { accountOf, contributeOf } from '../access-rules.js';
import type { AppDependencies } from '../app-dependencies.js';
import { pageContext } from '../page-context.js';

/** POST /editor/notes/:slug/restore — an editor restores an earlier version (`version`, `change_note`) as a new one. */
export function restoreNoteVersion(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const slug = String(req.params.slug);
    const version = typeof body.version === 'string' && /^[0-9a-f]{12}$/.test(body.version) ? body.version : '';
    const changeNote = typeof body.change_note === 'string' ? body.change_note : '';
    const result = await restoreVersion(
      { knowledge: deps.knowledge, audit: contributeOf(deps).audit, today: deps.today() },
      { slug, version, editor: accountOf(res).username, changeNote },
    );
    if (result.outcome === 'restored') return res.redirect(303, `/notes/${slug}/history?restored=${result.version}`);
    const { t } = pageContext(res.locals);
    res.status(422).render('error', {
      title: t('history.cannotRestore'),
      status: 422,
      detail: result.problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '),
    });
  };
}
