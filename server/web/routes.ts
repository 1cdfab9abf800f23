import type { Express } from 'express';
import { showContributeForm, showResubmitForm, showSubmissionStatus, submitContributeForm } from './handlers/contribute.js';
import { submissionsApi } from './handlers/submissions-api.js';
import { decide, showQueue, showReview } from './handlers/editor.js';
import { login, logout, showLogin } from './handlers/login.js';
import {
  createInvitation,
  deleteProfile,
  join,
  revokeInvitation,
  saveProfile,
  showDirectory,
  showInvitations,
  showJoin,
  showProfile,
  showProfileForm,
} from './handlers/network.js';
import type { AppDependencies } from './app-dependencies.js';
import { createAccessRules } from './access-rules.js';
import type { RateLimiters } from './rate-limits.js';
import { readContributeForm } from './request-limits.js';
import { authoritiesApi, authorityApi, showAuthorities, showAuthority } from './handlers/authorities.js';
import { showBrowse, showBrowseIndex } from './handlers/browse.js';
import { showCollection, showCollections } from './handlers/collection.js';
import { facetsApi } from './handlers/facets-api.js';
import { siteFeed } from './handlers/feed.js';
import { showGlossary } from './handlers/glossary.js';
import { healthz, readyz } from './handlers/health.js';
import { showDownloads } from './handlers/downloads.js';
import { showHome } from './handlers/home.js';
import { showJurisdiction, showJurisdictions } from './handlers/jurisdictions.js';
import { showPackSearch, showPrintCollection, showPrintCollectionSummary, showPrintJurisdiction } from './handlers/pack.js';
import { showMap } from './handlers/map.js';
import { noteApi, showNote, showNotesIndex } from './handlers/note.js';
import { recommendationsApi, recommendationsFeed, showRecommendations } from './handlers/recommendations.js';
import { searchApi, searchFeed, showSearch } from './handlers/search.js';
import { historyApi, showHistory, showVersion, showVersionChanges } from './handlers/history.js';
import { showChanges } from './handlers/changes.js';
import { restoreNoteVersion } from './handlers/restore.js';

/**
 * The routing table: every public URL of docs/contract.md §4, in one place, with who may call it
 * and what limits it. A route lists its access rules (access-rules.ts) before its handler:
 * requireMember, requireEditor, verifyCsrf (a signed-in form), verifyVisitorCsrf (a public form),
 * refuseCrossSite, loadSubmission, loadNote; and its limits (rate-limits.ts), which count before the
 * token is checked, so a guess without one counts too.
 * Handlers never check access themselves, and never import each other.
 */
export function addRoutes(app: Express, deps: AppDependencies, limits: RateLimiters): void {
  const {
    readAccount,
    requireMember,
    requireEditor,
    verifyCsrf,
    verifySignOut,
    refuseCrossSite,
    verifyVisitorCsrf,
    requireContribute,
    requireNetwork,
    loadSubmission,
    loadNote,
  } = createAccessRules(deps);
  // Who is signed in, for every page (a member sees names a visitor does not): free without a
  // session cookie, one cached query with one.
  app.use(readAccount);
  if (deps.pack) {
    // Export mode (npm run export): search runs in the browser, and printable packs exist only in packs.
    app.get('/search', showPackSearch(deps));
    app.get('/print/collections/:slug', showPrintCollection(deps));
    app.get('/print/jurisdictions/:code', showPrintJurisdiction(deps));
  }
  app.get('/', showHome(deps));
  app.get('/search', showSearch(deps));
  app.get('/notes', showNotesIndex(deps));
  app.get('/notes/:slug', loadNote('/notes'), showNote(deps));
  // A note's and an authority's history: read from the index built at start (server/knowledge/).
  app.get('/notes/:slug/history', showHistory(deps, 'note'));
  app.get('/notes/:slug/versions/:version', showVersion(deps, 'note'));
  app.get('/notes/:slug/versions/:version/changes', showVersionChanges(deps, 'note'));
  app.get('/api/notes/:slug/history', historyApi(deps));
  app.get('/changes', showChanges(deps, 'page'));
  app.get('/changes.xml', showChanges(deps, 'feed'));
  app.get('/browse', showBrowseIndex(deps));
  app.get('/browse/:facet/:id', showBrowse(deps));
  app.get('/collections', showCollections(deps));
  app.get('/collections/:slug', showCollection(deps));
  // A reading list as one handout: the same page a pack prints (registered above in a pack).
  if (!deps.pack) app.get('/print/collections/:slug', showPrintCollection(deps));
  app.get('/print/collections/:slug/summary', showPrintCollectionSummary(deps));
  app.get('/glossary', showGlossary(deps));
  app.get('/map', showMap(deps));
  app.get('/feed.xml', siteFeed(deps));
  app.get('/search.xml', searchFeed(deps));
  app.get('/api/search', searchApi(deps));
  app.get('/api/notes/:slug', loadNote('/api/notes'), noteApi(deps));
  app.get('/api/facets', facetsApi(deps));
  app.get('/authorities', showAuthorities(deps));
  app.get('/authorities/:id', showAuthority(deps));
  app.get('/authorities/:id/history', showHistory(deps, 'authority'));
  app.get('/authorities/:id/versions/:version', showVersion(deps, 'authority'));
  app.get('/authorities/:id/versions/:version/changes', showVersionChanges(deps, 'authority'));
  app.get('/api/authorities', authoritiesApi(deps));
  app.get('/api/authorities/:id', authorityApi(deps));
  app.get('/recommendations', showRecommendations(deps));
  app.get('/recommendations.xml', recommendationsFeed(deps));
  app.get('/api/recommendations', recommendationsApi(deps));
  app.get('/jurisdictions', showJurisdictions(deps));
  app.get('/jurisdictions/:code', showJurisdiction(deps));
  // Anyone may contribute; the status page's address is the contributor's key.
  app.get('/contribute', requireContribute, showContributeForm(deps));
  // The form may carry an uploaded .md file: multipart, read within the form's limits (request-limits.ts);
  // its limits count after the body is read, so only a Send counts as a note sent (rate-limits.ts).
  app.post('/contribute', requireContribute, limits.formSteps, readContributeForm(), limits.submissions, verifyVisitorCsrf, submitContributeForm(deps));
  app.get('/contribute/:id', requireContribute, loadSubmission, showSubmissionStatus(deps));
  app.get('/contribute/:id/edit', requireContribute, loadSubmission, showResubmitForm(deps));
  app.post('/api/submissions', requireContribute, limits.formSteps, limits.submissions, submissionsApi(deps));
  // Signing in and out, for members and editors alike; a refused sign-in shows the form again with the wait.
  app.get('/login', requireContribute, showLogin(deps, '/login'));
  app.post('/login', requireContribute, ...limits.failedSignIns, verifyVisitorCsrf, login(deps, '/login'));
  app.post('/logout', requireContribute, refuseCrossSite, verifySignOut, logout(deps));
  app.get('/editor/login', requireContribute, showLogin(deps, '/editor/login'));
  app.post('/editor/login', requireContribute, ...limits.failedSignIns, verifyVisitorCsrf, login(deps, '/editor/login'));
  app.post('/editor/logout', requireContribute, refuseCrossSite, verifySignOut, logout(deps));
  // The review queue: editors only.
  app.get('/editor', requireEditor, showQueue(deps));
  app.get('/editor/submissions/:id', requireEditor, loadSubmission, showReview(deps));
  app.post('/editor/submissions/:id', requireEditor, verifyCsrf, loadSubmission, decide(deps));
  // Restoring an earlier version of a note makes it a new one: editors only.
  app.post('/editor/notes/:slug/restore', requireEditor, verifyCsrf, restoreNoteVersion(deps));
  // The network: its own pages first, so that no member's handle can shadow them.
  app.get('/network', requireNetwork, requireMember, showDirectory(deps));
  app.get('/network/profile', requireNetwork, requireMember, showProfileForm(deps));
  app.post('/network/profile', requireNetwork, requireMember, verifyCsrf, saveProfile(deps));
  app.post('/network/profile/delete', requireNetwork, requireMember, verifyCsrf, deleteProfile(deps));
  app.get('/network/invitations', requireNetwork, requireEditor, showInvitations(deps));
  app.post('/network/invitations', requireNetwork, requireEditor, verifyCsrf, createInvitation(deps));
  app.post('/network/invitations/:id/revoke', requireNetwork, requireEditor, verifyCsrf, revokeInvitation(deps));
  // An invitation link is its own key; anyone holding it may join (refused forms count against the address).
  app.get('/network/join/:token', requireNetwork, showJoin(deps));
  app.post('/network/join/:token', requireNetwork, limits.failedJoins, verifyVisitorCsrf, join(deps));
  // A public profile for anyone; all of it for members (the handler chooses the view).
  app.get('/network/:handle', requireNetwork, showProfile(deps));
  app.get('/downloads', showDownloads(deps));
  app.get('/healthz', healthz());
  app.get('/readyz', readyz(deps));
}
