import type { Pool } from 'pg';
import type { Queryable } from '../storage/in-transaction.js';

/** One row of the audit log: who did what to which submission or note, and when. */
export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  submission?: string;
  note?: string;
  /** The version (commit) a decision published, so the log leads to what changed. */
  version?: string;
  detail?: string;
}

interface AuditRow {
  at: Date;
  actor: string;
  action: string;
  submission_id: string | null;
  note: string | null;
  detail: string | null;
  commit_id: string | null;
}

/** The audit log, a table that refuses every UPDATE, DELETE and TRUNCATE (a trigger): rows are only ever added. */
export class AuditLog {
  constructor(private readonly pool: Pool) {}

  /** Adds a row; pass the transaction's client so the row stands or falls with the change it records. */
  async record(entry: Omit<AuditEntry, 'at'>, db: Queryable = this.pool): Promise<void> {
    await db.query('INSERT INTO audit_log (actor, action, submission_id, note, detail, commit_id) VALUES ($1, $2, $3, $4, $5, $6)', [
      entry.actor,
      entry.action,
      entry.submission ?? null,
      entry.note ?? null,
      entry.detail ?? null,
      entry.version ?? null,
    ]);
  }

  /** The newest rows first, at most `limit`; only one submission's when named. */
  async entries(options: { submission?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    const { rows } = await this.pool.query<AuditRow>(
      `SELECT at, actor, action, submission_id, note, detail, commit_id FROM audit_log
       WHERE ($1::text IS NULL OR submission_id = $1) ORDER BY id DESC LIMIT $2`,
      [options.submission ?? null, options.limit ?? 100],
    );
    return rows.map((row) => ({
      at: row.at.toISOString(),
      actor: row.actor,
      action: row.action,
      ...(row.submission_id ? { submission: row.submission_id } : {}),
      ...(row.note ? { note: row.note } : {}),
      ...(row.detail ? { detail: row.detail } : {}),
      ...(row.commit_id ? { version: row.commit_id } : {}),
    }));
  }
}
