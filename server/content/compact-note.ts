import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { digestOf, type PublishedNote } from './build-knowledge-base.js';
import type { Note } from './validate-note.js';

/**
 * Bodies kept in memory, compressed, for knowledge bases that read every body anyway (tests,
 * `npm run check`, the export): a note's Markdown is most of its bytes, and deflated it takes about
 * a third. Keyed by the catalogue's note object, so any knowledge base that lists that object can
 * give its body back, and a note no longer listed anywhere lets its body go.
 */
const keptBodies = new WeakMap<PublishedNote, { compressed: Buffer; bodyLine: number }>();

/** Remembers `note`'s body (compressed) for `bodyOf`. */
export function keepBody(note: PublishedNote, body: string, bodyLine: number): void {
  // zlib hands back a view on a 16 KB output chunk; copying keeps 2–3 KB instead of the whole chunk.
  keptBodies.set(note, { compressed: Buffer.from(deflateRawSync(Buffer.from(body, 'utf8'))), bodyLine });
}

/** The whole note, if its body was kept (about 0.05 ms to inflate). */
export function withKeptBody(note: PublishedNote): Note | undefined {
  const kept = keptBodies.get(note);
  if (!kept) return undefined;
  // The note as a file gives it: the catalogue's undefined optional fields and its digest left out.
  const fields = Object.fromEntries(Object.entries(note).filter(([key, value]) => value !== undefined && key !== 'digest'));
  return { ...(fields as unknown as Note), body: inflateRawSync(kept.compressed).toString('utf8'), bodyLine: kept.bodyLine };
}

/** A catalogue entry for a whole note, with its body kept: for knowledge bases built in memory. */
export function compactNote(note: Note): PublishedNote {
  const { body, bodyLine, ...rest } = note;
  // Not read from a file here (an approval in a test, the export): the digest covers what the file would hold.
  const fields = { ...rest, digest: digestOf(`${JSON.stringify(rest)}\0${body}`) };
  keepBody(fields, body, bodyLine);
  return fields;
}
