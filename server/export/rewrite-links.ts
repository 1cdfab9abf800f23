import path from 'node:path';

/** What a pack's links can reach: its pages by site path, former note slugs, and the live site. */
export interface LinkTargets {
  /** Site path (`/notes/x`) → pack file (`notes/x.html`) of every page in the pack. */
  pages: ReadonlyMap<string, string>;
  /** Former note slug → current slug (docs/contract.md §1 `aliases`). */
  aliases: ReadonlyMap<string, string>;
  /** The live site's origin (PUBLIC_URL); links to pages the pack lacks go there. */
  liveUrl?: string | undefined;
}

/** Where one link of a page goes in a pack. */
export type PackLink = { kind: 'keep' } | { kind: 'pack'; file: string; query: string; hash: string } | { kind: 'live'; url: string } | { kind: 'none' };

/**
 * Decides where a link of the live site goes in a pack. Links that are not site-absolute
 * (`#section`, `https://…`, `mailto:`) stay as they are; a protocol-relative one (`//host/x`, or
 * `/\host/x` as browsers read it) names another site and gets `https:` (opened from file:// it would
 * name a file). A site path is read as a browser reads it (backslashes as slashes, `.` and `..`
 * segments resolved, escaped or not), so no link can reach outside the pack. `?lang=` is dropped: a
 * pack has one interface language. A query survives only on the search page, which reads it in the
 * browser; any other page with a query (`/map?rows=…`) is not a static file, so it goes to the live
 * site. Pure.
 */
export function resolvePackLink(href: string, targets: LinkTargets): PackLink {
  const slashed = href.replaceAll('\\', '/');
  if (!slashed.startsWith('/')) return { kind: 'keep' };
  if (slashed.startsWith('//')) return { kind: 'live', url: `https:${slashed}` };
  const url = new URL(slashed, PACK_ORIGIN);
  const hash = url.hash;
  let pathname = url.pathname;
  url.searchParams.delete('lang');
  const query = url.searchParams.size > 0 ? `?${url.searchParams.toString()}` : '';

  if (pathname.startsWith('/static/')) return { kind: 'pack', file: pathname.slice(1), query: '', hash: '' };
  const alias = /^\/notes\/([^/]+)$/.exec(pathname)?.[1];
  if (alias && targets.aliases.has(alias)) pathname = `/notes/${targets.aliases.get(alias)}`;
  const file = targets.pages.get(pathname);
  if (file && (query === '' || pathname === '/search')) return { kind: 'pack', file, query, hash };
  if (targets.liveUrl) return { kind: 'live', url: `${targets.liveUrl}${pathname}${query}${hash}` };
  return { kind: 'none' };
}

// Site paths are resolved against an origin of no site's, only to normalise them.
const PACK_ORIGIN = 'https://pack.invalid';

/** The relative URL from one pack file to another, so it works from file:// and under any folder of a host. Pure. */
export function relativeHref(fromFile: string, toFile: string): string {
  const relative = path.posix.relative(path.posix.dirname(fromFile), toFile) || path.posix.basename(toFile);
  return relative
    .split('/')
    .map((segment) => (segment === '..' ? segment : encodeURIComponent(segment)))
    .join('/');
}

// Attribute values in Casebook's HTML are always double-quoted and escaped (EJS, rehype-stringify),
// and text never holds a raw "<", so two patterns find every link in every tag; an HTML parser
// would cost more than rendering the page.
const TAG = /<[a-zA-Z][^>]*>/g;
const LINK_ATTRIBUTE = /(\s)(href|src|action)="([^"]*)"/g;

/**
 * Rewrites a rendered page for the pack it is written to as `fromFile`: site-absolute links become
 * relative links to pack files, links to pages the pack lacks go to the live site or lose their
 * href (the text stays), and `<link>` elements left without a target are removed. Pure.
 */
export function rewriteLinks(html: string, fromFile: string, targets: LinkTargets): string {
  // Every page of a folder links to the same few thousand places: each link is resolved once per folder.
  const resolved = resolvedLinksFor(targets, path.posix.dirname(fromFile));
  const rewritten = html.replace(TAG, (tag) =>
    tag.replace(LINK_ATTRIBUTE, (whole, space: string, attribute: string, rawValue: string) => {
      let value = resolved.get(rawValue);
      if (value === undefined) {
        value = resolveAttribute(rawValue, fromFile, targets);
        resolved.set(rawValue, value);
      }
      return value === KEEP ? whole : value === DROP ? '' : `${space}${attribute}="${value}"`;
    }),
  );
  return rewritten.replace(/<link\b(?![^>]*\shref=)[^>]*>\n?/g, '');
}

const KEEP = Symbol('keep');
const DROP = Symbol('drop');
type ResolvedAttribute = string | typeof KEEP | typeof DROP;

// Per LinkTargets (one pack) and folder; a WeakMap, so the cache goes with the pack's targets.
const resolvedByTargets = new WeakMap<LinkTargets, Map<string, Map<string, ResolvedAttribute>>>();

function resolvedLinksFor(targets: LinkTargets, folder: string): Map<string, ResolvedAttribute> {
  let byFolder = resolvedByTargets.get(targets);
  if (!byFolder) resolvedByTargets.set(targets, (byFolder = new Map()));
  let resolved = byFolder.get(folder);
  if (!resolved) byFolder.set(folder, (resolved = new Map()));
  return resolved;
}

function resolveAttribute(rawValue: string, fromFile: string, targets: LinkTargets): ResolvedAttribute {
  const link = resolvePackLink(rawValue.replace(/&amp;/g, '&'), targets);
  switch (link.kind) {
    case 'keep':
      return KEEP;
    case 'pack':
      return escapeAttribute(`${relativeHref(fromFile, link.file)}${link.query}${link.hash}`);
    case 'live':
      return escapeAttribute(link.url);
    case 'none':
      return DROP;
  }
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}
