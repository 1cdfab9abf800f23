// How an offline pack matches a query's words, as the site does (server/search/build-multi-search.ts):
// the stop words of English, French and Spanish say nothing about a note (the pack ships the site's
// lists, pagefind/stop-words.js); the other words are asked all together, then without the last,
// and so on (Meilisearch's "last" matching strategy), notes found with more of the first words
// first. Pagefind alone finds only the notes holding every word, so a question found nothing.
// Loaded by public/pack-search.js, and run as it is by npm run eval -- --pack.
(() => {
  'use strict';
  /** At most this many searches a query: the first words of a long question decide its notes anyway. */
  const MAX_PREFIXES = 8;
  const WORD = /[\p{L}\p{N}]/u;

  const fold = (word) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

  /** A token without the punctuation around it, in one pass from each end. */
  function trim(token) {
    let start = 0;
    let end = token.length;
    while (start < end && !WORD.test(token[start])) start++;
    while (end > start && !WORD.test(token[end - 1])) end--;
    return token.slice(start, end);
  }

  /** The words of a text that say what it is about: less the stop words and an elision's article ("l'", "d'"). */
  function contentWords(text, stopWords) {
    const words = [];
    for (const token of text.split(/\s+/)) {
      const word = trim(token.replace(/^[\p{L}]{1,2}['\u2019]/u, ''));
      if (word && WORD.test(word) && !stopWords.has(fold(word)) && !words.includes(word)) words.push(word);
    }
    return words;
  }

  /**
   * Searches `pagefind` for a text as the site matches it: its results (Pagefind's) in the order the
   * site's strategy ranks them, and the filter counts of the widest search (which holds every result).
   */
  async function search(pagefind, text, options, stopWords) {
    const words = text ? contentWords(text, stopWords) : [];
    if (words.length <= 1) return pagefind.search(words[0] || text || null, options);
    const results = [];
    const seen = new Set();
    let widest;
    for (let length = Math.min(words.length, MAX_PREFIXES); length >= 1; length--) {
      const found = await pagefind.search(words.slice(0, length).join(' '), options);
      if (!found) return null;
      widest = found;
      for (const result of found.results) {
        if (!seen.has(result.id)) {
          seen.add(result.id);
          results.push(result);
        }
      }
    }
    return { ...widest, results };
  }

  window.CasebookPackQuery = { contentWords, search };
})();
