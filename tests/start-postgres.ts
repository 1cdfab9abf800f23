import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startOrJoinEmbeddedDatabase } from '../server/storage/embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A connection string for the test server's `postgres` database, from which each test makes its own (test-database.ts). */
    postgresUrl: string;
  }
}

/** Starts the embedded PostgreSQL on a free port with a temporary directory, once for a project's run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'casebook-postgres-'));
  const server = await startOrJoinEmbeddedDatabase({ dataDir });
  const url = new URL(server.url);
  url.pathname = '/postgres';
  project.provide('postgresUrl', url.toString());
  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
