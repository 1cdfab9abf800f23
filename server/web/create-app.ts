import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { LRUCache } from 'lru-cache';
import { createLogger } from '../create-logger.js';
import { NotFoundError, RateLimitedError } from '../errors.js';
import { staticKnowledge } from '../knowledge/knowledge-source.js';
import { escapeHtml } from '../search/safe-highlight.js';
import { accessLog } from './access-log.js';
import type { AppDependencies, AppInput } from './app-dependencies.js';
import { BoundedRateStore } from './bounded-rate-store.js';
import { handleErrors } from './handle-errors.js';
import { createNoteRenderer } from './note-renderer.js';
import { setPageContext } from './page-context.js';
import { addBodyParsers, refuseLongAddresses } from './request-limits.js';
import { addRoutes } from './routes.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

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
  // Searches cost the engine work; one client may not take it all. Guidance pages are not limited.
  const searchLimit = rateLimit({
    windowMs: 60_000,
    limit: deps.searchRateLimit ?? 300,
    store: new BoundedRateStore(),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: clientKey,
    handler: (req, _res, next) => next(new RateLimitedError(`Too many searches from ${req.ip}`)),
  });
  app.use(['/search', '/search.xml', '/api/search', '/api/notes', '/api/facets', '/recommendations', '/recommendations.xml', '/api/recommendations'], searchLimit);
  app.use(['/contribute', '/api/submissions'], rateLimit({
    windowMs: 3600_000, limit: deps.contribute?.submissionRateLimit ?? 30, store: new BoundedRateStore(), standardHeaders: 'draft-8', legacyHeaders: false, keyGenerator: clientKey,
    skip: (req) => req.method === 'GET',
    handler: (req, _res, next) => next(new RateLimitedError(`Too many submissions from ${req.ip}`)),
  }));
  // One budget for both sign-in forms and for invitation links: guessing passwords (or tokens) at
  // one address or the other costs the same.
  app.use(['/editor/login', '/login', '/network/join'], rateLimit({
    windowMs: 15 * 60_000, limit: deps.contribute?.loginRateLimit ?? 10, store: new BoundedRateStore(), standardHeaders: 'draft-8', legacyHeaders: false, keyGenerator: clientKey,
    skip: (req) => req.method === 'GET',
    handler: (req, _res, next) => next(new RateLimitedError(`Too many login attempts from ${req.ip}`)),
  }));
  // Pages that carry a CSRF token, a session, a private address or a member's data are never stored by a cache.
  app.use(['/editor', '/contribute', '/api/submissions', '/login', '/logout', '/network'], (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // Bodies are read only where a route takes one, each within its form's limits (request-limits.ts).
  addBodyParsers(app);
  app.use('/static', express.static(path.join(ROOT, 'public'), {
    maxAge: '1h', fallthrough: true, index: false,
    // Browsers apply an XSL stylesheet only when it comes with an XSL type; the default would be generic.
    setHeaders: (res, file) => { if (file.endsWith('.xsl')) res.setHeader('Content-Type', 'text/xsl; charset=utf-8'); },
  }));
  // The packs themselves (DOWNLOADS_DIR); the /downloads page lists them.
  if (deps.downloadsDir) app.use('/downloads', express.static(deps.downloadsDir, { index: false, redirect: false, dotfiles: 'ignore', fallthrough: true, maxAge: '1h' }));
  app.use(setPageContext(deps));

  addRoutes(app, deps);

  app.use((req, _res, next) => next(new NotFoundError(`No page at ${req.path}.`)));
  app.use(handleErrors(deps));
  return app;
}

// The rate limiters' key for a client: its address, or for IPv6 its /56 network (the library's own
// rule, ipKeyGenerator). Worked out once per address: parsing an IPv6 address (which is how an IPv4
// client of a dual-stack server arrives) was a tenth of a millisecond of every search.
// Only an address is a key (a trusted proxy's X-Forwarded-For could say anything), and the cache is
// bounded by bytes.
const clientKeys = new LRUCache<string, string>({ maxSize: 1024 * 1024, sizeCalculation: (key, ip) => 2 * (ip.length + key.length) + 64 });
function clientKey(req: express.Request): string {
  const ip = req.ip && isIP(req.ip) ? req.ip : 'unknown';
  let key = clientKeys.get(ip);
  if (key === undefined) clientKeys.set(ip, (key = ipKeyGenerator(ip)));
  return key;
}
