import { createHash } from 'node:crypto';
import { parseAbout, type About } from './about.js';
import { validateCollection, type Collection } from './collection.js';
import { keepBody, withKeptBody } from './compact-note.js';
import type { ContentProblem } from './content-problem.js';
import { buildAuthoritySchema, validateAuthority, type Authority } from './authority.js';
import { checkCitations, type AuthorityCitation, type AuthorityLink } from './check-citations.js';
import { findInternalLinks } from './find-links.js';
import { buildNoteSchema, reservedSlugs } from './note-schema.js';
import { parseFrontMatter, parseYamlFile, type FrontMatterFile } from './parse-front-matter.js';
import { parseSynonyms, type SynonymGroups } from './synonyms.js';
import { parseTaxonomy, type Taxonomy } from './taxonomy.js';
import { validateNote, type Note } from './validate-note.js';

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
 * A published note as a knowledge base lists it: every front-matter field, its slug and file, but
 * not its Markdown body. Bodies are most of a knowledge base's bytes; a server reads a body from the
 * note's file when a page or the index needs it (`KnowledgeBase.readNote`), so its memory holds a
 * catalogue, not the texts.
 */
export type PublishedNote = ListedFields & {
  /** 128 bits of SHA-256 of the note file's bytes: what the search index compares to skip notes that did not change. */
  digest: string;
};

/**
 * The words of a note that a page shows but no listing, count or check needs: read from the file
 * with the body (`readNote`). At 50,000 notes the summaries alone were 10 MB of a server's memory.
 */
export const FILE_ONLY_FIELDS = ['summary', 'evidence_note', 'sources'] as const;
export type FileOnlyField = (typeof FILE_ONLY_FIELDS)[number];

/** The fields the catalogue lists for each note. */
export type ListedFields = Omit<NoteFields, FileOnlyField>;

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
  /** Authority id → the published notes citing it, with pinpoint and section. */
  citedBy: ReadonlyMap<string, readonly AuthorityCitation[]>;
  /**
   * The whole note, body included: from memory, or parsed and checked again from its file (the
   * knowledge directory is the source of truth). Undefined when the file is gone or no longer a
   * valid note; the server then looks at the directory again (live-knowledge.ts).
   */
  readNote(note: PublishedNote): Promise<Note | undefined>;
}

/** The outcome of checking a knowledge directory: every problem, and what could be built from the valid files. */
export interface KnowledgeCheck {
  knowledgeBase: KnowledgeBase | undefined;
  problems: ContentProblem[];
  counts: { notes: number; collections: number };
}

/**
 * Parses, validates and renders a whole knowledge directory, collecting every problem rather than
 * stopping at the first. Pure: the caller reads the files. Invalid notes are left out of the
 * knowledge base; `problems` says why.
 */
export function buildKnowledgeBase(files: KnowledgeFiles, today: string): KnowledgeCheck {
  const builder = new KnowledgeBuilder(files, today);
  for (const file of files.notes) builder.addNote(file);
  for (const file of files.collections) builder.addCollection(file);
  for (const file of files.authorities ?? []) builder.addAuthority(file);
  return builder.finish();
}

/** A link from a note's body to /notes/<slug>, located. */
interface NoteLink {
  target: string;
  line: number;
  column: number;
}

/**
 * Builds a knowledge base one file at a time, and keeps what it checked so that a running server
 * can replace or remove single files and finish again: a change to one note re-reads that note,
 * not the whole directory (live-knowledge.ts). A loader reads files in batches and lets each file's
 * bytes go as soon as its note is checked: memory holds notes, not files. Pure.
 */
export class KnowledgeBuilder {
  private readonly setupProblems: ContentProblem[] = [];
  /** Every note file, by path: its fingerprint, and either its problems or the note checked. */
  private readonly noteFiles = new Map<string, NoteFile>();
  private readonly authorityProblems = new Map<string, ContentProblem[]>();
  private readonly collectionFiles = new Map<string, ContentFile>();
  private readonly authorityFiles = new Map<string, Authority>();
  /** Fingerprints of the other content files (vocabularies, collections, authorities). */
  private readonly fileHashes = new Map<string, string>();
  /** One copy of each facet value and list of values shared by every note (see `catalogueEntry`). */
  private readonly shared = new Map<string, unknown>();
  private readonly taxonomy: Taxonomy | undefined;
  private readonly schema: ReturnType<typeof buildNoteSchema> | undefined;
  private readonly synonyms: SynonymGroups = [];
  private readonly about: About | undefined;
  private readonly bodies: BodySource;
  private readonly readFile: ((file: string) => Promise<ContentFile | undefined>) | undefined;
  private authoritySchema: ReturnType<typeof buildAuthoritySchema> | undefined;
  /** The catalogue's fields, in schema order (catalogueEntry). */
  private catalogueKeys: string[] | undefined;
  private catalogueTemplate: Record<string, unknown> = {};

  /**
   * With `bodies: 'file'` the builder keeps no body: `readNote` reads the note's file again through
   * `readFile` (the caller's I/O; the builder stays pure). By default bodies are kept compressed.
   */
  constructor(setup: Pick<KnowledgeFiles, 'taxonomy' | 'synonyms' | 'about'>, today: string,
    options: { bodies?: BodySource; readFile?: (file: string) => Promise<ContentFile | undefined> } = {}) {
    this.bodies = options.bodies ?? 'memory';
    this.readFile = options.readFile;
    if (this.bodies === 'file' && !this.readFile) throw new Error('a knowledge base that reads bodies from files needs readFile');
    for (const file of [setup.taxonomy, setup.synonyms, setup.about]) if (file) this.fileHashes.set(file.path, digestOf(file.bytes));
    if (!setup.taxonomy) {
      this.setupProblems.push({ file: 'taxonomy.yml', line: 1, column: 1, field: 'file', message: 'is missing',
        hint: 'the knowledge directory needs taxonomy.yml with the labels of every vocabulary id' });
      return;
    }
    const taxonomyData = parseYamlFile(setup.taxonomy.path, setup.taxonomy.bytes);
    const taxonomy = Array.isArray(taxonomyData) ? taxonomyData : parseTaxonomy(taxonomyData);
    if (Array.isArray(taxonomy)) {
      this.setupProblems.push(...taxonomy);
      return;
    }
    this.taxonomy = taxonomy;
    if (setup.synonyms) {
      const data = parseYamlFile(setup.synonyms.path, setup.synonyms.bytes);
      const parsed = Array.isArray(data) ? data : parseSynonyms(data);
      if (isProblemList(parsed)) this.setupProblems.push(...parsed);
      else this.synonyms = parsed;
    }
    this.schema = buildNoteSchema(taxonomy, today, reservedSlugs(taxonomy, this.synonyms));
    if (setup.about) {
      const data = parseYamlFile(setup.about.path, setup.about.bytes);
      const parsed = Array.isArray(data) ? data : parseAbout(data);
      if (Array.isArray(parsed)) this.setupProblems.push(...parsed);
      else this.about = parsed;
    }
  }

  /** Parses and validates one note file, replacing what an earlier version of the same path gave; keeps the note's catalogue entry, never the file. */
  addNote(file: ContentFile): void {
    const entry: NoteFile = { hash: digestOf(file.bytes) };
    this.noteFiles.set(file.path, entry);
    const note = this.parseNote(file);
    if (!note) return;
    if (Array.isArray(note)) {
      entry.problems = note;
      return;
    }
    const { note: valid, locate } = note;
    const links = findInternalLinks(valid.body, valid.bodyLine);
    const noteLinks = links.filter((link) => link.kind === 'notes').map(({ target, line, column }) => ({ target, line, column }));
    const authorityLinks = links.filter((link) => link.kind === 'authorities').map(({ kind: _kind, ...link }) => link);
    const listed = this.catalogueEntry(valid, entry.hash);
    if (this.bodies === 'memory') keepBody(listed, valid);
    const slugAt = locate(['slug']);
    entry.checked = {
      note: listed, positions: rememberPositions(valid, locate), slugLine: slugAt.line, slugColumn: slugAt.column,
      links: noteLinks.length > 0 ? noteLinks : NONE, authorityLinks: authorityLinks.length > 0 ? authorityLinks : NONE,
    };
  }

  /** Parses and validates a note file: the note and where its fields are, or its problems. */
  private parseNote(file: ContentFile): { note: Note; locate: FrontMatterFile['locate'] } | ContentProblem[] | undefined {
    if (!this.taxonomy || !this.schema) return undefined;
    const parsed = parseFrontMatter(file.path, file.bytes);
    if (Array.isArray(parsed)) return parsed;
    const note = validateNote(parsed, this.schema, this.taxonomy);
    return Array.isArray(note) ? note : { note, locate: parsed.locate };
  }

  /**
   * The note as the catalogue keeps it: without its body, and with one shared copy of each facet
   * value and each list of values. At 50,000 notes the same few hundred ids and lists were held
   * 50,000 times over (a megabyte per 1,000 notes); shared, a note costs its title, summary and slug.
   * Shared lists are frozen: a knowledge base is read, never changed in place.
   */
  private catalogueEntry(note: Note, digest: string): PublishedNote {
    // Every entry gets the same fields in the same order (an absent optional field is undefined), so
    // all share one hidden class. Built by spreading the parsed note, each had a class of its own:
    // 33,000 of them for 10,000 notes, 0.8 KB a note, and every read of a field went megamorphic.
    if (!this.catalogueKeys) {
      const fileOnly = new Set<string>(FILE_ONLY_FIELDS);
      this.catalogueKeys = [...new Set([...Object.keys(this.schema!.shape), 'slug', 'file', 'digest'])].filter((key) => !fileOnly.has(key));
      // A template with every field, parsed from JSON: V8 lays such an object out flat, and a spread
      // copy of it keeps that layout. Adding the fields one by one to {} turned each entry into a
      // hash table (a slow, larger "dictionary" object) past a dozen fields.
      this.catalogueTemplate = JSON.parse(`{${this.catalogueKeys.map((key) => `${JSON.stringify(key)}:null`).join(',')}}`) as Record<string, unknown>;
    }
    const entry = { ...this.catalogueTemplate };
    const fields = note as unknown as Record<string, unknown>;
    for (const key of this.catalogueKeys) entry[key] = UNIQUE_FIELDS.has(key) ? fields[key] : this.shareValue(fields[key]);
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

  /** Forgets a note file (deleted or renamed). */
  removeNote(filePath: string): void {
    this.noteFiles.delete(filePath);
  }

  /** The note files this builder holds, by path. */
  notePaths(): string[] {
    return [...this.noteFiles.keys()];
  }

  /** Collections are checked at the end, against the published notes. */
  addCollection(file: ContentFile): void {
    this.fileHashes.set(file.path, digestOf(file.bytes));
    this.collectionFiles.set(file.path, file);
  }

  /** Parses and validates one authority file (knowledge/authorities/<id>.yml). */
  addAuthority(file: ContentFile): void {
    this.fileHashes.set(file.path, digestOf(file.bytes));
    if (!this.taxonomy) return;
    this.authoritySchema ??= buildAuthoritySchema(this.taxonomy);
    const parsed = parseYamlFile(file.path, file.bytes);
    const authority = Array.isArray(parsed) ? parsed : validateAuthority(parsed, this.authoritySchema);
    if (Array.isArray(authority)) this.authorityProblems.set(file.path, authority);
    else if ([...this.authorityFiles.values()].some((other) => other.id === authority.id)) {
      // Authorities are read together, in directory order (a change to one reloads them all), so the first file read keeps an id.
      this.authorityProblems.set(file.path, [{ file: file.path, line: 1, column: 1, field: 'file', message: `the id "${authority.id}" is already used by another authority file`, hint: 'give each authority one file; rename or merge this one' }]);
    } else this.authorityFiles.set(file.path, authority);
  }

  /**
   * Runs the checks that involve several notes and returns the knowledge base and every problem.
   * It can run again after files were added, replaced or removed; files are taken in path order,
   * so the outcome never depends on the order they were read in.
   */
  finish(): KnowledgeCheck {
    const counts = { notes: this.noteFiles.size, collections: this.collectionFiles.size };
    const { taxonomy } = this;
    const byPath = <T>(map: ReadonlyMap<string, T>): T[] => [...map.keys()].sort().map((key) => map.get(key)!);
    const files = byPath(this.noteFiles);
    const problems = [...this.setupProblems, ...files.flatMap((file) => file.problems ?? []), ...[...this.authorityProblems.values()].flat()];
    if (!taxonomy) return { knowledgeBase: undefined, counts, problems };
    const checked = files.flatMap((file) => (file.checked ? [file.checked] : []));
    const collisions = findSlugCollisions(checked);
    problems.push(...collisions.problems);
    const valid = checked.map(({ note }) => note);
    // A note whose slug or alias another file already claims is never published: /notes/<x> names exactly one note.
    const published = valid.filter((note) => note.status === 'published' && !collisions.refused.has(note));
    const publishedSlugs = new Set(published.map((note) => note.slug));
    const allSlugs = new Set(valid.map((note) => note.slug));
    for (const { note, positions } of checked) {
      for (const [language, target] of Object.entries(note.translations)) {
        if (!allSlugs.has(target)) {
          problems.push({ file: note.file, ...positionOf(positions, ['translations', language]), field: `translations.${language}`,
            message: `"${target}" is not a note in this knowledge base`, hint: 'give the slug of the translated note, or remove the entry until it exists' });
        }
      }
    }

    // A link to another note must reach a published note or an alias: a reader who follows one must never land on a 404.
    const linkable = new Set([...publishedSlugs, ...published.flatMap((note) => note.aliases)]);
    for (const { note, links } of checked) {
      if (note.status !== 'published') continue;
      for (const link of links) {
        if (linkable.has(link.target)) continue;
        problems.push({ file: note.file, line: link.line, column: link.column, field: 'body',
          message: `links to /notes/${link.target}, which is not a published note`, hint: 'correct the slug, or remove the link until that note is published' });
      }
    }

    const authorities = [...this.authorityFiles.values()];
    authorities.sort((a, b) => a.id.localeCompare(b.id));
    const citations = checkCitations(authorities, checked.filter(({ note }) => !collisions.refused.has(note))
      .map(({ note, authorityLinks, positions }) => ({ note, links: authorityLinks, position: (path) => positionOf(positions, path) })));
    problems.push(...citations.problems);
    // A recommendation rests on the evidence of notes readers can open (CONTRACT §1 `rests_on`).
    for (const { note, positions } of checked) {
      note.rests_on?.forEach((target, index) => {
        if (linkable.has(target)) return;
        problems.push({ file: note.file, ...positionOf(positions, ['rests_on', index]), field: `rests_on.${index}`,
          message: `"${target}" is not a published note in this knowledge base`, hint: 'give the slug of a published note whose evidence supports the recommendation' });
      });
    }

    const collections: Collection[] = [];
    for (const file of byPath(this.collectionFiles)) {
      const parsed = parseFrontMatter(file.path, file.bytes);
      const collection = Array.isArray(parsed) ? parsed : validateCollection(parsed, publishedSlugs);
      if (Array.isArray(collection)) problems.push(...collection);
      else collections.push(collection);
    }

    const notes = [...published].sort((a, b) => a.slug.localeCompare(b.slug));
    const fingerprint = createHash('sha256');
    const hashes = new Map([...this.fileHashes, ...[...this.noteFiles].map(([file, entry]) => [file, entry.hash] as const)]);
    for (const file of [...hashes.keys()].sort()) fingerprint.update(`${file}\0${hashes.get(file)!}\0`);
    return {
      problems,
      counts,
      knowledgeBase: {
        taxonomy,
        synonyms: this.synonyms,
        notes,
        bySlug: new Map(notes.map((note) => [note.slug, note])),
        aliases: new Map(published.flatMap((note) => note.aliases.map((alias) => [alias, note.slug] as const))),
        collections: collections.sort((a, b) => a.slug.localeCompare(b.slug)),
        about: this.about,
        draftCount: valid.filter((note) => note.status !== 'published').length,
        contentHash: fingerprint.digest('hex'),
        authorities,
        authorityById: new Map(authorities.map((authority) => [authority.id, authority])),
        citedBy: citations.citedBy,
        readNote: this.noteReader(),
      },
    };
  }

  /** How the finished knowledge base gets a note's body: from memory, or its file parsed and checked again. */
  private noteReader(): KnowledgeBase['readNote'] {
    if (this.bodies === 'memory') return async (note) => withKeptBody(note);
    const readFile = this.readFile!;
    return async (listed) => {
      const file = await readFile(listed.file);
      const parsed = file && this.parseNote(file);
      // A file edited since it was listed is served as it is now, if it still is the same note.
      return parsed && !Array.isArray(parsed) && parsed.note.slug === listed.slug && parsed.note.status === 'published' ? parsed.note : undefined;
    };
  }
}

/** A note file as the builder keeps it. */
interface NoteFile {
  hash: string;
  problems?: ContentProblem[];
  checked?: CheckedNoteWithLinks;
}

/** 128 bits of SHA-256 of some bytes: enough to tell versions of a file apart, in half the memory of the whole digest. */
export function digestOf(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('base64url').slice(0, 22);
}

// Slug and file name the note alone; the title is its own words. Everything else
// (ids, codes, dates, names) recurs across notes and is shared.
const UNIQUE_FIELDS = new Set(['slug', 'file', 'title']);
const SHARED_STRING_LENGTH = 100;
const NONE: readonly never[] = Object.freeze([]);
const NO_FIELDS: Readonly<Record<string, never>> = Object.freeze({});

function isEmptyRecord(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

/** Where a field of a checked note was, for problems found once every note is known. */
type Positions = ReadonlyMap<string, { line: number; column: number }>;

interface CheckedNote {
  note: PublishedNote;
  /** Where the fields the cross-note checks report on are; undefined when the note has none but its slug. */
  positions: Positions | undefined;
  slugLine: number;
  slugColumn: number;
}

interface CheckedNoteWithLinks extends CheckedNote {
  links: readonly NoteLink[];
  authorityLinks: readonly AuthorityLink[];
}

// The cross-note checks need the positions of a few fields only. Keeping them as plain data, not a
// closure over the parsed YAML document, is what lets each document go: a closure that merely
// shared a scope with `locate` kept every document alive while loading (700 MB at 50,000 notes).
function rememberPositions(note: Note, locate: FrontMatterFile['locate']): Positions | undefined {
  if (note.aliases.length === 0 && note.authorities.length === 0 && Object.keys(note.translations).length === 0 && !note.rests_on) return undefined;
  const positions = new Map<string, { line: number; column: number }>();
  note.aliases.forEach((_, index) => positions.set(`aliases.${index}`, locate(['aliases', index])));
  positions.set('evidence_basis', locate(['evidence_basis']));
  note.authorities.forEach((cited, index) => {
    positions.set(`authorities.${index}`, locate(['authorities', index]));
    if (cited.pinpoint) positions.set(`authorities.${index}.pinpoint`, locate(['authorities', index, 'pinpoint']));
  });
  for (const language of Object.keys(note.translations)) positions.set(`translations.${language}`, locate(['translations', language]));
  note.rests_on?.forEach((_, index) => positions.set(`rests_on.${index}`, locate(['rests_on', index])));
  return positions;
}

function positionOf(positions: Positions | undefined, path: readonly PropertyKey[]): { line: number; column: number } {
  return positions?.get(path.join('.')) ?? { line: 1, column: 1 };
}

// Slugs and aliases share one namespace: /notes/<x> must name exactly one note. When two files
// claim one name, neither is published (CONTRACT §1): which one a reader meant cannot be known, and
// every replica must come to the same answer whatever order it read the files in.
function findSlugCollisions(checked: readonly CheckedNote[]): { problems: ContentProblem[]; refused: Set<PublishedNote> } {
  const claims = new Map<string, { note: PublishedNote; positions: Positions; path: (string | number)[] }[]>();
  for (const { note, positions: fields, slugLine, slugColumn } of checked) {
    const positions = new Map(fields);
    positions.set('slug', { line: slugLine, column: slugColumn });
    const names = [{ name: note.slug, path: ['slug'] as (string | number)[] }, ...note.aliases.map((alias, index) => ({ name: alias, path: ['aliases', index] }))];
    for (const { name, path } of names) {
      const list = claims.get(name) ?? [];
      if (!list.some((claim) => claim.note === note)) list.push({ note, positions, path });
      claims.set(name, list);
    }
  }
  const problems: ContentProblem[] = [];
  const refused = new Set<PublishedNote>();
  for (const [name, list] of claims) {
    if (list.length < 2) continue;
    for (const { note, positions, path } of list) {
      refused.add(note);
      const others = list.filter((claim) => claim.note !== note).map((claim) => claim.note.file).join(', ');
      problems.push({ file: note.file, ...positionOf(positions, path), field: path.join('.'),
        message: `"${name}" is already used by ${others}; neither note is published until one of them changes`, hint: 'slugs and aliases must be unique across the knowledge base; choose another' });
    }
  }
  return { problems, refused };
}

function isProblemList(value: unknown): value is ContentProblem[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null && 'line' in item);
}
