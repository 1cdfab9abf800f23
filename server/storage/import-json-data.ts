import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, renameSync, rmdirSync } from 'node:fs';
import path from 'node:path';
import type { Pool, PoolClient } from 'pg';
import { inTransaction } from './in-transaction.js';
import { SCHEMA_LOCK } from './migrate-database.js';
import { findJsonFiles, readJsonData, type JsonData, type JsonDataSource } from './read-json-data.js';

/** What one import found and added, kind by kind; `skipped` says why the rest was not. */
export interface ImportSummary {
  counts: Record<'accounts' | 'sessions' | 'submissions' | 'profiles' | 'invitations' | 'audit', { found: number; imported: number }>;
  csrfSecret: 'imported' | 'kept' | 'none';
  /** Lines for the operator: what was left out and why (expired sessions, unreadable lines). */
  notes: string[];
  /** Where the files were moved to, when they were. */
  backup?: string;
}

const SUBMISSION_STATUSES = new Set(['pending', 'changes_requested', 'approved', 'rejected']);
const EVENT_ACTIONS = new Set(['submitted', 'resubmitted', 'approved', 'changes_requested', 'rejected']);

/**
 * Imports a JSON DATA_DIR into the database in one transaction. Idempotent: every row is keyed as
 * it was in the files (username, session hash, submission id, handle, invitation id, audit line),
 * and a row already there is left as it is, so a second run imports nothing twice.
 */
export async function importJsonData(pool: Pool, source: JsonDataSource, now = Date.now()): Promise<ImportSummary> {
  const data = readJsonData(source);
  return inTransaction(pool, (client) => writeData(client, data, now));
}

/**
 * On first start against an empty database, imports an existing JSON DATA_DIR once and moves its
 * files into DATA_DIR/json-backup-<date>/ (the accounts file is copied when it lives elsewhere), so
 * nothing reads or writes them again. Against a database that already holds people, JSON files
 * are left alone and reported: `npm run import-data` imports them on purpose.
 */
export async function importOnFirstStart(
  pool: Pool,
  source: JsonDataSource,
  log: (line: string) => void,
  now = new Date(),
): Promise<ImportSummary | undefined> {
  if (findJsonFiles(source).length === 0) return undefined;
  const client = await pool.connect();
  try {
    // The same lock as migrations: replicas starting together import once.
    await client.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK]);
    const { rows } = await client.query<{ people: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM accounts) OR EXISTS (SELECT 1 FROM submissions) OR EXISTS (SELECT 1 FROM profiles) OR EXISTS (SELECT 1 FROM invitations) AS people',
    );
    if (rows[0]?.people) {
      log(
        `DATA_DIR holds JSON files from before the database (${source.dataDir}); the database already has people, so they were not imported: run npm run import-data to add what is missing`,
      );
      return undefined;
    }
    const data = readJsonData(source);
    await client.query('BEGIN');
    let summary: ImportSummary;
    try {
      summary = await writeData(client, data, now.getTime());
      await client.query("INSERT INTO settings (name, value) VALUES ('json_import', $1) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value", [
        now.toISOString(),
      ]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    summary.backup = moveToBackup(data.files, source, now);
    log(describeImport(summary));
    return summary;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK]).catch(() => undefined);
    client.release();
  }
}

/** Moves the imported files under DATA_DIR/json-backup-<YYYY-MM-DD>/, keeping their relative paths; returns the folder. */
export function moveToBackup(files: readonly string[], source: JsonDataSource, now: Date): string {
  const backup = path.join(source.dataDir, `json-backup-${now.toISOString().slice(0, 10)}`);
  for (const file of files) {
    const relative = path.relative(source.dataDir, file);
    const inside = !relative.startsWith('..') && !path.isAbsolute(relative);
    const target = path.join(backup, inside ? relative : path.basename(file));
    mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    if (inside) renameSync(file, target);
    else copyFileSync(file, target);
  }
  // The folders the files were in, now empty; one that still holds something else stays.
  for (const folder of ['sessions', 'submissions', 'network']) {
    try {
      rmdirSync(path.join(source.dataDir, folder));
    } catch {
      // Absent, or not empty.
    }
  }
  return backup;
}

/** The summary as the operator reads it: one line per kind, then what was left out. */
export function describeImport(summary: ImportSummary): string {
  const lines = Object.entries(summary.counts).map(
    ([kind, { found, imported }]) =>
      `  ${kind}: ${imported} imported of ${found} found${found > imported ? ` (${found - imported} already there or left out)` : ''}`,
  );
  return [
    'Imported the JSON DATA_DIR into the database:',
    ...lines,
    `  CSRF secret: ${summary.csrfSecret === 'imported' ? 'imported' : summary.csrfSecret === 'kept' ? "the database's kept" : 'none found'}`,
    ...summary.notes.map((note) => `  note: ${note}`),
    ...(summary.backup ? [`  the files were moved to ${summary.backup}`] : []),
  ].join('\n');
}

async function writeData(client: PoolClient, data: JsonData, now: number): Promise<ImportSummary> {
  const notes = [...data.problems];
  const count = (found: number) => ({ found, imported: 0 });
  const counts: ImportSummary['counts'] = {
    accounts: count(data.accounts.length),
    sessions: count(data.sessions.length),
    submissions: count(data.submissions.length),
    profiles: count(data.profiles.length),
    invitations: count(data.invitations.length),
    audit: count(data.audit.length),
  };
  const inserted = async (sql: string, values: unknown[]) => ((await client.query(sql, values)).rowCount ?? 0) > 0;

  const fingerprints = new Map<string, string>();
  for (const account of data.accounts) {
    fingerprints.set(account.username, createHash('sha256').update(`${account.salt}:${account.hash}`).digest('base64url'));
    if (
      await inserted(
        `INSERT INTO accounts (username, role, password_salt, password_hash, password_params, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (username) DO NOTHING`,
        [
          account.username,
          account.role === 'member' ? 'member' : 'editor',
          account.salt,
          account.hash,
          JSON.stringify(account.params),
          account.createdAt ?? new Date(now).toISOString(),
        ],
      )
    )
      counts.accounts.imported++;
  }
  for (const session of data.sessions) {
    // A session ended by its expiry or a password reset would be refused at once: it is not carried over.
    if (session.expiresAt <= now || fingerprints.get(session.username) !== session.account) {
      notes.push(`session ${session.tokenHash.slice(0, 8)}… of ${session.username} had expired or ended; not imported`);
      continue;
    }
    if (
      await inserted('INSERT INTO sessions (token_hash, username, expires_at) VALUES ($1, $2, $3) ON CONFLICT (token_hash) DO NOTHING', [
        session.tokenHash,
        session.username,
        new Date(session.expiresAt),
      ])
    )
      counts.sessions.imported++;
  }
  for (const submission of data.submissions) {
    if (!SUBMISSION_STATUSES.has(submission.status)) {
      notes.push(`submission ${submission.id} has an unknown status "${submission.status}"; not imported`);
      continue;
    }
    const added = await inserted(
      `INSERT INTO submissions (id, created_at, status, submitter_name, submitter_email, edit_of, comment, published_as) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO NOTHING`,
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
    if (!added) continue;
    counts.submissions.imported++;
    const versions = submission.previousMarkdown !== undefined ? [submission.previousMarkdown, submission.markdown] : [submission.markdown];
    for (const [index, markdown] of versions.entries()) {
      await client.query('INSERT INTO submission_versions (submission_id, number, markdown, created_at) VALUES ($1, $2, $3, $4)', [
        submission.id,
        index + 1,
        markdown,
        submission.createdAt,
      ]);
    }
    for (const [index, event] of submission.history.entries()) {
      if (!EVENT_ACTIONS.has(event.action))
        notes.push(`submission ${submission.id}: history entry ${index + 1} has an unknown action "${event.action}"; kept as it is`);
      await client.query('INSERT INTO submission_events (submission_id, number, at, actor, action, comment) VALUES ($1, $2, $3, $4, $5, $6)', [
        submission.id,
        index + 1,
        event.at,
        event.by,
        EVENT_ACTIONS.has(event.action) ? event.action : 'submitted',
        event.comment ?? null,
      ]);
    }
  }
  for (const profile of data.profiles) {
    if (
      await inserted(
        `INSERT INTO profiles (handle, display_name, position, organisation, jurisdictions, languages, expertise, bio, contact_email, contact_phone, contact_other, visibility, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (handle) DO NOTHING`,
        [
          profile.handle,
          profile.displayName,
          profile.position ?? '',
          profile.organisation ?? '',
          profile.jurisdictions ?? [],
          profile.languages ?? [],
          profile.expertise ?? [],
          profile.bio ?? '',
          profile.contact?.email ?? '',
          profile.contact?.phone ?? '',
          profile.contact?.other ?? '',
          profile.visibility === 'public' ? 'public' : 'members',
          profile.updatedAt,
        ],
      )
    )
      counts.profiles.imported++;
  }
  for (const invitation of data.invitations) {
    const revoked = invitation.revokedAt && !invitation.usedAt ? [invitation.revokedAt, invitation.revokedBy ?? ''] : [null, null];
    if (
      !(await inserted(
        'INSERT INTO invitations (id, token_hash, created_by, created_at, expires_at, label, revoked_at, revoked_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING',
        [invitation.id, invitation.tokenHash, invitation.createdBy, invitation.createdAt, invitation.expiresAt, invitation.label ?? '', ...revoked],
      ))
    )
      continue;
    counts.invitations.imported++;
    if (invitation.usedAt) {
      await client.query('INSERT INTO invitation_uses (invitation_id, used_by, used_at) VALUES ($1, $2, $3)', [
        invitation.id,
        invitation.usedBy ?? '',
        invitation.usedAt,
      ]);
    }
  }
  for (const line of data.audit) {
    if (
      await inserted(
        'INSERT INTO audit_log (at, actor, action, submission_id, note, detail, import_key) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (import_key) DO NOTHING',
        [line.at, line.actor, line.action, line.submission ?? null, line.note ?? null, line.detail ?? null, line.key],
      )
    )
      counts.audit.imported++;
  }
  let csrfSecret: ImportSummary['csrfSecret'] = 'none';
  if (data.csrfSecret) {
    csrfSecret = (await inserted("INSERT INTO settings (name, value) VALUES ('csrf_secret', $1) ON CONFLICT (name) DO NOTHING", [data.csrfSecret]))
      ? 'imported'
      : 'kept';
  }
  return { counts, csrfSecret, notes };
}
