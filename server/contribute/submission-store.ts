import { randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { ConflictError, NotFoundError } from '../errors.js';
import { inTransaction, type Queryable } from '../storage/in-transaction.js';
import { AuditLog, type AuditEntry } from './audit-log.js';
import type { Submission, SubmissionEvent } from './submission.js';

/** What a transition of one submission does: the new state (if it changed), its audit row, and what to answer. */
export interface Transition<T> {
  result: T;
  submission?: Submission;
  audit?: Omit<AuditEntry, 'at'>;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** An unguessable id: 128 random bits, URL-safe. The id is the contributor's only key to the status page. */
export function newSubmissionId(): string {
  return randomBytes(16).toString('base64url');
}

interface SubmissionRow {
  id: string;
  created_at: Date;
  status: Submission['status'];
  submitter_name: string;
  submitter_email: string;
  edit_of: string | null;
  comment: string | null;
  published_as: string | null;
}

/**
 * Submissions in PostgreSQL: one row each, every version of its text (the contributor's resends),
 * and its history. A transition reads the row with SELECT … FOR UPDATE and writes the new state,
 * its history and its audit row in the same transaction: two editors (on one replica or several)
 * never both decide one submission, and the audit log never records a change that did not happen.
 */
export class SubmissionStore {
  constructor(
    private readonly pool: Pool,
    private readonly audit = new AuditLog(pool),
  ) {}

  /** One submission with its current and previous text and its history, or undefined. */
  async get(id: string, db: Queryable = this.pool, lock = false): Promise<Submission | undefined> {
    if (!ID_PATTERN.test(id)) return undefined;
    const { rows } = await db.query<SubmissionRow>(`SELECT * FROM submissions WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ? (await this.complete(rows, db))[0] : undefined;
  }

  /** Every submission, newest first. */
  async list(): Promise<Submission[]> {
    const { rows } = await this.pool.query<SubmissionRow>('SELECT * FROM submissions ORDER BY created_at DESC, id');
    return this.complete(rows, this.pool);
  }

  /** Stores a new submission, its first version and history entry, and its audit row, together. */
  async insert(submission: Submission, audit: Omit<AuditEntry, 'at'>): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO submissions (id, created_at, status, submitter_name, submitter_email, edit_of, comment, published_as)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          submission.id,
          submission.createdAt,
          submission.status,
          submission.submitter.name,
          submission.submitter.email,
          submission.editOf ?? null,
          submission.comment ?? null,
          submission.publishedAs ?? null,
        ],
      );
      await client.query('INSERT INTO submission_versions (submission_id, number, markdown, created_at, edit_base) VALUES ($1, 1, $2, $3, $4)', [
        submission.id,
        submission.markdown,
        submission.createdAt,
        submission.editBase ?? null,
      ]);
      await insertEvents(client, submission.id, 0, submission.history);
      await this.audit.record(audit, client);
    });
  }

  /**
   * Changes one submission in one transaction: `change` sees the stored state as it is now (the row
   * locked until the end), not as a request read it earlier. Waiting more than ten seconds for
   * another editor's transition of the same submission is a ConflictError.
   */
  async transition<T>(id: string, change: (current: Submission) => Promise<Transition<T>>): Promise<T> {
    try {
      return await inTransaction(this.pool, async (client) => {
        await client.query("SET LOCAL lock_timeout = '10s'");
        const current = await this.get(id, client, true);
        if (!current) throw new NotFoundError('No submission has this id.');
        const outcome = await change(current);
        if (outcome.submission) await update(client, current, outcome.submission);
        if (outcome.audit) await this.audit.record(outcome.audit, client);
        return outcome.result;
      });
    } catch (error) {
      if ((error as { code?: unknown }).code === '55P03') throw new ConflictError('Another editor is deciding this submission right now.', { cause: error });
      throw error;
    }
  }

  // The current and previous text, and the history, of each row: two queries whatever the number of rows.
  private async complete(rows: SubmissionRow[], db: Queryable): Promise<Submission[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const versions = await db.query<{ submission_id: string; number: number; markdown: string; edit_base: string | null }>(
      `SELECT submission_id, number, markdown, edit_base FROM (
         SELECT submission_id, number, markdown, edit_base, row_number() OVER (PARTITION BY submission_id ORDER BY number DESC) AS rank
         FROM submission_versions WHERE submission_id = ANY($1)) latest WHERE rank <= 2 ORDER BY submission_id, number DESC`,
      [ids],
    );
    const events = await db.query<{ submission_id: string; at: Date; actor: string; action: SubmissionEvent['action']; comment: string | null }>(
      'SELECT submission_id, at, actor, action, comment FROM submission_events WHERE submission_id = ANY($1) ORDER BY submission_id, number',
      [ids],
    );
    const textOf = new Map<string, { markdown?: string; previous?: string; version: number; editBase?: string }>();
    for (const row of versions.rows) {
      const text = textOf.get(row.submission_id);
      if (!text) textOf.set(row.submission_id, { markdown: row.markdown, version: row.number, ...(row.edit_base ? { editBase: row.edit_base } : {}) });
      else text.previous = row.markdown;
    }
    const historyOf = new Map<string, SubmissionEvent[]>();
    for (const row of events.rows) {
      const history = historyOf.get(row.submission_id) ?? [];
      history.push({ at: row.at.toISOString(), by: row.actor, action: row.action, ...(row.comment ? { comment: row.comment } : {}) });
      historyOf.set(row.submission_id, history);
    }
    return rows.map((row) => {
      const text = textOf.get(row.id);
      return {
        id: row.id,
        createdAt: row.created_at.toISOString(),
        status: row.status,
        markdown: text?.markdown ?? '',
        version: text?.version ?? 1,
        submitter: { name: row.submitter_name, email: row.submitter_email },
        ...(row.edit_of ? { editOf: row.edit_of } : {}),
        ...(text?.editBase ? { editBase: text.editBase } : {}),
        ...(row.comment ? { comment: row.comment } : {}),
        ...(text?.previous !== undefined ? { previousMarkdown: text.previous } : {}),
        ...(row.published_as ? { publishedAs: row.published_as } : {}),
        history: historyOf.get(row.id) ?? [],
      };
    });
  }
}

async function update(client: PoolClient, current: Submission, next: Submission): Promise<void> {
  await client.query('UPDATE submissions SET status = $2, submitter_name = $3, submitter_email = $4, comment = $5, published_as = $6 WHERE id = $1', [
    current.id,
    next.status,
    next.submitter.name,
    next.submitter.email,
    next.comment ?? null,
    next.publishedAs ?? null,
  ]);
  if (next.markdown !== current.markdown) {
    await client.query('INSERT INTO submission_versions (submission_id, number, markdown, edit_base) VALUES ($1, $2, $3, $4)', [
      current.id,
      current.version + 1,
      next.markdown,
      next.editBase ?? null,
    ]);
  }
  await insertEvents(client, current.id, current.history.length, next.history.slice(current.history.length));
}

async function insertEvents(client: PoolClient, id: string, after: number, events: readonly SubmissionEvent[]): Promise<void> {
  for (const [index, event] of events.entries()) {
    await client.query('INSERT INTO submission_events (submission_id, number, at, actor, action, comment) VALUES ($1, $2, $3, $4, $5, $6)', [
      id,
      after + index + 1,
      event.at,
      event.by,
      event.action,
      event.comment ?? null,
    ]);
  }
}
