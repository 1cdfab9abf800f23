import { createHeadingIds } from './heading-ids.js';

/** The section of a note a link sits in: its heading's anchor and text. */
export interface NoteSection {
  id: string;
  heading: string;
}

/** A link from a note's body to another Casebook page, located at its address, with the section it is in. */
export interface InternalLink {
  kind: 'notes' | 'authorities';
  /** The slug or authority id. */
  target: string;
  /** What follows `#`, if anything. */
  fragment: string | undefined;
  line: number;
  column: number;
  section: NoteSection | undefined;
}

/**
 * Finds every link from a note's body to /notes/<slug> or /authorities/<id>, for the checks that
 * involve other notes (the loader's and a submission's alike): inline links, with or without angle
 * brackets or a title, and reference definitions (`[x]: /notes/y`), never text inside fenced code
 * or a code span. Headings give each link its section, with the anchor the renderer makes
 * (heading-ids.ts). Linear in the body's length whatever the body holds: headings, code spans and
 * link texts are scanned by hand, every regular expression left is anchored or reads each
 * character a bounded number of times (the regexp lint holds this), and the property tests time it
 * on hostile lines at the largest size a submission may have. Pure.
 */
export function findInternalLinks(body: string, bodyLine: number): InternalLink[] {
  const headingId = createHeadingIds();
  const links: InternalLink[] = [];
  let section: NoteSection | undefined;
  let fence: string | undefined;
  body.split('\n').forEach((raw, index) => {
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(raw);
    if (fenceMatch) {
      if (!fence) fence = fenceMatch[1]![0];
      else if (fenceMatch[1]![0] === fence) fence = undefined;
      return;
    }
    if (fence) return;
    const heading = atxHeading(raw);
    if (heading) {
      const text = plainHeading(heading.text);
      const id = headingId(text);
      if (heading.level >= 2 && heading.level <= 4) section = { id, heading: text };
      return;
    }
    const line = blankCodeSpans(raw);
    const found = (offset: number) => {
      TARGET.lastIndex = offset;
      const match = TARGET.exec(line);
      if (match)
        links.push({ kind: match[1] as InternalLink['kind'], target: match[2]!, fragment: match[3], line: bodyLine + index, column: offset + 1, section });
    };
    const definition = /^\s{0,3}\[[^\]]+\]:\s*<?(\/(?:notes|authorities)\/)/.exec(line);
    if (definition) {
      found(definition[0].length - definition[1]!.length);
      return;
    }
    for (const match of line.matchAll(/\]\(\s*<?(?=\/(?:notes|authorities)\/)/g)) found((match.index ?? 0) + match[0].length);
  });
  return links;
}

// An address at a given offset (sticky). A target stops at the first character no slug or id has
// (brackets and parentheses included), so scanning one never runs on into the next link.
const TARGET = /\/(notes|authorities)\/([^#?\s>"[\]()]+)(?:#([^\s>"[\]()]+))?/y;

/** An ATX heading (`## Text ##`) as CommonMark reads it: its level and its text without the closing run of `#`. Pure. */
export function atxHeading(line: string): { level: number; text: string } | undefined {
  let at = 0;
  while (at < 3 && line[at] === ' ') at++;
  let level = 0;
  while (line[at + level] === '#') level++;
  if (level < 1 || level > 6) return undefined;
  const start = at + level;
  if (start < line.length && !isBlank(line[start]!)) return undefined;
  let end = line.length;
  while (end > start && isBlank(line[end - 1]!)) end--;
  let close = end;
  while (close > start && line[close - 1] === '#') close--;
  // A closing run counts only after a space (or when the heading is nothing else): `# C#` keeps its `#`.
  if (close === start || isBlank(line[close - 1]!)) end = close;
  let from = start;
  while (from < end && isBlank(line[from]!)) from++;
  while (end > from && isBlank(line[end - 1]!)) end--;
  return { level, text: line.slice(from, end) };
}

function isBlank(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\r';
}

/**
 * Code spans become spaces of the same length, so nothing in them is taken for a link and columns
 * stay right. A span opens with a run of backticks and closes at the next run of the same length
 * (CommonMark): every run is found in one pass, and each run's next run of its length in another,
 * so a line of unmatched runs of every length costs no more than its length. Pure.
 */
export function blankCodeSpans(line: string): string {
  if (!line.includes('`')) return line;
  const runs: Array<{ start: number; end: number }> = [];
  for (let at = line.indexOf('`'); at !== -1; at = line.indexOf('`', at)) {
    const start = at;
    while (line[at] === '`') at++;
    runs.push({ start, end: at });
  }
  const closer = new Array<number>(runs.length).fill(-1);
  const nextOfLength = new Map<number, number>();
  for (let index = runs.length - 1; index >= 0; index--) {
    const length = runs[index]!.end - runs[index]!.start;
    closer[index] = nextOfLength.get(length) ?? -1;
    nextOfLength.set(length, index);
  }
  let blanked = '';
  let copied = 0;
  for (let index = 0; index < runs.length; index++) {
    const close = closer[index]!;
    if (close === -1) continue;
    const { start } = runs[index]!;
    const { end } = runs[close]!;
    blanked += line.slice(copied, start) + ' '.repeat(end - start);
    copied = end;
    index = close;
  }
  return blanked + line.slice(copied);
}

/**
 * Heading text as the renderer's slug sees it: a link's or image's text kept (`[text](url)`), its
 * address dropped, emphasis and code marks dropped. By hand, with the next `]` and `)` of every
 * position found once beforehand: a line of 60,000 `[` costs one pass, not one pass per bracket. Pure.
 */
export function plainHeading(markdown: string): string {
  const nextClose = nextIndexOf(markdown, ']');
  const nextParen = nextIndexOf(markdown, ')');
  let text = '';
  let at = 0;
  while (at < markdown.length) {
    const open = markdown[at] === '!' && markdown[at + 1] === '[' ? at + 1 : markdown[at] === '[' ? at : -1;
    const close = open === -1 ? -1 : (nextClose[open + 1] ?? -1);
    const paren = close !== -1 && markdown[close + 1] === '(' ? (nextParen[close + 2] ?? -1) : -1;
    if (paren === -1) {
      text += markdown[at];
      at++;
      continue;
    }
    text += markdown.slice(open + 1, close);
    at = paren + 1;
  }
  return text.replace(/[*_`~]/g, '').trim();
}

// For each position, where the next `char` is at or after it (-1: none); one pass from the end.
function nextIndexOf(text: string, char: string): Int32Array {
  const next = new Int32Array(text.length + 1);
  next[text.length] = -1;
  for (let index = text.length - 1; index >= 0; index--) next[index] = text[index] === char ? index : next[index + 1]!;
  return next;
}
