import type { Request, RequestHandler, Response } from 'express';
import { parseFrontMatter } from '../../content/parse-front-matter.js';
import { NotFoundError } from '../../errors.js';
import type { KnowledgeHistory } from '../../knowledge/knowledge-source.js';
import type { Touch } from '../../knowledge/history-index.js';
import type { AppDependencies } from '../app-dependencies.js';
import { pageContext } from '../page-context.js';
import { buildChangesModel, commitDate, toHistoryJson, toVersionRows, type Versioned } from '../view-models/history-pages.js';
import { formatDate } from '../i18n.js';
import { csrfTokenFor } from '../../accounts/csrf.js';

const VERSION = /^[0-9a-f]{12}$/;

/** A note or authority with versions: what it is now, and the files its history is read from. */
interface Subject extends Versioned {
  file: string;
  also: string[];
}

/** Finds the note (or authority) a history URL names; a former slug answers 301 to the same page under the current one. */
function findSubject(
  deps: AppDependencies,
  kind: Versioned['kind'],
  key: string,
  req: Request,
  res: Response,
): { subject: Subject; history: KnowledgeHistory } | undefined {
  const history = deps.knowledge.history();
  const kb = deps.knowledgeBase;
  if (kind === 'note') {
    const note = kb.bySlug.get(key);
    if (!note) {
      const target = kb.aliases.get(key);
      if (target) {
        res.redirect(301, req.originalUrl.replace(`/notes/${key}`, `/notes/${target}`));
        return undefined;
      }
      throw new NotFoundError(`No published note has the slug "${key}".`);
    }
    if (!history) throw new NotFoundError('This knowledge base keeps no history.');
    return {
      history,
      // A note renamed with an alias keeps the history of its former file.
      subject: {
        kind,
        key,
        title: note.title,
        url: `/notes/${note.slug}`,
        file: history.pathOf(note.file),
        also: note.aliases.map((alias) => `notes/${alias}.md`),
      },
    };
  }
  const authority = kb.authorityById.get(key);
  if (!authority) {
    // A renamed authority's former id answers 301, as a note's alias does.
    const target = kb.authorityAliases.get(key);
    if (target) {
      res.redirect(301, req.originalUrl.replace(`/authorities/${key}`, `/authorities/${target}`));
      return undefined;
    }
    throw new NotFoundError(`No authority has the id "${key}".`);
  }
  if (!history) throw new NotFoundError('This knowledge base keeps no history.');
  // Like a note's, a renamed authority keeps the history of its former file.
  const also = authority.aliases.map((alias) => `authorities/${alias}.yml`);
  return { history, subject: { kind, key, title: authority.title, url: `/authorities/${authority.id}`, file: history.pathOf(authority.file), also } };
}

function versionsOf(history: KnowledgeHistory, subject: Subject): Touch[] {
  return history.index().versionsOf(subject.file, subject.also);
}

/** GET /notes/:slug/history and /authorities/:id/history — every version, newest first. */
export function showHistory(deps: AppDependencies, kind: Versioned['kind']): RequestHandler {
  return (req, res) => {
    const found = findSubject(deps, kind, String(req.params.slug ?? req.params.id), req, res);
    if (!found) return;
    const { subject, history } = found;
    const { language, t } = pageContext(res.locals);
    const rows = toVersionRows(subject, versionsOf(history, subject), language);
    // Editors may restore an earlier version of a note from here (restore.ts checks again).
    // An editor (read by readAccount, routes.ts) sees the "restore" action; anyone else the history alone.
    const account = deps.contribute && kind === 'note' ? res.locals.account : undefined;
    const restore =
      account?.role === 'editor' ? { url: `/editor${subject.url}/restore`, csrf: csrfTokenFor(deps.contribute!.csrfSecret, account.token) } : undefined;
    const restored = typeof req.query.restored === 'string' && VERSION.test(req.query.restored) ? req.query.restored : undefined;
    res.render('history', { title: t('history.title', { title: subject.title }), model: { subject, rows, restore, restoredVersion: restored } });
  };
}

/** GET /api/notes/:slug/history — `{ slug, versions: [{ version, date, change_note, author, editor, url }] }` (docs/contract.md §4). */
export function historyApi(deps: AppDependencies): RequestHandler {
  return (req, res) => {
    const slug = String(req.params.slug);
    if (!deps.knowledgeBase.bySlug.has(slug) && deps.knowledgeBase.aliases.has(slug)) {
      res.redirect(301, `/api/notes/${deps.knowledgeBase.aliases.get(slug)}/history`);
      return;
    }
    const found = findSubject(deps, 'note', slug, req, res);
    if (!found) return;
    res.json(toHistoryJson(found.subject, versionsOf(found.history, found.subject)));
  };
}

/** The version a URL names and the one before it, or a 404. */
async function readVersion(deps: AppDependencies, kind: Versioned['kind'], req: Request, res: Response) {
  const found = findSubject(deps, kind, String(req.params.slug ?? req.params.id), req, res);
  if (!found) return undefined;
  const { subject, history } = found;
  const version = String(req.params.version);
  const versions = versionsOf(history, subject);
  const at = VERSION.test(version) ? versions.findIndex((touch) => touch.commit.version === version) : -1;
  if (at === -1) throw new NotFoundError(`"${subject.title}" has no version ${version.slice(0, 40)}.`);
  const touch = versions[at]!;
  const text = await history.read(version, touch.path);
  if (text === undefined) throw new NotFoundError(`Version ${version} could not be read.`);
  return { subject, history, touch, text, previous: versions[at + 1], current: at === 0, newest: versions[0]! };
}

function versionMeta(touch: Touch, language: Parameters<typeof formatDate>[1]) {
  const date = commitDate(touch.commit);
  return {
    version: touch.commit.version,
    date,
    dateLabel: formatDate(date.slice(0, 10), language),
    changeNote: touch.commit.changeNote,
    author: touch.commit.author,
    editor: touch.commit.editor,
  };
}

/** GET …/versions/:version — the note (or authority) as it was, with a banner to the current version; never indexed. */
export function showVersion(deps: AppDependencies, kind: Versioned['kind']): RequestHandler {
  return async (req, res) => {
    const found = await readVersion(deps, kind, req, res);
    if (!found) return;
    const { subject, touch, text, current } = found;
    const { language, t } = pageContext(res.locals);
    let page: { title: string; summary: string | undefined; language: string | undefined; html: string | undefined; source: string | undefined };
    if (kind === 'note') {
      const parsed = parseFrontMatter(touch.path, Buffer.from(text, 'utf8'));
      const fields = Array.isArray(parsed) ? {} : parsed.data;
      const rendered = await deps.renderer.version(`${touch.commit.version}:${touch.path}`, Array.isArray(parsed) ? text : parsed.body);
      page = {
        title: typeof fields.title === 'string' ? fields.title : subject.title,
        summary: typeof fields.summary === 'string' ? fields.summary : undefined,
        language: typeof fields.language === 'string' && /^[a-z]{2}$/.test(fields.language) ? fields.language : undefined,
        html: rendered.html,
        source: undefined,
      };
    } else {
      page = { title: subject.title, summary: undefined, language: undefined, html: undefined, source: text };
    }
    res.setHeader('X-Robots-Tag', 'noindex');
    res.render('version', {
      title: t('history.versionTitle', { title: page.title, version: touch.commit.version }),
      noindex: true,
      model: {
        subject,
        page,
        meta: versionMeta(touch, language),
        current,
        historyUrl: `${subject.url}/history`,
        changesUrl: `${subject.url}/versions/${touch.commit.version}/changes`,
      },
    });
  };
}

/** GET …/versions/:version/changes — a word diff of that version against the one before, section by section. */
export function showVersionChanges(deps: AppDependencies, kind: Versioned['kind']): RequestHandler {
  return async (req, res) => {
    const found = await readVersion(deps, kind, req, res);
    if (!found) return;
    const { subject, history, touch, text, previous } = found;
    const { language, t } = pageContext(res.locals);
    const before = previous ? ((await history.read(previous.commit.version, previous.path)) ?? '') : '';
    const diff = await deps.renderer.diff(`${previous?.commit.version ?? 'none'}:${touch.commit.version}:${touch.path}`, before, text);
    res.setHeader('X-Robots-Tag', 'noindex');
    res.render('version-changes', {
      title: t('history.changesTitle', { title: subject.title, version: touch.commit.version }),
      noindex: true,
      model: {
        subject,
        meta: versionMeta(touch, language),
        changes: buildChangesModel(diff, t),
        previous: previous ? { ...versionMeta(previous, language), url: `${subject.url}/versions/${previous.commit.version}` } : undefined,
        versionUrl: `${subject.url}/versions/${touch.commit.version}`,
        historyUrl: `${subject.url}/history`,
      },
    });
  };
}
