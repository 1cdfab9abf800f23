import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/** One line of the audit log: who did what to which submission, and when. */
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

/** Appends JSON lines to DATA_DIR/audit.log; never rewrites or truncates it. */
export class AuditLog {
  constructor(private readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  }

  record(entry: Omit<AuditEntry, 'at'>): void {
    appendFileSync(this.file, `${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`, { mode: 0o600, flag: 'a' });
  }
}
