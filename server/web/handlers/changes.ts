import type { Request, RequestHandler, Response } from 'express';
import type { KnowledgeBase } from '../../content/knowledge-base.js';
import type { ChangeFilter } from '../../knowledge/history-index.js';
import type { KnowledgeHistory } from '../../knowledge/knowledge-source.js';
import type { AppDependencies } from '../app-dependencies.js';
import { pageContext } from '../page-context.js';
import { buildChangesFeed, itemsByFile, toChangeEntry, type Versioned } from '../view-models/history-pages.js';
import { labelFacetValue } from '../view-models/facet-labels.js';

const PAGE_SIZE = 30;
const FEED_SIZE = 50;
const MAX_PAGE = 100;

/** What /changes was asked for, every value checked against the knowledge base (unknown ones are dropped). */
interface ChangesQuery {
  collection: string | undefined;
  jurisdictions: string[];
  since: string | undefined;
  page: number;
}

function parseQuery(query: Request['query'], kb: KnowledgeBase, used: ReadonlySet<string>): ChangesQuery {
  const list = (value: unknown) =>
    (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((item): item is string => typeof item === 'string');
  const collection = list(query.collection)[0];
  const since = list(query.since)[0];
  const page = Number(list(query.page)[0] ?? 1);
  return {
    collection: collection && kb.collections.some((candidate) => candidate.slug === collection) ? collection : undefined,
    jurisdictions: [
      ...new Set(
        list(query.jurisdictions)
          .flatMap((value) => value.split(','))
          .map((code) => code.trim())
          .filter((code) => used.has(code)),
      ),
    ].slice(0, 50),
    since: since && /^\d{4}-\d{2}-\d{2}$/.test(since) && !Number.isNaN(Date.parse(`${since}T00:00:00Z`)) ? since : undefined,
    page: Number.isInteger(page) && page >= 1 ? Math.min(page, MAX_PAGE) : 1,
  };
}

/** The knowledge files the filters keep: the notes in the collection and the jurisdictions asked for (and their former files). */
function filterOf(query: ChangesQuery, kb: KnowledgeBase, history: KnowledgeHistory): ChangeFilter {
  const since = query.since ? Date.parse(`${query.since}T00:00:00Z`) / 1000 : undefined;
  if (!query.collection && query.jurisdictions.length === 0) return { since };
  const inCollection = query.collection ? new Set(kb.collections.find((collection) => collection.slug === query.collection)!.notes) : undefined;
  const paths = new Set<string>();
  for (const note of kb.notes) {
    if (inCollection && !inCollection.has(note.slug)) continue;
    if (query.jurisdictions.length > 0 && !note.jurisdictions.some((code) => query.jurisdictions.includes(code))) continue;
    paths.add(history.pathOf(note.file));
    for (const alias of note.aliases) paths.add(`notes/${alias}.md`);
  }
  return { since, paths };
}

function queryString(query: ChangesQuery, page?: number): string {
  const params = new URLSearchParams();
  if (query.collection) params.set('collection', query.collection);
  for (const code of query.jurisdictions) params.append('jurisdictions', code);
  if (query.since) params.set('since', query.since);
  if (page && page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** GET /changes and /changes.xml — recent updates across the knowledge base with their change notes, filterable by collection, jurisdictions and date. */
export function showChanges(deps: AppDependencies, format: 'page' | 'feed'): RequestHandler {
  // What a commit touched, as readers can open it now: built once per knowledge base (not per request).
  const lookups = new WeakMap<KnowledgeBase, { items: Map<string, Versioned & { language?: string }>; jurisdictions: Set<string> }>();
  return (req: Request, res: Response) => {
    const kb = deps.knowledgeBase;
    const history = deps.knowledge.history();
    const { language, t, baseUrl } = pageContext(res.locals);
    let lookup = lookups.get(kb);
    if (!lookup && history)
      lookups.set(kb, (lookup = { items: itemsByFile(kb, history), jurisdictions: new Set(kb.notes.flatMap((note) => note.jurisdictions)) }));
    const query = parseQuery(req.query, kb, lookup?.jurisdictions ?? new Set());
    const size = format === 'feed' ? FEED_SIZE : PAGE_SIZE;
    const found = history && lookup ? history.index().recent(filterOf(query, kb, history), (query.page - 1) * size, size) : { commits: [], more: false };
    const entries = found.commits.map((commit) => {
      const items = [...new Set(commit.touches.filter((touch) => touch.status !== 'D').flatMap((touch) => lookup!.items.get(touch.path) ?? []))];
      return toChangeEntry(commit, items, language);
    });
    if (format === 'feed') {
      res.type('application/atom+xml').send(
        buildChangesFeed({
          title: t('changes.title'),
          selfUrl: `${baseUrl}/changes.xml${queryString(query)}`,
          baseUrl,
          language,
          author: t('feed.author'),
          entries,
        }),
      );
      return;
    }
    const codes = [...(lookup?.jurisdictions ?? [])]
      .map((code) => ({ code, label: labelFacetValue('jurisdictions', code, language, kb.taxonomy, t), selected: query.jurisdictions.includes(code) }))
      .sort((a, b) => a.label.localeCompare(b.label, language));
    res.render('changes', {
      title: t('changes.title'),
      description: t('changes.intro'),
      model: {
        entries,
        query,
        jurisdictions: codes,
        collections: kb.collections.map((collection) => ({ slug: collection.slug, title: collection.title, selected: collection.slug === query.collection })),
        feedUrl: `/changes.xml${queryString(query)}`,
        previousUrl: query.page > 1 ? `/changes${queryString(query, query.page - 1)}` : undefined,
        nextUrl: found.more && query.page < MAX_PAGE ? `/changes${queryString(query, query.page + 1)}` : undefined,
      },
    });
  };
}
