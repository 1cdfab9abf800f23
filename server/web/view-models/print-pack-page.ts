import type { KnowledgeBase, NoteFields } from '../../content/knowledge-base.js';
import type { RenderedNote } from '../../content/render-note.js';
import { formatDate, type InterfaceLanguage, type Translate } from '../i18n.js';
import type { NoteListItem } from './browse-page.js';
import { basisBadge, labelFacetValue } from './facet-labels.js';

/** One note in a printable pack: its whole guidance, with ids unique within the page. */
export interface PrintNote extends NoteListItem {
  anchor: string;
  html: string;
  sources: NoteFields['sources'];
}

/** Everything views/print-pack.ejs shows: a collection or a jurisdiction as one printable page. */
export interface PrintPackModel {
  eyebrow: string;
  title: string;
  language: string;
  introHtml: string | undefined;
  intro: string | undefined;
  notes: PrintNote[];
}

/**
 * Builds a printable pack of notes in order. Each note's heading ids (and links to them) get the
 * note's slug as a prefix: every note has a "what-to-do" section, and one page may hold one id once. Pure.
 */
export function buildPrintPack(
  input: { eyebrow: string; title: string; language: string; introHtml?: string; intro?: string; notes: readonly NoteFields[] },
  context: { kb: KnowledgeBase; language: InterfaceLanguage; t: Translate; render: (note: NoteFields) => RenderedNote },
): PrintPackModel {
  const { kb, language, t } = context;
  return {
    eyebrow: input.eyebrow,
    title: input.title,
    language: input.language,
    introHtml: input.introHtml,
    intro: input.intro,
    notes: input.notes.map((note) => ({
      anchor: note.slug,
      url: `/notes/${note.slug}`,
      language: note.language,
      title: note.title,
      summary: note.summary,
      basis: basisBadge(note.evidence_basis, language, kb.taxonomy, t),
      jurisdictions: note.jurisdictions.map((code) => labelFacetValue('jurisdictions', code, language, kb.taxonomy, t)),
      lastReviewedLabel: t('search.reviewed', { date: formatDate(note.last_reviewed, language) }),
      html: prefixIds(context.render(note).html, `${note.slug}--`),
      sources: note.sources,
    })),
  };
}

/** "Printed on 7 December 2026 from https://…": on every printed page, so a handout says how old it is and where it lives. */
export function printedOn(url: string, today: string, language: InterfaceLanguage, t: Translate): string {
  return url.startsWith('http')
    ? t('print.printedFrom', { date: formatDate(today, language), url })
    : t('print.printedOn', { date: formatDate(today, language) });
}

/** One note of a summary handout: what to do, how strong, where, and where to read it. */
export interface SummaryNote {
  number: number;
  title: string;
  summary: string;
  language: string;
  basisLabel: string;
  jurisdictions: string;
  url: string;
}

/** Everything views/print-summary.ejs shows. */
export interface PrintSummaryModel {
  title: string;
  summary: string;
  language: string;
  notes: SummaryNote[];
  fullUrl: string;
  collectionUrl: string;
  printed: string;
}

/** A reading list as a one- or two-page handout: each note's title, summary, basis, jurisdictions and address. Pure. */
export function buildPrintSummary(
  collection: { slug: string; title: string; summary: string; language: string },
  notes: readonly NoteFields[],
  context: { kb: KnowledgeBase; language: InterfaceLanguage; t: Translate; baseUrl: string; today: string },
): PrintSummaryModel {
  const { kb, language, t, baseUrl } = context;
  return {
    title: collection.title,
    summary: collection.summary,
    language: collection.language,
    notes: notes.map((note, index) => ({
      number: index + 1,
      title: note.title,
      summary: note.summary,
      language: note.language,
      basisLabel: basisBadge(note.evidence_basis, language, kb.taxonomy, t).label,
      jurisdictions: note.jurisdictions.map((code) => labelFacetValue('jurisdictions', code, language, kb.taxonomy, t)).join(', '),
      url: `${baseUrl}/notes/${note.slug}`,
    })),
    fullUrl: `/print/collections/${collection.slug}`,
    collectionUrl: `${baseUrl}/collections/${collection.slug}`,
    printed: printedOn(`${baseUrl}/collections/${collection.slug}`, context.today, language, t),
  };
}

/** Prefixes every id of rendered note HTML, and the in-page links to them. Pure. */
export function prefixIds(html: string, prefix: string): string {
  return html.replace(/(\sid=")([^"]+)"/g, `$1${prefix}$2"`).replace(/(\shref="#)([^"]+)"/g, `$1${prefix}$2"`);
}
