import type { MultiSearchQuery, SearchResponse } from 'meilisearch';
import type { NoteQuery } from './note-index.js';
import { foldWord, queryKeys, type KeyRewriter } from './stem-words.js';

/*
 * Under the "last" matching strategy the engine ranks first the notes that hold the most of a
 * query's leading keys, wherever they hold them, so in a question of several keys a note that
 * says a few of them in passing outranks the note whose title and summary say what the question
 * is about. The engine's first RERANK_POOL section hits are re-ordered in the app by how many of
 * the query's keys (stem keys and glossary tokens) the note's title and summary hold, less a
 * little for each place the engine put it lower: a permutation of the engine's top hits, so the
 * pages beyond them are the engine's own and no note is shown twice. Chosen with npm run eval
 * (docs/search.md): from three keys, a pool of 30 (50 measured the same) and 0.15 a place.
 */

/** How many of the engine's first hits are re-ordered, at least (poolSize). */
export const RERANK_POOL = 30;
/** From this many keys a query is re-ranked (two keys are typed in the order they matter). */
const RERANK_KEYS = 3;
/** What a place lower in the engine's order costs, against 1 for each key the title or summary holds. */
const PLACE_COST = 0.15;

/** The keys to re-rank a page's hits by, or undefined when the page keeps the engine's order (few keys, a sort, a page beyond the pool, pages larger than the pool). Pure. */
export function rerankKeys(query: NoteQuery, rewrite?: KeyRewriter): string[] | undefined {
  if (
    !query.text ||
    query.sort !== 'relevance' ||
    query.hitsPerPage <= 0 ||
    query.hitsPerPage > RERANK_POOL ||
    query.page * query.hitsPerPage > poolSize(query.hitsPerPage)
  )
    return undefined;
  const keys = queryKeys(query.text, rewrite).split(' ').filter(Boolean);
  return keys.length >= RERANK_KEYS ? keys : undefined;
}

/**
 * The pool for pages of this size: whole pages, at least RERANK_POOL hits, so a page is either
 * inside the re-ordered pool or wholly beyond it, and none shows a note another page shows. Pure.
 */
export function poolSize(hitsPerPage: number): number {
  return Math.ceil(RERANK_POOL / hitsPerPage) * hitsPerPage;
}

/** The page's hits query asking for the whole pool, with the fields the re-ranking reads. Pure. */
export function poolQuery(hits: MultiSearchQuery, hitsPerPage: number): MultiSearchQuery {
  return { ...hits, offset: 0, limit: poolSize(hitsPerPage), attributesToRetrieve: [...(hits.attributesToRetrieve ?? []), 'title_terms', 'summary_terms'] };
}

/**
 * The pool's hits re-ordered (see above), then the query's page of them. Linear in the pool's
 * titles and summaries times the query's keys (each bounded: a query's length is capped before it
 * gets here). Pure.
 */
export function rerankHits(
  response: SearchResponse<Record<string, unknown>>,
  keys: readonly string[],
  query: Pick<NoteQuery, 'page' | 'hitsPerPage'>,
): SearchResponse<Record<string, unknown>> {
  const wanted = [...new Set(keys)];
  const scored = response.hits.map((hit, place) => {
    let held = 0;
    for (const field of [hit.title_terms, hit.summary_terms]) {
      // The *_terms fields hold the words, their stem keys and the glossary's tokens (section-records.ts).
      const text = fold(typeof field === 'string' ? field : '');
      for (const key of wanted) if (holdsWord(text, key)) held += 1;
    }
    return { hit, score: held - PLACE_COST * place };
  });
  // A stable sort: equal scores keep the engine's order.
  scored.sort((a, b) => b.score - a.score);
  const start = (query.page - 1) * query.hitsPerPage;
  return { ...response, hits: scored.slice(start, start + query.hitsPerPage).map(({ hit }) => hit) };
}

/** Whether a folded text has `word` as a whole word: each occurrence is checked for a letter or digit on either side. */
function holdsWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!WORD_CHAR.test(text[at - 1] ?? ' ') && !WORD_CHAR.test(text[at + word.length] ?? ' ')) return true;
  }
  return false;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** A field folded as the engine folds words (foldWord), in one pass, and without its cost on plain ASCII. */
function fold(text: string): string {
  return /[^\x00-\x7f]/.test(text) ? foldWord(text) : text.toLowerCase();
}
