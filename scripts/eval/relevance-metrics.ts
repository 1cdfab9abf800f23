/** A judged query: what was typed, in which interface language, and the grade (0–3) of each judged note. */
export interface JudgedQuery {
  id: string;
  lang: string;
  q: string;
  /** `question`: a question or a description of facts, as a practitioner would put it to a colleague (issue 28). */
  kind?: 'question';
  /** A French or Spanish query none of whose relevant notes is in its language. */
  cross_language?: boolean;
  grades: Readonly<Record<string, number>>;
}

/** The four figures of docs/contract.md §5 `npm run eval`, averaged over the queries. */
export interface RelevanceFigures {
  ndcg10: number;
  mrr: number;
  recall10: number;
  zero_rate: number;
}

/** A note counts as relevant for MRR and recall when graded 2 or 3; grade 1 only adds to nDCG. */
export const RELEVANT_GRADE = 2;

/** nDCG@k with graded gains 2^grade − 1 and log2 discounts; 0 when nothing is judged relevant. Pure. */
export function ndcgAt(ranked: readonly string[], grades: Readonly<Record<string, number>>, k = 10): number {
  const dcg = (gains: number[]) => gains.slice(0, k).reduce((sum, grade, index) => sum + (2 ** grade - 1) / Math.log2(index + 2), 0);
  const ideal = dcg(
    Object.values(grades)
      .filter((grade) => grade > 0)
      .sort((a, b) => b - a),
  );
  return ideal === 0 ? 0 : dcg(ranked.map((slug) => grades[slug] ?? 0)) / ideal;
}

/** 1 / rank of the first relevant note (grade ≥ 2), 0 when none is ranked. Pure. */
export function reciprocalRank(ranked: readonly string[], grades: Readonly<Record<string, number>>): number {
  const index = ranked.findIndex((slug) => (grades[slug] ?? 0) >= RELEVANT_GRADE);
  return index < 0 ? 0 : 1 / (index + 1);
}

/** Share of the relevant notes (grade ≥ 2) found in the first k. Pure. */
export function recallAt(ranked: readonly string[], grades: Readonly<Record<string, number>>, k = 10): number {
  const relevant = Object.keys(grades).filter((slug) => (grades[slug] ?? 0) >= RELEVANT_GRADE);
  if (relevant.length === 0) return 0;
  const top = new Set(ranked.slice(0, k));
  return relevant.filter((slug) => top.has(slug)).length / relevant.length;
}

/**
 * The queries that have a relevant note (grade ≥ 2) but find none in their first k: the relevance
 * target is that there be none. `rankings[i]` answers `queries[i]`. Pure.
 */
export function queriesMissingEveryRelevantNote(queries: readonly JudgedQuery[], rankings: readonly (readonly string[])[], k = 10): JudgedQuery[] {
  return queries.filter((query, index) => {
    const relevant = Object.keys(query.grades).filter((slug) => (query.grades[slug] ?? 0) >= RELEVANT_GRADE);
    const top = (rankings[index] ?? []).slice(0, k);
    return relevant.length > 0 && !top.some((slug) => relevant.includes(slug));
  });
}

/** Averages the figures over every query's ranking (`rankings[i]` answers `queries[i]`). Pure. */
export function scoreRankings(queries: readonly JudgedQuery[], rankings: readonly (readonly string[])[]): RelevanceFigures {
  const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    ndcg10: round(mean(queries.map((query, index) => ndcgAt(rankings[index] ?? [], query.grades)))),
    mrr: round(mean(queries.map((query, index) => reciprocalRank(rankings[index] ?? [], query.grades)))),
    recall10: round(mean(queries.map((query, index) => recallAt(rankings[index] ?? [], query.grades)))),
    zero_rate: round(mean(rankings.map((ranking) => (ranking.length === 0 ? 1 : 0)))),
  };
}
