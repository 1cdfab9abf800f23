import type { Request, RequestHandler, Response } from 'express';
import { checkCsrfToken, csrfTokenFor } from '../../contribute/editor-session.js';
import { findAccount, fingerprintOf, roleOf, verifyMember, type MemberRole } from '../../network/member-accounts.js';
import type { AppDependencies, ContributeDependencies } from '../create-app.js';
import { pageContext } from '../page-context.js';
import { limitRefusalOf, refusalMessage } from '../rate-limits.js';
import { contributeDeps, visitorId, VISITOR_COOKIE } from './contribute.js';

/**
 * The session cookie of members and editors. It kept the name it had when editors were the only
 * accounts, so editors signed in before the network existed stay signed in.
 */
export const SESSION_COOKIE = 'casebook_editor';

/** A signed-in member or editor: who, their role now, and the session id (CSRF tokens derive from it). */
export interface SignedIn {
  username: string;
  role: MemberRole;
  token: string;
}

function cookies(res: Response): Record<string, string | undefined> {
  return res.locals.cookies as Record<string, string | undefined>;
}

/**
 * The signed-in account: a live session whose account still exists with the same password. The
 * role is read from the accounts file on each request, so a demoted editor loses the queue at once.
 */
export function signedInAccount(contribute: ContributeDependencies, res: Response): SignedIn | undefined {
  let role: MemberRole = 'member';
  const cookie = cookies(res)[SESSION_COOKIE];
  // A page chosen by a session is its reader's: no shared cache may keep it (a stricter rule stays).
  if (cookie !== undefined && !res.getHeader('Cache-Control')) res.setHeader('Cache-Control', 'private');
  const session = contribute.sessions.read(cookie, (username) => {
    const account = findAccount(contribute.editorAccountsFile, username);
    if (account) role = roleOf(account);
    return fingerprintOf(account);
  });
  return session ? { ...session, role } : undefined;
}

/** The 403 page: a form posted without its token, or a page the account may not open. */
export function forbidden(res: Response): void {
  res.status(403).render('error', { title: pageContext(res.locals).t('error.forbidden'), status: 403 });
}

/**
 * Where to go after signing in: a path on this site only (`/network?region=africa`), never another
 * origin (`//evil.example`, `/\evil.example`, `https://…`), so the parameter cannot be used to
 * send someone elsewhere with our sign-in page as a stepping stone.
 */
export function safeNext(value: unknown): string | undefined {
  const next = Array.isArray(value) ? value[0] : value;
  return typeof next === 'string' && next.length <= 500 && /^\/(?![/\\])[^\s\\]*$/.test(next) ? next : undefined;
}

type LoginPath = '/login' | '/editor/login';

function renderLogin(req: Request, res: Response, contribute: ContributeDependencies, action: LoginPath, options: { failed: boolean; username: string; next: string | undefined }): void {
  const { t } = pageContext(res.locals);
  res.render('login', {
    title: action === '/editor/login' ? t('editor.login') : t('login.title'), action, failed: options.failed, username: options.username,
    refusedMessage: refusalMessage(res, 'limits.signInRefused'),
    next: options.next ?? '', csrf: csrfTokenFor(contribute.sessionSecret, visitorId(req, res)),
  });
}

/** GET /login and /editor/login — the form carries a CSRF token tied to this browser, so no other site can sign anyone in. */
export function showLogin(deps: AppDependencies, action: LoginPath): RequestHandler {
  return (req, res) => {
    const contribute = contributeDeps(deps);
    renderLogin(req, res, contribute, action, { failed: false, username: '', next: safeNext(req.query.next) });
  };
}

/** POST /login and /editor/login — the same answer for an unknown user and a wrong password. */
export function login(deps: AppDependencies, action: LoginPath): RequestHandler {
  return async (req, res) => {
    const contribute = contributeDeps(deps);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const visitor = cookies(res)[VISITOR_COOKIE];
    const username = typeof body.username === 'string' ? body.username.trim().toLowerCase().slice(0, 40) : '';
    const next = safeNext(body.next);
    // Too many failures from this address or for this name: the form again, with the true wait and the name kept.
    if (limitRefusalOf(res)) {
      res.status(429);
      return renderLogin(req, res, contribute, action, { failed: false, username, next });
    }
    if (!checkCsrfToken(contribute.sessionSecret, visitor, body.csrf_token)) return forbidden(res);
    const password = typeof body.password === 'string' ? body.password.slice(0, 1000) : '';
    const account = (await verifyMember(contribute.editorAccountsFile, username, password)) ? findAccount(contribute.editorAccountsFile, username) : undefined;
    const fingerprint = fingerprintOf(account);
    if (!account || !fingerprint) {
      contribute.audit.record({ actor: 'anonymous', action: 'login_failed' });
      res.status(401);
      renderLogin(req, res, contribute, action, { failed: true, username, next });
      return;
    }
    res.cookie(SESSION_COOKIE, contribute.sessions.create(username, fingerprint), {
      httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', maxAge: 8 * 3600_000,
    });
    const role = roleOf(account);
    contribute.audit.record({ actor: `${role}:${username}`, action: 'login' });
    // Editors keep the review queue; members get the network.
    res.redirect(303, next ?? (role === 'editor' ? '/editor' : '/network'));
  };
}

/**
 * POST /logout and /editor/logout — ends the session on the server, so the old cookie no longer
 * works anywhere. A post from another site is refused before anything else, cookies untouched: the
 * session cookie is SameSite and never reaches here from one, but clearing it would still sign the
 * visitor out (logout CSRF).
 */
export function logout(deps: AppDependencies): RequestHandler {
  return (req, res) => {
    const contribute = contributeDeps(deps);
    if (isCrossSite(req, pageContext(res.locals).baseUrl)) return forbidden(res);
    const account = signedInAccount(contribute, res);
    if (account) {
      if (!checkCsrfToken(contribute.sessionSecret, account.token, (req.body as Record<string, unknown> | undefined)?.csrf_token)) return forbidden(res);
      contribute.sessions.destroy(account.token);
      contribute.audit.record({ actor: `${account.role}:${account.username}`, action: 'logout' });
    }
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/');
  };
}

/**
 * True when the browser says the request comes from another site: Sec-Fetch-Site, or an Origin on
 * another host than ours (the scheme is left out: behind a proxy that does not say https, ours
 * would read http).
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
