import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { ConflictError, NotFoundError } from '../errors.js';

/** Where a submission stands. Only an editor moves it out of `pending`. */
export type SubmissionStatus = 'pending' | 'changes_requested' | 'approved' | 'rejected';

/** Who sent a submission. Never shown to readers; editors see it. */
export interface Submitter {
  name: string;
  email: string;
}

/** One step in a submission's history, also written to the audit log. */
export interface SubmissionEvent {
  at: string;
  by: string;
  action: 'submitted' | 'resubmitted' | 'approved' | 'changes_requested' | 'rejected';
  comment?: string;
}

/** A contributed note, exactly as sent, with its review state. */
export interface Submission {
  id: string;
  createdAt: string;
  status: SubmissionStatus;
  markdown: string;
  submitter: Submitter;
  /** The slug of the note this edit was made from ("Suggest an edit"), if any. */
  editOf?: string;
  /** The editor's last comment, shown to the contributor on the status page. */
  comment?: string;
  /** The text as it was before the contributor edited and resent it after "changes requested" (the editor sees the difference). */
  previousMarkdown?: string;
  /** The slug the note was published under, once approved. */
  publishedAs?: string;
  history: SubmissionEvent[];
}

const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** An unguessable id: 128 random bits, URL-safe. The id is the contributor's only key to the status page. */
export function newSubmissionId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * Submissions as one JSON file each under DATA_DIR/submissions. Every write goes to a temporary
 * file first and is then renamed over the old one, so a crash leaves the old or the new version,
 * never half of one.
 */
export class SubmissionStore {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  save(submission: Submission): void {
    const file = this.fileOf(submission.id);
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(submission, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, file);
  }

  get(id: string): Submission | undefined {
    if (!ID_PATTERN.test(id)) return undefined;
    try {
      return JSON.parse(readFileSync(this.fileOf(id), 'utf8')) as Submission;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** Every submission, newest first. */
  list(): Submission[] {
    return readdirSync(this.dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => this.get(name.slice(0, -'.json'.length)))
      .filter((submission): submission is Submission => submission !== undefined)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /**
   * Changes one submission under an exclusive lock that every process sharing DATA_DIR respects:
   * `change` sees the stored state as it is now, not as a request read it earlier, so two editors
   * (on one replica or several) can never both decide it. A lock already held is a ConflictError;
   * one left by a crashed process goes stale after 30 s.
   */
  async transition<T>(id: string, change: (current: Submission) => Promise<{ submission: Submission; result: T }>): Promise<T> {
    const file = this.fileOf(id);
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(file, { retries: 0, stale: 30_000, realpath: false });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new NotFoundError('No submission has this id.');
      if (code === 'ELOCKED') throw new ConflictError('Another editor is deciding this submission right now.', { cause: error });
      throw error;
    }
    try {
      const current = this.get(id);
      if (!current) throw new NotFoundError('No submission has this id.');
      const { submission, result } = await change(current);
      this.save(submission);
      return result;
    } finally {
      await release().catch(() => undefined);
    }
  }

  private fileOf(id: string): string {
    if (!ID_PATTERN.test(id)) throw new Error('invalid submission id');
    return path.join(this.dir, `${id}.json`);
  }
}
