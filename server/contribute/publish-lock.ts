import { mkdirSync } from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { ConflictError } from '../errors.js';

/** Runs one publication at a time across every process sharing DATA_DIR. */
export type PublishLock = <T>(publish: () => Promise<T>) => Promise<T>;

/**
 * Approvals on different replicas take turns: each one, holding the lock, first takes in what the
 * others announced, then checks the note against that, writes it and announces it. So no approval
 * can publish a slug or alias another replica published a moment earlier (which would refuse both
 * notes). Waits up to about ten seconds for the lock; a lock left by a crashed process goes stale
 * after 30 s.
 */
export function createPublishLock(dataDir: string): PublishLock {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'publish');
  return async (publish) => {
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(file, { realpath: false, stale: 30_000, retries: { retries: 40, minTimeout: 50, maxTimeout: 400 } });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new ConflictError('Another note is being published right now; try again in a moment.', { cause: error });
      throw error;
    }
    try {
      return await publish();
    } finally {
      await release().catch(() => undefined);
    }
  };
}
