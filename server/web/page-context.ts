import type { InterfaceLanguage, Translate } from './i18n.js';

/** What every page handler gets from the request: set once per request by create-app's middleware. */
export interface PageContext {
  language: InterfaceLanguage;
  t: Translate;
  /** Absolute origin for permalinks and feeds (PUBLIC_URL, or the request's own). */
  baseUrl: string;
  /** This page's path and query, for the language switcher. */
  currentUrl: string;
}

/** Reads the page context that create-app put in res.locals. */
export function pageContext(locals: Record<string, unknown>): PageContext {
  return locals.page as PageContext;
}
