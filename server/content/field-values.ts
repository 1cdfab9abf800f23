import { z } from 'zod';

// What a valid value looks like, for notes, authorities, reading lists and profiles alike.

/** Lower-case words joined by hyphens: a note's, authority's or reading list's slug. */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

/** True for a two-letter ISO 639-1 code that ICU knows (Intl answers an unknown code with itself). */
export function isLanguageCode(code: string): boolean {
  return /^[a-z]{2}$/.test(code) && languageNames.of(code) !== code;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * An http(s) URL that names a document, not a site: its path is more than "/" (docs/contract.md §1). A home
 * page proves nothing about the claim it is cited for.
 */
export function isDeepLink(value: string): boolean {
  try {
    const url = new URL(value);
    // A query can name the document on a site's root (`/?p=12199`, `/?i=001-96549`).
    return /^https?:$/.test(url.protocol) && ((url.pathname !== '/' && url.pathname !== '') || url.search !== '');
  } catch {
    return false;
  }
}

/**
 * An http(s) URL to a document itself: a site's home page (no path, or just `/`) lands the reader
 * nowhere, so it is refused wherever content links to a source (docs/contract.md §1).
 */
// Another scheme is the url check's to report; this one speaks only of http(s) home pages.
export const deepLinkUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).refine((value) => !/^https?:/i.test(value) || isDeepLink(value), {
  message: "is a site's home page, not the document itself",
  params: { hint: 'link to the judgment, section, article or report itself; if you cannot find a deep link, leave url out and give the citation' },
});

/**
 * The latest calendar date anywhere on Earth at `now` (UTC+14). A reviewer in Kiribati may date a
 * review "tomorrow" by UTC; that is not a future date for them.
 */
export function latestCalendarDate(now: Date): string {
  return new Date(now.getTime() + 14 * 3600_000).toISOString().slice(0, 10);
}
