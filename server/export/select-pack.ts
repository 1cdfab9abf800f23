import type { KnowledgeBase } from '../content/knowledge-base.js';
import { countryOf, INTERNATIONAL } from '../content/jurisdictions.js';
import { regionalSystemsOf } from '../content/regional-systems.js';

/** What a pack holds: the notes for some jurisdictions and note languages (empty lists mean all). */
export interface PackScope {
  jurisdictions: readonly string[];
  languages: readonly string[];
}

/**
 * True when a note belongs in a pack for `scope`. A note applies to a jurisdiction when it names it
 * (or its country, or one of its subdivisions), when it relies on a regional system the
 * jurisdiction's state takes part in (an AU instrument for KE), or when it is international
 * guidance (INT) tied to no regional system. Pure.
 */
export function isNoteInScope(note: { jurisdictions: readonly string[]; regions: readonly string[]; language: string }, scope: PackScope): boolean {
  if (scope.languages.length > 0 && !scope.languages.includes(note.language)) return false;
  if (scope.jurisdictions.length === 0) return true;
  if (note.jurisdictions.some((code) => isWithin(code, scope.jurisdictions))) return true;
  const systems = new Set(scope.jurisdictions.flatMap(regionalSystemsOf));
  if (note.regions.some((region) => systems.has(region))) return true;
  return note.jurisdictions.includes(INTERNATIONAL) && note.regions.length === 0;
}

// GB-SCT is within a GB pack, and GB within a GB-SCT pack (UK-wide law applies in Scotland); GB-SCT is not within a GB-EAW pack.
function isWithin(code: string, chosen: readonly string[]): boolean {
  return chosen.some((target) => target === code || countryOf(code) === target || countryOf(target) === code);
}

/**
 * The knowledge base a pack shows: only notes in scope, aliases of those notes, and collections
 * cut down to the notes in the pack (a collection with none left is dropped). Pure.
 */
export function selectPack(kb: KnowledgeBase, scope: PackScope): KnowledgeBase {
  const notes = kb.notes.filter((note) => isNoteInScope(note, scope));
  const slugs = new Set(notes.map((note) => note.slug));
  return {
    ...kb,
    notes,
    bySlug: new Map(notes.map((note) => [note.slug, note])),
    aliases: new Map([...kb.aliases].filter(([, target]) => slugs.has(target))),
    collections: kb.collections
      .map((collection) => ({ ...collection, notes: collection.notes.filter((slug) => slugs.has(slug)) }))
      .filter((collection) => collection.notes.length > 0),
  };
}
