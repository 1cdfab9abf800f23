/** A commit as git gives it: what the history index keeps of it. */
export interface CommitRecord {
  /** The first 12 characters of the commit id: a version's name in URLs (`/notes/<slug>/versions/<version>`). */
  version: string;
  /** Seconds since the epoch: when the editor approved it (the committer date). */
  time: number;
  /** The contributor as credited (the author's name; never an address). */
  author: string;
  /** The approving editor (the committer's name). */
  editor: string;
  /** The change note: the message's first line. */
  changeNote: string;
  /** The knowledge files it touched. */
  touches: Touch[];
  /** Order of arrival: higher is newer. */
  seq: number;
}

/** One file one commit touched: added, modified, deleted, or renamed from `from`. */
export interface Touch {
  commit: CommitRecord;
  path: string;
  status: 'A' | 'M' | 'D' | 'R';
  from?: string | undefined;
}

/** A commit as read from `git log`, before it joins the index. */
export interface LoggedCommit {
  id: string;
  time: number;
  author: string;
  editor: string;
  changeNote: string;
  files: { status: Touch['status']; path: string; from?: string | undefined }[];
}

/** What /changes may be narrowed to. */
export interface ChangeFilter {
  /** Only commits touching one of these knowledge files. */
  paths?: ReadonlySet<string> | undefined;
  /** Only commits at or after this time (seconds). */
  since?: number | undefined;
}

/** The longest change note kept: the first line of a git user's message can be long. */
const MAX_NOTE_LENGTH = 300;

/**
 * Every version of every knowledge file, built from one `git log` walk at start and extended with
 * the commits each sync brings, so a history page is a lookup, never a walk of the log. Renames git
 * detected are followed, so a note keeps its history when its file moves. Pure.
 */
export class HistoryIndex {
  private readonly commits: CommitRecord[] = [];
  // One touch held as itself, more as a list: most files of a large knowledge base have one version.
  private readonly byPath = new Map<string, Touch | Touch[]>();
  private readonly byVersion = new Map<string, CommitRecord>();
  private readonly names = new Map<string, string>();

  /** Adds commits, oldest first (a walk's output reversed): each is newer than every commit already held. */
  add(commits: Iterable<LoggedCommit>): void {
    for (const logged of commits) {
      const version = logged.id.slice(0, 12);
      if (this.byVersion.has(version)) continue;
      const record: CommitRecord = {
        version,
        time: logged.time,
        author: this.name(logged.author),
        editor: this.name(logged.editor),
        changeNote: logged.changeNote.slice(0, MAX_NOTE_LENGTH),
        touches: [],
        seq: this.commits.length,
      };
      for (const file of logged.files) {
        const touch: Touch = { commit: record, path: file.path, status: file.status, ...(file.from ? { from: file.from } : {}) };
        record.touches.push(touch);
        this.addTouch(touch);
        // The old name's history ends where the file moved.
        if (file.status === 'R' && file.from) this.addTouch({ commit: record, path: file.from, status: 'D' });
      }
      this.commits.push(record);
      this.byVersion.set(version, record);
    }
  }

  /** How many commits the index holds. */
  get size(): number {
    return this.commits.length;
  }

  /** The newest commit held (the version the knowledge base is at). */
  head(): CommitRecord | undefined {
    return this.commits.at(-1);
  }

  /** The commit with this version id. */
  commit(version: string): CommitRecord | undefined {
    return this.byVersion.get(version);
  }

  /**
   * The versions of a file, newest first: every commit that added, changed or renamed it, following
   * it back through renames; `also` adds files it replaced (a note's aliases: its former slugs).
   */
  versionsOf(file: string, also: readonly string[] = []): Touch[] {
    const seen = new Set<CommitRecord>();
    const versions: Touch[] = [];
    for (const start of [file, ...also]) {
      let current: string | undefined = start;
      let before = Number.POSITIVE_INFINITY;
      // Bounded: each step moves to an older commit.
      while (current !== undefined) {
        const held = this.byPath.get(current);
        const touches: readonly Touch[] = held === undefined ? [] : Array.isArray(held) ? held : [held];
        let next: string | undefined;
        for (let index = touches.length - 1; index >= 0; index--) {
          const touch = touches[index]!;
          if (touch.commit.seq >= before) continue;
          if (touch.status !== 'D' && !seen.has(touch.commit)) {
            seen.add(touch.commit);
            versions.push(touch);
          }
          if (touch.status === 'R' && touch.from) {
            next = touch.from;
            before = touch.commit.seq;
            break;
          }
        }
        current = next;
      }
    }
    return versions.sort((a, b) => b.commit.seq - a.commit.seq);
  }

  /** Commits newest first, narrowed by `filter`, from the `offset`-th match, at most `limit`; `more` says whether others follow. */
  recent(filter: ChangeFilter, offset: number, limit: number): { commits: CommitRecord[]; more: boolean } {
    const found: CommitRecord[] = [];
    let skipped = 0;
    for (let index = this.commits.length - 1; index >= 0; index--) {
      const commit = this.commits[index]!;
      if (filter.since !== undefined && commit.time < filter.since) continue;
      if (filter.paths && !commit.touches.some((touch) => filter.paths!.has(touch.path))) continue;
      if (skipped < offset) {
        skipped++;
        continue;
      }
      if (found.length === limit) return { commits: found, more: true };
      found.push(commit);
    }
    return { commits: found, more: false };
  }

  private addTouch(touch: Touch): void {
    const held = this.byPath.get(touch.path);
    if (held === undefined) this.byPath.set(touch.path, touch);
    else if (Array.isArray(held)) held.push(touch);
    else this.byPath.set(touch.path, [held, touch]);
  }

  // Authors and editors recur across thousands of commits: one copy of each name.
  private name(value: string): string {
    let kept = this.names.get(value);
    if (kept === undefined) this.names.set(value, (kept = value));
    return kept;
  }
}
