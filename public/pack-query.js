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

  /** From this many keys the glossary's tokens lead, and from QUESTION_KEYS the rarest subject keys (server/search/subject-keys.ts). */
  const TOKENS_LEAD_KEYS = 3;
  const QUESTION_KEYS = 5;
  const TOKEN_PREFIX = 'qqsyn';
  /** A word's key is at most this many letters shorter than the word (Snowball strips endings; server/search/offline-query-keys.ts guessKey, which must stay the same). */
  const MAX_ENDING = 3;

  /**
   * Reads a pack's query table (server/search/offline-query-keys.ts) into what `queryKeys` looks up:
   * the pack's stem keys, the glossary's runs of keys by their first key (longest first), and the
   * subject counts. Linear in the table.
   */
  function keyTables(table) {
    const runs = new Map();
    for (const [spelled, token] of table.runs) {
      const keys = spelled.split(' ');
      if (!runs.has(keys[0])) runs.set(keys[0], []);
      runs.get(keys[0]).push({ keys, token });
    }
    for (const list of runs.values()) list.sort((a, b) => b.keys.length - a.keys.length);
    const byLanguage = new Map(Object.entries(table.keys).map(([language, keys]) => [language, new Set(keys)]));
    const keys = new Set([...byLanguage.values()].flatMap((held) => [...held]));
    return { keys, byLanguage, words: new Map(Object.entries(table.words || {})), runs, counts: new Map(Object.entries(table.counts)) };
  }

  /**
   * A word's stem key as the site makes it: the pack's table's for a word of its pages or glossary,
   * else the longest key of the pack that begins it, at most MAX_ENDING letters shorter (a form the
   * pack does not hold, "victimas" for "victim"); short words and codes as they are.
   */
  function keyOf(word, tables) {
    const folded = fold(word);
    if (folded.length <= 3 || /\d/.test(folded)) return folded;
    if (tables.words.has(folded)) return tables.words.get(folded);
    for (let length = folded.length; length >= Math.max(4, folded.length - MAX_ENDING); length--) {
      const prefix = folded.slice(0, length);
      if (tables.keys.has(prefix)) return prefix;
    }
    return folded;
  }

  /** The site's content words (server/search/stem-words.ts): less stop words, a negated auxiliary, and an elision's or contraction's short piece. */
  function siteContentWords(text, stopWords) {
    const words = [];
    for (const token of text.split(/\s+/)) {
      const lower = token.toLowerCase();
      if (lower.endsWith("n't") || lower.endsWith('n\u2019t')) continue;
      const pieces = token.split(/['\u2019]/);
      for (const piece of pieces) {
        for (const word of piece.match(/[\p{L}\p{N}]+/gu) || []) {
          if (pieces.length > 1 && word.length <= 2 && !/\d/.test(word)) continue;
          if (!stopWords.has(fold(word))) words.push(word);
        }
      }
    }
    return words;
  }

  /**
   * The keys the site leads a query with (stem-words.ts queryKeys, synonym-tokens.ts, subject-keys.ts):
   * each content word's key once, runs of keys that spell a glossary term replaced by its group's
   * token, then from three keys the tokens first, and from five the subject keys rarest first.
   * Linear in the words times the longest term.
   */
  function queryKeys(text, stopWords, tables) {
    const keys = [...new Set(siteContentWords(text, stopWords).map((word) => keyOf(word, tables)))];
    const rewritten = [];
    for (let at = 0; at < keys.length;) {
      const run = (tables.runs.get(keys[at]) || []).find((candidate) => candidate.keys.every((key, offset) => keys[at + offset] === key));
      rewritten.push(run ? run.token : keys[at]);
      at += run ? run.keys.length : 1;
    }
    // The site asks its keys, then the words as typed, which a glossary term's token no longer shows.
    return [...new Set([...leading(rewritten, tables), ...keys])];
  }

  /** From TOKENS_LEAD_KEYS keys the tokens lead, from QUESTION_KEYS the subject keys follow them, rarest first (subject-keys.ts leadWithSubjects). */
  function leading(rewritten, tables) {
    if (rewritten.length < TOKENS_LEAD_KEYS) return rewritten;
    const isToken = (key) => key.startsWith(TOKEN_PREFIX);
    const tokens = rewritten.filter(isToken);
    if (rewritten.length < QUESTION_KEYS) return [...tokens, ...rewritten.filter((key) => !isToken(key))];
    const subjects = rewritten.filter((key) => !isToken(key) && tables.counts.has(key));
    subjects.sort((a, b) => tables.counts.get(a) - tables.counts.get(b));
    return [...tokens, ...subjects, ...rewritten.filter((key) => !isToken(key) && !tables.counts.has(key))];
  }

  /**
   * Searches `pagefind` for a text as the site matches it: its results (Pagefind's) in the order the
   * site's strategy ranks them, and the filter counts of the widest search (which holds every result).
   * With the pack's query tables (`tables`, from keyTables) the words asked are the site's query keys
   * (queryKeys), which the pages hold beside their words; without them (a pack written before), the words typed.
   */
  async function search(pagefind, text, options, stopWords, tables) {
    const words = !text ? [] : tables ? queryKeys(text, stopWords, tables) : contentWords(text, stopWords);
    if (words.length <= 1 && !tables) return pagefind.search(words[0] || text || null, options);
    if (words.length === 0) return pagefind.search(text || null, options);
    // Pagefind answers a word its index does not hold with words that begin it ("disappear" found
    // the "d" of "d'indices" in French notes), so a language's index that lacks a key would answer a
    // wider search than the site's: each index is asked only the prefixes whose every key its pages hold.
    const first = words.slice(0, MAX_PREFIXES);
    const known = pagefind.languages.map((language) => first.map((word) => !tables || tables.byLanguage.get(language)?.has(word) || false));
    // No index holds the first word: the site retries without the words no note holds.
    const keep = known.some((holds) => holds[0]) ? first.map(() => true) : first.map((_, at) => known.some((holds) => holds[at]));
    const asked = first.filter((_, at) => keep[at]);
    // No page holds any key ("surveilance"): Pagefind's own word matching, which finds words that begin like it.
    if (asked.length === 0) return tables ? search(pagefind, text, options, stopWords) : pagefind.search(null, options);
    const held = known.map((holds) => holds.filter((_, at) => keep[at]));
    const results = [];
    const seen = new Set();
    let widest;
    for (let length = asked.length; length >= 1; length--) {
      const found = await pagefind.search(
        asked.slice(0, length).join(' '),
        options,
        held.map((holds) => holds.slice(0, length).every(Boolean)),
      );
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
   * Results are merged by rank (each index's first, then their second, ties by Pagefind's score): the
   * scores of indexes of different sizes do not compare (docs/search.md); filter counts are added up. `search` may be told which
   * indexes to ask (`asking`, one boolean for each of `languages`).
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
      languages: [...languages],
      async search(text, searchOptions, asking) {
        const answers = await Promise.all(
          instances.map((instance, at) => (!asking || asking[at] ? instance.search(text, searchOptions) : Promise.resolve({ results: [], filters: {} }))),
        );
        if (answers.some((answer) => !answer)) return null;
        const filters = {};
        for (const answer of answers) {
          for (const [field, counts] of Object.entries(answer.filters || {})) {
            const merged = (filters[field] ??= {});
            for (const [value, count] of Object.entries(counts)) merged[value] = (merged[value] || 0) + count;
          }
        }
        return {
          results: answers
            .flatMap((answer) => answer.results.map((result, rank) => ({ result, rank })))
            .sort((a, b) => a.rank - b.rank || b.result.score - a.result.score)
            .map(({ result }) => result),
          filters,
          unfilteredResultCount: answers.reduce((sum, answer) => sum + (answer.unfilteredResultCount || 0), 0),
        };
      },
    };
  }

  window.CasebookPackQuery = { contentWords, keyTables, open, queryKeys, search };
})();
