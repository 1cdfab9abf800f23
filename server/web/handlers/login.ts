import type { Request, RequestHandler, Response } from 'express';
import { csrfTokenFor } from '../../accounts/csrf.js';
import { contributeOf, LEGACY_SESSION_COOKIE, SESSION_COOKIE, startSession, visitorId } from '../access-rules.js';
import type { AppDependencies, ContributeDependencies } from '../app-dependencies.js';
import { pageContext } from '../page-context.js';
import { limitRefusalOf, refusalMessage } from '../rate-limits.js';

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

function renderLogin(
  req: Request,
  res: Response,
  contribute: ContributeDependencies,
  action: LoginPath,
  options: { failed: boolean; username: string; next: string | undefined },
): void {
  const { t } = pageContext(res.locals);
  res.render('login', {
    title: action === '/editor/login' ? t('editor.login') : t('login.title'),
    action,
    failed: options.failed,
    username: options.username,
    refusedMessage: refusalMessage(res, 'limits.signInRefused'),
    next: options.next ?? '',
    csrf: csrfTokenFor(contribute.csrfSecret, visitorId(req, res)),
  });
}

/** GET /login and /editor/login — the form carries a CSRF token tied to this browser, so no other site can sign anyone in. */
export function showLogin(deps: AppDependencies, action: LoginPath): RequestHandler {
  return (req, res) => {
    renderLogin(req, res, contributeOf(deps), action, { failed: false, username: '', next: safeNext(req.query.next) });
  };
}

/** POST /login and /editor/login — the same answer for an unknown user and a wrong password. */
export function login(deps: AppDependencies, action: LoginPath): RequestHandler {
  return async (req, res) => {
    const contribute = contributeOf(deps);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const username = typeof body.username === 'string' ? body.username.trim().toLowerCase().slice(0, 40) : '';
    const next = safeNext(body.next);
    // Too many failures from this address or for this name: the form again, with the true wait and the name kept.
    if (limitRefusalOf(res)) {
      res.status(429);
      return renderLogin(req, res, contribute, action, { failed: false, username, next });
    }
    const password = typeof body.password === 'string' ? body.password.slice(0, 1000) : '';
    const account = await contribute.accounts.verify(username, password);
    if (!account) {
      await contribute.audit.record({ actor: 'anonymous', action: 'login_failed' });
      res.status(401);
      renderLogin(req, res, contribute, action, { failed: true, username, next });
      return;
    }
    await startSession(req, res, contribute, username);
    await contribute.audit.record({ actor: `${account.role}:${username}`, action: 'login' });
    // Editors keep the review queue; members get the network.
    res.redirect(303, next ?? (account.role === 'editor' ? '/editor' : '/network'));
  };
}

/** POST /logout and /editor/logout — ends the session on the server, so the old cookie no longer works anywhere. */
export function logout(deps: AppDependencies): RequestHandler {
  return async (_req, res) => {
    const contribute = contributeOf(deps);
    const account = res.locals.account;
    if (account) {
      await contribute.sessions.destroy(account.token);
      await contribute.audit.record({ actor: `${account.role}:${account.username}`, action: 'logout' });
    }
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.clearCookie(LEGACY_SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/');
  };
}
