import { SearchEngineError } from '../errors.js';
import type { CountRequest, CountResult, IndexStatus, NoteHit, NoteIndex, NoteQuery, NoteSearchResult, RecommendationRecord, RelatedTo } from './note-index.js';

/**
 * A NoteIndex that exists before the engine does. The app can listen (and serve guidance pages
 * from memory) while the engine is still starting or an external one is not up yet; until `set`
 * is called, searches fail with SearchEngineError and readiness says unreachable.
 */
export class LazyNoteIndex implements NoteIndex {
  private target: NoteIndex | undefined;

  /** Points every later call at the real index. */
  set(target: NoteIndex): void {
    this.target = target;
  }

  async search(query: NoteQuery): Promise<NoteSearchResult> {
    return this.ready().search(query);
  }

  async count(requests: readonly CountRequest[]): Promise<CountResult[]> {
    return this.ready().count(requests);
  }

  async related(note: RelatedTo, limit: number): Promise<NoteHit[]> {
    return this.ready().related(note, limit);
  }

  async recommendations(): Promise<RecommendationRecord[]> {
    return this.ready().recommendations();
  }

  async status(): Promise<IndexStatus> {
    return this.target ? this.target.status() : { reachable: false, indexPresent: false };
  }

  private ready(): NoteIndex {
    if (!this.target) throw new SearchEngineError('the search engine is still starting');
    return this.target;
  }
}
