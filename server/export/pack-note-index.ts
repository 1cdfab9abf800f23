import { matchesApplicability } from '../content/applies-in.js';
import type { KnowledgeBase, PublishedNote } from '../content/knowledge-base.js';
import { FACETS } from '../content/note-schema.js';
import { SearchEngineError } from '../errors.js';
import type { CountRequest, CountResult, IndexStatus, NoteHit, NoteIndex, NoteSearchResult, RecommendationRecord, RelatedTo } from '../search/note-index.js';
import { escapeHtml } from '../search/safe-highlight.js';
import { noteHasValue } from '../web/view-models/browse-page.js';

/**
 * The NoteIndex a pack is rendered with: counts (the evidence map) and related notes computed from
 * the pack's own notes, so a pack for Kenya counts and relates Kenya's notes only, and exporting
 * needs no search engine. Full-text search in a pack is Pagefind's, in the browser: search() here
 * answers as an engine that is down would.
 */
export class PackNoteIndex implements NoteIndex {
  private readonly notes: readonly PublishedNote[];
  private readonly notesByTag = new Map<string, number[]>();
  /** How many tags each note shares with the note being related; zero between calls. */
  private shared: Int32Array | undefined;
  // Read for every candidate of every page: plain arrays rather than the notes' fields.
  private readonly reviewed: readonly string[];
  private readonly slugs: readonly string[];

  constructor(
    kb: KnowledgeBase,
    private readonly today: string,
  ) {
    this.notes = kb.notes;
    this.reviewed = kb.notes.map((note) => note.last_reviewed);
    this.slugs = kb.notes.map((note) => note.slug);
    this.notes.forEach((note, position) => {
      for (const tag of relatedTags(note)) {
        let list = this.notesByTag.get(tag);
        if (!list) this.notesByTag.set(tag, (list = []));
        list.push(position);
      }
    });
  }

  async search(): Promise<NoteSearchResult> {
    throw new SearchEngineError('a pack searches in the browser');
  }

  /** The tracker's records come from the engine on the live site; a pack is built without one, so it has none. */
  async recommendations(): Promise<RecommendationRecord[]> {
    throw new SearchEngineError('a pack is exported without the search engine');
  }

  async count(requests: readonly CountRequest[]): Promise<CountResult[]> {
    return requests.map(({ query, facets }) => {
      const matches = this.notes.filter((note) =>
        Object.entries(query.filters).every(([field, values]) =>
          field === 'jurisdictions' && query.appliesIn
            ? matchesApplicability(note, query.appliesIn)
            : values.some((value) => noteHasValue(note, field, value, this.today)),
        ),
      );
      const counts: CountResult['facets'] = {};
      for (const field of facets) {
        const distribution: Record<string, number> = {};
        const kind = FACETS.find((facet) => facet.field === field);
        for (const note of matches) {
          if (!kind || kind.derived) continue;
          const value = (note as unknown as Record<string, unknown>)[field];
          for (const id of Array.isArray(value) ? value : [value]) distribution[String(id)] = (distribution[String(id)] ?? 0) + 1;
        }
        counts[field] = distribution;
      }
      return { totalHits: matches.length, facets: counts };
    });
  }

  // Like the engine's: most shared techniques and evidence types first, then the most recently reviewed.
  async related(note: RelatedTo, limit: number): Promise<NoteHit[]> {
    // Rarest tags first, and a bounded number of candidates: a common tag (half of 10,000 notes share
    // "victim testimony") made every page cost time in proportion to the whole knowledge base.
    // Counts live in one typed array reused by every call (nothing here awaits): a Map per page and
    // a sorted array of candidates cost 3 ms a page, more than rendering its template.
    const shared = (this.shared ??= new Int32Array(this.notes.length));
    const touched: number[] = [];
    const lists = relatedTags(note)
      .map((tag) => this.notesByTag.get(tag) ?? [])
      .sort((a, b) => a.length - b.length);
    let scanned = 0;
    for (const list of lists) {
      for (const position of list) {
        if (scanned++ >= MAX_RELATED_CANDIDATES) break;
        if (shared[position]!++ === 0) touched.push(position);
      }
    }
    // The best `limit` in one pass: sorting every candidate cost seconds at 10,000 notes.
    const better = (a: number, b: number) => {
      const countA = shared[a]!;
      const countB = shared[b]!;
      if (countA !== countB) return countA > countB;
      const reviewedA = this.reviewed[a]!;
      const reviewedB = this.reviewed[b]!;
      return reviewedA !== reviewedB ? reviewedA > reviewedB : a < b;
    };
    const best: number[] = [];
    for (const position of touched) {
      if (this.slugs[position] === note.slug) continue;
      if (best.length === limit && !better(position, best[best.length - 1]!)) continue;
      let at = best.length;
      while (at > 0 && better(position, best[at - 1]!)) at--;
      best.splice(at, 0, position);
      if (best.length > limit) best.pop();
    }
    for (const position of touched) shared[position] = 0;
    return best.map((position) => toHit(this.notes[position]!));
  }

  async status(): Promise<IndexStatus> {
    return { reachable: true, indexPresent: true, documentCount: this.notes.length };
  }
}

const MAX_RELATED_CANDIDATES = 2_000;

function relatedTags(note: RelatedTo): string[] {
  return [...note.evidence_types.map((id) => `e:${id}`), ...note.victim_centred_techniques.map((id) => `t:${id}`)];
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
