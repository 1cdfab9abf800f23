import { distance } from 'fastest-levenshtein';
import { foldWord, splitWords } from './stem-words.js';

/** The knowledge base's own words (folded as the engine folds them), with how many times each occurs. */
export type Vocabulary = ReadonlyMap<string, number>;

/** Words longer than this are never offered nor stored for "Did you mean" (nobody misspells a 40-letter token into another). */
export const MAX_WORD_LENGTH = 40;

/**
 * Counts the words of texts as they are added, folding each distinct spelling once: the indexer
 * feeds it every note's title, summary and body while it builds the search records, so the words
 * are known without a second pass over the bodies (and without bodies in the web process).
 */
export class WordCounter {
  private readonly raw = new Map<string, number>();

  add(text: string): void {
    for (const word of splitWords(text)) this.raw.set(word, (this.raw.get(word) ?? 0) + 1);
  }

  /** The words worth suggesting: folded, three letters or more, no digits, not absurdly long. */
  vocabulary(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const [word, count] of this.raw) {
      if (word.length < 3 || word.length > MAX_WORD_LENGTH * 2 || /\d/.test(word)) continue;
      const folded = foldWord(word);
      if (folded.length >= 3 && folded.length <= MAX_WORD_LENGTH) counts.set(folded, (counts.get(folded) ?? 0) + count);
    }
    return counts;
  }
}

/** Counts the words of some texts (titles, summaries, bodies). Pure. */
export function buildVocabulary(texts: Iterable<string>): Vocabulary {
  const counter = new WordCounter();
  for (const text of texts) counter.add(text);
  return counter.vocabulary();
}

// Words shorter than this are never corrected: "jit", "nrm", "thb" are acronyms, not typos.
const MIN_LENGTH = 5;
// The engine reads the first ten words of a query; a suggestion looks at no more than this many.
const MAX_CHECKED_WORDS = 6;

/**
 * The words of a query that "Did you mean" checks, folded: single words of five letters or more
 * without digits, each once, at most six. Pure.
 */
export function spellingCandidates(text: string): string[] {
  const words = new Set<string>();
  for (const token of text.split(/\s+/)) {
    const folded = checkedWord(token);
    if (folded) words.add(folded);
    if (words.size >= MAX_CHECKED_WORDS) break;
  }
  return [...words];
}

function checkedWord(token: string): string | undefined {
  const parts = splitWords(token);
  if (parts.length !== 1 || parts[0] !== token) return undefined;
  const folded = foldWord(token);
  return folded.length < MIN_LENGTH || folded.length > MAX_WORD_LENGTH || /\d/.test(folded) ? undefined : folded;
}

/**
 * "Did you mean": the query with each checked word replaced by what `correct` says of it: itself
 * when the knowledge base uses it, the closest word it does use, or undefined when nothing is
 * close; undefined when nothing changes. Pure (given a pure `correct`).
 */
export function correctSpelling(text: string, correct: (folded: string) => string | undefined): string | undefined {
  let changed = false;
  const words = text
    .split(/\s+/)
    .filter(Boolean)
    .map((token) => {
      const folded = checkedWord(token);
      if (!folded) return token;
      const correction = correct(folded);
      if (!correction || correction === folded) return token;
      changed = true;
      return correction;
    });
  return changed ? words.join(' ') : undefined;
}

/**
 * "Did you mean" over an in-memory vocabulary (tests and the in-memory index): a word the knowledge
 * base never uses becomes the closest word it does use (one edit for words up to 7 letters, two
 * beyond, the most frequent on a tie). The engine applies the same rule to its words index
 * (spelling-search.ts). Pure.
 */
export function suggestSpelling(text: string, vocabulary: Vocabulary): string | undefined {
  return correctSpelling(text, (word) => (vocabulary.has(word) ? word : closestWord(word, vocabulary)));
}

function closestWord(word: string, vocabulary: Vocabulary): string | undefined {
  const allowed = word.length <= 7 ? 1 : 2;
  let best: { word: string; distance: number; count: number } | undefined;
  for (const [candidate, count] of vocabulary) {
    if (Math.abs(candidate.length - word.length) > allowed) continue;
    const edits = distance(word, candidate);
    if (edits > allowed) continue;
    if (!best || edits < best.distance || (edits === best.distance && count > best.count)) best = { word: candidate, distance: edits, count };
  }
  return best?.word;
}
