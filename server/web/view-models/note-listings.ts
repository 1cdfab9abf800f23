import type { KnowledgeBase, PublishedNote } from '../../content/knowledge-base.js';
import { deriveFacets } from '../../content/derived-facets.js';
import { FACETS } from '../../content/note-schema.js';

/**
 * What the listing pages (home, /browse, /browse/<facet>/<id>, /notes) need from the catalogue,
 * worked out once per knowledge base and day instead of on every request: at 10,000 notes, counting
 * every value of every facet note by note took the home page 1.2 s and /browse 2 s a request.
 */
export interface NoteListings {
  /** Published notes by review date, newest first, then by title. */
  byReviewed: readonly PublishedNote[];
  /** How many published notes carry each value of each browsable facet (derived facets included). */
  counts: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** The notes of one language, by title in that language. */
  inLanguage(code: string): readonly PublishedNote[];
  /** The notes about one jurisdiction (in their `jurisdictions`), in catalogue order. */
  inJurisdiction(code: string): readonly PublishedNote[];
  /** The notes relying on one regional system (in their `regions`), in catalogue order. */
  inRegionalSystem(system: string): readonly PublishedNote[];
  /** Every jurisdiction the notes name, in their `jurisdictions` or a recommendation's tracker. */
  jurisdictions: ReadonlySet<string>;
}

/** The values a note carries in a facet, derived facets (world regions, review due) included. */
export function facetValuesOf(note: PublishedNote, field: string, today: string): readonly string[] {
  if (field === 'world_regions') return deriveFacets(note, today).world_regions;
  if (field === 'review_due') return [String(deriveFacets(note, today).review_due)];
  const value = note[field as keyof PublishedNote];
  if (Array.isArray(value)) return value as string[];
  return value === undefined ? [] : [String(value)];
}

const memo = new WeakMap<KnowledgeBase, { today: string; listings: NoteListings }>();

/** The listings of a knowledge base, built on first use and kept with it (a new knowledge base, or a new day, builds them again). */
export function listingsOf(kb: KnowledgeBase, today: string): NoteListings {
  const kept = memo.get(kb);
  if (kept?.today === today) return kept.listings;
  const listings = buildListings(kb, today);
  memo.set(kb, { today, listings });
  return listings;
}

function buildListings(kb: KnowledgeBase, today: string): NoteListings {
  const counts = new Map<string, Map<string, number>>(FACETS.map((facet) => [facet.field, new Map()]));
  for (const note of kb.notes) {
    for (const [field, values] of counts) for (const value of facetValuesOf(note, field, today)) values.set(value, (values.get(value) ?? 0) + 1);
  }
  const byReviewed = [...kb.notes].sort((a, b) => b.last_reviewed.localeCompare(a.last_reviewed) || a.title.localeCompare(b.title));
  const languages = new Map<string, PublishedNote[]>();
  const byJurisdiction = new Map<string, PublishedNote[]>();
  const jurisdictions = new Set<string>();
  const bySystem = new Map<string, PublishedNote[]>();
  for (const note of kb.notes) {
    for (const system of note.regions) (bySystem.get(system) ?? bySystem.set(system, []).get(system)!).push(note);
    for (const code of note.jurisdictions) {
      jurisdictions.add(code);
      (byJurisdiction.get(code) ?? byJurisdiction.set(code, []).get(code)!).push(note);
    }
    for (const entry of note.implementation ?? []) jurisdictions.add(entry.jurisdiction);
  }
  return {
    byReviewed,
    counts,
    jurisdictions,
    inJurisdiction: (code) => byJurisdiction.get(code) ?? [],
    inRegionalSystem: (system) => bySystem.get(system) ?? [],
    inLanguage: (code) => {
      let notes = languages.get(code);
      if (!notes) {
        const collator = new Intl.Collator(code);
        notes = kb.notes.filter((note) => note.language === code).sort((a, b) => collator.compare(a.title, b.title));
        languages.set(code, notes);
      }
      return notes;
    },
  };
}
