import { createHash } from 'node:crypto';
import type { About } from './about.js';
import type { Authority } from './authority.js';
import type { AuthorityCitation } from './check-citations.js';
import type { Collection } from './collection.js';
import type { ContentProblem } from './content-problem.js';
import type { SynonymGroups } from './synonyms.js';
import type { Taxonomy } from './taxonomy.js';
import type { Note } from './validate-note.js';

/** A file's path (as shown in problems) and its raw bytes. */
export interface ContentFile {
  path: string;
  bytes: Uint8Array;
}

/** The files of a knowledge directory, read but not yet parsed. */
export interface KnowledgeFiles {
  taxonomy: ContentFile | undefined;
  synonyms: ContentFile | undefined;
  about?: ContentFile | undefined;
  notes: ContentFile[];
  collections: ContentFile[];
  /** knowledge/authorities/*.yml */
  authorities?: ContentFile[];
}

/** A note's front matter, slug and file: what a page shows around the body. */
export type NoteFields = Omit<Note, 'body' | 'bodyLine'>;

/**
 * The words of a note that a page shows but no listing, count or check needs: read from the file
 * with the body (`readNote`). At 50,000 notes they were several megabytes of a server's memory.
 */
export const FILE_ONLY_FIELDS = ['evidence_note', 'sources'] as const;
export type FileOnlyField = (typeof FILE_ONLY_FIELDS)[number];

/** The fields the catalogue lists for each note. */
export type ListedFields = Omit<NoteFields, FileOnlyField>;

/**
 * A published note as a knowledge base lists it: every front-matter field but the file-only ones,
 * its slug and file, but not its Markdown body. Bodies are most of a knowledge base's bytes; a
 * server reads a body from the note's file when a page or the index needs it
 * (`KnowledgeBase.readNote`), so its memory holds a catalogue, not the texts.
 */
export type PublishedNote = ListedFields & {
  /** 128 bits of SHA-256 of the note file's bytes: what the search index compares to skip notes that did not change. */
  digest: string;
};

/** A whole note's fields with the digest of its file: what the search index is built from. */
export type IndexedNote = NoteFields & { digest: string };

/**
 * Where a knowledge base finds a note's body: kept compressed in memory (tests, `npm run check`,
 * the export, which read every body anyway), or read again from the note's file (a server).
 */
export type BodySource = 'memory' | 'file';

/** Everything readers see: published notes by slug, aliases, collections and the vocabularies. */
export interface KnowledgeBase {
  taxonomy: Taxonomy;
  synonyms: SynonymGroups;
  /** Published notes, sorted by slug. */
  notes: PublishedNote[];
  bySlug: ReadonlyMap<string, PublishedNote>;
  /** Former slug → current slug. */
  aliases: ReadonlyMap<string, string>;
  collections: Collection[];
  /** The home page's sourced figures, if about.yml exists. */
  about: About | undefined;
  /** Valid drafts: checked, never served or indexed. */
  draftCount: number;
  /** SHA-256 of every content file, so a server can tell whether its index is stale. */
  contentHash: string;
  /** Cases, statutes, treaties, guidance and reports, sorted by id. */
  authorities: Authority[];
  authorityById: ReadonlyMap<string, Authority>;
  /** Former authority ids, each to the id it now has (an authority's `aliases`). */
  authorityAliases: ReadonlyMap<string, string>;
  /** Authority id → the published notes citing it, with pinpoint and section. */
  citedBy: ReadonlyMap<string, readonly AuthorityCitation[]>;
  /**
   * The whole note, body included: from memory, or parsed and checked again from its file (the
   * knowledge directory is the source of truth). Undefined when the file is gone or no longer a
   * valid note; the server then looks at the directory again (server/knowledge/).
   */
  readNote(note: PublishedNote): Promise<Note | undefined>;
}

/** The outcome of checking a knowledge directory: every problem, and what could be built from the valid files. */
export interface KnowledgeCheck {
  knowledgeBase: KnowledgeBase | undefined;
  problems: ContentProblem[];
  counts: { notes: number; collections: number };
}

/** 128 bits of SHA-256 of some bytes: enough to tell versions of a file apart, in half the memory of the whole digest. */
export function digestOf(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('base64url').slice(0, 22);
}
