import { countryOf, INTERNATIONAL } from './jurisdictions.js';
import { regionalSystemsOf } from './regional-systems.js';

/*
 * What "applies in a country" means, in one place: search's jurisdiction filter, the country
 * profile and the offline pack all ask this module.
 *
 * A note applies in a jurisdiction when
 *   1. it names the jurisdiction, its country (UK-wide law applies in Scotland) or one of its
 *      subdivisions (a Scottish note belongs to the United Kingdom); or
 *   2. it relies on a regional system the jurisdiction's state takes part in (its `regions`: an
 *      African Union instrument or an ECOWAS Court decision for Kenya's or Nigeria's readers, the
 *      European Convention for the United Kingdom's); or
 *   3. it is international (`INT`) and tied to no regional system: a universal instrument such as
 *      the Palermo Protocol.
 *
 * Limits, from what the knowledge base records: membership of a regional system stands for being
 * bound by its instruments (regional-systems.ts lists members, not each instrument's ratifications,
 * and a member may not have ratified a given protocol); an INT note with no region stands for an
 * instrument every state is bound by (the knowledge base does not record which states have
 * ratified the Palermo Protocol or a convention). Readers are told so where it matters, and the
 * search option can be switched off.
 */

/** A note as this definition reads it: its jurisdictions and the regional systems it relies on. */
export interface Placed {
  jurisdictions: readonly string[];
  regions: readonly string[];
}

/** What a jurisdiction takes in: the codes that name it, and the regional systems its state takes part in. */
export interface Applicability {
  /** The jurisdiction, its country, and those of `known` that are its subdivisions. */
  codes: string[];
  /** The regional systems (EU, COE, AU, …) whose notes apply; none for INT. */
  systems: string[];
  /** Whether universal international notes (INT, no regional system) apply: every state but INT itself, which names them. */
  universal: boolean;
}

/** True when the note names `code`, its country or one of its subdivisions (rule 1). Pure. */
export function namesJurisdiction(note: Placed, code: string): boolean {
  return note.jurisdictions.some((named) => named === code || countryOf(named) === code || countryOf(code) === named);
}

/** True when the note applies in `code` by any of the three rules. Pure. */
export function appliesIn(note: Placed, code: string): boolean {
  if (namesJurisdiction(note, code)) return true;
  if (code === INTERNATIONAL) return false;
  const systems = regionalSystemsOf(code);
  if (note.regions.some((region) => systems.includes(region))) return true;
  return note.jurisdictions.includes(INTERNATIONAL) && note.regions.length === 0;
}

/** True when the note applies in `code` only through an international or regional instrument (rules 2 and 3). Pure. */
export function appliesThroughInstruments(note: Placed, code: string): boolean {
  return !namesJurisdiction(note, code) && appliesIn(note, code);
}

/** True when the note matches filter terms from applicabilityOf (what an in-memory index does with them). Pure. */
export function matchesApplicability(note: Placed, terms: Applicability): boolean {
  return (
    note.jurisdictions.some((code) => terms.codes.includes(code)) ||
    note.regions.some((region) => terms.systems.includes(region)) ||
    (terms.universal && note.jurisdictions.includes(INTERNATIONAL) && note.regions.length === 0)
  );
}

/** The terms of several jurisdictions at once (a search may select more than one: OR). Pure. */
export function mergeApplicability(terms: readonly Applicability[]): Applicability {
  return {
    codes: [...new Set(terms.flatMap((term) => term.codes))],
    systems: [...new Set(terms.flatMap((term) => term.systems))],
    universal: terms.some((term) => term.universal),
  };
}

/**
 * The same definition as filter terms, for a search engine: the codes a note may name, the systems
 * it may rely on, and whether universal notes count. `known` is every code the knowledge base uses,
 * from which the subdivisions of a country are taken. Pure.
 */
export function applicabilityOf(code: string, known: Iterable<string>): Applicability {
  const country = countryOf(code);
  const subdivisions = [...known].filter((other) => other !== code && countryOf(other) === code);
  return {
    codes: [...new Set([code, ...(country && country !== code ? [country] : []), ...subdivisions])],
    systems: code === INTERNATIONAL ? [] : regionalSystemsOf(code),
    universal: code !== INTERNATIONAL,
  };
}
