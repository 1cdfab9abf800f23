import type { Meilisearch } from 'meilisearch';
import { SearchEngineError } from '../errors.js';
import { authorityIndexOf } from './authority-document.js';
import { wordsIndexOf } from './spelling-search.js';

/**
 * A key that can only search this index, so the web process never holds the admin key. Reuses the
 * key it created before (keys are identified by a fixed uid derived from the name).
 */
export async function obtainSearchKey(admin: Meilisearch, indexName: string): Promise<string> {
  // The name changed when the authorities index, then the words index, were added beside the notes: an older key cannot read them.
  const name = `casebook-search-${indexName}-with-authorities-and-words`;
  try {
    const { results } = await admin.getKeys({ limit: 1000 });
    const existing = results.find((key) => key.name === name);
    if (existing) return existing.key;
    const created = await admin.createKey({
      name,
      description: 'Casebook web app: search only',
      actions: ['search'],
      indexes: [indexName, authorityIndexOf(indexName), wordsIndexOf(indexName)],
      expiresAt: null,
    });
    return created.key;
  } catch (error) {
    throw new SearchEngineError(`could not obtain a search-only key: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
