import GithubSlugger from 'github-slugger';
import { PAGE_ID_PREFIXES } from './render-note.js';

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
 * (github-slugger, page ids guarded). It reads line by line and is linear in the body's length
 * whatever the body holds, so it runs on the event loop even for a hostile submission; a full
 * Markdown parse stays in the rendering threads. Pure.
 */
export function findInternalLinks(body: string, bodyLine: number): InternalLink[] {
  const slugger = new GithubSlugger();
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
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(raw);
    if (heading) {
      const text = plainHeading(heading[2]!);
      let id = slugger.slug(text);
      if (PAGE_ID_PREFIXES.some((prefix) => id.startsWith(prefix))) id = `user-content-${id}`;
      if (heading[1]!.length >= 2 && heading[1]!.length <= 4) section = { id, heading: text };
      return;
    }
    const line = blankCodeSpans(raw);
    const found = (url: string, offset: number) => {
      const match = /^\/(notes|authorities)\/([^)#?\s>"]+)(?:#([^)\s>"]+))?/.exec(url);
      if (match) links.push({ kind: match[1] as InternalLink['kind'], target: match[2]!, fragment: match[3], line: bodyLine + index, column: offset + 1, section });
    };
    const definition = /^\s{0,3}\[[^\]]+\]:\s*<?(\/(?:notes|authorities)\/)/.exec(line);
    if (definition) {
      found(line.slice(definition.index + definition[0].length - definition[1]!.length), definition[0].length - definition[1]!.length);
      return;
    }
    for (const match of line.matchAll(/\]\(\s*<?(?=\/(?:notes|authorities)\/)/g)) {
      const start = (match.index ?? 0) + match[0].length;
      found(line.slice(start), start);
    }
  });
  return links;
}

// Code spans become spaces of the same length, so nothing in them is taken for a link and columns stay right.
function blankCodeSpans(line: string): string {
  return line.includes('`') ? line.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, (span) => ' '.repeat(span.length)) : line;
}

// Heading text as rehype-slug sees it: link text kept, emphasis and code marks dropped.
function plainHeading(markdown: string): string {
  return markdown.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`~]/g, '').trim();
}
