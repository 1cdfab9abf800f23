import { createHash } from 'node:crypto';
import { parseAbout, type About } from './about.js';
import { validateCollection, type Collection } from './collection.js';
import { compactNote } from './compact-note.js';
import type { ContentProblem } from './content-problem.js';
import { buildAuthoritySchema, validateAuthority, type Authority } from './authority.js';
import { checkCitations, findAuthorityLinks, type AuthorityCitation, type AuthorityLink } from './check-citations.js';
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

/**
 * A published note. Its body is kept compressed (compact-note.ts) and rendered on demand: the web
 * app caches the pages readers open, and the indexer renders batch by batch.
 */
export type PublishedNote = Note;

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
 * Builds a knowledge base one note at a time, so a loader can read files in batches and let each
 * file's bytes go as soon as its note is checked: memory then holds notes, not files. Pure.
 */
export class KnowledgeBuilder {
  private readonly problems: ContentProblem[] = [];
  private readonly checked: CheckedNoteWithLinks[] = [];
  private readonly collectionFiles: ContentFile[] = [];
  private readonly authorities: Authority[] = [];
  private readonly hash = createHash('sha256');
  private readonly taxonomy: Taxonomy | undefined;
  private readonly schema: ReturnType<typeof buildNoteSchema> | undefined;
  private readonly synonyms: SynonymGroups = [];
  private readonly about: About | undefined;
  private authoritySchema: ReturnType<typeof buildAuthoritySchema> | undefined;
  private noteCount = 0;

  constructor(setup: Pick<KnowledgeFiles, 'taxonomy' | 'synonyms' | 'about'>, today: string) {
    for (const file of [setup.taxonomy, setup.synonyms, setup.about]) if (file) this.hashFile(file);
    if (!setup.taxonomy) {
      this.problems.push({ file: 'taxonomy.yml', line: 1, column: 1, field: 'file', message: 'is missing',
        hint: 'the knowledge directory needs taxonomy.yml with the labels of every vocabulary id' });
      return;
    }
    const taxonomyData = parseYamlFile(setup.taxonomy.path, setup.taxonomy.bytes);
    const taxonomy = Array.isArray(taxonomyData) ? taxonomyData : parseTaxonomy(taxonomyData);
    if (Array.isArray(taxonomy)) {
      this.problems.push(...taxonomy);
      return;
    }
    this.taxonomy = taxonomy;
    if (setup.synonyms) {
      const data = parseYamlFile(setup.synonyms.path, setup.synonyms.bytes);
      const parsed = Array.isArray(data) ? data : parseSynonyms(data);
      if (isProblemList(parsed)) this.problems.push(...parsed);
      else this.synonyms = parsed;
    }
    this.schema = buildNoteSchema(taxonomy, today, reservedSlugs(taxonomy, this.synonyms));
    if (setup.about) {
      const data = parseYamlFile(setup.about.path, setup.about.bytes);
      const parsed = Array.isArray(data) ? data : parseAbout(data);
      if (Array.isArray(parsed)) this.problems.push(...parsed);
      else this.about = parsed;
    }
  }

  /** Parses and validates one note file; keeps the note (body compressed), never the file. */
  addNote(file: ContentFile): void {
    this.noteCount++;
    this.hashFile(file);
    if (!this.taxonomy || !this.schema) return;
    const parsed = parseFrontMatter(file.path, file.bytes);
    const note = Array.isArray(parsed) ? parsed : validateNote(parsed, this.schema, this.taxonomy);
    if (Array.isArray(note)) this.problems.push(...note);
    else if (!Array.isArray(parsed)) {
      this.checked.push({ note: compactNote(note), positions: rememberPositions(note, parsed.locate), links: findNoteLinks(note.body, note.bodyLine),
        authorityLinks: note.authorities.length > 0 || note.body.includes('](/authorities/') ? findAuthorityLinks(note.body, note.bodyLine) : [] });
    }
  }

  /** Collections are checked at the end, against the published notes. */
  addCollection(file: ContentFile): void {
    this.hashFile(file);
    this.collectionFiles.push(file);
  }

  /** Parses and validates one authority file (knowledge/authorities/<id>.yml). */
  addAuthority(file: ContentFile): void {
    this.hashFile(file);
    if (!this.taxonomy) return;
    this.authoritySchema ??= buildAuthoritySchema(this.taxonomy);
    const parsed = parseYamlFile(file.path, file.bytes);
    const authority = Array.isArray(parsed) ? parsed : validateAuthority(parsed, this.authoritySchema);
    if (Array.isArray(authority)) this.problems.push(...authority);
    else if (this.authorities.some((other) => other.id === authority.id)) {
      this.problems.push({ file: file.path, line: 1, column: 1, field: 'file', message: `the id "${authority.id}" is already used by another authority file`, hint: 'give each authority one file; rename or merge this one' });
    } else this.authorities.push(authority);
  }

  /** Runs the checks that involve several notes and returns the knowledge base and every problem. */
  finish(): KnowledgeCheck {
    const counts = { notes: this.noteCount, collections: this.collectionFiles.length };
    const { taxonomy, checked } = this;
    if (!taxonomy) return { knowledgeBase: undefined, counts, problems: this.problems };
    const problems = [...this.problems, ...findSlugCollisions(checked)];
    const valid = checked.map(({ note }) => note);
    const published = valid.filter((note) => note.status === 'published');
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

    const authorities = [...this.authorities].sort((a, b) => a.id.localeCompare(b.id));
    const citations = checkCitations(authorities, checked.map(({ note, authorityLinks, positions }) => ({ note, links: authorityLinks, position: (path) => positionOf(positions, path) })));
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
    for (const file of this.collectionFiles) {
      const parsed = parseFrontMatter(file.path, file.bytes);
      const collection = Array.isArray(parsed) ? parsed : validateCollection(parsed, publishedSlugs);
      if (Array.isArray(collection)) problems.push(...collection);
      else collections.push(collection);
    }

    const notes = [...published].sort((a, b) => a.slug.localeCompare(b.slug));
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
        draftCount: valid.length - published.length,
        contentHash: this.hash.copy().digest('hex'),
        authorities,
        authorityById: new Map(authorities.map((authority) => [authority.id, authority])),
        citedBy: citations.citedBy,
      },
    };
  }

  private hashFile(file: ContentFile): void {
    this.hash.update(file.path).update('\0').update(file.bytes).update('\0');
  }
}

function findNoteLinks(body: string, bodyLine: number): NoteLink[] {
  const links: NoteLink[] = [];
  body.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(/\]\(\/notes\/([^)#?\s]+)/g)) links.push({ target: match[1]!, line: bodyLine + index, column: (match.index ?? 0) + 3 });
  });
  return links;
}

/** Where a field of a checked note was, for problems found once every note is known. */
type Positions = ReadonlyMap<string, { line: number; column: number }>;

interface CheckedNote {
  note: Note;
  positions: Positions;
}

interface CheckedNoteWithLinks extends CheckedNote {
  links: NoteLink[];
  authorityLinks: AuthorityLink[];
}

// The cross-note checks need the positions of a few fields only. Keeping them as plain data, not a
// closure over the parsed YAML document, is what lets each document go: a closure that merely
// shared a scope with `locate` kept every document alive while loading (700 MB at 50,000 notes).
function rememberPositions(note: Note, locate: FrontMatterFile['locate']): Positions {
  const positions = new Map<string, { line: number; column: number }>();
  positions.set('slug', locate(['slug']));
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

function positionOf(positions: Positions, path: readonly PropertyKey[]): { line: number; column: number } {
  return positions.get(path.join('.')) ?? { line: 1, column: 1 };
}

// Slugs and aliases share one namespace: /notes/<x> must name exactly one note.
function findSlugCollisions(checked: readonly CheckedNote[]): ContentProblem[] {
  const owner = new Map<string, Note>();
  const problems: ContentProblem[] = [];
  for (const { note, positions } of checked) {
    const names = [{ name: note.slug, path: ['slug'] }, ...note.aliases.map((alias, index) => ({ name: alias, path: ['aliases', index] }))];
    for (const { name, path } of names) {
      const first = owner.get(name);
      if (first && first !== note) {
        problems.push({ file: note.file, ...positionOf(positions, path), field: path.join('.'),
          message: `"${name}" is already used by ${first.file}`, hint: 'slugs and aliases must be unique across the knowledge base; choose another' });
      } else {
        owner.set(name, note);
      }
    }
  }
  return problems;
}

function isProblemList(value: unknown): value is ContentProblem[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null && 'line' in item);
}
