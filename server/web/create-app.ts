import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import compression from 'compression';
import ejs from 'ejs';
import helmet from 'helmet';
import { createLogger } from '../create-logger.js';
import { NotFoundError } from '../errors.js';
import { staticKnowledge } from '../knowledge/knowledge-source.js';
import { escapeHtml } from '../search/safe-highlight.js';
import { accessLog } from './access-log.js';
import type { AppDependencies, AppInput } from './app-dependencies.js';
import { handleErrors } from './handle-errors.js';
import { createNoteRenderer } from './note-renderer.js';
import { setPageContext } from './page-context.js';
import { createRateLimiters, DEFAULT_LIMITS } from './rate-limits.js';
import { addBodyParsers, refuseLongAddresses } from './request-limits.js';
import { addRoutes } from './routes.js';
import { createStaticAssets } from './static-assets.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Builds the Express app. It never listens: main.ts does, and tests drive it with supertest. */
export function createApp(input: AppInput): Express {
  const { knowledgeBase: initial, knowledge: source, ...rest } = input;
  const knowledge = source ?? staticKnowledge(initial!);
  const deps: AppDependencies = Object.defineProperty(
    { today: () => new Date().toISOString().slice(0, 10), ...rest, knowledge, renderer: input.renderer ?? createNoteRenderer() },
    'knowledgeBase',
    { get: () => knowledge.current(), enumerable: true },
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
  const views = path.join(ROOT, 'views');
  app.set('view engine', 'ejs');
  app.set('views', views);
  app.enable('view cache');
  // Compiled once and kept; includes are named from the views folder ('/partials/head'), so EJS finds
  // them without asking the file system on every render (a relative name costs an existsSync each time).
  app.engine('ejs', (file, data, done) => ejs.renderFile(file, data as ejs.Data, { cache: true, root: views, views: [views] }, done));
  app.locals.escapeHtml = escapeHtml;

  const logger = deps.logger ?? createLogger({ level: 'silent' });
  app.use(accessLog(logger));
  app.use(refuseLongAddresses());
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'script-src': ["'self'"],
          'style-src': ["'self'"],
          'img-src': ["'self'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
          'upgrade-insecure-requests': null,
        },
      },
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      // HSTS is only meaningful, and only sent, over https (see below).
      strictTransportSecurity: false,
    }),
  );
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
  if (deps.downloadsDir)
    app.use('/downloads', express.static(deps.downloadsDir, { index: false, redirect: false, dotfiles: 'ignore', fallthrough: true, maxAge: '1h' }));
  // The language and page context come before the limits, so that a refusal is a page in the reader's language.
  app.use(setPageContext(deps));
  // Every limit is in rate-limits.ts; searches cost the engine work, and guidance pages are not limited.
  const limits = createRateLimiters({
    ...(deps.searchRateLimit ? { searches: { ...DEFAULT_LIMITS.searches, limit: deps.searchRateLimit } } : {}),
    ...(deps.contribute?.submissionRateLimit ? { submissionsSent: { ...DEFAULT_LIMITS.submissionsSent, limit: deps.contribute.submissionRateLimit } } : {}),
    ...(deps.contribute?.loginRateLimit ? { failedSignInsByAddress: { ...DEFAULT_LIMITS.failedSignInsByAddress, limit: deps.contribute.loginRateLimit } } : {}),
  });
  app.use(
    ['/search', '/search.xml', '/api/search', '/api/notes', '/api/facets', '/recommendations', '/recommendations.xml', '/api/recommendations'],
    limits.searches,
  );
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
