import type { Taxonomy } from '../../content/taxonomy.js';
import type { NoteHit, NoteSection } from '../../search/note-index.js';
import type { InterfaceLanguage, Translate } from '../i18n.js';
import type { BasisBadge } from './facet-labels.js';
import { readerLabelsOf } from './reader-labels.js';

/** One result as the page shows it. */
export interface HitModel {
  slug: string;
  url: string;
  title: string;
  titleHtml: string;
  summary: string;
  snippetHtml: string;
  language: string;
  basis: BasisBadge;
  /** Jurisdiction names in the reader's language, and the codes they stand for. */
  jurisdictions: string[];
  jurisdictionCodes: string[];
  lastReviewed: string;
  lastReviewedLabel: string;
  /** The section that matched; `url` then points to it. */
  section?: NoteSection;
}

/** Where a hit leads: the note, or the section that matched. */
export function hitUrl(hit: Pick<NoteHit, 'slug' | 'section'>): string {
  return hit.section ? `/notes/${hit.slug}#${encodeURIComponent(hit.section.id)}` : `/notes/${hit.slug}`;
}

/** A result hit as shown: labels in the reader's language, a badge, a readable date. */
export function toHitModel(hit: NoteHit, taxonomy: Taxonomy, language: InterfaceLanguage, t: Translate): HitModel {
  const labels = readerLabelsOf(taxonomy, language, t);
  return {
    slug: hit.slug,
    url: hitUrl(hit),
    title: hit.title,
    titleHtml: hit.titleHtml,
    summary: hit.summary,
    snippetHtml: hit.snippetHtml,
    language: hit.language,
    basis: labels.basis(hit.evidence_basis),
    jurisdictions: hit.jurisdictions.map((code) => labels.value('jurisdictions', code)),
    jurisdictionCodes: hit.jurisdictions,
    lastReviewed: hit.last_reviewed,
    lastReviewedLabel: labels.reviewed(hit.last_reviewed),
    ...(hit.section ? { section: hit.section } : {}),
  };
}
