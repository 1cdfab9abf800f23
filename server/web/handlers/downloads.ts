import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { RequestHandler } from 'express';
import type { AppDependencies } from '../app-dependencies.js';
import { pageContext } from '../page-context.js';
import { buildDownloadsPage, PACK_FILE_PATTERN, type PackFile } from '../view-models/downloads-page.js';

/** GET /downloads — the offline packs npm run export wrote to DOWNLOADS_DIR, with size and date. */
export function showDownloads(deps: AppDependencies): RequestHandler {
  return async (_req, res) => {
    const { language, t } = pageContext(res.locals);
    const files = deps.downloadsDir ? await listPackFiles(deps.downloadsDir) : [];
    res.render('downloads', {
      model: buildDownloadsPage(files, deps.knowledgeBase.taxonomy, language, t),
      title: t('downloads.title'),
      description: t('downloads.intro'),
    });
  };
}

// Read on each visit (a handful of files): a pack rebuilt by another process shows at once.
async function listPackFiles(dir: string): Promise<PackFile[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const files = await Promise.all(
    names
      .filter((name) => PACK_FILE_PATTERN.test(name))
      .map(async (name) => {
        const info = await stat(path.join(dir, name)).catch(() => undefined);
        return info?.isFile() ? { name, bytes: info.size, date: info.mtime.toISOString().slice(0, 10) } : undefined;
      }),
  );
  return files.filter((file) => file !== undefined);
}
