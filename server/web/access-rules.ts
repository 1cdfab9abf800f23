import { randomBytes } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { checkCsrfToken } from '../accounts/csrf.js';
import type { SignedIn } from '../accounts/credentials.js';
import { SESSION_HOURS } from '../accounts/session-store.js';
import type { PublishedNote } from '../content/knowledge-base.js';
import type { Submission } from '../contribute/submission.js';
import { NotFoundError, StorageError } from '../errors.js';
import { isDatabaseUnavailable } from '../storage/in-transaction.js';
import type { NetworkStore } from '../network/network-store.js';
import type { AppDependencies, ContributeDependencies } from './app-dependencies.js';
import { pageContext } from './page-context.js';
import { limitRefusalOf } from './rate-limits.js';
import { redirectMoved } from './redirect-moved.js';

/*
 * Who may call a route, as middleware the routing table names (routes.ts): the table is also the
 * access table. Each rule either passes the request on, with what it established in res.locals
 * (the account, the submission, the note), or answers: a redirect to sign in, 403, or 404.
 */

declare global {
  // Express's own place for what middleware hands to handlers: typed here, set only by these rules.
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express declares Locals in its global namespace; augmenting it needs one.
  namespace Express {
    interface Locals {
      /** The signed-in member or editor, when there is one (set for every request by readAccount). */
      account?: SignedIn | undefined;
      /** The session could not be read: the database did not answer (the page is served as to a visitor where it can be). */
      accountUnknown?: boolean;
      /** The submission a route's :id names (loadSubmission). */
      submission?: Submission;
      /** The published note a route's :slug names (loadNote). */
      note?: PublishedNote;
    }
  }
}

/** The session cookie of members and editors. */
export const SESSION_COOKIE = 'casebook_session';
/** The name the session cookie had when editors were the only accounts: still read, so no one is signed out by the rename. */
export const LEGACY_SESSION_COOKIE = 'casebook_editor';
/** The cookie that ties the public forms' CSRF tokens to one browser. */
export const VISITOR_COOKIE = 'casebook_visitor';

/** The route middleware of the access table. */
export interface AccessRules {
  /** Reads the session cookie (one cached query; none without a cookie) into res.locals.account. */
  readAccount: RequestHandler;
  /** Signed-in members and editors; anyone else is sent to sign in and brought back. */
  requireMember: RequestHandler;
  /** Editors; a member is refused (403), anyone else sent to sign in. */
  requireEditor: RequestHandler;
  /** A form posted by a signed-in account carries the CSRF token of its session. */
  verifyCsrf: RequestHandler;
  /** Signing out: a signed-in account's form carries its session's token; with no session there is nothing to end, and the request passes. */
  verifySignOut: RequestHandler;
  /** A post the browser says comes from another site is refused (403) before anything else, cookies untouched (logout CSRF). */
  refuseCrossSite: RequestHandler;
  /** A public form (contribute, sign in, join) carries the CSRF token of this browser's visitor cookie (unless a limit refused it: see below). */
  verifyVisitorCsrf: RequestHandler;
  /** The contribution workflow is enabled here (404 otherwise). */
  requireContribute: RequestHandler;
  /** The network is enabled here (404 otherwise). */
  requireNetwork: RequestHandler;
  /** The submission named by :id, into res.locals.submission (404 otherwise). */
  loadSubmission: RequestHandler;
  /** The published note named by :slug, into res.locals.note; a former slug answers 301 (under `prefix`), anything else 404. */
  loadNote: (prefix: '/notes' | '/api/notes') => RequestHandler;
}

/** Builds the access rules over the app's dependencies. */
export function createAccessRules(deps: AppDependencies): AccessRules {
  const contribute = () => {
    if (!deps.contribute) throw new NotFoundError('Contributions are not enabled on this server.');
    return deps.contribute;
  };
  return {
    readAccount: async (req, res, next) => {
      if (deps.contribute) {
        const cookies = res.locals.cookies as Record<string, string | undefined>;
        // A page chosen by a session is its reader's: no shared cache may keep it (a stricter rule stays).
        if ((cookies[SESSION_COOKIE] ?? cookies[LEGACY_SESSION_COOKIE]) !== undefined && !res.getHeader('Cache-Control'))
          res.setHeader('Cache-Control', 'private');
        try {
          res.locals.account = await deps.contribute.sessions.read(cookies[SESSION_COOKIE] ?? cookies[LEGACY_SESSION_COOKIE]);
        } catch (error) {
          // A guidance or search page does not need the database: a member reads it as a visitor would.
          if (!isDatabaseUnavailable(error) && !(error instanceof StorageError)) throw error;
          req.log?.warn({ err: error }, 'the session could not be read: the database does not answer');
          res.locals.accountUnknown = true;
        }
      }
      next();
    },
    requireMember: (req, res, next) => {
      contribute();
      if (res.locals.account) return next();
      if (res.locals.accountUnknown) throw new StorageError('the session could not be read');
      signIn(req, res);
    },
    requireEditor: (req, res, next) => {
      contribute();
      if (res.locals.accountUnknown) throw new StorageError('the session could not be read');
      if (res.locals.account?.role === 'editor') return next();
      if (res.locals.account) return forbidden(res);
      signIn(req, res);
    },
    verifyCsrf: (req, res, next) => {
      const token = res.locals.account?.token;
      if (checkCsrfToken(contribute().csrfSecret, token, bodyOf(req).csrf_token)) return next();
      forbidden(res);
    },
    verifySignOut: (req, res, next) => {
      const token = res.locals.account?.token;
      if (!token || checkCsrfToken(contribute().csrfSecret, token, bodyOf(req).csrf_token)) return next();
      forbidden(res);
    },
    refuseCrossSite: (req, res, next) => {
      if (isCrossSite(req, pageContext(res.locals).baseUrl)) return forbidden(res);
      next();
    },
    verifyVisitorCsrf: (req, res, next) => {
      // A post a limit refused goes on to its handler, which only shows the form again with the wait
      // (429) and acts on nothing: the wait is said even to a post without its token.
      if (limitRefusalOf(res)) return next();
      const visitor = (res.locals.cookies as Record<string, string | undefined>)[VISITOR_COOKIE];
      if (checkCsrfToken(contribute().csrfSecret, visitor, bodyOf(req).csrf_token)) return next();
      forbidden(res);
    },
    requireContribute: (_req, _res, next) => {
      contribute();
      next();
    },
    requireNetwork: (_req, _res, next) => {
      if (!contribute().network) throw new NotFoundError('The network is not enabled on this server.');
      next();
    },
    loadSubmission: async (req, res, next) => {
      const submission = await contribute().submissions.get(String(req.params.id));
      if (!submission) throw new NotFoundError('No submission has this address.');
      res.locals.submission = submission;
      next();
    },
    loadNote: (prefix) => (req, res, next) => {
      const slug = String(req.params.slug);
      const note = deps.knowledgeBase.bySlug.get(slug);
      if (note) {
        res.locals.note = note;
        return next();
      }
      const target = deps.knowledgeBase.aliases.get(slug);
      // A page keeps its query (filters, language) on the way; the API's address has none to keep.
      if (target) return prefix === '/notes' ? redirectMoved(req, res, `${prefix}/${target}`) : res.redirect(301, `${prefix}/${target}`);
      throw new NotFoundError(`No published note has the slug "${slug}".`);
    },
  };
}

/** The contribution workflow's dependencies, for a handler behind requireContribute. */
export function contributeOf(deps: AppDependencies): ContributeDependencies {
  if (!deps.contribute) throw new NotFoundError('Contributions are not enabled on this server.');
  return deps.contribute;
}

/** The network's store, for a handler behind requireNetwork. */
export function networkOf(deps: AppDependencies): NetworkStore {
  const network = contributeOf(deps).network;
  if (!network) throw new NotFoundError('The network is not enabled on this server.');
  return network;
}

/** The signed-in account, for a handler behind requireMember or requireEditor. */
export function accountOf(res: Response): SignedIn {
  if (!res.locals.account) throw new Error('accountOf outside requireMember/requireEditor');
  return res.locals.account;
}

/** The submission loadSubmission found. */
export function submissionOf(res: Response): Submission {
  if (!res.locals.submission) throw new Error('submissionOf outside loadSubmission');
  return res.locals.submission;
}

/** The note loadNote found. */
export function noteOf(res: Response): PublishedNote {
  if (!res.locals.note) throw new Error('noteOf outside loadNote');
  return res.locals.note;
}

/** The visitor id for CSRF on the public forms and sign-in: read from its cookie, or set a new one. */
export function visitorId(req: Request, res: Response): string {
  const existing = (res.locals.cookies as Record<string, string | undefined>)[VISITOR_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{22}$/.test(existing)) return existing;
  const id = randomBytes(16).toString('base64url');
  res.cookie(VISITOR_COOKIE, id, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
  return id;
}

/** Starts a session for an account and sets its cookie (sign-in, or joining the network). */
export async function startSession(req: Request, res: Response, contribute: ContributeDependencies, username: string): Promise<void> {
  const token = await contribute.sessions.create(username);
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', maxAge: SESSION_HOURS * 3600_000 });
  if (res.locals.cookies?.[LEGACY_SESSION_COOKIE]) res.clearCookie(LEGACY_SESSION_COOKIE, { path: '/' });
}

/** The 403 page: a form posted without its token, or a page the account may not open. */
export function forbidden(res: Response): void {
  res.status(403).render('error', { title: pageContext(res.locals).t('error.forbidden'), status: 403 });
}

/**
 * Sends an anonymous visitor to sign in. The editors' pages have their own sign-in address (which
 * leads back to the queue); everywhere else, the one sign-in page, with the address wanted so they
 * come back to it: one page at one address, which a password manager recognises.
 */
function signIn(req: Request, res: Response): void {
  if (req.originalUrl.startsWith('/editor')) return res.redirect(303, '/editor/login');
  res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
}

/**
 * True when the browser says the request comes from another site: Sec-Fetch-Site, or an Origin on
 * another host than ours (the scheme is left out: behind a proxy that does not say https, ours
 * would read http). The session cookie is SameSite and never comes with such a request, but
 * clearing it would still sign the visitor out.
 */
function isCrossSite(req: Request, baseUrl: string): boolean {
  const site = req.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = req.get('origin');
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== new URL(baseUrl).host;
  } catch {
    return true;
  }
}

function bodyOf(req: Request): Record<string, unknown> {
  return (req.body ?? {}) as Record<string, unknown>;
}
