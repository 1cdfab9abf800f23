import { readFileSync } from 'node:fs';
import { Meilisearch } from 'meilisearch';
import YAML from 'yaml';
import type { KnowledgeBase } from '../../server/content/knowledge-base.js';
import { extractSearchText } from '../../server/content/render-note.js';
import { buildIndexSettings } from '../../server/search/index-settings.js';
import { createMeilisearchClient } from '../../server/search/meilisearch-connection.js';
import { MeilisearchNoteWriter } from '../../server/search/meilisearch-note-writer.js';
import { reindex } from '../../server/search/reindex.js';
import { formatPackOverlap, measurePackOverlap, type PackOverlap } from './pack-overlap.js';
import { queriesMissingEveryRelevantNote, scoreRankings, type JudgedQuery, type RelevanceFigures } from './relevance-metrics.js';

/** What `npm run eval -- --json FILE` writes (docs/search.md, Relevance). */
export interface EvalReport {
  queries: number;
  casebook: RelevanceFigures;
  baseline: RelevanceFigures;
  /** The same figures over parts of the set: the questions, the cross-language queries, each language. */
  subsets: EvalSubset[];
  /** Per query: the first ten slugs each side returned, for reading a regression. */
  details: Array<{ id: string; q: string; casebook: string[]; baseline: string[] }>;
  /** Queries with a relevant note of which Casebook's first ten show none (the target: there should be none). */
  misses: Array<{ id: string; q: string }>;
  /** With `--pack`: each pack's overlap of its top 10 with the site's (issue 28, pack-overlap.ts). */
  packs?: PackOverlap[];
}

/** The figures over one part of the judged set. */
export interface EvalSubset {
  name: string;
  queries: number;
  casebook: RelevanceFigures;
  baseline: RelevanceFigures;
}

/** The parts of the set the report shows apart: the questions, the rest, the cross-language queries, and each language. Pure. */
export function evalSubsets(queries: readonly JudgedQuery[]): Array<{ name: string; keep: (query: JudgedQuery) => boolean }> {
  const languages = [...new Set(queries.map((query) => query.lang))];
  return [
    { name: 'questions', keep: (query) => query.kind === 'question' },
    { name: 'earlier set (not questions)', keep: (query) => query.kind !== 'question' },
    { name: 'cross-language', keep: (query) => query.cross_language === true },
    ...languages.map((language) => ({ name: language, keep: (query: JudgedQuery) => query.lang === language })),
  ];
}

/** Where the engine is, and the names of the two throw-away indexes. */
export interface EvalEngine {
  url: string;
  masterKey: string | undefined;
  /** Prefix of the index names, so parallel runs (a test, a developer) never share one. */
  prefix: string;
}

const TOP = 10;

/**
 * The knowledge base restricted to the notes the set was judged on (`corpus:` in the queries file):
 * notes written since would count as irrelevant wherever they rank, so they wait for a re-judging.
 */
export function judgedCorpus(file: string, knowledgeBase: KnowledgeBase): KnowledgeBase {
  const { corpus } = YAML.parse(readFileSync(file, 'utf8')) as { corpus: string[] };
  const judged = new Set(corpus);
  const notes = knowledgeBase.notes.filter((note) => judged.has(note.slug));
  const missing = corpus.filter((slug) => !knowledgeBase.bySlug.has(slug));
  if (missing.length > 0) throw new Error(`${file}: the judged corpus names notes that are not published: ${missing.join(', ')}`);
  return { ...knowledgeBase, notes, bySlug: new Map(notes.map((note) => [note.slug, note])) };
}

/** Reads and checks the judged query set: every graded slug must be a published note. */
export function loadJudgedQueries(file: string, knowledgeBase: KnowledgeBase): JudgedQuery[] {
  const parsed = YAML.parse(readFileSync(file, 'utf8')) as { queries: JudgedQuery[] };
  const slugs = new Set(knowledgeBase.notes.map((note) => note.slug));
  for (const query of parsed.queries) {
    for (const [slug, grade] of Object.entries(query.grades)) {
      if (!slugs.has(slug)) throw new Error(`${file}: query ${query.id} grades "${slug}", which is not a published note`);
      if (![0, 1, 2, 3].includes(grade)) throw new Error(`${file}: query ${query.id} gives "${slug}" the grade ${grade}; grades are 0–3`);
    }
  }
  return parsed.queries;
}

/**
 * Indexes the knowledge base twice on one engine, Casebook's way and as plain documents under
 * Meilisearch's default settings (the anchor), runs every query on both and scores them.
 */
export async function runEval(
  engine: EvalEngine,
  knowledgeBase: KnowledgeBase,
  queries: readonly JudgedQuery[],
  today: string,
  options: { packs?: boolean } = {},
): Promise<EvalReport> {
  const casebookIndex = `${engine.prefix}casebook`;
  const baselineIndex = `${engine.prefix}baseline`;
  const writer = new MeilisearchNoteWriter({
    host: engine.url,
    apiKey: engine.masterKey,
    indexName: casebookIndex,
    settings: buildIndexSettings(),
    synonyms: knowledgeBase.synonyms,
    subjects: knowledgeBase.notes,
  });
  const client = createMeilisearchClient(engine.url, engine.masterKey);
  try {
    await reindex(writer, knowledgeBase, today);
    await indexBaseline(client, baselineIndex, knowledgeBase);

    const casebook: string[][] = [];
    const baseline: string[][] = [];
    for (const query of queries) {
      const result = await writer.search({ text: query.q, filters: {}, sort: 'relevance', page: 1, hitsPerPage: TOP, language: query.lang });
      casebook.push(result.hits.map((hit) => hit.slug));
      const plain = await client.index(baselineIndex).search(query.q, { limit: TOP, attributesToRetrieve: ['id'] });
      baseline.push(plain.hits.map((hit) => String(hit.id)));
    }
    const subsets = evalSubsets(queries)
      .map(({ name, keep }) => {
        const kept = queries.flatMap((query, index) => (keep(query) ? [index] : []));
        const part = kept.map((index) => queries[index]!);
        return {
          name,
          queries: part.length,
          casebook: scoreRankings(
            part,
            kept.map((index) => casebook[index]!),
          ),
          baseline: scoreRankings(
            part,
            kept.map((index) => baseline[index]!),
          ),
        };
      })
      .filter((subset) => subset.queries > 0);
    const packs = options.packs ? await measurePackOverlap(writer, knowledgeBase, queries, today) : undefined;
    return {
      queries: queries.length,
      casebook: scoreRankings(queries, casebook),
      baseline: scoreRankings(queries, baseline),
      subsets,
      details: queries.map((query, index) => ({ id: query.id, q: query.q, casebook: casebook[index] ?? [], baseline: baseline[index] ?? [] })),
      misses: queriesMissingEveryRelevantNote(queries, casebook, TOP).map(({ id, q }) => ({ id, q })),
      ...(packs ? { packs } : {}),
    };
  } finally {
    await client
      .deleteIndex(casebookIndex)
      .waitTask()
      .catch(() => undefined);
    await client
      .deleteIndex(`${casebookIndex}__meta`)
      .waitTask()
      .catch(() => undefined);
    await client
      .deleteIndex(baselineIndex)
      .waitTask()
      .catch(() => undefined);
  }
}

/** The anchor: one document per note (title, summary, plain-text body), every setting left at its default. */
async function indexBaseline(client: Meilisearch, indexName: string, knowledgeBase: KnowledgeBase): Promise<void> {
  await client.deleteIndex(indexName).waitTask();
  const documents = await Promise.all(
    knowledgeBase.notes.map(async (listed) => {
      const note = (await knowledgeBase.readNote(listed))!;
      return { id: note.slug, title: note.title, summary: note.summary, body: extractSearchText(note.body).plainText };
    }),
  );
  const task = await client.index(indexName).addDocuments(documents, { primaryKey: 'id' }).waitTask();
  if (task.status !== 'succeeded') throw new Error(`baseline indexing failed: ${task.error?.message ?? task.status}`);
}

/** The tables `npm run eval` prints: the whole set, then each part of it, Casebook beside Meilisearch's defaults. */
export function formatEvalReport(report: EvalReport): string {
  const row = (name: string, figures: RelevanceFigures) =>
    `| ${name} | ${figures.ndcg10.toFixed(3)} | ${figures.mrr.toFixed(3)} | ${figures.recall10.toFixed(3)} | ${(figures.zero_rate * 100).toFixed(1)} % |`;
  return [
    `${report.queries} judged queries (tests/relevance/queries.yml)`,
    '',
    '| search | nDCG@10 | MRR | recall@10 | zero results |',
    '|---|---:|---:|---:|---:|',
    row('Casebook', report.casebook),
    row('Meilisearch defaults', report.baseline),
    '',
    '| part of the set | queries | Casebook nDCG@10 | MRR | recall@10 | defaults nDCG@10 |',
    '|---|---:|---:|---:|---:|---:|',
    ...report.subsets.map(
      (subset) =>
        `| ${subset.name} | ${subset.queries} | ${subset.casebook.ndcg10.toFixed(3)} | ${subset.casebook.mrr.toFixed(3)} | ${subset.casebook.recall10.toFixed(3)} | ${subset.baseline.ndcg10.toFixed(3)} |`,
    ),
    '',
    report.misses.length === 0
      ? "Every query with a relevant note finds one in Casebook's top 10."
      : `${report.misses.length} queries with a relevant note find none in Casebook's top 10:\n${report.misses.map((miss) => `  ${miss.id}\t${miss.q}`).join('\n')}`,
    ...(report.packs
      ? [
          '',
          "Offline packs (npm run eval -- --pack): the judged queries in each pack's interface language, the site's top 10 kept to the pack's notes",
          '',
          formatPackOverlap(report.packs),
        ]
      : []),
  ].join('\n');
}
