import type { Request, RequestHandler, Response } from 'express';
import { checkCsrfToken, csrfTokenFor } from '../../contribute/editor-session.js';
import { NotFoundError } from '../../errors.js';
import { notesOfMember } from '../../network/attribution.js';
import { createMember, credentialProblem, findAccount, fingerprintOf, MIN_PASSWORD_LENGTH } from '../../network/member-accounts.js';
import type { NetworkStore } from '../../network/network-store.js';
import { emptyProfileForm, profileToForm, publicView, readProfileForm, validateProfileForm, type FieldProblem, type ProfileForm } from '../../network/profile.js';
import { readDirectoryQuery, searchDirectory } from '../../network/search-directory.js';
import type { AppDependencies, ContributeDependencies } from '../create-app.js';
import { pageContext } from '../page-context.js';
import { limitRefusalOf, refusalMessage } from '../rate-limits.js';
import { buildDirectoryPage, buildMemberNotes, buildProfileForm, buildProfileModel, problemMessage } from '../view-models/network-pages.js';
import { contributeDeps, visitorId, VISITOR_COOKIE } from './contribute.js';
import { forbidden, SESSION_COOKIE, signedInAccount, type SignedIn } from './login.js';

/*
 * The practitioners' network. Every page here is for signed-in members, except a public profile
 * (name, jurisdictions, languages, expertise, notes — never more) and an invitation link. Members'
 * data comes only from DATA_DIR/network; nothing here touches the search engine.
 */

interface Network {
  contribute: ContributeDependencies;
  store: NetworkStore;
}

function networkOf(deps: AppDependencies): Network {
  const contribute = contributeDeps(deps);
  if (!contribute.network) throw new NotFoundError('The network is not enabled on this server.');
  return { contribute, store: contribute.network };
}

function now(deps: AppDependencies): Date {
  return deps.now ? deps.now() : new Date();
}

/**
 * Anonymous visitors are sent to the sign-in page, with the address they wanted so they come back
 * to it: one sign-in page at one address, which a password manager recognises, and a members'
 * address that never answers 200 with content search engines could mistake for it.
 */
function toSignIn(req: Request, res: Response): void {
  res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
}

/** GET /network — the directory, filterable, with a search box. */
export function showDirectory(deps: AppDependencies): RequestHandler {
  return (req, res) => {
    const { contribute, store } = networkOf(deps);
    const member = signedInAccount(contribute, res);
    if (!member) return toSignIn(req, res);
    const { language, t } = pageContext(res.locals);
    const query = readDirectoryQuery(req.query as Record<string, unknown>);
    const taxonomy = deps.knowledgeBase.taxonomy;
    const profiles = store.profiles();
    const model = buildDirectoryPage(profiles, searchDirectory(profiles, query, taxonomy), query, taxonomy, language, t);
    res.render('network', {
      title: t('network.title'), model, member, csrf: csrfTokenFor(contribute.sessionSecret, member.token),
      hasProfile: profiles.some((profile) => profile.handle === member.username),
      deleted: req.query.deleted === '1',
    });
  };
}

/**
 * GET /network/:handle — a profile. Members see all of it; anyone else sees a public profile's
 * public view, and a members-only profile does not exist for them (404, as for no profile at all).
 */
export function showProfile(deps: AppDependencies): RequestHandler {
  return (req, res) => {
    const { contribute, store } = networkOf(deps);
    const member = signedInAccount(contribute, res);
    const handle = String(req.params.handle);
    const profile = store.profile(handle);
    if (!profile || (!member && profile.visibility !== 'public')) throw new NotFoundError('No profile at this address.');
    const { language, t } = pageContext(res.locals);
    const model = buildProfileModel(member ? profile : publicView(profile), Boolean(member), deps.knowledgeBase.taxonomy, language);
    res.render('network-profile', {
      title: model.displayName, model, member, own: member?.username === handle,
      notes: buildMemberNotes(notesOfMember(handle, deps.knowledgeBase.notes), t),
      saved: req.query.saved === '1', welcome: req.query.welcome === '1',
      csrf: member ? csrfTokenFor(contribute.sessionSecret, member.token) : '',
    });
  };
}

function renderProfileForm(res: Response, deps: AppDependencies, network: Network, member: SignedIn, form: ProfileForm, problems: readonly FieldProblem[]): void {
  const { language, t } = pageContext(res.locals);
  res.render('network-profile-form', {
    title: t('network.editProfile'), member, csrf: csrfTokenFor(network.contribute.sessionSecret, member.token),
    form: buildProfileForm(form, problems, deps.knowledgeBase.taxonomy, language, t),
    hasProfile: Boolean(network.store.profile(member.username)),
  });
}

/** GET /network/profile — the signed-in member's own profile, to edit. */
export function showProfileForm(deps: AppDependencies): RequestHandler {
  return (req, res) => {
    const network = networkOf(deps);
    const member = signedInAccount(network.contribute, res);
    if (!member) return toSignIn(req, res);
    const profile = network.store.profile(member.username);
    renderProfileForm(res, deps, network, member, profile ? profileToForm(profile, pageContext(res.locals).language) : emptyProfileForm(), []);
  };
}

/** POST /network/profile — saves the member's profile, or shows the form again with its problems. */
export function saveProfile(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const network = networkOf(deps);
    const member = signedInAccount(network.contribute, res);
    if (!member) return toSignIn(req, res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (!checkCsrfToken(network.contribute.sessionSecret, member.token, body.csrf_token)) return forbidden(res);
    const form = readProfileForm(body);
    const { profile, problems } = validateProfileForm(form, { handle: member.username, taxonomy: deps.knowledgeBase.taxonomy, now: now(deps) });
    if (!profile) {
      res.status(422);
      return renderProfileForm(res, deps, network, member, form, problems);
    }
    await network.store.saveProfile(profile);
    network.contribute.audit.record({ actor: `${member.role}:${member.username}`, action: 'profile_saved' });
    res.redirect(303, `/network/${encodeURIComponent(member.username)}?saved=1`);
  };
}

/** POST /network/profile/delete — deletes the member's profile and everything in it. */
export function deleteProfile(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const network = networkOf(deps);
    const member = signedInAccount(network.contribute, res);
    if (!member) return toSignIn(req, res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (!checkCsrfToken(network.contribute.sessionSecret, member.token, body.csrf_token)) return forbidden(res);
    await network.store.deleteProfile(member.username);
    network.contribute.audit.record({ actor: `${member.role}:${member.username}`, action: 'profile_deleted' });
    res.redirect(303, '/network?deleted=1');
  };
}

function renderInvitations(res: Response, deps: AppDependencies, network: Network, editor: SignedIn, created?: { url: string; expiresAt: string }, labelProblem?: string): void {
  const { t } = pageContext(res.locals);
  const current = now(deps);
  res.render('network-invitations', {
    title: t('network.invitations'), member: editor, csrf: csrfTokenFor(network.contribute.sessionSecret, editor.token), created, labelProblem,
    invitations: network.store.invitations().slice(0, 50).map((invitation) => ({
      label: invitation.label, createdBy: invitation.createdBy, createdAt: invitation.createdAt.slice(0, 16).replace('T', ' '),
      expiresAt: invitation.expiresAt.slice(0, 16).replace('T', ' '),
      state: t(invitation.usedAt ? 'network.invitation.used' : invitation.revokedAt ? 'network.invitation.revoked'
        : current.getTime() >= Date.parse(invitation.expiresAt) ? 'network.invitation.expired' : 'network.invitation.open'),
      usedBy: invitation.usedBy,
      revokeUrl: !invitation.usedAt && !invitation.revokedAt && current.getTime() < Date.parse(invitation.expiresAt) ? `/network/invitations/${encodeURIComponent(invitation.id)}/revoke` : undefined,
    })),
  });
}

/** GET /network/invitations — editors only: invite a practitioner, and the invitations so far. */
export function showInvitations(deps: AppDependencies): RequestHandler {
  return (req, res) => {
    const network = networkOf(deps);
    const member = signedInAccount(network.contribute, res);
    if (!member) return toSignIn(req, res);
    if (member.role !== 'editor') return forbidden(res);
    renderInvitations(res, deps, network, member);
  };
}

/** POST /network/invitations — creates a one-time link; the page shows it once, and only its hash is kept. */
export function createInvitation(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const network = networkOf(deps);
    const member = signedInAccount(network.contribute, res);
    if (!member) return toSignIn(req, res);
    if (member.role !== 'editor') return forbidden(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (!checkCsrfToken(network.contribute.sessionSecret, member.token, body.csrf_token)) return forbidden(res);
    const label = typeof body.label === 'string' ? body.label.replace(/[\u0000-\u001f\u007f]/g, ' ').trim() : '';
    const { t } = pageContext(res.locals);
    // A link built from the request's Host header would go wherever a forged header says.
    if (!deps.publicUrl) {
      res.status(409);
      return renderInvitations(res, deps, network, member, undefined, t('network.needsPublicUrl'));
    }
    if (label.length > 120) {
      res.status(422);
      return renderInvitations(res, deps, network, member, undefined, t('network.problem.tooLong', { max: 120 }));
    }
    const { token, invitation } = await network.store.invite(member.username, label, now(deps));
    network.contribute.audit.record({ actor: `editor:${member.username}`, action: 'invited', detail: invitation.id });
    res.status(201);
    renderInvitations(res, deps, network, member, { url: `${deps.publicUrl}/network/join/${token}`, expiresAt: invitation.expiresAt.slice(0, 16).replace('T', ' ') });
  };
}

/** POST /network/invitations/:id/revoke — editors only: the link stops working at once (a link sent to the wrong person). */
export function revokeInvitation(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const network = networkOf(deps);
    const member = signedInAccount(network.contribute, res);
    if (!member) return toSignIn(req, res);
    if (member.role !== 'editor') return forbidden(res);
    if (!checkCsrfToken(network.contribute.sessionSecret, member.token, (req.body as Record<string, unknown> | undefined)?.csrf_token)) return forbidden(res);
    const id = String(req.params.id).slice(0, 64);
    if (await network.store.revoke(id, member.username, now(deps))) network.contribute.audit.record({ actor: `editor:${member.username}`, action: 'invitation_revoked', detail: id });
    res.redirect(303, '/network/invitations');
  };
}

interface JoinForm {
  username: string;
  profile: ProfileForm;
}

function renderJoin(req: Request, res: Response, deps: AppDependencies, network: Network, form: JoinForm, problems: readonly FieldProblem[], accountProblems: Array<{ field: 'username' | 'password' | 'password_confirm'; message: string }>): void {
  const { language, t } = pageContext(res.locals);
  const profileForm = buildProfileForm(form.profile, problems, deps.knowledgeBase.taxonomy, language, t);
  const fieldLabel = { username: t('editor.username'), password: t('editor.password'), password_confirm: t('network.passwordConfirm') };
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.render('network-join', {
    title: t('network.join'), action: req.originalUrl.split('?')[0], csrf: csrfTokenFor(network.contribute.sessionSecret, visitorId(req, res)),
    username: form.username, accountProblems, minPassword: MIN_PASSWORD_LENGTH,
    form: profileForm, refusal: refusalMessage(res),
    summary: [...accountProblems.map((problem) => ({ target: `f-${problem.field}`, message: `${fieldLabel[problem.field]}: ${problem.message}` })), ...profileForm.summary],
  });
}

/** The clear page for a link that cannot be used: expired, already used, or never issued. */
function refuseInvitation(res: Response, state: 'used' | 'expired' | 'revoked' | 'unknown'): void {
  const { t } = pageContext(res.locals);
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.status(state === 'unknown' ? 404 : 410).render('network-invitation-refused', {
    title: t(`network.invitation.${state}Title`), message: t(`network.invitation.${state}Message`),
  });
}

/** GET /network/join/:token — the invitee chooses a username and password and fills in a profile. */
export function showJoin(deps: AppDependencies): RequestHandler {
  return (req, res) => {
    const network = networkOf(deps);
    const state = network.store.invitationState(String(req.params.token), now(deps));
    if (state !== 'valid') return refuseInvitation(res, state);
    renderJoin(req, res, deps, network, { username: '', profile: emptyProfileForm() }, [], []);
  };
}

/** POST /network/join/:token — creates the member's account and profile, uses up the link, and signs them in. */
export function join(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const network = networkOf(deps);
    const { t } = pageContext(res.locals);
    const token = String(req.params.token);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const visitor = (res.locals.cookies as Record<string, string | undefined>)[VISITOR_COOKIE];
    const username = typeof body.username === 'string' ? body.username.trim().toLowerCase().slice(0, 41) : '';
    const form: JoinForm = { username, profile: readProfileForm(body) };
    // Too many refused forms from this address: the form again, answers kept, with the true wait (and nothing said of the link).
    if (limitRefusalOf(res)) {
      res.status(429);
      return renderJoin(req, res, deps, network, form, [], []);
    }
    if (!checkCsrfToken(network.contribute.sessionSecret, visitor, body.csrf_token)) return forbidden(res);
    const state = network.store.invitationState(token, now(deps));
    if (state !== 'valid') return refuseInvitation(res, state);

    const password = typeof body.password === 'string' ? body.password.slice(0, 1001) : '';
    const confirm = typeof body.password_confirm === 'string' ? body.password_confirm.slice(0, 1001) : '';
    const accountProblems: Array<{ field: 'username' | 'password' | 'password_confirm'; message: string }> = [];
    const credentials = credentialProblem(username, password);
    if (credentials === 'username') accountProblems.push({ field: 'username', message: problemMessage({ message: 'usernameInvalid' }, t) });
    else if (findAccount(network.contribute.editorAccountsFile, username)) accountProblems.push({ field: 'username', message: problemMessage({ message: 'usernameTaken' }, t) });
    if (credentials === 'password') accountProblems.push({ field: 'password', message: problemMessage({ message: 'passwordShort', max: MIN_PASSWORD_LENGTH }, t) });
    else if (password !== confirm) accountProblems.push({ field: 'password_confirm', message: problemMessage({ message: 'passwordMismatch' }, t) });
    const current = now(deps);
    const { profile, problems } = validateProfileForm(form.profile, { handle: username, taxonomy: deps.knowledgeBase.taxonomy, now: current });
    if (!profile || accountProblems.length > 0) {
      res.status(422);
      return renderJoin(req, res, deps, network, form, problems, accountProblems);
    }
    const outcome = await network.store.accept(token, current, async (invitation) => {
      if (!(await createMember(network.contribute.editorAccountsFile, username, password, 'member'))) return { ok: false };
      await network.store.saveProfile(profile);
      network.contribute.audit.record({ actor: `member:${username}`, action: 'joined', detail: invitation.id });
      return { ok: true, handle: username };
    });
    if (outcome === 'refused') {
      res.status(422);
      return renderJoin(req, res, deps, network, form, problems, [{ field: 'username', message: problemMessage({ message: 'usernameTaken' }, t) }]);
    }
    if (outcome !== 'valid') return refuseInvitation(res, outcome);
    const fingerprint = fingerprintOf(findAccount(network.contribute.editorAccountsFile, username));
    if (fingerprint) {
      res.cookie(SESSION_COOKIE, network.contribute.sessions.create(username, fingerprint), {
        httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', maxAge: 8 * 3600_000,
      });
    }
    res.redirect(303, `/network/${encodeURIComponent(username)}?welcome=1`);
  };
}
