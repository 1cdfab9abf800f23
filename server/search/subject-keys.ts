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
 * From this many keys the glossary's tokens lead. Two keys keep the order typed, so a first word no
 * note holds still makes the search find nothing and be relaxed, saying which word was dropped
 * (build-search-request.ts). npm run eval gives the same figures from 2 as from 3 (from 4, 0.006 less on
 * the earlier set).
 */
const TOKENS_LEAD_KEYS = 3;

/**
 * From this many keys a query is a question or a description of facts, whose first words are seldom
 * its subject; a shorter one is a practitioner's keywords, typed in the order they matter. Chosen
 * with npm run eval (4, 5, 6 and 7 tried; 5 kept the earlier set's figure and gained the most on the
 * questions and the cross-language queries).
 */
const QUESTION_KEYS = 5;

/**
 * Orders a query's keys so the ones that decide what it is about come first: under the "last"
 * matching strategy the first key is the one every hit contains and the engine drops keys from the
 * end. From TOKENS_LEAD_KEYS keys on, the glossary's tokens (`isToken`, put in by `rewrite`) lead: a
 * question's first content word ("show", "comment", "puede") is seldom what it is about, where a
 * term of the domain's own vocabulary usually is. From QUESTION_KEYS on, the keys that notes use in
 * their titles and summaries come next, the rarest among those first ("cannabis" before "victim"),
 * then the words no title or summary uses ("show", "get"), in the order typed. Pure (given a pure
 * `rewrite`).
 */
export function leadWithSubjects(rewrite: KeyRewriter, counts: ReadonlyMap<string, number>, isToken: (key: string) => boolean): KeyRewriter {
  return (keys) => {
    const rewritten = rewrite(keys);
    if (rewritten.length < TOKENS_LEAD_KEYS) return rewritten;
    const tokens = rewritten.filter(isToken);
    if (rewritten.length < QUESTION_KEYS) return [...tokens, ...rewritten.filter((key) => !isToken(key))];
    const subjects = rewritten.filter((key) => !isToken(key) && counts.has(key));
    const others = rewritten.filter((key) => !isToken(key) && !counts.has(key));
    // A stable sort: keys as common keep the order typed.
    subjects.sort((a, b) => counts.get(a)! - counts.get(b)!);
    return [...tokens, ...subjects, ...others];
  };
}
