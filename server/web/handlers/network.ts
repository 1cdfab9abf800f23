import type { Request, RequestHandler, Response } from 'express';
import { credentialProblem, MIN_PASSWORD_LENGTH, type SignedIn } from '../../accounts/credentials.js';
import { csrfTokenFor } from '../../accounts/csrf.js';
import { NotFoundError } from '../../errors.js';
import { notesOfMember } from '../../network/attribution.js';
import {
  emptyProfileForm,
  profileToForm,
  publicView,
  readProfileForm,
  validateProfileForm,
  type FieldProblem,
  type ProfileForm,
} from '../../network/profile.js';
import { readDirectoryQuery, searchDirectory } from '../../network/search-directory.js';
import { accountOf, contributeOf, networkOf, startSession, visitorId } from '../access-rules.js';
import type { AppDependencies } from '../app-dependencies.js';
import { pageContext } from '../page-context.js';
import { limitRefusalOf, refusalMessage } from '../rate-limits.js';
import { buildDirectoryPage, buildMemberNotes, buildProfileForm, buildProfileModel, problemMessage } from '../view-models/network-pages.js';

/*
 * The practitioners' network. Every page here is for signed-in members (routes.ts says which),
 * except a public profile (name, jurisdictions, languages, expertise, notes — never more) and an
 * invitation link. Members' data comes only from the database; nothing here touches the search engine.
 */

function now(deps: AppDependencies): Date {
  return deps.now ? deps.now() : new Date();
}

/** GET /network — the directory, filterable, with a search box. */
export function showDirectory(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const contribute = contributeOf(deps);
    const member = accountOf(res);
    const { language, t } = pageContext(res.locals);
    const query = readDirectoryQuery(req.query as Record<string, unknown>);
    const taxonomy = deps.knowledgeBase.taxonomy;
    const profiles = await networkOf(deps).profiles();
    const model = buildDirectoryPage(profiles, searchDirectory(profiles, query, taxonomy), query, taxonomy, language, t);
    res.render('network', {
      title: t('network.title'),
      model,
      member,
      csrf: csrfTokenFor(contribute.csrfSecret, member.token),
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
  return async (req, res) => {
    const contribute = contributeOf(deps);
    const member = res.locals.account;
    const handle = String(req.params.handle);
    const profile = await networkOf(deps).profile(handle);
    if (!profile || (!member && profile.visibility !== 'public')) throw new NotFoundError('No profile at this address.');
    const { language, t } = pageContext(res.locals);
    const model = buildProfileModel(member ? profile : publicView(profile), Boolean(member), deps.knowledgeBase.taxonomy, language);
    res.render('network-profile', {
      title: model.displayName,
      model,
      member,
      own: member?.username === handle,
      notes: buildMemberNotes(notesOfMember(handle, deps.knowledgeBase.notes), t),
      saved: req.query.saved === '1',
      welcome: req.query.welcome === '1',
      csrf: member ? csrfTokenFor(contribute.csrfSecret, member.token) : '',
    });
  };
}

async function renderProfileForm(res: Response, deps: AppDependencies, member: SignedIn, form: ProfileForm, problems: readonly FieldProblem[]): Promise<void> {
  const { language, t } = pageContext(res.locals);
  const hasProfile = Boolean(await networkOf(deps).profile(member.username));
  res.render('network-profile-form', {
    title: t('network.editProfile'),
    member,
    csrf: csrfTokenFor(contributeOf(deps).csrfSecret, member.token),
    form: buildProfileForm(form, problems, deps.knowledgeBase.taxonomy, language, t),
    hasProfile,
  });
}

/** GET /network/profile — the signed-in member's own profile, to edit. */
export function showProfileForm(deps: AppDependencies): RequestHandler {
  return async (_req, res) => {
    const member = accountOf(res);
    const profile = await networkOf(deps).profile(member.username);
    await renderProfileForm(res, deps, member, profile ? profileToForm(profile) : emptyProfileForm(), []);
  };
}

/** POST /network/profile — saves the member's profile, or shows the form again with its problems. */
export function saveProfile(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const member = accountOf(res);
    const form = readProfileForm((req.body ?? {}) as Record<string, unknown>);
    const { profile, problems } = validateProfileForm(form, { handle: member.username, taxonomy: deps.knowledgeBase.taxonomy, now: now(deps) });
    if (!profile) {
      res.status(422);
      return renderProfileForm(res, deps, member, form, problems);
    }
    await networkOf(deps).saveProfile(profile);
    await contributeOf(deps).audit.record({ actor: `${member.role}:${member.username}`, action: 'profile_saved' });
    res.redirect(303, `/network/${encodeURIComponent(member.username)}?saved=1`);
  };
}

/** POST /network/profile/delete — deletes the member's profile and everything in it. */
export function deleteProfile(deps: AppDependencies): RequestHandler {
  return async (_req, res) => {
    const member = accountOf(res);
    await networkOf(deps).deleteProfile(member.username);
    await contributeOf(deps).audit.record({ actor: `${member.role}:${member.username}`, action: 'profile_deleted' });
    res.redirect(303, '/network?deleted=1');
  };
}

async function renderInvitations(
  res: Response,
  deps: AppDependencies,
  editor: SignedIn,
  created?: { url: string; expiresAt: string },
  labelProblem?: string,
): Promise<void> {
  const { t } = pageContext(res.locals);
  const current = now(deps);
  const invitations = await networkOf(deps).invitations(50);
  res.render('network-invitations', {
    title: t('network.invitations'),
    member: editor,
    csrf: csrfTokenFor(contributeOf(deps).csrfSecret, editor.token),
    created,
    labelProblem,
    invitations: invitations.map((invitation) => ({
      label: invitation.label,
      createdBy: invitation.createdBy,
      createdAt: invitation.createdAt.slice(0, 16).replace('T', ' '),
      expiresAt: invitation.expiresAt.slice(0, 16).replace('T', ' '),
      state: t(
        invitation.usedAt
          ? 'network.invitation.used'
          : invitation.revokedAt
            ? 'network.invitation.revoked'
            : current.getTime() >= Date.parse(invitation.expiresAt)
              ? 'network.invitation.expired'
              : 'network.invitation.open',
      ),
      usedBy: invitation.usedBy,
      revokeUrl:
        !invitation.usedAt && !invitation.revokedAt && current.getTime() < Date.parse(invitation.expiresAt)
          ? `/network/invitations/${encodeURIComponent(invitation.id)}/revoke`
          : undefined,
    })),
  });
}

/** GET /network/invitations — editors only: invite a practitioner, and the invitations so far. */
export function showInvitations(deps: AppDependencies): RequestHandler {
  return async (_req, res) => {
    await renderInvitations(res, deps, accountOf(res));
  };
}

/** POST /network/invitations — creates a one-time link; the page shows it once, and only its hash is kept. */
export function createInvitation(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const member = accountOf(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const label = typeof body.label === 'string' ? body.label.replace(/[\u0000-\u001f\u007f]/g, ' ').trim() : '';
    const { t } = pageContext(res.locals);
    // A link built from the request's Host header would go wherever a forged header says.
    if (!deps.publicUrl) {
      res.status(409);
      return renderInvitations(res, deps, member, undefined, t('network.needsPublicUrl'));
    }
    if (label.length > 120) {
      res.status(422);
      return renderInvitations(res, deps, member, undefined, t('network.problem.tooLong', { max: 120 }));
    }
    const { token, invitation } = await networkOf(deps).invite(member.username, label, now(deps));
    await contributeOf(deps).audit.record({ actor: `editor:${member.username}`, action: 'invited', detail: invitation.id });
    res.status(201);
    await renderInvitations(res, deps, member, {
      url: `${deps.publicUrl}/network/join/${token}`,
      expiresAt: invitation.expiresAt.slice(0, 16).replace('T', ' '),
    });
  };
}

/** POST /network/invitations/:id/revoke — editors only: the link stops working at once (a link sent to the wrong person). */
export function revokeInvitation(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const editor = accountOf(res);
    // The store records the revocation in the audit log, in the same transaction.
    await networkOf(deps).revoke(String(req.params.id).slice(0, 64), editor.username, now(deps));
    res.redirect(303, '/network/invitations');
  };
}

interface JoinForm {
  username: string;
  profile: ProfileForm;
}

type AccountProblem = { field: 'username' | 'password' | 'password_confirm'; message: string };

function renderJoin(
  req: Request,
  res: Response,
  deps: AppDependencies,
  form: JoinForm,
  problems: readonly FieldProblem[],
  accountProblems: AccountProblem[],
): void {
  const { language, t } = pageContext(res.locals);
  const profileForm = buildProfileForm(form.profile, problems, deps.knowledgeBase.taxonomy, language, t);
  const fieldLabel = { username: t('editor.username'), password: t('editor.password'), password_confirm: t('network.passwordConfirm') };
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.render('network-join', {
    title: t('network.join'),
    action: req.originalUrl.split('?')[0],
    csrf: csrfTokenFor(contributeOf(deps).csrfSecret, visitorId(req, res)),
    username: form.username,
    accountProblems,
    minPassword: MIN_PASSWORD_LENGTH,
    form: profileForm,
    refusal: refusalMessage(res),
    summary: [
      ...accountProblems.map((problem) => ({ target: `f-${problem.field}`, message: `${fieldLabel[problem.field]}: ${problem.message}` })),
      ...profileForm.summary,
    ],
  });
}

/** The clear page for a link that cannot be used: expired, already used, or never issued. */
function refuseInvitation(res: Response, state: 'used' | 'expired' | 'revoked' | 'unknown'): void {
  const { t } = pageContext(res.locals);
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.status(state === 'unknown' ? 404 : 410).render('network-invitation-refused', {
    title: t(`network.invitation.${state}Title`),
    message: t(`network.invitation.${state}Message`),
  });
}

/** GET /network/join/:token — the invitee chooses a username and password and fills in a profile. */
export function showJoin(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const state = await networkOf(deps).invitationState(String(req.params.token), now(deps));
    if (state !== 'valid') return refuseInvitation(res, state);
    renderJoin(req, res, deps, { username: '', profile: emptyProfileForm() }, [], []);
  };
}

/** POST /network/join/:token — creates the member's account and profile, uses up the link, and signs them in. */
export function join(deps: AppDependencies): RequestHandler {
  return async (req, res) => {
    const contribute = contributeOf(deps);
    const network = networkOf(deps);
    const { t } = pageContext(res.locals);
    const token = String(req.params.token);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const username = typeof body.username === 'string' ? body.username.trim().toLowerCase().slice(0, 41) : '';
    const form: JoinForm = { username, profile: readProfileForm(body) };
    // Too many refused forms from this address: the form again, answers kept, with the true wait (and nothing said of the link).
    if (limitRefusalOf(res)) {
      res.status(429);
      return renderJoin(req, res, deps, form, [], []);
    }
    const current = now(deps);
    const state = await network.invitationState(token, current);
    if (state !== 'valid') return refuseInvitation(res, state);

    const password = typeof body.password === 'string' ? body.password.slice(0, 1001) : '';
    const confirm = typeof body.password_confirm === 'string' ? body.password_confirm.slice(0, 1001) : '';
    const accountProblems: AccountProblem[] = [];
    const credentials = credentialProblem(username, password);
    if (credentials === 'username') accountProblems.push({ field: 'username', message: problemMessage({ message: 'usernameInvalid' }, t) });
    else if (await contribute.accounts.find(username)) accountProblems.push({ field: 'username', message: problemMessage({ message: 'usernameTaken' }, t) });
    if (credentials === 'password')
      accountProblems.push({ field: 'password', message: problemMessage({ message: 'passwordShort', max: MIN_PASSWORD_LENGTH }, t) });
    else if (password !== confirm) accountProblems.push({ field: 'password_confirm', message: problemMessage({ message: 'passwordMismatch' }, t) });
    const { profile, problems } = validateProfileForm(form.profile, { handle: username, taxonomy: deps.knowledgeBase.taxonomy, now: current });
    if (!profile || accountProblems.length > 0) {
      res.status(422);
      return renderJoin(req, res, deps, form, problems, accountProblems);
    }
    const outcome = await network.join(token, current, { username, password, profile });
    if (outcome === 'refused') {
      res.status(422);
      return renderJoin(req, res, deps, form, problems, [{ field: 'username', message: problemMessage({ message: 'usernameTaken' }, t) }]);
    }
    if (outcome !== 'valid') return refuseInvitation(res, outcome);
    await startSession(req, res, contribute, username);
    res.redirect(303, `/network/${encodeURIComponent(username)}?welcome=1`);
  };
}
