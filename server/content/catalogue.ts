import { FILE_ONLY_FIELDS, type PublishedNote } from './knowledge-base.js';
import type { Note } from './validate-note.js';

// Slug and file name the note alone; the title and summary are its own words. Everything else
// (ids, codes, dates, names) recurs across notes and is shared.
const UNIQUE_FIELDS = new Set(['slug', 'file', 'title', 'summary']);
const SHARED_STRING_LENGTH = 100;

/** The frozen empty list every catalogue entry without values shares. */
export const NONE: readonly never[] = Object.freeze([]);
const NO_FIELDS: Readonly<Record<string, never>> = Object.freeze({});

/**
 * The catalogue's entries: a note without its body, with one shared copy of each facet value and
 * each list of values. At 50,000 notes the same few hundred ids and lists were held 50,000 times
 * over (a megabyte per 1,000 notes); shared, a note costs its title, summary and slug. Shared lists
 * are frozen: a knowledge base is read, never changed in place. Pure.
 */
export class Catalogue {
  private readonly shared = new Map<string, unknown>();
  private readonly keys: string[];
  private readonly template: Record<string, unknown>;

  /** `fields`: the schema's field names, in schema order. */
  constructor(fields: readonly string[]) {
    const fileOnly = new Set<string>(FILE_ONLY_FIELDS);
    this.keys = [...new Set([...fields, 'slug', 'file', 'digest'])].filter((key) => !fileOnly.has(key));
    // Every entry gets the same fields in the same order (an absent optional field is undefined), so
    // all share one hidden class. Built by spreading the parsed note, each had a class of its own:
    // 33,000 of them for 10,000 notes, 0.8 KB a note, and every read of a field went megamorphic.
    // A template parsed from JSON is laid out flat by V8, and a spread copy keeps that layout; adding
    // the fields one by one to {} turned each entry into a (slower, larger) dictionary object.
    this.template = JSON.parse(`{${this.keys.map((key) => `${JSON.stringify(key)}:null`).join(',')}}`) as Record<string, unknown>;
  }

  /** The catalogue entry of a checked note whose file has this digest. */
  entry(note: Note, digest: string): PublishedNote {
    const entry = { ...this.template };
    const fields = note as unknown as Record<string, unknown>;
    for (const key of this.keys) entry[key] = UNIQUE_FIELDS.has(key) ? fields[key] : this.shareValue(fields[key]);
    entry.digest = digest;
    return entry as unknown as PublishedNote;
  }

  /** One copy of a recurring value: an id, a code, a date, a list of them, an empty list or record. */
  private shareValue(value: unknown): unknown {
    if (typeof value === 'string' && value.length <= SHARED_STRING_LENGTH) return this.share(`s${value}`, () => value);
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
      return this.share(`a${value.join('\u0000')}`, () => Object.freeze(value.map((item) => this.share(`s${item}`, () => item))));
    }
    if (Array.isArray(value) && value.length === 0) return NONE;
    if (isEmptyRecord(value)) return NO_FIELDS;
    return value;
  }

  private share<T>(key: string, make: () => T): T {
    let value = this.shared.get(key) as T | undefined;
    if (value === undefined) this.shared.set(key, (value = make()));
    return value;
  }
}

function isEmptyRecord(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}
