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

  /**
   * Opens one Pagefind per note language and searches them as one. Each needs a loader of its own
   * (`makeApi`): instances made by one loader share its language's word processing, so a French
   * first bundle left English notes unfound by English words ("forced begging" found nothing).
   * Results are merged by Pagefind's score; filter counts are added up.
   */
  async function open(makeApi, languages, options) {
    const instances = [];
    for (const language of languages) {
      const instance = await makeApi().createInstance({ ...options, basePath: `pagefind/${language}/` });
      await instance.init();
      // Loads every filter's index, so that each search reports counts for all filters, not only the ticked ones.
      await instance.filters();
      instances.push(instance);
    }
    return {
      async search(text, searchOptions) {
        const answers = await Promise.all(instances.map((instance) => instance.search(text, searchOptions)));
        if (answers.some((answer) => !answer)) return null;
        const filters = {};
        for (const answer of answers) {
          for (const [field, counts] of Object.entries(answer.filters || {})) {
            const merged = (filters[field] ??= {});
            for (const [value, count] of Object.entries(counts)) merged[value] = (merged[value] || 0) + count;
          }
        }
        return {
          results: answers.flatMap((answer) => answer.results).sort((a, b) => b.score - a.score),
          filters,
          unfilteredResultCount: answers.reduce((sum, answer) => sum + (answer.unfilteredResultCount || 0), 0),
        };
      },
    };
  }

  window.CasebookPackQuery = { contentWords, open, search };
})();
