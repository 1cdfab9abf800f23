import { distance } from 'fastest-levenshtein';
import { foldWord, splitWords } from './stem-words.js';

/** The knowledge base's own words (folded as the engine folds them), with how many times each occurs. */
export type Vocabulary = ReadonlyMap<string, number>;

/** Counts the words of some texts (titles, summaries, bodies). Pure. */
export function buildVocabulary(texts: Iterable<string>): Vocabulary {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const word of splitWords(text)) {
      const folded = foldWord(word);
      if (folded.length >= 3 && !/\d/.test(folded)) counts.set(folded, (counts.get(folded) ?? 0) + 1);
    }
  }
  return counts;
}

// Words shorter than this are never corrected: "jit", "nrm", "thb" are acronyms, not typos.
const MIN_LENGTH = 5;

/**
 * "Did you mean": the query with each word the knowledge base never uses replaced by the closest
 * word it does use (one edit for words up to 7 letters, two beyond, the most frequent on a tie);
 * undefined when every word is known or nothing is close. Pure.
 */
export function suggestSpelling(text: string, vocabulary: Vocabulary): string | undefined {
  let changed = false;
  const words = text.split(/\s+/).filter(Boolean).map((token) => {
    const parts = splitWords(token);
    if (parts.length !== 1 || parts[0] !== token) return token;
    const folded = foldWord(token);
    if (folded.length < MIN_LENGTH || /\d/.test(folded) || vocabulary.has(folded)) return token;
    const correction = closestWord(folded, vocabulary);
    if (!correction) return token;
    changed = true;
    return correction;
  });
  return changed ? words.join(' ') : undefined;
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
