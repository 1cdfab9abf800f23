import type { KnowledgeBase } from '../content/knowledge-base.js';
import { FACETS, VOCABULARY_FACETS, type VocabularyFacet } from '../content/note-schema.js';
import { INTERNATIONAL } from '../content/jurisdictions.js';

/** What a pack was asked for, beyond its notes. */
export interface PackRequest {
  /** The jurisdictions named with --jurisdiction (empty: the whole knowledge base). */
  jurisdictions: readonly string[];
  /** --print: a printable page for every jurisdiction, not only the requested ones. */
  printAll: boolean;
}

/** One kind of page in a pack: the site URLs of its pages, for a (selected) knowledge base. */
export interface PackPageType {
  name: string;
  urls: (kb: KnowledgeBase, request: PackRequest) => string[];
}

/**
 * Every kind of page a pack holds, each rendered through the live site's own routes and views.
 * Adding a page type (authorities, recommendations, jurisdiction profiles) is one entry here:
 * its URLs, e.g. `{ name: 'authorities', urls: (kb) => ['/authorities', ...ids.map((id) => `/authorities/${id}`)] }`.
 * Links to a URL that is not listed stay links to the live site (or are dropped without one).
 */
export const PACK_PAGE_TYPES: readonly PackPageType[] = [
  { name: 'home', urls: () => ['/'] },
  { name: 'search', urls: () => ['/search'] },
  { name: 'guidance pages', urls: (kb) => kb.notes.map((note) => `/notes/${note.slug}`) },
  { name: 'collections', urls: (kb) => ['/collections', ...kb.collections.map((collection) => `/collections/${collection.slug}`)] },
  { name: 'browse pages', urls: listBrowseUrls },
  { name: 'glossary', urls: () => ['/glossary'] },
  { name: 'evidence map', urls: () => ['/map'] },
  {
    name: 'authorities',
    urls: (kb) => [
      '/authorities',
      ...kb.authorities
        .filter((authority) => kb.citedBy.get(authority.id)?.some((citation) => kb.bySlug.has(citation.slug)))
        .map((authority) => `/authorities/${authority.id}`),
    ],
  },
  {
    name: 'printable collections',
    urls: (kb) => kb.collections.flatMap((collection) => [`/print/collections/${collection.slug}`, `/print/collections/${collection.slug}/summary`]),
  },
  // Each holds every note of its jurisdiction in full: written for the jurisdictions a pack is for, or all with --print.
  {
    name: 'printable jurisdictions',
    urls: (kb, request) =>
      listJurisdictions(kb)
        .filter((code) => request.printAll || request.jurisdictions.includes(code))
        .map((code) => `/print/jurisdictions/${code}`),
  },
];

/** Every jurisdiction named by a note of the knowledge base, INT last. */
export function listJurisdictions(kb: KnowledgeBase): string[] {
  const codes = [...new Set(kb.notes.flatMap((note) => note.jurisdictions))].sort();
  return [...codes.filter((code) => code !== INTERNATIONAL), ...codes.filter((code) => code === INTERNATIONAL)];
}

// Every vocabulary value has a page (the glossary links to each, notes or not); codes and languages only where notes use them.
function listBrowseUrls(kb: KnowledgeBase): string[] {
  const urls: string[] = [];
  for (const facet of FACETS) {
    let values: string[] = [];
    if (facet.kind === 'vocabulary' && (VOCABULARY_FACETS as readonly string[]).includes(facet.field)) {
      values = kb.taxonomy.vocabularies[facet.field as VocabularyFacet].values.map((value) => value.id);
    } else if (facet.kind === 'jurisdiction') {
      values = listJurisdictions(kb);
    } else if (facet.kind === 'language') {
      values = [...new Set(kb.notes.map((note) => note.language))].sort();
    }
    urls.push(...values.map((value) => `/browse/${facet.field}/${encodeURIComponent(value)}`));
  }
  return urls;
}

/** The pack file of a site path: `/` is index.html, `/notes/x` is notes/x.html. Pure. */
export function packFileFor(sitePath: string): string {
  if (sitePath === '/' || sitePath === '') return 'index.html';
  const segments = sitePath
    .replace(/^\/+|(?<!\/)\/+$/g, '')
    .split('/')
    .map((segment) => safeSegment(decodeURIComponentSafely(segment)));
  return `${segments.join('/')}.html`;
}

// A segment becomes a file name: nothing that climbs out of the pack or is awkward on a USB stick's file system.
function safeSegment(segment: string): string {
  const cleaned = segment.replace(/[^\p{L}\p{N}._-]+/gu, '-');
  return cleaned === '.' || cleaned === '..' || cleaned === '' ? '-' : cleaned;
}

function decodeURIComponentSafely(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
