import { matchesApplicability } from '../../server/content/applies-in.js';
import { withKeptBody } from '../../server/content/compact-note.js';
import type { KnowledgeBase, PublishedNote } from '../../server/content/knowledge-base.js';
import { FACETS } from '../../server/content/note-schema.js';
import { SearchEngineError } from '../../server/errors.js';
import type {
  CountRequest,
  CountResult,
  FacetCounts,
  IndexStatus,
  NoteHit,
  NoteIndex,
  NoteQuery,
  NoteSearchResult,
  RecommendationRecord,
  RelatedTo,
} from '../../server/search/note-index.js';
import { countShared } from '../../server/search/build-multi-search.js';
import { escapeHtml } from '../../server/search/safe-highlight.js';
import { noteHasValue } from '../../server/web/view-models/browse-page.js';
import { buildVocabulary, suggestSpelling, type Vocabulary } from '../../server/search/suggest-spelling.js';

/**
 * A NoteIndex over the in-memory knowledge base, for HTTP and view tests only (the integration
 * tests use the real engine). Same contract: OR inside a facet, AND across facets, counts inside a
 * selected facet computed without that facet's own selection. Text matching is naive on purpose.
 */
export class InMemoryNoteIndex implements NoteIndex {
  /** Every query the app asked for, so tests can check what reached the port. */
  readonly queries: NoteQuery[] = [];
  available = true;
  /** Lets a test shape what the engine would add (a matched section, a relaxed query). */
  decorate: (result: NoteSearchResult) => NoteSearchResult = (result) => result;

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly today = '2026-11-28',
  ) {}

  async search(query: NoteQuery): Promise<NoteSearchResult> {
    this.ensureAvailable();
    this.queries.push(query);
    const matches = this.match(query);
    const facets: FacetCounts = {};
    for (const facet of FACETS) facets[facet.field] = this.distribution(this.match({ ...query, filters: omit(query.filters, facet.field) }), facet.field);
    const sorted = [...matches].sort(
      query.sort === 'title'
        ? (a, b) => a.title.localeCompare(b.title)
        : query.sort === 'reviewed'
          ? (a, b) => b.last_reviewed.localeCompare(a.last_reviewed)
          : () => 0,
    );
    const start = (query.page - 1) * query.hitsPerPage;
    // As the engine answers: with a filter ticked, every facet's counts for the words alone; "Did
    // you mean" from the notes' own words (the engine's words index).
    const universe =
      Object.keys(query.filters).length > 0
        ? Object.fromEntries(FACETS.map((facet) => [facet.field, this.distribution(this.match({ ...query, filters: {} }), facet.field)]))
        : undefined;
    const didYouMean = query.text ? suggestSpelling(query.text, this.vocabulary()) : undefined;
    return this.decorate({
      ...(universe ? { universe } : {}),
      ...(didYouMean ? { didYouMean } : {}),
      totalHits: matches.length,
      totalPages: Math.ceil(matches.length / query.hitsPerPage),
      page: query.page,
      hits: sorted.slice(start, start + query.hitsPerPage).map(toHit),
      facets,
      ...(query.text.trim() && query.page === 1 ? { authorities: this.matchAuthorities(query.text) } : {}),
    });
  }

  // Every word in the title, citation or id: enough for view and HTTP tests.
  private matchAuthorities(text: string) {
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    return this.kb.authorities
      .filter((authority) => words.every((word) => `${authority.id} ${authority.title} ${authority.citation}`.toLowerCase().includes(word)))
      .slice(0, 3)
      .map((authority) => ({
        id: authority.id,
        title: authority.title,
        citation: authority.citation,
        url: authority.url ?? null,
        kind: authority.kind,
        status: authority.status,
      }));
  }

  async count(requests: readonly CountRequest[]): Promise<CountResult[]> {
    this.ensureAvailable();
    return requests.map(({ query, facets }) => {
      const matches = this.match(query);
      return { totalHits: matches.length, facets: Object.fromEntries(facets.map((field) => [field, this.distribution(matches, field)])) };
    });
  }

  async related(note: RelatedTo, limit: number): Promise<NoteHit[]> {
    this.ensureAvailable();
    const excluded = new Set([note.slug, ...(note.exclude ?? [])]);
    const translations = new Set(Object.values(note.translations ?? {}));
    return this.kb.notes
      .filter((candidate) => !excluded.has(candidate.slug) && countShared(note, candidate) > 0)
      .filter((candidate) => !note.language || candidate.language === note.language || translations.has(candidate.slug))
      .map((candidate, position) => ({ candidate, shared: countShared(note, candidate), position }))
      .sort((a, b) => b.shared - a.shared || a.position - b.position)
      .slice(0, limit)
      .map(({ candidate }) => toHit(candidate));
  }

  async recommendations(): Promise<RecommendationRecord[]> {
    this.ensureAvailable();
    return this.kb.notes
      .filter((note) => note.content_type === 'policy-recommendation')
      .map((note) => ({
        slug: note.slug,
        title: note.title,
        summary: note.summary,
        language: note.language,
        last_reviewed: note.last_reviewed,
        audience: note.audience ?? [],
        rests_on: note.rests_on ?? [],
        implementation: note.implementation ?? [],
        translations: note.translations,
      }));
  }

  async status(): Promise<IndexStatus> {
    return this.available ? { reachable: true, indexPresent: true, documentCount: this.kb.notes.length } : { reachable: false, indexPresent: false };
  }

  private words: Vocabulary | undefined;
  private vocabulary(): Vocabulary {
    this.words ??= buildVocabulary(this.kb.notes.map((note) => `${note.title}\n${note.summary}\n${withKeptBody(note)?.body ?? ''}`));
    return this.words;
  }

  private ensureAvailable(): void {
    if (!this.available) throw new SearchEngineError('engine down (test)');
  }

  private match(query: NoteQuery): PublishedNote[] {
    const words = query.text.toLowerCase().split(/\s+/).filter(Boolean);
    return this.kb.notes.filter((note) => {
      const text = `${note.title} ${note.summary} ${withKeptBody(note)?.body ?? ''}`.toLowerCase();
      return (
        words.every((word) => text.includes(word)) &&
        Object.entries(query.filters).every(([field, values]) =>
          field === 'jurisdictions' && query.appliesIn
            ? matchesApplicability(note, query.appliesIn)
            : values.some((value) => noteHasValue(note, field, value, this.today)),
        )
      );
    });
  }

  private distribution(notes: readonly PublishedNote[], field: string): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const note of notes) {
      const values =
        field === 'world_regions' || field === 'review_due'
          ? candidatesFor(field).filter((value) => noteHasValue(note, field, value, this.today))
          : ([] as string[]).concat((note as unknown as Record<string, string | string[] | boolean>)[field] as string[]).map(String);
      for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
    }
    return counts;
  }
}

function candidatesFor(field: string): string[] {
  return field === 'review_due' ? ['true', 'false'] : ['africa', 'americas', 'asia', 'europe', 'oceania', 'global'];
}

function omit(filters: NoteQuery['filters'], field: string): NoteQuery['filters'] {
  const copy = { ...filters };
  delete copy[field];
  return copy;
}

function toHit(note: PublishedNote): NoteHit {
  return {
    slug: note.slug,
    title: note.title,
    summary: note.summary,
    language: note.language,
    evidence_basis: note.evidence_basis,
    jurisdictions: note.jurisdictions,
    last_reviewed: note.last_reviewed,
    titleHtml: escapeHtml(note.title),
    snippetHtml: '',
  };
}
