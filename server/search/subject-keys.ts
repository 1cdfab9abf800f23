import type { KeyRewriter } from './stem-words.js';
import { contentWords, stemKey } from './stem-words.js';

/** What a note says it is about: its title and one-sentence summary. */
export interface NoteSubject {
  title: string;
  summary: string;
}

/**
 * For each stem key that some note's title or summary holds, how many notes' titles or summaries
 * hold it: the words notes say they are about, and how common each is among them. Built once per
 * knowledge base (the reader keeps it per content hash), linear in the titles and summaries.
 */
export function subjectKeyCounts(notes: Iterable<NoteSubject>): ReadonlyMap<string, number> {
  const counts = new Map<string, number>();
  for (const note of notes) {
    for (const key of new Set(contentWords(`${note.title} ${note.summary}`).map(stemKey))) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * From this many keys a query is a question or a description of facts, whose first words are seldom
 * its subject; a shorter one is a practitioner's keywords, typed in the order they matter. Chosen
 * with npm run eval (4, 5, 6 and 7 tried; 5 kept the earlier set's figure and gained the most on the
 * questions and the cross-language queries).
 */
const QUESTION_KEYS = 5;

/**
 * Orders a question's keys so the ones that decide what a long query is about come first: under the
 * "last" matching strategy the first key is the one every hit contains and the engine drops keys
 * from the end. For a query of QUESTION_KEYS keys or more, after `rewrite` (which leads with the glossary's tokens, synonym-tokens.ts), the
 * keys that notes use in their titles and summaries come next, the rarest among those first
 * ("cannabis" before "victim"), then the words no title or summary uses ("show", "get", "puede"),
 * in the order typed. Pure (given a pure `rewrite`).
 */
export function leadWithSubjects(rewrite: KeyRewriter, counts: ReadonlyMap<string, number>, isToken: (key: string) => boolean): KeyRewriter {
  return (keys) => {
    const rewritten = rewrite(keys);
    if (rewritten.length < QUESTION_KEYS) return rewritten;
    const tokens = rewritten.filter(isToken);
    const subjects = rewritten.filter((key) => !isToken(key) && counts.has(key));
    const others = rewritten.filter((key) => !isToken(key) && !counts.has(key));
    // A stable sort: keys as common keep the order typed.
    subjects.sort((a, b) => counts.get(a)! - counts.get(b)!);
    return [...tokens, ...subjects, ...others];
  };
}
