import type { KnowledgeBase } from './knowledge-base.js';

/**
 * What `npm run check -- --links` shows editors to revisit: authorities without a link and the
 * reason their summary gives, tracker statuses not confirmed for a long time, and published notes
 * that cite an authority marked `check-history`. A report, never a problem: nothing here makes a
 * knowledge base invalid. Pure.
 */

/** A status confirmed longer ago than this is listed for re-checking (`npm run check -- --links`). */
export const STALE_AFTER_MONTHS = 18;

/** An authority with no `url`, and the sentence of its summary that says why (undefined: it does not say). */
export interface UnlinkedAuthority {
  id: string;
  file: string;
  reason: string | undefined;
}

/** One tracker entry whose `as_of` is older than the cut-off. */
export interface StaleStatus {
  slug: string;
  file: string;
  jurisdiction: string;
  status: string;
  asOf: string;
}

/** A published note citing an authority whose later history must be checked. */
export interface CheckHistoryCitation {
  slug: string;
  authority: string;
}

/** The whole report, each list sorted so that two runs on the same files print the same lines. */
export interface LinkReport {
  authorities: number;
  linked: number;
  unlinked: UnlinkedAuthority[];
  /** Statuses with `as_of` before this date are listed in `stale`. */
  staleBefore: string;
  stale: StaleStatus[];
  checkHistory: CheckHistoryCitation[];
}

// A summary explains a missing link in its own words ("No deep link verified.", "the BOE copy was
// not found stored"); a sentence naming one of these is taken as the explanation. Plain substring
// tests: summaries are contributors' text, so no backtracking pattern runs on them.
const REASON_WORDS = ['link', 'url', 'stored', 'verified', 'not found', 'primary text', 'official text', 'known here', 'known from'];

/** The last sentence of a summary that explains why there is no link, or undefined when none does. */
export function noLinkReason(summary: string): string | undefined {
  const sentences = summary
    .split(/(?<=[.!?])\s+/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
  for (let index = sentences.length - 1; index >= 0; index--) {
    const lower = sentences[index]!.toLowerCase();
    if (REASON_WORDS.some((word) => lower.includes(word))) return sentences[index];
  }
  return undefined;
}

/** The date `months` calendar months before a YYYY-MM-DD date, the day clamped to the shorter month's end. */
export function monthsBefore(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 - months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Builds the report from a checked knowledge base; `today` is YYYY-MM-DD. */
export function buildLinkReport(knowledgeBase: Pick<KnowledgeBase, 'authorities' | 'notes' | 'citedBy'>, today: string): LinkReport {
  const { authorities, notes, citedBy } = knowledgeBase;
  const unlinked = authorities
    .filter((authority) => !authority.url)
    .map((authority) => ({ id: authority.id, file: authority.file, reason: noLinkReason(authority.summary) }));

  const staleBefore = monthsBefore(today, STALE_AFTER_MONTHS);
  const stale = notes.flatMap((note) =>
    (note.implementation ?? [])
      .filter((entry) => entry.as_of < staleBefore)
      .map((entry) => ({ slug: note.slug, file: note.file, jurisdiction: entry.jurisdiction, status: entry.status, asOf: entry.as_of })),
  );

  const checkHistory = authorities
    .filter((authority) => authority.status === 'check-history')
    .flatMap((authority) => (citedBy.get(authority.id) ?? []).map((citation) => ({ slug: citation.slug, authority: authority.id })))
    .sort((a, b) => a.slug.localeCompare(b.slug) || a.authority.localeCompare(b.authority));

  return { authorities: authorities.length, linked: authorities.length - unlinked.length, unlinked, staleBefore, stale, checkHistory };
}
