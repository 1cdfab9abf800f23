import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startOrJoinEmbeddedEngine } from '../../server/search/embedded-meilisearch.js';

declare module 'vitest' {
  export interface ProvidedContext {
    meiliUrl: string;
    meiliKey: string;
  }
}

/** Starts the bundled Meilisearch on a free port with a temporary directory, once for the integration suite. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'casebook-test-'));
  const engine = await startOrJoinEmbeddedEngine({ dataDir, masterKey: 'casebook-test-master-key-0123456789' });
  project.provide('meiliUrl', engine.url);
  project.provide('meiliKey', engine.masterKey ?? '');
  return async () => {
    await engine.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
