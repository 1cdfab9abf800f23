import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCookie } from 'cookie';
import express, { type Express, type RequestHandler } from 'express';
import compression from 'compression';
import helmet from 'helmet';
import type { AuditLog } from '../contribute/audit-log.js';
import type { SessionStore } from '../contribute/editor-session.js';
import type { NetworkStore } from '../network/network-store.js';
import type { SubmissionStore } from '../contribute/submission-store.js';
import type { SearchText } from '../content/render-note.js';
import type { IndexedNote, KnowledgeBase, PublishedNote } from '../content/knowledge-base.js';
import { staticKnowledge, type KnowledgeSource } from '../knowledge/knowledge-source.js';
import { NotFoundError } from '../errors.js';
import type { NoteIndex } from '../search/note-index.js';
import { createLogger, type Logger } from '../create-logger.js';
import { chooseLanguage, createTranslator, formatDate, INTERFACE_LANGUAGES, type InterfaceLanguage } from './i18n.js';
import type { PageContext } from './page-context.js';
import { createNoteRenderer, type NoteRenderer } from './note-renderer.js';
import { addRoutes } from './routes.js';
import { accessLog } from './access-log.js';
import { handleErrors } from './handle-errors.js';
import { createRateLimiters, DEFAULT_LIMITS } from './rate-limits.js';
import { createStaticAssets } from './static-assets.js';
import { addBodyParsers, refuseLongAddresses } from './request-limits.js';
import { labelLanguage } from './view-models/facet-labels.js';
import { escapeHtml } from '../search/safe-highlight.js';

/** What the web app needs; main.ts builds these, tests pass fakes behind NoteIndex. */
export interface AppDependencies {
  noteIndex: NoteIndex;
  /** The knowledge base served now, from `knowledge`: handlers read it and never replace it. */
  readonly knowledgeBase: KnowledgeBase;
  /** Where the knowledge base and its history come from: its git branch (main.ts), or memory (view tests, the export). */
  knowledge: KnowledgeSource;
  /** Today's date, YYYY-MM-DD (UTC); injectable so tests do not depend on the calendar. */
  today: () => string;
  /** PUBLIC_URL: the origin used in permalinks, citations and feeds; else the request's own. */
  publicUrl?: string | undefined;
  /** TRUST_PROXY: which proxies may tell the client's address and protocol. */
  trustProxy?: boolean | number | string;
  /** Structured logs; one access-log line per request, with its request id. Silent when absent. */
  logger?: Logger;
  /** Requests per minute and client address on the search routes and the API. */
  searchRateLimit?: number;
  /** Renders note and submission bodies off the event loop, within budgets, with caches; built by createApp unless given. */
  renderer: NoteRenderer;
  /** The contribution workflow; /contribute and /editor answer 404 without it. */
  contribute?: ContributeDependencies | undefined;
  /** Export mode: pages are rendered for an offline pack (npm run export), not served to a visitor. */
  pack?: PackMode | undefined;
  /** Where /downloads finds the packs (DOWNLOADS_DIR); the page lists none without it. */
  downloadsDir?: string | undefined;
  /** The current time; injectable so tests can age an invitation without waiting a week. */
  now?: () => Date;
}

/** How pages render for an offline pack: one interface language, the export date on every page, search in the browser. */
export interface PackMode {
  /** The export date, YYYY-MM-DD. */
  exportedOn: string;
  /** The pack's one interface language (a pack has no language switcher). */
  language: InterfaceLanguage;
  /** The live site's origin (PUBLIC_URL), for permalinks and the banner's link; none when unknown. */
  liveUrl?: string | undefined;
  /** The version of the knowledge the pack holds (its commit's id and date), when the knowledge is in git. */
  version?: { version: string; date: string } | undefined;
}

/** What contributions and editing need: storage under DATA_DIR, the knowledge directory, and the index. */
export interface ContributeDependencies {
  store: SubmissionStore;
  audit: AuditLog;
  /** Editor sessions, kept under DATA_DIR so that signing out or removing an account ends them everywhere. */
  sessions: SessionStore;
  editorAccountsFile: string;
  /** Signs editor sessions and CSRF tokens (DATA_DIR/session-secret). */
  sessionSecret: Buffer;
  /** The knowledge directory, where "Suggest an edit" reads a note's file as written. */
  knowledgeDir: string;
  /** Submissions sent per hour and client address (form and API together); rate-limits.ts has the default. */
  submissionRateLimit?: number;
  /** The practitioners' network (profiles and invitations under DATA_DIR); /network answers 404 without it. */
  network?: NetworkStore;
  /** Failed sign-ins (and refused invitation forms) per 15 minutes and client address; rate-limits.ts has the default. */
  loginRateLimit?: number;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const LANGUAGE_COOKIE = 'lang';
const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;

/** What createApp takes: the dependencies, with defaults for the clock and renderer, and either a live knowledge source or one knowledge base. */
export type AppInput = Omit<AppDependencies, 'today' | 'renderer' | 'knowledgeBase' | 'knowledge'> & Partial<Pick<AppDependencies, 'today' | 'renderer'>>
  & ({ knowledge: KnowledgeSource; knowledgeBase?: undefined } | { knowledgeBase: KnowledgeBase; knowledge?: undefined });

/** Builds the Express app. It never listens: main.ts does, and tests drive it with supertest. */
export function createApp(input: AppInput): Express {
  const { knowledgeBase: initial, knowledge: source, ...rest } = input;
  const knowledge = source ?? staticKnowledge(initial!);
  const deps: AppDependencies = Object.defineProperty(
    { today: () => new Date().toISOString().slice(0, 10), ...rest, knowledge, renderer: input.renderer ?? createNoteRenderer() },
    'knowledgeBase', { get: () => knowledge.current(), enumerable: true },
  ) as AppDependencies;
  const app = express();
  app.disable('x-powered-by');
  // One address per page: /Contribute, /login/ and /SEARCH are 404, not other spellings of a page, so
  // the proxy's rules for a path (deploy/nginx.conf) and the log's redaction see every request to it.
  app.enable('case sensitive routing');
  app.enable('strict routing');
  app.set('trust proxy', deps.trustProxy ?? false);
  // Repeated keys become arrays and nothing else: `a[b]=c` stays a literal key, never an object.
  app.set('query parser', 'simple');
  app.set('view engine', 'ejs');
  app.set('views', path.join(ROOT, 'views'));
  app.enable('view cache');
  app.locals.escapeHtml = escapeHtml;

  const logger = deps.logger ?? createLogger({ level: 'silent' });
  app.use(accessLog(logger));
  app.use(refuseLongAddresses());
  app.use(helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: { 'script-src': ["'self'"], 'style-src': ["'self'"], 'img-src': ["'self'"], 'form-action': ["'self'"], 'frame-ancestors': ["'none'"], 'upgrade-insecure-requests': null },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // HSTS is only meaningful, and only sent, over https (see below).
    strictTransportSecurity: false,
  }));
  app.use((req, res, next) => {
    if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  });
  // Pages and their assets are compressed (a results page is a sixth of its size); a pack renders
  // pages to files, which are stored as they are.
  if (!deps.pack) app.use(compression());
  const assets = createStaticAssets(path.join(ROOT, 'public'), { versioned: !deps.pack });
  app.locals.asset = assets.url;
  app.use('/static', assets.handler);
  // The packs themselves (DOWNLOADS_DIR); the /downloads page lists them.
  if (deps.downloadsDir) app.use('/downloads', express.static(deps.downloadsDir, { index: false, redirect: false, dotfiles: 'ignore', fallthrough: true, maxAge: '1h' }));
  // The language and page context come before the limits, so that a refusal is a page in the reader's language.
  app.use(setPageContext(deps));
  // Every limit is in rate-limits.ts; searches cost the engine work, and guidance pages are not limited.
  const limits = createRateLimiters({
    ...(deps.searchRateLimit ? { searches: { ...DEFAULT_LIMITS.searches, limit: deps.searchRateLimit } } : {}),
    ...(deps.contribute?.submissionRateLimit ? { submissionsSent: { ...DEFAULT_LIMITS.submissionsSent, limit: deps.contribute.submissionRateLimit } } : {}),
    ...(deps.contribute?.loginRateLimit ? { failedSignInsByAddress: { ...DEFAULT_LIMITS.failedSignInsByAddress, limit: deps.contribute.loginRateLimit } } : {}),
  });
  app.use(['/search', '/search.xml', '/api/search', '/api/notes', '/api/facets', '/recommendations', '/recommendations.xml', '/api/recommendations'], limits.searches);
  // Pages that carry a CSRF token, a session, a private address or a member's data are never stored by a cache.
  app.use(['/editor', '/contribute', '/api/submissions', '/login', '/logout', '/network'], (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // Bodies are read only where a route takes one, each within its form's limits (request-limits.ts).
  addBodyParsers(app);

  addRoutes(app, deps, limits);

  app.use((req, _res, next) => next(new NotFoundError(`No page at ${req.path}.`)));
  app.use(handleErrors(deps));
  return app;
}

// Each interface language's own name, for the language switcher on every page (worked out once: Intl.DisplayNames is slow per call).
const OWN_NAMES = Object.fromEntries(INTERFACE_LANGUAGES.map((code) => [code, labelLanguage(code, code)])) as Record<InterfaceLanguage, string>;

/** Chooses the language (query, cookie, Accept-Language), remembers a choice, and fills res.locals for every view. */
function setPageContext(deps: AppDependencies): RequestHandler {
  if (deps.pack) return setPackPageContext(deps.pack);
  return (req, res, next) => {
    const cookies = parseCookie(req.headers.cookie ?? '');
    const { language, remember } = chooseLanguage({
      query: req.query.lang,
      cookie: cookies[LANGUAGE_COOKIE],
      accepted: req.acceptsLanguages([...INTERFACE_LANGUAGES]),
    });
    if (remember) res.cookie(LANGUAGE_COOKIE, language, { maxAge: ONE_YEAR_MS, sameSite: 'lax', httpOnly: true, path: '/' });
    res.vary('Accept-Language').vary('Cookie');
    const t = createTranslator(language);
    const page: PageContext = {
      language,
      t,
      baseUrl: deps.publicUrl ?? `${req.protocol}://${safeHost(req.get('host'))}`,
      currentUrl: req.originalUrl,
    };
    Object.assign(res.locals, {
      cookies,
      page,
      t,
      lang: language,
      languageLinks: INTERFACE_LANGUAGES.map((code) => ({ code, label: OWN_NAMES[code], url: withLanguage(req.originalUrl, code), current: code === language })),
    });
    next();
  };
}

// The Host header is the client's to send: anything but a host name and port becomes localhost, so
// it can never inject markup or a second URL into a permalink or feed.
function safeHost(host: string | undefined): string {
  return host && /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:\d{1,5})?$/.test(host) ? host : 'localhost';
}

// A pack page: the pack's language whatever the request says, no cookie, no language links, and the banner's date.
function setPackPageContext(pack: PackMode): RequestHandler {
  return (req, res, next) => {
    const t = createTranslator(pack.language);
    const page: PageContext = { language: pack.language, t, baseUrl: pack.liveUrl ?? '', currentUrl: req.originalUrl };
    Object.assign(res.locals, {
      cookies: {},
      page,
      t,
      lang: pack.language,
      languageLinks: [],
      pack: {
        exportedOn: pack.exportedOn, exportedOnLabel: formatDate(pack.exportedOn, pack.language), liveUrl: pack.liveUrl,
        version: pack.version ? { ...pack.version, dateLabel: formatDate(pack.version.date.slice(0, 10), pack.language) } : undefined,
      },
    });
    next();
  };
}

// Built from the path and query by hand: a path such as "//x" is not a relative URL to new URL().
function withLanguage(url: string, language: InterfaceLanguage): string {
  const [pathname = '/', query = ''] = url.split(/\?(.*)/s, 2);
  const params = new URLSearchParams(query);
  params.set('lang', language);
  return `${pathname.replace(/^\/+/, '/')}?${params.toString()}`;
}

