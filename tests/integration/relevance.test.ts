import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inject, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../server/knowledge/load-knowledge.js';
import { judgedCorpus, loadJudgedQueries, runEval, type EvalReport } from '../../scripts/eval/run-eval.js';

// The figures `npm run eval -- --json tests/relevance/figures.json` wrote when the search last
// changed on purpose. A change that costs more than 0.02 of nDCG@10 fails here; a change that gains
// should commit the new figures. The judged queries are never edited to move these numbers.
const committed = JSON.parse(readFileSync(path.join('tests', 'relevance', 'figures.json'), 'utf8')) as Omit<EvalReport, 'details' | 'misses'>;

describe('relevance of the judged query set on the starter corpus (npm run eval)', () => {
  it("holds the committed nDCG@10 (overall and on the questions), stays 0.10 above Meilisearch's defaults, stays under 2 % zero results and finds a relevant note in the top 10 of every query of the earlier set that has one", async () => {
    const { knowledgeBase: everything } = await loadKnowledge('knowledge');
    if (!everything) throw new Error('the starter corpus does not load');
    const knowledgeBase = judgedCorpus(path.join('tests', 'relevance', 'queries.yml'), everything);
    expect(knowledgeBase.notes).toHaveLength(99);
    const queries = loadJudgedQueries(path.join('tests', 'relevance', 'queries.yml'), knowledgeBase);
    expect(queries.length).toBeGreaterThanOrEqual(80);
    expect(new Set(queries.map((query) => query.lang))).toEqual(new Set(['en', 'fr', 'es']));

    const report = await runEval({ url: inject('meiliUrl'), masterKey: inject('meiliKey'), prefix: 'relevance_' }, knowledgeBase, queries, '2026-11-28');
    expect(report.casebook.ndcg10).toBeGreaterThanOrEqual(committed.casebook.ndcg10 - 0.02);
    expect(report.casebook.ndcg10).toBeGreaterThanOrEqual(report.baseline.ndcg10 + 0.1);
    expect(report.casebook.zero_rate).toBeLessThan(0.02);
    // The questions of issue 28 (kind: question) are held to their committed figure, not yet to
    // issue 11's "no miss": some of them find no relevant note in their first ten (npm run eval lists them).
    const questions = new Set(queries.filter((query) => query.kind === 'question').map((query) => query.id));
    const committedQuestions = committed.subsets.find((subset) => subset.name === 'questions')!;
    const reportedQuestions = report.subsets.find((subset) => subset.name === 'questions')!;
    expect(reportedQuestions.queries).toBe(committedQuestions.queries);
    expect(reportedQuestions.casebook.ndcg10).toBeGreaterThanOrEqual(committedQuestions.casebook.ndcg10 - 0.02);
    // Issue 11's target on the set it was set for, listed by query so a failure says which ones: fix
    // the search (a stem, a synonym, a ranking rule), never the judgement, unless the judgement itself is wrong.
    expect(report.misses.filter((miss) => !questions.has(miss.id)).map((miss) => `${miss.id}: ${miss.q}`)).toEqual([]);
  }, 300_000); // 227 queries on two indexes: about 45 s on a quiet machine, several times that at a load of 15-20
});
