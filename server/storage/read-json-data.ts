import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/*
 * The JSON files Casebook kept under DATA_DIR before PostgreSQL (accounts, sessions, submissions,
 * profiles, invitations, the audit log, the CSRF secret), read as they were written, for the one
 * import into the database. Nothing here writes; a file or line that cannot be read is a problem
 * with its place, never a reason to stop reading the rest.
 */

/** An account as editors.json held it; no role means editor (files from before the network). */
export interface JsonAccount {
  username: string;
  salt: string;
  hash: string;
  params: { N: number; r: number; p: number };
  createdAt: string;
  role?: 'member' | 'editor';
}

/** A session file: named by the SHA-256 of its token; `account` a fingerprint of the password hash it was opened with. */
export interface JsonSession {
  tokenHash: string;
  username: string;
  expiresAt: number;
  account: string;
}

/** A submission file. */
export interface JsonSubmission {
  id: string;
  createdAt: string;
  status: string;
  markdown: string;
  previousMarkdown?: string;
  submitter: { name: string; email: string };
  editOf?: string;
  comment?: string;
  publishedAs?: string;
  history: Array<{ at: string; by: string; action: string; comment?: string }>;
}

/** A profile as profiles.json held it. */
export interface JsonProfile {
  handle: string;
  displayName: string;
  position: string;
  organisation: string;
  jurisdictions: string[];
  languages: string[];
  expertise: string[];
  bio: string;
  contact: { email: string; phone: string; other: string };
  visibility: string;
  updatedAt: string;
}

/** An invitation as invitations.json held it. */
export interface JsonInvitation {
  id: string;
  tokenHash: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  label: string;
  usedAt?: string;
  usedBy?: string;
  /** Written by the JSON store once editors could withdraw a link. */
  revokedAt?: string;
  revokedBy?: string;
}

/** One line of audit.log, with a key that names it (its line number and text), so importing twice adds it once. */
export interface JsonAuditLine {
  key: string;
  at: string;
  actor: string;
  action: string;
  submission?: string;
  note?: string;
  detail?: string;
}

/** Everything found, the files it came from, and what could not be read (file:line: why). */
export interface JsonData {
  accounts: JsonAccount[];
  sessions: JsonSession[];
  submissions: JsonSubmission[];
  profiles: JsonProfile[];
  invitations: JsonInvitation[];
  audit: JsonAuditLine[];
  csrfSecret: string | undefined;
  files: string[];
  problems: string[];
}

/** Where the files are: DATA_DIR, and the accounts file (EDITOR_ACCOUNTS_FILE, by default DATA_DIR/editors.json). */
export interface JsonDataSource {
  dataDir: string;
  accountsFile: string;
}

/** The legacy files present under the source, without reading them. */
export function findJsonFiles(source: JsonDataSource): string[] {
  const found: string[] = [];
  const add = (file: string) => {
    if (existsSync(file)) found.push(file);
  };
  add(source.accountsFile);
  add(path.join(source.dataDir, 'session-secret'));
  add(path.join(source.dataDir, 'audit.log'));
  add(path.join(source.dataDir, 'network', 'profiles.json'));
  add(path.join(source.dataDir, 'network', 'invitations.json'));
  for (const folder of ['sessions', 'submissions']) {
    const dir = path.join(source.dataDir, folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) if (name.endsWith('.json')) found.push(path.join(dir, name));
  }
  return [...new Set(found)];
}

/** Reads every legacy file under the source. */
export function readJsonData(source: JsonDataSource): JsonData {
  const files = findJsonFiles(source);
  const problems: string[] = [];
  const json = <T>(file: string): T | undefined => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as T;
    } catch (error) {
      problems.push(`${file}: cannot be read as JSON (${(error as Error).message})`);
      return undefined;
    }
  };
  const inFolder = (folder: string) => files.filter((file) => path.dirname(file) === path.join(source.dataDir, folder));
  const list = <T>(file: string): T[] => {
    if (!files.includes(file)) return [];
    const value = json<unknown>(file);
    if (value !== undefined && !Array.isArray(value)) problems.push(`${file}: expected a list`);
    return Array.isArray(value) ? (value as T[]) : [];
  };

  const accounts = list<JsonAccount>(source.accountsFile).filter((account, index) => {
    const ok =
      typeof account?.username === 'string' && typeof account.salt === 'string' && typeof account.hash === 'string' && typeof account.params?.N === 'number';
    if (!ok) problems.push(`${source.accountsFile}: account ${index + 1} lacks a username, salt, hash or params`);
    return ok;
  });
  const sessions = inFolder('sessions').flatMap((file): JsonSession[] => {
    const session = json<Omit<JsonSession, 'tokenHash'>>(file);
    const tokenHash = path.basename(file, '.json');
    if (!session) return [];
    if (!/^[0-9a-f]{64}$/.test(tokenHash) || typeof session.username !== 'string' || typeof session.expiresAt !== 'number') {
      problems.push(`${file}: not a session file`);
      return [];
    }
    return [{ tokenHash, username: session.username, expiresAt: session.expiresAt, account: String(session.account ?? '') }];
  });
  const submissions = inFolder('submissions').flatMap((file): JsonSubmission[] => {
    const submission = json<JsonSubmission>(file);
    if (!submission) return [];
    if (typeof submission.id !== 'string' || typeof submission.markdown !== 'string' || typeof submission.status !== 'string') {
      problems.push(`${file}: not a submission file`);
      return [];
    }
    return [
      {
        ...submission,
        submitter: { name: String(submission.submitter?.name ?? ''), email: String(submission.submitter?.email ?? '') },
        history: Array.isArray(submission.history) ? submission.history : [],
      },
    ];
  });
  const profiles = list<JsonProfile>(path.join(source.dataDir, 'network', 'profiles.json'));
  const invitations = list<JsonInvitation>(path.join(source.dataDir, 'network', 'invitations.json'));
  const audit = readAuditLog(path.join(source.dataDir, 'audit.log'), files, problems);
  const secretFile = path.join(source.dataDir, 'session-secret');
  const csrfSecret = files.includes(secretFile) ? readFileSync(secretFile, 'utf8').trim() || undefined : undefined;
  return { accounts, sessions, submissions, profiles, invitations, audit, csrfSecret, files, problems };
}

function readAuditLog(file: string, files: readonly string[], problems: string[]): JsonAuditLine[] {
  if (!files.includes(file)) return [];
  const lines = readFileSync(file, 'utf8').split('\n');
  return lines.flatMap((line, index): JsonAuditLine[] => {
    if (line.trim() === '') return [];
    let entry: Partial<JsonAuditLine>;
    try {
      entry = JSON.parse(line) as Partial<JsonAuditLine>;
    } catch {
      problems.push(`${file}:${index + 1}: not a JSON line (a write cut short?); left out`);
      return [];
    }
    if (typeof entry.at !== 'string' || typeof entry.actor !== 'string' || typeof entry.action !== 'string') {
      problems.push(`${file}:${index + 1}: lacks at, actor or action; left out`);
      return [];
    }
    const key = `${index + 1}:${createHash('sha256').update(line).digest('hex')}`;
    return [
      {
        key,
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        ...(typeof entry.submission === 'string' ? { submission: entry.submission } : {}),
        ...(typeof entry.note === 'string' ? { note: entry.note } : {}),
        ...(typeof entry.detail === 'string' ? { detail: entry.detail } : {}),
      },
    ];
  });
}
