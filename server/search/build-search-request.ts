import type { MultiSearchQuery, SearchResponse } from 'meilisearch';
import { authorityIndexOf } from './authority-document.js';
import { buildMultiSearch, buildRelaxedSearch, queryWords, readMultiSearch, readRelaxedSearch, universeKey } from './build-multi-search.js';
import type { AuthorityHit, FacetCounts, NoteQuery, NoteSearchResult } from './note-index.js';
import type { SearchMemo } from './search-memo.js';
import { poolQuery, rerankHits, rerankKeys } from './rerank-hits.js';
import { readSpellingAnswer, spellingQuery, wordsIndexOf } from './spelling-search.js';
import type { KeyRewriter } from './stem-words.js';
import { correctSpelling, spellingCandidates } from './suggest-spelling.js';

/** The authorities shown above the notes, at most. */
const AUTHORITY_HITS = 3;

/** Everything one search asks the engine in one multi-search, and what reading the answer needs to know. */
export interface SearchRequest {
  queries: MultiSearchQuery[];
  /** How many of `queries` make the page (buildMultiSearch); the authorities and spelling queries follow. */
  page: number;
  /** The keys the page's hits are re-ordered by, when they are (rerank-hits.ts). */
  rerank?: string[];
  /** True when the authorities query is among `queries`. */
  authorities: boolean;
  /** The folded words "Did you mean" checks in this request, in the order of their queries (last). */
  spellingWords: string[];
  /** The text's facet lists when the memo holds them (then not asked again). */
  knownUniverse: FacetCounts | undefined;
  /** The authorities the memo holds for this text (then not asked again). */
  knownAuthorities: AuthorityHit[] | undefined;
}

/**
 * Everything one search asks the engine, in one multi-search: the page (buildMultiSearch), then the
 * authorities the words name (first page only), then one query per word "Did you mean" checks. What
 * `memo` already holds for these words (their facet lists, their authorities, a word's answer) is
 * not asked again. `rewrite` puts the synonym groups' tokens into the query (synonym-tokens.ts). The
 * benchmark's direct side sends exactly this. Pure.
 */
export function buildSearchRequest(query: NoteQuery, indexName: string, memo?: SearchMemo, rewrite?: KeyRewriter): SearchRequest {
  const knownUniverse = memo?.universes.get(universeKey(query));
  const page = buildMultiSearch(query, indexName, { withUniverse: knownUniverse === undefined, ...(rewrite ? { rewrite } : {}) });
  // A question's page is the engine's first hits re-ordered in the app (rerank-hits.ts).
  const rerank = rerankKeys(query, rewrite);
  if (rerank) page[0] = poolQuery(page[0]!, query.hitsPerPage);
  // Authorities are shown on the first page of results only.
  const shown = query.text.trim() !== '' && query.page === 1;
  const knownAuthorities = shown ? memo?.authorities.get(query.text) : undefined;
  const authorities = shown && knownAuthorities === undefined;
  const spellingWords = query.text ? spellingCandidates(query.text).filter((word) => !memo?.corrections.has(word)) : [];
  return {
    queries: [
      ...page,
      ...(authorities
        ? [
            {
              indexUid: authorityIndexOf(indexName),
              q: query.text,
              limit: AUTHORITY_HITS,
              matchingStrategy: 'all' as const,
              attributesToRetrieve: ['id', 'title', 'citation', 'url', 'kind', 'status'],
            },
          ]
        : []),
      ...spellingWords.map((word) => spellingQuery(word, wordsIndexOf(indexName))),
    ],
    page: page.length,
    ...(rerank ? { rerank } : {}),
    authorities,
    spellingWords,
    knownUniverse,
    knownAuthorities,
  };
}

/**
 * Reads the answer to buildSearchRequest: the page, the authorities and "Did you mean", keeping in
 * `memo` what later searches of the same words can reuse. `extras` false means the engine answered
 * only the page's queries (an index of authorities or words is missing): the notes are still
 * answered. Pure, but for what it writes into `memo`.
 */
export function readSearchAnswer(
  query: NoteQuery,
  request: SearchRequest,
  responses: readonly SearchResponse<Record<string, unknown>>[],
  extras: boolean,
  memo?: SearchMemo,
): NoteSearchResult {
  const asked = extras && request.authorities ? responses[request.page]!.hits.map(toAuthorityHit) : undefined;
  if (memo && asked) memo.authorities.set(query.text, asked);
  const authorities = asked ?? request.knownAuthorities;
  const didYouMean = extras
    ? readCorrections(query.text, request.spellingWords, responses.slice(request.queries.length - request.spellingWords.length), memo)
    : undefined;
  const pageResponses = responses.slice(0, request.page);
  if (request.rerank) pageResponses[0] = rerankHits(pageResponses[0]!, request.rerank, query);
  const page = readMultiSearch(query, pageResponses, request.knownUniverse);
  if (memo && page.universe && !request.knownUniverse) memo.universes.set(universeKey(query), page.universe);
  return { ...page, ...(authorities ? { authorities } : {}), ...(didYouMean ? { didYouMean } : {}) };
}

/**
 * The search policy for a page that found nothing: no dead ends. When nothing matches every word of
 * a text of two words or more, the same page is asked again without the words no note contains
 * (relaxedSearch builds it), a second round trip paid only by searches that found nothing. Pure.
 */
export function needsRelaxing(query: NoteQuery, found: NoteSearchResult): boolean {
  return found.totalHits === 0 && queryWords(query.text).length >= 2;
}

/** The retry of a search that found nothing (buildRelaxedSearch). Pure. */
export function relaxedSearch(query: NoteQuery, indexName: string, rewrite?: KeyRewriter): MultiSearchQuery[] {
  return buildRelaxedSearch(query, indexName, rewrite);
}

/** Reads the retry: its page when it dropped words and found notes, else what the first search found (with its authorities and spelling). Pure. */
export function readRelaxedAnswer(query: NoteQuery, found: NoteSearchResult, responses: readonly SearchResponse<Record<string, unknown>>[]): NoteSearchResult {
  const relaxed = readRelaxedSearch(query, responses);
  if (!relaxed.relaxed) return found;
  return { ...relaxed, ...(found.authorities ? { authorities: found.authorities } : {}), ...(found.didYouMean ? { didYouMean: found.didYouMean } : {}) };
}

/** "Did you mean" for a text from the words just checked and, for the others, what `memo` holds (keeping the new answers there). */
function readCorrections(
  text: string,
  checked: readonly string[],
  responses: readonly SearchResponse<Record<string, unknown>>[],
  memo: SearchMemo | undefined,
): string | undefined {
  const answers = new Map(checked.map((word, index) => [word, readSpellingAnswer(word, responses[index])]));
  for (const [word, answer] of answers) memo?.corrections.set(word, answer);
  return correctSpelling(text, (word) => answers.get(word) ?? memo?.corrections.get(word));
}

function toAuthorityHit(hit: Record<string, unknown>): AuthorityHit {
  return {
    id: String(hit.id),
    title: String(hit.title),
    citation: String(hit.citation),
    url: typeof hit.url === 'string' ? hit.url : null,
    kind: String(hit.kind),
    status: String(hit.status),
  };
}
