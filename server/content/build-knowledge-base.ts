import { createHash } from 'node:crypto';
import { parseAbout, type About } from './about.js';
import { validateCollection, type Collection } from './collection.js';
import { compactNote } from './compact-note.js';
import type { ContentProblem } from './content-problem.js';
import { buildNoteSchema } from './note-schema.js';
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
  const counts = { notes: files.notes.length, collections: files.collections.length };
  if (!files.taxonomy) {
    return { knowledgeBase: undefined, counts, problems: [{ file: 'taxonomy.yml', line: 1, column: 1, field: 'file', message: 'is missing',
      hint: 'the knowledge directory needs taxonomy.yml with the labels of every vocabulary id' }] };
  }
  const problems: ContentProblem[] = [];
  const taxonomyData = parseYamlFile(files.taxonomy.path, files.taxonomy.bytes);
  const taxonomy = Array.isArray(taxonomyData) ? taxonomyData : parseTaxonomy(taxonomyData);
  if (Array.isArray(taxonomy)) return { knowledgeBase: undefined, counts, problems: taxonomy };

  let synonyms: SynonymGroups = [];
  if (files.synonyms) {
    const data = parseYamlFile(files.synonyms.path, files.synonyms.bytes);
    const parsed = Array.isArray(data) ? data : parseSynonyms(data);
    if (isProblemList(parsed)) problems.push(...parsed);
    else synonyms = parsed;
  }

  let about: About | undefined;
  if (files.about) {
    const data = parseYamlFile(files.about.path, files.about.bytes);
    const parsed = Array.isArray(data) ? data : parseAbout(data);
    if (Array.isArray(parsed)) problems.push(...parsed);
    else about = parsed;
  }

  const schema = buildNoteSchema(taxonomy, today);
  const checked: CheckedNote[] = [];
  for (const file of files.notes) {
    const parsed = parseFrontMatter(file.path, file.bytes);
    const note = Array.isArray(parsed) ? parsed : validateNote(parsed, schema, taxonomy);
    if (Array.isArray(note)) problems.push(...note);
    else if (!Array.isArray(parsed)) checked.push({ note, locate: rememberPositions(note, parsed.locate) });
  }

  problems.push(...findSlugCollisions(checked));
  const valid = checked.map(({ note }) => note);
  const published = valid.filter((note) => note.status === 'published');
  const publishedSlugs = new Set(published.map((note) => note.slug));
  const allSlugs = new Set(valid.map((note) => note.slug));
  for (const { note, locate } of checked) {
    for (const [language, target] of Object.entries(note.translations)) {
      if (!allSlugs.has(target)) {
        problems.push({ file: note.file, ...locate(['translations', language]), field: `translations.${language}`,
          message: `"${target}" is not a note in this knowledge base`, hint: 'give the slug of the translated note, or remove the entry until it exists' });
      }
    }
  }

  const linkable = new Set([...publishedSlugs, ...published.flatMap((note) => note.aliases)]);
  for (const note of published) problems.push(...findBrokenNoteLinks(note.file, note.body, note.bodyLine, linkable));

  const collections: Collection[] = [];
  for (const file of files.collections) {
    const parsed = parseFrontMatter(file.path, file.bytes);
    const collection = Array.isArray(parsed) ? parsed : validateCollection(parsed, publishedSlugs);
    if (Array.isArray(collection)) problems.push(...collection);
    else collections.push(collection);
  }

  const notes = published.map(compactNote).sort((a, b) => a.slug.localeCompare(b.slug));
  const aliases = new Map(published.flatMap((note) => note.aliases.map((alias) => [alias, note.slug] as const)));
  return {
    problems,
    counts,
    knowledgeBase: {
      taxonomy,
      synonyms,
      notes,
      bySlug: new Map(notes.map((note) => [note.slug, note])),
      aliases,
      collections: collections.sort((a, b) => a.slug.localeCompare(b.slug)),
      about,
      draftCount: valid.length - published.length,
      contentHash: hashFiles(files),
    },
  };
}

/**
 * Links to other notes (`](/notes/<slug>)`) must reach a published note or an alias: a reader who
 * follows one must never land on a 404.
 */
function findBrokenNoteLinks(file: string, body: string, bodyLine: number, linkable: ReadonlySet<string>): ContentProblem[] {
  const problems: ContentProblem[] = [];
  body.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(/\]\(\/notes\/([^)#?\s]+)/g)) {
      const target = match[1]!;
      if (linkable.has(target)) continue;
      problems.push({ file, line: bodyLine + index, column: (match.index ?? 0) + 3, field: 'body',
        message: `links to /notes/${target}, which is not a published note`, hint: 'correct the slug, or remove the link until that note is published' });
    }
  });
  return problems;
}

interface CheckedNote {
  note: Note;
  locate: (path: readonly PropertyKey[]) => { line: number; column: number };
}

// The cross-note checks need the positions of a few fields only. Keeping them, rather than the
// parsed YAML document behind `locate`, cut the peak memory of loading 10,000 notes by half.
function rememberPositions(note: Note, locate: FrontMatterFile['locate']): CheckedNote['locate'] {
  const paths: PropertyKey[][] = [['slug'], ...note.aliases.map((_, index) => ['aliases', index]), ...Object.keys(note.translations).map((language) => ['translations', language])];
  const positions = new Map(paths.map((path) => [path.join('.'), locate(path)]));
  return (path) => positions.get(path.join('.')) ?? { line: 1, column: 1 };
}

// Slugs and aliases share one namespace: /notes/<x> must name exactly one note.
function findSlugCollisions(checked: readonly CheckedNote[]): ContentProblem[] {
  const owner = new Map<string, Note>();
  const problems: ContentProblem[] = [];
  for (const { note, locate } of checked) {
    const names = [{ name: note.slug, path: ['slug'] }, ...note.aliases.map((alias, index) => ({ name: alias, path: ['aliases', index] }))];
    for (const { name, path } of names) {
      const first = owner.get(name);
      if (first && first !== note) {
        problems.push({ file: note.file, ...locate(path), field: path.join('.'),
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

function hashFiles(files: KnowledgeFiles): string {
  const hash = createHash('sha256');
  const all = [files.taxonomy, files.synonyms, files.about, ...files.notes, ...files.collections].filter((file): file is ContentFile => !!file);
  for (const file of all.sort((a, b) => a.path.localeCompare(b.path))) {
    hash.update(file.path).update('\0').update(file.bytes).update('\0');
  }
  return hash.digest('hex');
}
