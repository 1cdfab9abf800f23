import { nameJurisdiction, pickableJurisdictions, worldRegionOf } from '../../content/jurisdictions.js';
import type { Taxonomy } from '../../content/taxonomy.js';
import { formatDate, INTERFACE_LANGUAGES, type InterfaceLanguage, type Translate } from '../i18n.js';
import { basisBadge, labelFacetValue, type BasisBadge } from './facet-labels.js';

/** A jurisdiction the contribution form and a profile offer, named in the reader's language, with its world region (or `other`). */
export interface NamedJurisdiction {
  code: string;
  label: string;
  group: string;
}

/** The order of each interface language's labels: a constant of the code, three collators, never a cache. */
export const COLLATORS = Object.fromEntries(INTERFACE_LANGUAGES.map((language) => [language, new Intl.Collator(language)])) as Record<
  InterfaceLanguage,
  Intl.Collator
>;

// Review dates come from the knowledge base's notes (one per note at most); the bound only guards
// against an index that holds more than the knowledge base it was built from.
const MAX_REVIEW_DATES = 20_000;

/**
 * What pages show of one knowledge base in one language, worked out once and then read: facet
 * values' labels, evidence-basis badges, review dates, the jurisdiction picker. Every entry comes
 * from the knowledge base (a taxonomy entry, a jurisdiction's or a language's name, a note's review
 * date), so each map is bounded by it; a new knowledge base brings a new object (readerLabelsOf).
 */
export class ReaderLabels {
  private readonly values = new Map<string, Map<string, string>>();
  private readonly badges = new Map<string, BasisBadge>();
  private readonly reviewDates = new Map<string, string>();
  private jurisdictionList: readonly NamedJurisdiction[] | undefined;

  constructor(
    readonly taxonomy: Taxonomy,
    readonly language: InterfaceLanguage,
    readonly t: Translate,
  ) {}

  /** A facet value's label (labelFacetValue), worked out once. */
  value(field: string, value: string): string {
    let labels = this.values.get(field);
    if (!labels) this.values.set(field, (labels = new Map()));
    let label = labels.get(value);
    if (label === undefined) labels.set(value, (label = labelFacetValue(field, value, this.language, this.taxonomy, this.t)));
    return label;
  }

  /** The evidence-basis badge of an id (basisBadge), built once. */
  basis(id: string): BasisBadge {
    let badge = this.badges.get(id);
    if (!badge) this.badges.set(id, (badge = basisBadge(id, this.language, this.taxonomy, this.t)));
    return badge;
  }

  /** "Reviewed 30 June 2026", formatted once per date. */
  reviewed(date: string): string {
    let label = this.reviewDates.get(date);
    if (label === undefined) {
      if (this.reviewDates.size >= MAX_REVIEW_DATES) this.reviewDates.clear();
      this.reviewDates.set(date, (label = this.t('search.reviewed', { date: formatDate(date, this.language) })));
    }
    return label;
  }

  /** Every pickable jurisdiction with its name, sorted as the reader's language sorts (`other` for one outside the world regions). */
  jurisdictions(): readonly NamedJurisdiction[] {
    this.jurisdictionList ??= pickableJurisdictions(Object.keys(this.taxonomy.jurisdictionNames))
      .map((code) => ({ code, label: nameJurisdiction(code, this.language, this.taxonomy.jurisdictionNames), group: worldRegionOf(code) ?? 'other' }))
      .sort((a, b) => COLLATORS[this.language].compare(a.label, b.label));
    return this.jurisdictionList;
  }
}

// The one place the labels of a knowledge base are kept: keyed by its taxonomy (each knowledge base
// has its own), so they go with it. A module map only until the app's dependencies can hold the
// derived object of the knowledge base they serve (a `views` field of createApp's dependencies, rebuilt when the knowledge changes).
const byTaxonomy = new WeakMap<Taxonomy, Partial<Record<InterfaceLanguage, ReaderLabels>>>();

/** The labels of `taxonomy`'s knowledge base in `language`: one ReaderLabels per knowledge base and language, made on first use. */
export function readerLabelsOf(taxonomy: Taxonomy, language: InterfaceLanguage, t: Translate): ReaderLabels {
  let byLanguage = byTaxonomy.get(taxonomy);
  if (!byLanguage) byTaxonomy.set(taxonomy, (byLanguage = {}));
  return (byLanguage[language] ??= new ReaderLabels(taxonomy, language, t));
}
