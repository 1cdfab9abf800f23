import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../server/knowledge/load-knowledge.js';
import { FACETS } from '../../server/content/note-schema.js';
import { countText } from '../../server/search/build-multi-search.js';
import { NOTE_RECORDS } from '../../server/search/index-settings.js';
import type { MeilisearchNoteWriter } from '../../server/search/meilisearch-note-writer.js';
import { reindex } from '../../server/search/reindex.js';
import { expandQuery } from '../../server/search/stem-words.js';
import { judgedCorpus, loadJudgedQueries } from '../../scripts/eval/run-eval.js';
import { engineWriter, TODAY } from './engine-test-context.js';

// countText lets a count-only query ask a text's stem keys alone, on the engine's word that it
// counts the same notes (build-multi-search.ts says why). This holds it to that over every judged
// query of the starter corpus, alone and with a filter: a release of the engine that counted
// differently would fail here, not show visitors totals their pages cannot reach.
let index: MeilisearchNoteWriter;
let texts: string[];

beforeAll(async () => {
  const { knowledgeBase: everything } = await loadKnowledge('knowledge');
  if (!everything) throw new Error('the starter corpus does not load');
  const queries = path.join('tests', 'relevance', 'queries.yml');
  const knowledgeBase = judgedCorpus(queries, everything);
  texts = [...new Set(loadJudgedQueries(queries, knowledgeBase).map((query) => query.q))];
  index = engineWriter('count_text', knowledgeBase);
  await reindex(index, knowledgeBase, TODAY);
}, 240_000);

describe('count-only queries (countText)', () => {
  it('count the same notes, with the same facet counts, as the whole expanded text over every judged query', async () => {
    const shortened = texts.filter((text) => countText(text) !== expandQuery(text));
    // Most practitioners' queries have two content words or more: the shortening is the common case.
    expect(shortened.length).toBeGreaterThan(texts.length / 2);
    const facets = FACETS.map((facet) => facet.field);
    const count = (q: string, filter: string[][]) => ({ indexUid: 'count_text', q, filter, facets, page: 1, hitsPerPage: 0 });
    for (const filter of [[[NOTE_RECORDS]], [['language = "en"'], [NOTE_RECORDS]]]) {
      // In parts: every judged query at once, long questions included, outlasted the client's 5 s timeout on a busy machine.
      const results: Array<{ totalHits?: number; facetDistribution?: unknown }> = [];
      for (let start = 0; start < shortened.length; start += 40) {
        const part = await index.client.multiSearch({
          queries: shortened.slice(start, start + 40).flatMap((text) => [count(expandQuery(text), filter), count(countText(text), filter)]),
        });
        results.push(...part.results);
      }
      const differences = shortened.filter((_, position) => {
        const [whole, keys] = [results[2 * position]!, results[2 * position + 1]!];
        return whole.totalHits !== keys.totalHits || JSON.stringify(whole.facetDistribution) !== JSON.stringify(keys.facetDistribution);
      });
      expect(differences).toEqual([]);
    }
  }, 60_000);
});
