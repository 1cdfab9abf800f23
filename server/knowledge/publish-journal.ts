import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** A publication in progress: what a crash would interrupt (git-store.ts `recover` reads it at start). */
export interface PublishJournal {
  /** The commit the change was made on. */
  base: string | undefined;
  /** The knowledge files it touches. */
  files: string[];
  /** Set once the commit object exists; whether it landed is read from the branch. */
  commit?: string | undefined;
}

const FILE = 'casebook-publish.json';

/** Records the publication durably (written, flushed, renamed into place) before the step it announces. */
export async function writeJournal(gitDir: string, journal: PublishJournal): Promise<void> {
  const target = path.join(gitDir, FILE);
  const temporary = `${target}.tmp`;
  const handle = await open(temporary, 'w', 0o644);
  try {
    await handle.writeFile(`${JSON.stringify(journal)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, target);
}

/** The publication a crash interrupted, if any. */
export async function readJournal(gitDir: string): Promise<PublishJournal | undefined> {
  try {
    const value = JSON.parse(await readFile(path.join(gitDir, FILE), 'utf8')) as Partial<PublishJournal>;
    return {
      base: typeof value.base === 'string' ? value.base : undefined,
      files: Array.isArray(value.files) ? value.files.filter((file) => typeof file === 'string') : [],
      commit: typeof value.commit === 'string' ? value.commit : undefined,
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    // A journal cut short by the crash itself: nothing was committed after an unfinished write.
    if (error instanceof SyntaxError) return { base: undefined, files: [] };
    throw error;
  }
}

/** The publication finished (or was forgotten). */
export async function clearJournal(gitDir: string): Promise<void> {
  await rm(path.join(gitDir, FILE), { force: true });
}
