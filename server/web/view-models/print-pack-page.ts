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

/** Prefixes every id of rendered note HTML, and the in-page links to them. Pure. */
export function prefixIds(html: string, prefix: string): string {
  return html.replace(/(\sid=")([^"]+)"/g, `$1${prefix}$2"`).replace(/(\shref="#)([^"]+)"/g, `$1${prefix}$2"`);
}
