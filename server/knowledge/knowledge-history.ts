import path from 'node:path';
import { LRUCache } from 'lru-cache';
import type { GitStore } from './git-store.js';
import { HistoryIndex } from './history-index.js';
import type { KnowledgeHistory } from './knowledge-source.js';
import { readHistory } from './read-history.js';

/** The history readers see, over a store: the index (as `index()` gives it now) and files at a version, the most read kept by bytes. */
export function knowledgeHistoryOf(store: GitStore, knowledgeDir: string, index: () => HistoryIndex): KnowledgeHistory {
  const versions = new LRUCache<string, string>({ maxSize: 8 * 1024 * 1024, sizeCalculation: (text) => 2 * text.length + 64 });
  return {
    index,
    pathOf: (file) => path.relative(knowledgeDir, path.resolve(file)).split(path.sep).join('/'),
    read: async (version, file) => {
      const key = `${version}:${file}`;
      const cached = versions.get(key);
      if (cached !== undefined) return cached;
      const text = await store.show(version, file);
      if (text !== undefined) versions.set(key, text);
      return text;
    },
  };
}

/** Every version up to `head`, from one walk of the log. */
export async function buildHistory(store: GitStore, head: string | undefined): Promise<HistoryIndex> {
  const index = new HistoryIndex();
  if (head) index.add(await readHistory(store, head));
  return index;
}
