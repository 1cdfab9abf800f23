import type { NoteFields } from '../../content/knowledge-base.js';
import type { PersonLink } from '../../network/attribution.js';
import type { RenderedNote } from '../../content/render-note.js';
import { FACETS } from '../../content/note-schema.js';
import type { Taxonomy } from '../../content/taxonomy.js';
import type { NoteHit } from '../../search/note-index.js';
import { deriveFacets } from '../../content/derived-facets.js';
import { formatDate, type InterfaceLanguage, type Translate } from '../i18n.js';
import { basisBadge, labelFacet, labelFacetValue, labelLanguage, type BasisBadge } from './facet-labels.js';
import type { citedAuthoritiesOf } from './authority-page.js';
import { buildTrackerRow, profileUrl, type TrackerCell } from './recommendations-page.js';
import { citeNote, type CitationForms } from './citations.js';
import { packSearchFilters } from './pack-search-page.js';
import { sourceLinesOf, tagLabelsOf } from '../../search/search-document.js';
import { toHitModel, type HitModel } from './search-hits.js';
import type { HistorySummary } from './history-pages.js';

/** A tag on a guidance page, linking to its browse page. */
export interface TagLink {
  label: string;
  url: string;
}

/** Everything views/note.ejs shows. */
export interface NotePageModel {
  slug: string;
  title: string;
  summary: string;
  language: string;
  html: string;
  headings: RenderedNote['headings'];
  basis: BasisBadge;
  evidenceNote: string | undefined;
  jurisdictions: TagLink[];
  lastReviewed: string;
  lastReviewedLabel: string;
  reviewDueMessage: string | undefined;
  tagGroups: Array<{ label: string; tags: TagLink[] }>;
  sources: NoteFields['sources'];
  /** Who reviewed it: members' names link to their profiles as far as the reader may see them. */
  reviewers: PersonLink[];
  /** Who wrote it, likewise. */
  authors: PersonLink[];
  permalink: string;
  /** How to cite the page, plain and OSCOLA-like, with the dates in the reader's language and today's as the access date. */
  citations: CitationForms;
  /** "Last updated", the number of versions and the history's address; absent for a note not in git yet (a preview, an uncommitted file). */
  history: HistorySummary | undefined;
  translations: Array<{ language: string; label: string; url: string }>;
  related: HitModel[];
  /** The body without the author's related-notes section, which `relatedList` shows instead. */
  bodyHtml: string;
  /**
   * The note's one related-notes list: the author's items first, then computed suggestions (in the
   * note's language, not already listed). Absent when there is neither.
   */
  relatedList: RelatedListModel | undefined;
  /** What the note relies on, each with its status badge and pinpoint. */
  authorities: CitedAuthority[];
  /** Policy recommendations: the notes whose evidence supports it (published ones, aliases resolved). */
  restsOn: Array<{ title: string; language: string; url: string }>;
  /** Policy recommendations: the tracker row, one cell per jurisdiction. */
  tracker: TrackerCell[];
  /** The note's search facets as Pagefind filters, for a pack's offline search. */
  searchFilters: Array<{ field: string; value: string }>;
  /**
   * What the site's index searches beside the body (search-document.ts), for a pack's offline
   * search: its tags' labels in every language, its sources, and (set by an export) the glossary's
   * terms the note mentions, which the site finds through synonym tokens.
   */
  searchExtras: { tagLabels: string[]; sources: string[]; glossary: string[]; keys?: string };
}

/** The one related-notes list of a guidance page. */
export interface RelatedListModel {
  /** The author's heading and anchor when the body has a list (trainers' `#related-notes` links keep working). */
  headingId: string;
  heading: string;
  /** The language of the heading: the note's for the author's, the reader's otherwise. */
  headingLanguage: string;
  authored: boolean;
  /** The author's items, sanitized HTML from the renderer. */
  authoredItemsHtml: string[];
  suggested: HitModel[];
}

/** An authority as a guidance page lists it. */
export type CitedAuthority = ReturnType<typeof citedAuthoritiesOf>[number];

// Tags shown as links, in schema order; jurisdictions and the basis have their own place on the card.
const TAG_FIELDS = FACETS.filter((facet) => facet.kind === 'vocabulary' && !facet.derived && facet.field !== 'evidence_basis').map((facet) => facet.field);

/** The body's HTML with the author's related-notes section cut out (it is the last section). Pure. */
export function withoutAuthoredRelated(rendered: Pick<RenderedNote, 'html' | 'related'>): string {
  if (!rendered.related) return rendered.html;
  const start = rendered.html.lastIndexOf(`<h2 id="${rendered.related.id}"`);
  return start === -1 ? rendered.html : rendered.html.slice(0, start).trimEnd();
}

function buildRelatedList(
  note: NoteFields,
  rendered: Pick<RenderedNote, 'related'>,
  computed: HitModel[],
  language: InterfaceLanguage,
  t: Translate,
): RelatedListModel | undefined {
  const authored = rendered.related;
  const listed = new Set([note.slug, ...(authored?.slugs ?? [])]);
  const suggested = computed.filter((hit) => !listed.has(hit.slug));
  if (!authored && suggested.length === 0) return undefined;
  return {
    headingId: authored?.id ?? 'cb-related-title',
    heading: authored?.heading ?? t('note.related'),
    headingLanguage: authored ? note.language : language,
    authored: Boolean(authored),
    authoredItemsHtml: authored?.itemsHtml ?? [],
    suggested,
  };
}

/** Builds a guidance page from a published note (from memory) and its related notes (from the engine, may be empty). */
export function buildNotePage(
  note: NoteFields,
  rendered: RenderedNote,
  context: {
    taxonomy: Taxonomy;
    language: InterfaceLanguage;
    t: Translate;
    baseUrl: string;
    today: string;
    related: readonly NoteHit[];
    publishedSlugs: { has(slug: string): boolean };
    /** A published note by slug or alias, for the titles of the notes a recommendation rests on. */
    findNote?: (slug: string) => Pick<NoteFields, 'slug' | 'title' | 'language' | 'implementation'> | undefined;
    /** The authorities the note cites, with their status. */
    authorities: CitedAuthority[];
    /** Names (authors, reviewers) as the reader may see them; plain names without it (packs, tests). */
    attribute?: (names: readonly string[]) => PersonLink[];
    /** The note's history line; "Cite this note" then names the version and its permanent address. */
    history?: HistorySummary | undefined;
  },
): NotePageModel {
  const { taxonomy, language, t } = context;
  const permalink = `${context.baseUrl}/notes/${note.slug}`;
  const lastReviewed = formatDate(note.last_reviewed, language);
  const browse = (field: string, value: string): TagLink => ({
    label: labelFacetValue(field, value, language, taxonomy, t),
    url: `/browse/${field}/${encodeURIComponent(value)}`,
  });

  return {
    slug: note.slug,
    title: note.title,
    summary: note.summary,
    language: note.language,
    html: rendered.html,
    headings: rendered.headings,
    basis: basisBadge(note.evidence_basis, language, taxonomy, t),
    evidenceNote: note.evidence_note,
    jurisdictions: note.jurisdictions.map((code) => ({ label: labelFacetValue('jurisdictions', code, language, taxonomy, t), url: profileUrl(code) })),
    lastReviewed: note.last_reviewed,
    lastReviewedLabel: lastReviewed,
    reviewDueMessage: deriveFacets(note, context.today).review_due ? t('note.reviewDue', { date: lastReviewed }) : undefined,
    tagGroups: TAG_FIELDS.map((field) => {
      const value = note[field as keyof NoteFields];
      const ids = Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? [value] : [];
      return { label: labelFacet(field, language, taxonomy, t), tags: ids.map((id) => browse(field, id)) };
    }).filter((group) => group.tags.length > 0),
    sources: note.sources,
    reviewers: context.attribute ? context.attribute(note.reviewers) : note.reviewers.map((label) => ({ label })),
    authors: context.attribute ? context.attribute(note.authors) : note.authors.map((label) => ({ label })),
    permalink,
    // With a version in git, the citation names it and links to it for good.
    citations: citeNote(
      {
        title: note.title,
        lastReviewed: note.last_reviewed,
        url: context.history?.versionUrl ?? permalink,
        accessed: context.today,
        version: context.history ? { id: context.history.version, date: context.history.lastUpdated } : undefined,
      },
      language,
      t,
    ),
    history: context.history,
    translations: Object.entries(note.translations)
      .filter(([, slug]) => context.publishedSlugs.has(slug))
      .map(([code, slug]) => ({ language: code, label: labelLanguage(code, language), url: `/notes/${slug}` })),
    related: context.related.map((hit) => toHitModel(hit, taxonomy, language, t)),
    bodyHtml: withoutAuthoredRelated(rendered),
    relatedList: buildRelatedList(
      note,
      rendered,
      context.related.map((hit) => toHitModel(hit, taxonomy, language, t)),
      language,
      t,
    ),
    authorities: context.authorities,
    restsOn: (note.rests_on ?? []).flatMap((slug) => {
      const target = context.findNote?.(slug);
      return target ? [{ title: target.title, language: target.language, url: `/notes/${target.slug}` }] : [];
    }),
    // A translated recommendation shows the tracker its original carries.
    tracker: buildTrackerRow(
      note.implementation ??
        Object.values(note.translations)
          .map((slug) => context.findNote?.(slug)?.implementation)
          .find((rows) => rows && rows.length > 0) ??
        [],
      taxonomy,
      language,
      t,
    ),
    searchFilters: packSearchFilters(note),
    searchExtras: { tagLabels: tagLabelsOf(note, taxonomy, deriveFacets(note, context.today)), sources: sourceLinesOf(note), glossary: [] },
  };
}
