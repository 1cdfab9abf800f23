import path from 'node:path';
import { NetworkStore } from '../network/network-store.js';
import { AuditLog } from './audit-log.js';
import { loadSessionSecret, SessionStore } from './editor-session.js';
import { SubmissionStore } from './submission-store.js';

/**
 * The contribution workflow's and the network's state under DATA_DIR: submissions, audit log,
 * sessions, the CSRF secret, and members' profiles and invitations.
 */
export function openContributeStorage(dataDir: string): { store: SubmissionStore; audit: AuditLog; sessions: SessionStore; sessionSecret: Buffer; network: NetworkStore } {
  return {
    store: new SubmissionStore(path.join(dataDir, 'submissions')),
    audit: new AuditLog(path.join(dataDir, 'audit.log')),
    sessions: new SessionStore(path.join(dataDir, 'sessions')),
    sessionSecret: loadSessionSecret(dataDir),
    network: new NetworkStore(path.join(dataDir, 'network')),
  };
}
