import type { KnowledgeBase, PublishedNote } from '../content/build-knowledge-base.js';
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

  constructor(kb: KnowledgeBase, private readonly today: string) {
    this.notes = kb.notes;
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
      const matches = this.notes.filter((note) => Object.entries(query.filters)
        .every(([field, values]) => values.some((value) => noteHasValue(note, field, value, this.today))));
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
    const shared = new Map<number, number>();
    const lists = relatedTags(note).map((tag) => this.notesByTag.get(tag) ?? []).sort((a, b) => a.length - b.length);
    let scanned = 0;
    for (const list of lists) {
      for (const position of list) {
        if (scanned++ >= MAX_RELATED_CANDIDATES) break;
        shared.set(position, (shared.get(position) ?? 0) + 1);
      }
    }
    // The best `limit` in one pass: sorting every candidate cost seconds at 10,000 notes.
    const better = (a: number, countA: number, b: number, countB: number) =>
      countA !== countB ? countA > countB : this.notes[a]!.last_reviewed !== this.notes[b]!.last_reviewed ? this.notes[a]!.last_reviewed > this.notes[b]!.last_reviewed : a < b;
    const best: Array<[number, number]> = [];
    for (const [position, count] of shared) {
      if (this.notes[position]!.slug === note.slug) continue;
      if (best.length === limit && !better(position, count, ...best[best.length - 1]!)) continue;
      let at = best.length;
      while (at > 0 && better(position, count, ...best[at - 1]!)) at--;
      best.splice(at, 0, [position, count]);
      if (best.length > limit) best.pop();
    }
    return best.map(([position]) => toHit(this.notes[position]!));
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
    slug: note.slug, title: note.title, summary: note.summary, language: note.language, evidence_basis: note.evidence_basis,
    jurisdictions: note.jurisdictions, last_reviewed: note.last_reviewed, titleHtml: escapeHtml(note.title), snippetHtml: '',
  };
}
