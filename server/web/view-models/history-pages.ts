import type { DiffRun, VersionDiff } from '../../content/diff-versions.js';
import type { KnowledgeBase } from '../../content/knowledge-base.js';
import type { CommitRecord, Touch } from '../../knowledge/history-index.js';
import type { KnowledgeHistory } from '../../knowledge/knowledge-source.js';
import { formatDate, pluralForm, type InterfaceLanguage, type Translate } from '../i18n.js';
import { escapeXml } from './atom-feed.js';

/** What has versions: a note (`/notes/<slug>`) or an authority (`/authorities/<id>`). */
export interface Versioned {
  kind: 'note' | 'authority';
  /** Its address now: `/notes/<slug>` or `/authorities/<id>`. */
  url: string;
  title: string;
  /** Its slug or id, as the API names it. */
  key: string;
}

/** One version as the history API gives it (docs/contract.md §4). */
export interface VersionJson {
  version: string;
  date: string;
  change_note: string;
  author: string;
  editor: string;
  url: string;
}

/** One version as the pages show it. */
export interface VersionRow {
  version: string;
  /** ISO 8601 of the commit (UTC), and the day for the reader. */
  date: string;
  dateLabel: string;
  changeNote: string;
  author: string;
  editor: string;
  url: string;
  changesUrl: string;
  current: boolean;
}

/** The date of a commit, ISO 8601 in UTC. */
export function commitDate(commit: Pick<CommitRecord, 'time'>): string {
  return new Date(commit.time * 1000).toISOString().replace('.000Z', 'Z');
}

/** The versions of a note or authority as the history API answers them. Pure. */
export function toHistoryJson(subject: Versioned, versions: readonly Touch[]): { slug: string; versions: VersionJson[] } {
  return {
    slug: subject.key,
    versions: versions.map(({ commit }) => ({
      version: commit.version,
      date: commitDate(commit),
      change_note: commit.changeNote,
      author: commit.author,
      editor: commit.editor,
      url: `${subject.url}/versions/${commit.version}`,
    })),
  };
}

/** The versions as rows, newest first, the first being the one served now. Pure. */
export function toVersionRows(subject: Versioned, versions: readonly Touch[], language: InterfaceLanguage): VersionRow[] {
  return versions.map(({ commit }, index) => {
    const date = commitDate(commit);
    return {
      version: commit.version,
      date,
      dateLabel: formatDate(date.slice(0, 10), language),
      changeNote: commit.changeNote,
      author: commit.author,
      editor: commit.editor,
      url: `${subject.url}/versions/${commit.version}`,
      changesUrl: `${subject.url}/versions/${commit.version}/changes`,
      current: index === 0,
    };
  });
}

/** What the note page says of its history: "Last updated <date>", "<n> versions — see all updates". */
export interface HistorySummary {
  lastUpdated: string;
  lastUpdatedLabel: string;
  versionsLabel: string;
  historyUrl: string;
  /** The version served now, and its permanent address (for "Cite this note"). */
  version: string;
  versionUrl: string;
}

/** The note page's history line, or undefined when the note has no version in git yet (not committed). Pure. */
export function summarizeHistory(
  subject: Versioned,
  versions: readonly Touch[],
  baseUrl: string,
  language: InterfaceLanguage,
  t: Translate,
): HistorySummary | undefined {
  const latest = versions[0]?.commit;
  if (!latest) return undefined;
  const date = commitDate(latest).slice(0, 10);
  return {
    lastUpdated: date,
    lastUpdatedLabel: formatDate(date, language),
    versionsLabel: t(`history.versions.${pluralForm(versions.length, language)}`, { count: versions.length }),
    historyUrl: `${subject.url}/history`,
    version: latest.version,
    versionUrl: `${baseUrl}${subject.url}/versions/${latest.version}`,
  };
}

/** A version's word diff as the changes page shows it: field changes, then sections with their runs. */
export interface ChangesModel {
  fields: Array<{ label: string; before: string; after: string }>;
  sections: Array<{ heading: string; depth: number; change: 'same' | 'changed' | 'added' | 'removed'; changeLabel: string; runs: DiffRun[] }>;
  unchanged: boolean;
}

/** The diff as the page shows it. Pure. */
export function buildChangesModel(diff: VersionDiff, t: Translate): ChangesModel {
  return {
    fields: diff.fields.map((field) => ({ label: field.field, before: field.before ?? '—', after: field.after ?? '—' })),
    sections: diff.sections.map((section) => ({ ...section, changeLabel: t(`history.section.${section.change}`) })),
    unchanged: diff.fields.length === 0 && diff.sections.every((section) => section.change === 'same'),
  };
}

/** One entry of /changes: a commit, what it touched that readers can open, and its change note. */
export interface ChangeEntry {
  version: string;
  date: string;
  dateLabel: string;
  changeNote: string;
  author: string;
  editor: string;
  items: Array<{ title: string; url: string; changesUrl: string; language?: string }>;
  /** How many more notes it touched than are listed. */
  more: number;
}

/** The most notes one entry of /changes lists (a first commit touches them all). */
export const ITEMS_PER_ENTRY = 10;

/** A commit as /changes lists it; `items` are what it touched, looked up in the knowledge base as it is now. Pure. */
export function toChangeEntry(commit: CommitRecord, items: ReadonlyArray<Versioned & { language?: string }>, language: InterfaceLanguage): ChangeEntry {
  const date = commitDate(commit);
  return {
    version: commit.version,
    date,
    dateLabel: formatDate(date.slice(0, 10), language),
    changeNote: commit.changeNote,
    author: commit.author,
    editor: commit.editor,
    items: items.slice(0, ITEMS_PER_ENTRY).map((item) => ({
      title: item.title,
      url: item.url,
      changesUrl: `${item.url}/versions/${commit.version}/changes`,
      ...(item.language ? { language: item.language } : {}),
    })),
    more: Math.max(0, items.length - ITEMS_PER_ENTRY),
  };
}

/** /changes.xml: an Atom feed of the same entries (RFC 4287), every text escaped. Pure. */
export function buildChangesFeed(input: {
  title: string;
  selfUrl: string;
  baseUrl: string;
  language: string;
  author: string;
  entries: readonly ChangeEntry[];
}): string {
  const updated = input.entries[0]?.date ?? '1970-01-01T00:00:00Z';
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(input.language)}">`,
    `  <id>${escapeXml(input.selfUrl)}</id>`,
    `  <title type="text">${escapeXml(input.title)}</title>`,
    `  <updated>${escapeXml(updated)}</updated>`,
    `  <author><name>${escapeXml(input.author)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(input.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(`${input.baseUrl}/changes`)}"/>`,
  ];
  for (const entry of input.entries) {
    const first = entry.items[0];
    const link = first ? `${input.baseUrl}${first.changesUrl}` : `${input.baseUrl}/changes`;
    const touched = entry.items.map((item) => item.title).join('; ') + (entry.more > 0 ? ` (+${entry.more})` : '');
    lines.push(
      '  <entry>',
      `    <id>${escapeXml(`${input.baseUrl}/changes#${entry.version}`)}</id>`,
      `    <title type="text">${escapeXml(entry.changeNote || entry.version)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(link)}"/>`,
      `    <updated>${escapeXml(entry.date)}</updated>`,
      `    <summary type="text">${escapeXml(touched)}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

/** Knowledge files → what readers can open for them now (a note, by its file and former files; an authority), per knowledge base. */
export function itemsByFile(kb: KnowledgeBase, history: KnowledgeHistory): Map<string, Versioned & { language?: string }> {
  const items = new Map<string, Versioned & { language?: string }>();
  for (const authority of kb.authorities)
    items.set(history.pathOf(authority.file), { kind: 'authority', key: authority.id, title: authority.title, url: `/authorities/${authority.id}` });
  for (const note of kb.notes) {
    const item = { kind: 'note' as const, key: note.slug, title: note.title, url: `/notes/${note.slug}`, language: note.language };
    for (const alias of note.aliases) items.set(`notes/${alias}.md`, item);
    items.set(history.pathOf(note.file), item);
  }
  return items;
}
