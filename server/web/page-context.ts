import { parse as parseCookie } from 'cookie';
import type { RequestHandler } from 'express';
import type { AppDependencies, PackMode } from './app-dependencies.js';
import { chooseLanguage, createTranslator, formatDate, INTERFACE_LANGUAGES, type InterfaceLanguage, type Translate } from './i18n.js';
import { labelLanguage } from './view-models/facet-labels.js';

/** What every page handler gets from the request: set once per request by setPageContext. */
export interface PageContext {
  language: InterfaceLanguage;
  t: Translate;
  /** Absolute origin for permalinks and feeds (PUBLIC_URL, or the request's own). */
  baseUrl: string;
  /** This page's path and query, for the language switcher. */
  currentUrl: string;
}

/** Reads the page context that setPageContext put in res.locals. */
export function pageContext(locals: Record<string, unknown>): PageContext {
  return locals.page as PageContext;
}

const LANGUAGE_COOKIE = 'lang';
const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;

// Each interface language's own name, for the language switcher on every page (worked out once: Intl.DisplayNames is slow per call).
const OWN_NAMES = Object.fromEntries(INTERFACE_LANGUAGES.map((code) => [code, labelLanguage(code, code)])) as Record<InterfaceLanguage, string>;

/** Chooses the language (query, cookie, Accept-Language), remembers a choice, and fills res.locals for every view. */
export function setPageContext(deps: AppDependencies): RequestHandler {
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
      languageLinks: INTERFACE_LANGUAGES.map((code) => ({
        code,
        label: OWN_NAMES[code],
        url: withLanguage(req.originalUrl, code),
        current: code === language,
      })),
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
        exportedOn: pack.exportedOn,
        exportedOnLabel: formatDate(pack.exportedOn, pack.language),
        liveUrl: pack.liveUrl,
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
