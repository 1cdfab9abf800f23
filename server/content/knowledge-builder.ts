import { createHash } from 'node:crypto';
import { parseAbout, type About } from './about.js';
import { buildAuthoritySchema, validateAuthority, type Authority } from './authority.js';
import { Catalogue, NONE } from './catalogue.js';
import { validateCollection, type Collection } from './collection.js';
import { keepBody, withKeptBody } from './compact-note.js';
import type { ContentProblem } from './content-problem.js';
import { checkAcrossNotes, rememberPositions, type CheckedNote } from './cross-note-checks.js';
import { findInternalLinks } from './find-links.js';
import { digestOf, type BodySource, type ContentFile, type KnowledgeBase, type KnowledgeCheck, type KnowledgeFiles } from './knowledge-base.js';
import { buildNoteSchema, reservedSlugs } from './front-matter-schema.js';
import { parseFrontMatter, parseYamlFile, type FrontMatterFile } from './parse-front-matter.js';
import { parseSynonyms, type SynonymGroups } from './synonyms.js';
import { parseTaxonomy, type Taxonomy } from './taxonomy.js';
import { validateNote, type Note } from './validate-note.js';

/** A note file as the builder keeps it: its fingerprint, and either its problems or the note checked. */
interface NoteFile {
  hash: string;
  problems?: ContentProblem[];
  checked?: CheckedNote;
}

/**
 * Builds a knowledge base one file at a time, and keeps what it checked so that a running server
 * can replace or remove single files and finish again: a change to one note re-reads that note,
 * not the whole directory (server/knowledge/). A loader reads files in batches and lets each file's
 * bytes go as soon as its note is checked: memory holds notes, not files. Pure.
 */
export class KnowledgeBuilder {
  private readonly setupProblems: ContentProblem[] = [];
  private readonly noteFiles = new Map<string, NoteFile>();
  private readonly authorityProblems = new Map<string, ContentProblem[]>();
  private readonly collectionFiles = new Map<string, ContentFile>();
  private readonly authorityFiles = new Map<string, Authority>();
  /** Where each authority file writes its aliases, for a located problem when one clashes. */
  private readonly aliasPositions = new Map<string, { line: number; column: number }[]>();
  /** Fingerprints of the other content files (vocabularies, collections, authorities). */
  private readonly fileHashes = new Map<string, string>();
  private readonly taxonomy: Taxonomy | undefined;
  private readonly schema: ReturnType<typeof buildNoteSchema> | undefined;
  private readonly catalogue: Catalogue | undefined;
  private readonly synonyms: SynonymGroups = [];
  private readonly about: About | undefined;
  private readonly bodies: BodySource;
  private readonly readFile: ((file: string) => Promise<ContentFile | undefined>) | undefined;
  private authoritySchema: ReturnType<typeof buildAuthoritySchema> | undefined;

  /**
   * With `bodies: 'file'` the builder keeps no body: `readNote` reads the note's file again through
   * `readFile` (the caller's I/O; the builder stays pure). By default bodies are kept compressed.
   */
  constructor(
    setup: Pick<KnowledgeFiles, 'taxonomy' | 'synonyms' | 'about'>,
    today: string,
    options: { bodies?: BodySource; readFile?: (file: string) => Promise<ContentFile | undefined> } = {},
  ) {
    this.bodies = options.bodies ?? 'memory';
    this.readFile = options.readFile;
    if (this.bodies === 'file' && !this.readFile) throw new Error('a knowledge base that reads bodies from files needs readFile');
    for (const file of [setup.taxonomy, setup.synonyms, setup.about]) if (file) this.fileHashes.set(file.path, digestOf(file.bytes));
    if (!setup.taxonomy) {
      this.setupProblems.push({
        file: 'taxonomy.yml',
        line: 1,
        column: 1,
        field: 'file',
        message: 'is missing',
        hint: 'the knowledge directory needs taxonomy.yml with the labels of every vocabulary id',
      });
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
    this.catalogue = new Catalogue(Object.keys(this.schema.shape));
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
    const parsed = this.parseNote(file);
    if (!parsed) return;
    if (Array.isArray(parsed)) {
      entry.problems = parsed;
      return;
    }
    const { note, locate } = parsed;
    const links = findInternalLinks(note.body, note.bodyLine);
    const noteLinks = links.filter((link) => link.kind === 'notes').map(({ target, line, column }) => ({ target, line, column }));
    const authorityLinks = links.filter((link) => link.kind === 'authorities').map(({ kind: _kind, ...link }) => link);
    const listed = this.catalogue!.entry(note, entry.hash);
    if (this.bodies === 'memory') keepBody(listed, note);
    const slugAt = locate(['slug']);
    entry.checked = {
      note: listed,
      positions: rememberPositions(note, locate),
      slugLine: slugAt.line,
      slugColumn: slugAt.column,
      links: noteLinks.length > 0 ? noteLinks : NONE,
      authorityLinks: authorityLinks.length > 0 ? authorityLinks : NONE,
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
      this.authorityProblems.set(file.path, [
        {
          file: file.path,
          line: 1,
          column: 1,
          field: 'file',
          message: `the id "${authority.id}" is already used by another authority file`,
          hint: 'give each authority one file; rename or merge this one',
        },
      ]);
    } else {
      this.authorityFiles.set(file.path, authority);
      if (!Array.isArray(parsed))
        this.aliasPositions.set(
          file.path,
          authority.aliases.map((_, index) => parsed.locate(['aliases', index])),
        );
    }
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
    const authorities = [...this.authorityFiles.values()].sort((a, b) => a.id.localeCompare(b.id));
    const authorityAliases = aliasesOf(authorities, problems, (file, index) => this.aliasPositions.get(file)?.[index] ?? { line: 1, column: 1 });
    const across = checkAcrossNotes(checked, authorities);
    problems.push(...across.problems);
    const { published } = across;
    const publishedSlugs = new Set(published.map((note) => note.slug));

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
        draftCount: checked.filter(({ note }) => note.status !== 'published').length,
        contentHash: fingerprint.digest('hex'),
        authorities,
        authorityById: new Map(authorities.map((authority) => [authority.id, authority])),
        authorityAliases,
        citedBy: across.citedBy,
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

function isProblemList(value: unknown): value is ContentProblem[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null && 'line' in item);
}

/**
 * Former authority ids to current ones. An alias must name no other authority and be claimed once:
 * /authorities/<x> names exactly one authority. A clash is a problem on the alias's file.
 */
function aliasesOf(
  authorities: readonly Authority[],
  problems: ContentProblem[],
  at: (file: string, index: number) => { line: number; column: number },
): Map<string, string> {
  const ids = new Set(authorities.map((authority) => authority.id));
  const aliases = new Map<string, string>();
  for (const authority of authorities) {
    authority.aliases.forEach((alias, index) => {
      const other = ids.has(alias) ? alias : aliases.get(alias);
      if (other === undefined) aliases.set(alias, authority.id);
      else
        problems.push({
          file: authority.file,
          ...at(authority.file, index),
          field: `aliases.${index}`,
          message: `"${alias}" is already the id or an alias of ${other}`,
          hint: 'an alias is a former id no other authority uses; remove it or rename the other',
        });
    });
  }
  return aliases;
}
