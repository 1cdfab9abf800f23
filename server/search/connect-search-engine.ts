import type { Config } from '../config.js';
import { SearchEngineError } from '../errors.js';
import { startOrJoinEmbeddedEngine, type EngineHandle } from './embedded-meilisearch.js';

/**
 * The engine every command uses: MEILI_URL when set (it must answer /health), otherwise the
 * embedded engine under DATA_DIR, joined if another command already started it.
 */
export async function connectSearchEngine(config: Readonly<Config>, log?: (line: string) => void): Promise<EngineHandle> {
  if (!config.meiliUrl) {
    return startOrJoinEmbeddedEngine({ dataDir: config.dataDir, binary: config.meiliBin, masterKey: config.meiliMasterKey, ...(log ? { log } : {}) });
  }
  const url = config.meiliUrl.replace(/\/+$/, '');
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw new Error(`GET /health answered ${response.status}`);
  } catch (error) {
    throw new SearchEngineError(`Meilisearch at ${url} is unreachable (MEILI_URL)`, { cause: error });
  }
  return { url, masterKey: config.meiliMasterKey, owned: false, stop: async () => {} };
}
