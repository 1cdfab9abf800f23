import path from 'node:path';
import { AuditLog } from './audit-log.js';
import { loadSessionSecret, SessionStore } from './editor-session.js';
import { SubmissionStore } from './submission-store.js';

/** The contribution workflow's state under DATA_DIR: submissions, audit log, editor sessions and the CSRF secret. */
export function openContributeStorage(dataDir: string): { store: SubmissionStore; audit: AuditLog; sessions: SessionStore; sessionSecret: Buffer } {
  return {
    store: new SubmissionStore(path.join(dataDir, 'submissions')),
    audit: new AuditLog(path.join(dataDir, 'audit.log')),
    sessions: new SessionStore(path.join(dataDir, 'sessions')),
    sessionSecret: loadSessionSecret(dataDir),
  };
}
