import path from 'node:path';
import { AuditLog } from './audit-log.js';
import { createPublishLock, type PublishLock } from './publish-lock.js';
import { loadSessionSecret, SessionStore } from './editor-session.js';
import { SubmissionStore } from './submission-store.js';

/** The contribution workflow's state under DATA_DIR: submissions, audit log, editor sessions, the CSRF secret and the lock publications take turns on. */
export function openContributeStorage(dataDir: string): { store: SubmissionStore; audit: AuditLog; sessions: SessionStore; sessionSecret: Buffer; publishLock: PublishLock } {
  return {
    store: new SubmissionStore(path.join(dataDir, 'submissions')),
    audit: new AuditLog(path.join(dataDir, 'audit.log')),
    sessions: new SessionStore(path.join(dataDir, 'sessions')),
    sessionSecret: loadSessionSecret(dataDir),
    publishLock: createPublishLock(dataDir),
  };
}
