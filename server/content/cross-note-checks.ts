import type { Authority } from './authority.js';
import { checkCitations, type AuthorityCitation, type AuthorityLink } from './check-citations.js';
import type { ContentProblem } from './content-problem.js';
import type { PublishedNote } from './knowledge-base.js';
import type { FrontMatterFile } from './parse-front-matter.js';
import type { Note } from './validate-note.js';

/** A link from a note's body to /notes/<slug>, located. */
export interface NoteLink {
  target: string;
  line: number;
  column: number;
}

/** Where a field of a checked note was, for problems found once every note is known. */
export type Positions = ReadonlyMap<string, { line: number; column: number }>;

/** A note that passed its own checks, with what the checks across notes need of it. */
export interface CheckedNote {
  note: PublishedNote;
  /** Where the fields the cross-note checks report on are; undefined when the note has none but its slug. */
  positions: Positions | undefined;
  slugLine: number;
  slugColumn: number;
  links: readonly NoteLink[];
  authorityLinks: readonly AuthorityLink[];
}

/** What the checks across notes found: problems, the notes that may be published, and who cites each authority. */
export interface CrossNoteOutcome {
  problems: ContentProblem[];
  /** Published notes whose slug and aliases no other note claims. */
  published: PublishedNote[];
  citedBy: ReadonlyMap<string, readonly AuthorityCitation[]>;
}

/**
 * The rules that involve several notes: unique slugs and aliases, translations naming notes that
 * exist, links and `rests_on` reaching published notes, citations of known authorities. Notes are
 * taken in the order given (the builder gives path order), so the outcome never depends on the
 * order files were read in. Pure.
 */
export function checkAcrossNotes(checked: readonly CheckedNote[], authorities: readonly Authority[]): CrossNoteOutcome {
  const collisions = findSlugCollisions(checked);
  const problems = [...collisions.problems];
  const valid = checked.map(({ note }) => note);
  // A note whose slug or alias another file already claims is never published: /notes/<x> names exactly one note.
  const published = valid.filter((note) => note.status === 'published' && !collisions.refused.has(note));
  const allSlugs = new Set(valid.map((note) => note.slug));
  for (const { note, positions } of checked) {
    for (const [language, target] of Object.entries(note.translations)) {
      if (allSlugs.has(target)) continue;
      problems.push({
        file: note.file,
        ...positionOf(positions, ['translations', language]),
        field: `translations.${language}`,
        message: `"${target}" is not a note in this knowledge base`,
        hint: 'give the slug of the translated note, or remove the entry until it exists',
      });
    }
  }

  // A link to another note must reach a published note or an alias: a reader who follows one must never land on a 404.
  const linkable = new Set([...published.map((note) => note.slug), ...published.flatMap((note) => note.aliases)]);
  for (const { note, links } of checked) {
    if (note.status !== 'published') continue;
    for (const link of links) {
      if (linkable.has(link.target)) continue;
      problems.push({
        file: note.file,
        line: link.line,
        column: link.column,
        field: 'body',
        message: `links to /notes/${link.target}, which is not a published note`,
        hint: 'correct the slug, or remove the link until that note is published',
      });
    }
  }

  const citations = checkCitations(
    authorities,
    checked
      .filter(({ note }) => !collisions.refused.has(note))
      .map(({ note, authorityLinks, positions }) => ({ note, links: authorityLinks, position: (path) => positionOf(positions, path) })),
  );
  problems.push(...citations.problems);
  // A recommendation rests on the evidence of notes readers can open (docs/contract.md §1 `rests_on`).
  for (const { note, positions } of checked) {
    note.rests_on?.forEach((target, index) => {
      if (linkable.has(target)) return;
      problems.push({
        file: note.file,
        ...positionOf(positions, ['rests_on', index]),
        field: `rests_on.${index}`,
        message: `"${target}" is not a published note in this knowledge base`,
        hint: 'give the slug of a published note whose evidence supports the recommendation',
      });
    });
  }
  return { problems, published, citedBy: citations.citedBy };
}

// The cross-note checks need the positions of a few fields only. Keeping them as plain data, not a
// closure over the parsed YAML document, is what lets each document go: a closure that merely
// shared a scope with `locate` kept every document alive while loading (700 MB at 50,000 notes).
/** The positions of the fields the cross-note checks report on, as plain data; undefined when there are none. */
export function rememberPositions(note: Note, locate: FrontMatterFile['locate']): Positions | undefined {
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
// claim one name, neither is published (docs/contract.md §1): which one a reader meant cannot be known, and
// every replica must come to the same answer whatever order it read the files in.
function findSlugCollisions(checked: readonly CheckedNote[]): { problems: ContentProblem[]; refused: Set<PublishedNote> } {
  const claims = new Map<string, { note: PublishedNote; positions: Positions; path: (string | number)[] }[]>();
  for (const { note, positions: fields, slugLine, slugColumn } of checked) {
    const positions = new Map(fields);
    positions.set('slug', { line: slugLine, column: slugColumn });
    const names = [
      { name: note.slug, path: ['slug'] as (string | number)[] },
      ...note.aliases.map((alias, index) => ({ name: alias, path: ['aliases', index] })),
    ];
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
      const others = list
        .filter((claim) => claim.note !== note)
        .map((claim) => claim.note.file)
        .join(', ');
      problems.push({
        file: note.file,
        ...positionOf(positions, path),
        field: path.join('.'),
        message: `"${name}" is already used by ${others}; neither note is published until one of them changes`,
        hint: 'slugs and aliases must be unique across the knowledge base; choose another',
      });
    }
  }
  return { problems, refused };
}
