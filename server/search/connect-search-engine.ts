import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../config.js';
import { SearchEngineError } from '../errors.js';
import { startOrJoinEmbeddedEngine, type EngineHandle } from './embedded-meilisearch.js';

/** How long to wait for an external engine that is not up yet, and where to say so. */
export interface ConnectOptions {
  /** Give up after this long (ms); 0 tries once. */
  waitMs?: number;
  log?: (line: string) => void;
}

/**
 * The engine every command uses: MEILI_URL when set (waited for, with retries, until it answers
 * /health), otherwise the embedded engine under DATA_DIR, joined if another command started it.
 */
export async function connectSearchEngine(config: Readonly<Config>, options: ConnectOptions = {}): Promise<EngineHandle> {
  if (!config.meiliUrl) {
    return startOrJoinEmbeddedEngine({
      dataDir: config.dataDir,
      binary: config.meiliBin,
      masterKey: config.meiliMasterKey,
      ...(options.log ? { log: options.log } : {}),
    });
  }
  const url = config.meiliUrl.replace(/(?<!\/)\/+$/, '');
  const deadline = Date.now() + (options.waitMs ?? 0);
  for (let attempt = 1, delayMs = 500; ; attempt++, delayMs = Math.min(delayMs * 2, 10_000)) {
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new Error(`GET /health answered ${response.status}`);
      return { url, masterKey: config.meiliMasterKey, owned: false, stop: async () => {} };
    } catch (error) {
      if (Date.now() + delayMs > deadline) throw new SearchEngineError(`Meilisearch at ${url} is unreachable (MEILI_URL)`, { cause: error });
      options.log?.(`Meilisearch at ${url} is not answering yet (attempt ${attempt}); retrying in ${delayMs / 1000} s`);
      await sleep(delayMs);
    }
  }
}
