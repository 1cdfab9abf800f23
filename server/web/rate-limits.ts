import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { LRUCache } from 'lru-cache';
import { isIP } from 'node:net';
import { RateLimitedError } from '../errors.js';
import { BoundedRateStore } from './bounded-rate-store.js';
import { formatWait } from './i18n.js';
import { pageContext } from './page-context.js';

/*
 * Every request limit of the app, in one place. A limit counts what costs: a search, a submission
 * actually sent (not a Continue, Back, Change or Preview step), a failed sign-in. A workshop of twenty
 * people behind one office address signs in and sends its notes without being refused; a guesser at
 * one address, or at one account from many, is stopped. deploy/nginx.conf enforces a coarser ceiling
 * for all replicas together (it cannot tell a failed sign-in from a good one).
 */

/** How many of what, over which window. */
export interface Limit {
  limit: number;
  windowMs: number;
}

type LimitHandler = (req: Request, res: Response, next: NextFunction) => void;

/** The limits of one app: the defaults below, with a test's or a setting's overrides. */
export interface RateLimitSettings {
  /** Searches and API reads per client address (SEARCH_RATE_LIMIT, per minute). */
  searches: Limit;
  /** Submissions stored (form and API together) per client address. */
  submissionsSent: Limit;
  /** Every POST of the contribution form (each step, preview and send) per client address: a flood guard, far above a room's use. */
  formSteps: Limit;
  /** Failed sign-ins and refused invitation forms per client address. */
  failedSignInsByAddress: Limit;
  /** Failed sign-ins per account name, from any address. */
  failedSignInsByName: Limit;
}

const MINUTE = 60_000;

/** The defaults (docs/security.md, Limits, says why each is what it is). */
export const DEFAULT_LIMITS: Readonly<RateLimitSettings> = Object.freeze({
  searches: { limit: 300, windowMs: MINUTE },
  submissionsSent: { limit: 30, windowMs: 60 * MINUTE },
  formSteps: { limit: 1_000, windowMs: 60 * MINUTE },
  failedSignInsByAddress: { limit: 50, windowMs: 15 * MINUTE },
  failedSignInsByName: { limit: 10, windowMs: 15 * MINUTE },
});

/** Why a request was refused, and when the client may try again (from the limiter's own reset time). */
export interface LimitRefusal {
  retryAfterSeconds: number;
}

/** The middleware of every limit, built once per app (each holds its own counts). */
export interface RateLimiters {
  searches: RequestHandler;
  /**
   * On /contribute after its body is read, and on /api/submissions: counts a note stored, not a step
   * or a send with problems. A refused send of the form reaches its handler, which keeps the answers;
   * the API answers JSON.
   */
  submissions: RequestHandler;
  /** Every POST of the form and the API: a flood guard. */
  formSteps: RequestHandler;
  /** On the sign-in and invitation routes: failed attempts by address, then (sign-in only) by name. */
  failedSignIns: RequestHandler[];
  /** On the invitation route: failed attempts by address only. */
  failedJoins: RequestHandler;
}

/** Builds the limiters of one app: counts live in its memory (one replica's share; nginx bounds the sum). */
export function createRateLimiters(overrides: Partial<RateLimitSettings> = {}): RateLimiters {
  const settings: RateLimitSettings = { ...DEFAULT_LIMITS, ...overrides };
  const clientKey = createClientKey();
  // Each limiter keeps its counts in a store bounded by bytes (the library's own keeps every client it sees).
  const common = () => ({ standardHeaders: 'draft-8' as const, legacyHeaders: false, store: new BoundedRateStore() });
  // Pages with a form take the refusal themselves (to show the form again with its answers);
  // everything else becomes a RateLimitedError, a page or JSON with the wait.
  const toForm: LimitHandler = (req, res, next) => {
    res.locals.limitRefusal = refusalOf(req);
    next();
  };
  const toError =
    (what: string): LimitHandler =>
    (req, _res, next) =>
      next(new RateLimitedError(`Too many ${what} from ${req.ip}`, refusalOf(req).retryAfterSeconds));
  const failedOnly = { skipSuccessfulRequests: true, requestWasSuccessful: (_req: Request, res: Response) => res.statusCode < 400 };
  const sentOnly = { skipFailedRequests: true, requestWasSuccessful: (_req: Request, res: Response) => res.statusCode < 400 };
  // The form's sends and the API's share one count (one limiter on both routes): the form answers a
  // refusal itself, the API with JSON.
  const submissions = rateLimit({
    ...common(),
    ...settings.submissionsSent,
    ...sentOnly,
    keyGenerator: clientKey,
    identifier: 'submissions',
    skip: (req) => !isApi(req) && !isSend(req),
    handler: (req, res, next) => (isApi(req) ? toError('submissions')(req, res, next) : toForm(req, res, next)),
  });
  const byAddress = rateLimit({
    ...common(),
    ...settings.failedSignInsByAddress,
    ...failedOnly,
    keyGenerator: clientKey,
    identifier: 'sign-in',
    handler: toForm,
  });
  const byName = rateLimit({
    ...common(),
    ...settings.failedSignInsByName,
    ...failedOnly,
    identifier: 'account',
    keyGenerator: (req) => `name:${signInName(req)}`,
    skip: (req, res) => signInName(req) === '' || limitRefusalOf(res) !== undefined,
    handler: toForm,
  });
  return {
    searches: rateLimit({ ...common(), ...settings.searches, keyGenerator: clientKey, handler: toError('searches') }),
    submissions,
    formSteps: rateLimit({ ...common(), ...settings.formSteps, keyGenerator: clientKey, identifier: 'form', handler: toError('form posts') }),
    failedSignIns: [byAddress, byName],
    failedJoins: byAddress,
  };
}

/** The refusal a limiter left for this request's handler, if any: a form shows itself again with it. */
export function limitRefusalOf(res: Response): LimitRefusal | undefined {
  return res.locals.limitRefusal as LimitRefusal | undefined;
}

/** The refusal in the reader's language, with the true wait, for a form shown again; undefined when the request was not refused. */
export function refusalMessage(
  res: Response,
  key: 'limits.formRefused' | 'limits.signInRefused' | 'limits.sendRefused' = 'limits.formRefused',
): string | undefined {
  const refusal = limitRefusalOf(res);
  if (!refusal) return undefined;
  const { t, language } = pageContext(res.locals);
  return t(key, { wait: formatWait(refusal.retryAfterSeconds, language) });
}

function refusalOf(req: Request): LimitRefusal {
  const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  const seconds = reset ? Math.ceil((reset.getTime() - Date.now()) / 1000) : 60;
  return { retryAfterSeconds: Math.max(seconds, 1) };
}

function isApi(req: Request): boolean {
  return req.originalUrl.startsWith('/api/');
}

function isSend(req: Request): boolean {
  const action = (req.body as Record<string, unknown> | undefined)?.action;
  return action === 'submit' || action === 'resend';
}

// The account name as the sign-in handler reads it, so "Ana" and "ana " count as one account.
function signInName(req: Request): string {
  const username = (req.body as Record<string, unknown> | undefined)?.username;
  return typeof username === 'string' ? username.trim().toLowerCase().slice(0, 40) : '';
}

// A client's key: its address, or for IPv6 its /56 network (the library's own rule). Worked out once
// per address: parsing an IPv6 address (which is how an IPv4 client of a dual-stack server arrives)
// was a tenth of a millisecond of every search. Only an address is a key (a trusted proxy's
// X-Forwarded-For could say anything), and the cache is bounded by bytes.
function createClientKey(): (req: Request) => string {
  const keys = new LRUCache<string, string>({ maxSize: 1024 * 1024, sizeCalculation: (key, ip) => 2 * (ip.length + key.length) + 64 });
  return (req) => {
    const ip = req.ip && isIP(req.ip) ? req.ip : 'unknown';
    let key = keys.get(ip);
    if (key === undefined) keys.set(ip, (key = ipKeyGenerator(ip)));
    return key;
  };
}
