import { describe, expect, it } from 'vitest';
import { ndcgAt, queriesMissingEveryRelevantNote, recallAt, reciprocalRank, scoreRankings } from '../../../scripts/eval/relevance-metrics.js';

const grades = { a: 3, b: 2, c: 1 };

describe('relevance metrics', () => {
  it('nDCG@10 is 1 for the ideal order and less for any other', () => {
    expect(ndcgAt(['a', 'b', 'c'], grades)).toBeCloseTo(1);
    expect(ndcgAt(['c', 'b', 'a'], grades)).toBeLessThan(1);
    expect(ndcgAt(['x', 'a', 'b', 'c'], grades)).toBeLessThan(ndcgAt(['a', 'b', 'c'], grades));
    expect(ndcgAt([], grades)).toBe(0);
  });

  it('MRR and recall count notes graded 2 or 3 as relevant', () => {
    expect(reciprocalRank(['c', 'x', 'b'], grades)).toBeCloseTo(1 / 3);
    expect(recallAt(['c', 'b'], grades)).toBe(0.5);
  });

  it('averages over queries and counts empty rankings as zero results', () => {
    const queries = [
      { id: '1', lang: 'en', q: 'x', grades },
      { id: '2', lang: 'en', q: 'y', grades },
    ];
    expect(scoreRankings(queries, [['a', 'b', 'c'], []])).toEqual({ ndcg10: 0.5, mrr: 0.5, recall10: 0.5, zero_rate: 0.5 });
  });

  it('lists the queries whose first ten show none of their relevant notes (grade 1 does not count)', () => {
    const queries = [
      { id: 'found', lang: 'en', q: 'x', grades },
      { id: 'missed', lang: 'en', q: 'y', grades },
      { id: 'only-background', lang: 'en', q: 'z', grades: { c: 1 } },
      { id: 'eleventh', lang: 'en', q: 'w', grades },
    ];
    const rankings = [['x', 'b'], ['c', 'x'], [], [...'0123456789'].map((digit) => `n${digit}`).concat('a')];
    expect(queriesMissingEveryRelevantNote(queries, rankings).map((query) => query.id)).toEqual(['missed', 'eleventh']);
  });
});
