import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { digestOf, FILE_ONLY_FIELDS, type PublishedNote } from './knowledge-base.js';
import type { Note } from './validate-note.js';

/**
 * Bodies kept in memory, compressed, for knowledge bases that read every body anyway (tests,
 * `npm run check`, the export): a note's Markdown is most of its bytes, and deflated it takes about
 * a third. With the body go the other words the catalogue leaves to the file (FILE_ONLY_FIELDS).
 * Keyed by the catalogue's note object, so any knowledge base that lists that object can give the
 * whole note back, and a note no longer listed anywhere lets its text go.
 */
const kept = new WeakMap<PublishedNote, { compressed: Buffer; bodyLine: number; words: Partial<Note> }>();

/** Remembers what `note`'s catalogue entry leaves out of `whole` (its body compressed), for `withKeptBody`. */
export function keepBody(note: PublishedNote, whole: Note): void {
  const words = Object.fromEntries(FILE_ONLY_FIELDS.filter((field) => whole[field] !== undefined).map((field) => [field, whole[field]]));
  // zlib hands back a view on a 16 KB output chunk; copying keeps 2–3 KB instead of the whole chunk.
  kept.set(note, { compressed: Buffer.from(deflateRawSync(Buffer.from(whole.body, 'utf8'))), bodyLine: whole.bodyLine, words });
}

/** The words a catalogue entry leaves to its file (evidence note, sources), if they were kept: no body inflated. */
export function keptWords(note: PublishedNote): Partial<Pick<Note, 'evidence_note' | 'sources'>> {
  return kept.get(note)?.words ?? {};
}

/** The whole note, if it was kept (about 0.05 ms to inflate). */
export function withKeptBody(note: PublishedNote): Note | undefined {
  const entry = kept.get(note);
  if (!entry) return undefined;
  // The note as a file gives it: the catalogue's undefined optional fields and its digest left out.
  const fields = Object.fromEntries(Object.entries(note).filter(([key, value]) => value !== undefined && key !== 'digest'));
  return { ...(fields as unknown as Note), ...entry.words, body: inflateRawSync(entry.compressed).toString('utf8'), bodyLine: entry.bodyLine };
}

/** A catalogue entry for a whole note, the rest kept: for knowledge bases built in memory. */
export function compactNote(note: Note): PublishedNote {
  const { body, bodyLine: _bodyLine, ...rest } = note;
  const listed = Object.fromEntries(Object.entries(rest).filter(([key]) => !(FILE_ONLY_FIELDS as readonly string[]).includes(key)));
  // Not read from a file here (an approval in a test, the export): the digest covers what the file would hold.
  const entry = { ...listed, digest: digestOf(`${JSON.stringify(rest)}\0${body}`) } as unknown as PublishedNote;
  keepBody(entry, note);
  return entry;
}
