import { diffWords } from 'diff';
import { parseFrontMatter } from './parse-front-matter.js';

/** A run of a word diff: kept, added or removed words. */
export interface DiffRun {
  text: string;
  kind: 'same' | 'added' | 'removed';
}

/** One front-matter field that differs between two versions, its values as YAML wrote them. */
export interface FieldChange {
  field: string;
  before: string | undefined;
  after: string | undefined;
}

/** One section of the body (the text under a heading), and how it changed. */
export interface SectionChange {
  /** The heading's text ('' for what comes before the first heading). */
  heading: string;
  /** The heading's level (0 for the text before the first heading). */
  depth: number;
  change: 'same' | 'changed' | 'added' | 'removed';
  /** The section's words with the changes marked; empty for a section that did not change. */
  runs: DiffRun[];
}

/** What changed from one version of a file to the next. */
export interface VersionDiff {
  fields: FieldChange[];
  sections: SectionChange[];
}

/** How long a section's word diff may take before it is shown as replaced whole (the worker's own budget is the bound). */
const SECTION_DIFF_MS = 500;

/**
 * A word diff of two versions of a note, section by section: front-matter fields that changed, then
 * each section of the body matched by its heading, kept in the newer version's order (removed ones
 * where they were). Runs in a rendering thread (render-task.ts) under its time budget: the diff is
 * super-linear on very different texts. A file that does not read as front matter and body is
 * compared as one body. Pure.
 */
export function diffVersions(before: string, after: string): VersionDiff {
  const old = splitNote(before);
  const next = splitNote(after);
  const fields: FieldChange[] = [];
  for (const field of new Set([...Object.keys(next.fields), ...Object.keys(old.fields)])) {
    if (old.fields[field] !== next.fields[field]) fields.push({ field, before: old.fields[field], after: next.fields[field] });
  }
  const oldSections = new Map(old.sections.map((section) => [sectionKey(section), section]));
  const matched = new Set<string>();
  const sections: SectionChange[] = [];
  const keys: string[] = [];
  for (const section of next.sections) {
    const key = sectionKey(section);
    keys.push(key);
    const previous = oldSections.get(key);
    if (!previous) {
      sections.push({ heading: section.heading, depth: section.depth, change: 'added', runs: [{ text: section.text, kind: 'added' }] });
      continue;
    }
    matched.add(key);
    if (previous.text === section.text) sections.push({ heading: section.heading, depth: section.depth, change: 'same', runs: [] });
    else sections.push({ heading: section.heading, depth: section.depth, change: 'changed', runs: wordDiff(previous.text, section.text) });
  }
  // A removed section is shown after the section that preceded it in the older version.
  old.sections.forEach((section, index) => {
    if (matched.has(sectionKey(section))) return;
    const removed: SectionChange = { heading: section.heading, depth: section.depth, change: 'removed', runs: [{ text: section.text, kind: 'removed' }] };
    const anchor = old.sections
      .slice(0, index)
      .reverse()
      .map(sectionKey)
      .find((key) => matched.has(key));
    const at = anchor === undefined ? 0 : keys.indexOf(anchor) + 1;
    sections.splice(at, 0, removed);
    keys.splice(at, 0, sectionKey(section));
  });
  return { fields, sections };
}

function wordDiff(before: string, after: string): DiffRun[] {
  const parts = diffWords(before, after, { timeout: SECTION_DIFF_MS });
  if (!parts)
    return [
      { text: before, kind: 'removed' },
      { text: after, kind: 'added' },
    ];
  return parts.map((part) => ({ text: part.value, kind: part.added ? 'added' : part.removed ? 'removed' : 'same' }));
}

interface Section {
  heading: string;
  depth: number;
  text: string;
  /** The n-th section with this heading, so repeated headings still match one to one. */
  occurrence: number;
}

function sectionKey(section: Pick<Section, 'heading' | 'depth' | 'occurrence'>): string {
  return `${section.depth}\u0000${section.heading}\u0000${section.occurrence}`;
}

// Front matter as one YAML line per top-level field (flow and block values alike), and the body cut
// at ATX headings outside fenced code. Linear: each line is looked at once.
function splitNote(markdown: string): { fields: Record<string, string>; sections: Section[] } {
  const parsed = parseFrontMatter('version.md', Buffer.from(markdown, 'utf8'));
  const fields: Record<string, string> = {};
  let body = markdown.replace(/\r\n?/g, '\n');
  if (!Array.isArray(parsed)) {
    for (const [field, value] of Object.entries(parsed.data)) fields[field] = typeof value === 'string' ? value : JSON.stringify(value);
    body = parsed.body;
  }
  const sections: Section[] = [];
  const seen = new Map<string, number>();
  let current: Omit<Section, 'occurrence'> = { heading: '', depth: 0, text: '' };
  const close = () => {
    if (current.depth === 0 && current.text.trim() === '') return;
    const base = `${current.depth}\u0000${current.heading}`;
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    sections.push({ ...current, text: current.text.trim(), occurrence });
  };
  let fenced = false;
  for (const line of body.split('\n')) {
    if (line.startsWith('```') || line.startsWith('~~~')) fenced = !fenced;
    const heading = fenced ? undefined : headingOf(line);
    if (heading) {
      close();
      current = { ...heading, text: '' };
    } else current.text += `${line}\n`;
  }
  close();
  return { fields, sections };
}

function headingOf(line: string): { heading: string; depth: number } | undefined {
  let depth = 0;
  while (depth < line.length && line[depth] === '#') depth++;
  if (depth === 0 || depth > 6 || (line.length > depth && line[depth] !== ' ')) return undefined;
  // A closing run of hashes after a space is not part of the text; trimmed by hand, never by a backtracking pattern.
  let end = line.trimEnd().length;
  let hashes = end;
  while (hashes > depth && line[hashes - 1] === '#') hashes--;
  if (hashes < end && (hashes === depth || line[hashes - 1] === ' ')) end = hashes;
  return { heading: line.slice(depth, end).trim(), depth };
}
