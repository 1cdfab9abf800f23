import path from 'node:path';
import type { ContentProblem } from '../content/content-problem.js';
import type { ContentFile, KnowledgeBase, KnowledgeCheck, PublishedNote } from '../content/knowledge-base.js';
import { KnowledgeBuilder } from '../content/knowledge-builder.js';
import { latestCalendarDate } from '../content/field-values.js';
import { ConflictError } from '../errors.js';
import type { FileChange } from './git-store.js';
import { HistoryIndex } from './history-index.js';
import { buildHistory, knowledgeHistoryOf } from './knowledge-history.js';
import type { KnowledgeSource, Publication } from './knowledge-source.js';
import { listMarkdownFiles, readAuthorityFiles, readContentFile, readMarkdownFiles, readOptional } from './load-knowledge.js';
import { openGitStore, type OpenGitOptions } from './open-git-store.js';
import { readHistory } from './read-history.js';

/** What one step of the knowledge's history changed, for the search index and the packs. */
export interface KnowledgeUpdate {
  /** The commit applied before, and the one applied now. */
  from: string | undefined;
  to: string;
  knowledgeBase: KnowledgeBase;
  /** The knowledge base served before this update. */
  before: KnowledgeBase | undefined;
  /** Published notes added or changed. */
  upserted: PublishedNote[];
  /** Slugs no longer published. */
  removed: string[];
  /** A vocabulary, collection or authority changed: everything was read again. */
  reloaded: boolean;
}

/** How the live knowledge opens and what it tells its owner. */
export interface LiveKnowledgeOptions extends OpenGitOptions {
  /** KNOWLEDGE_SYNC_MS: how often the branch (and the remote, if any) is looked at. */
  syncMs?: number;
  /** Problems found by a load (a broken file is left out; the rest is served). */
  onProblems?: (problems: ContentProblem[]) => void;
  /** Called, and awaited, for each update, whether it came from this process's approval, another replica or a git user. */
  onUpdate?: (update: KnowledgeUpdate) => Promise<void>;
  onError?: (error: unknown) => void;
}

/** The knowledge base of a running server, kept in step with its git branch. */
export interface LiveKnowledge extends KnowledgeSource {
  /** The check of the last (re)load: every problem, and the counts. */
  check(): KnowledgeCheck;
  /** Looks at the branch (fetching the remote, if any) now, and applies what changed. */
  sync(): Promise<void>;
  /** What opening the repository found (a crash recovered, a repository made), for the log. */
  readonly events: readonly string[];
  /** Where the knowledge is read from (KNOWLEDGE_DIR, or the knowledge in this process's clone). */
  readonly knowledgeDir: string;
  close(): void;
}

const READ_BATCH = 500;
const ATTEMPTS = 5;

/**
 * Loads the knowledge from its git work tree, builds the history index with one walk of the log, and
 * then follows the branch: every KNOWLEDGE_SYNC_MS it fetches the remote (if any), and applies
 * exactly the files that changed between the commit it serves and the new head. An approval is a
 * commit made through the same path (`publish`), so this process, the other replicas and a git
 * user's push all reach the catalogue, the history and the index the same way. Only notes are read
 * again one by one; a change to a vocabulary, collection or authority reloads everything.
 */
export async function openLiveKnowledge(options: LiveKnowledgeOptions): Promise<LiveKnowledge> {
  const now = options.now ?? (() => new Date());
  const opened = await openGitStore(options);
  const { store } = opened;
  const knowledgeDir = opened.knowledgeDir;
  const shown = (relative: string): string => {
    const absolute = path.join(knowledgeDir, relative);
    return path.relative(process.cwd(), absolute) || absolute;
  };
  const readNoteFile = async (file: string): Promise<ContentFile | undefined> =>
    readContentFile(path.resolve(file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });

  let builder!: KnowledgeBuilder;
  let latest!: KnowledgeCheck;
  let served: KnowledgeBase | undefined;
  let history = new HistoryIndex();
  let applied = await store.head();

  async function loadAll(): Promise<void> {
    const [taxonomy, synonyms, about] = await Promise.all(
      ['taxonomy.yml', 'synonyms.yml', 'about.yml'].map((name) => readOptional(path.join(knowledgeDir, name))),
    );
    // Bodies stay on disk: the server's memory holds the catalogue, and pages read their note's file.
    const next = new KnowledgeBuilder({ taxonomy, synonyms, about }, latestCalendarDate(now()), { bodies: 'file', readFile: readNoteFile });
    const notes = await listMarkdownFiles(path.join(knowledgeDir, 'notes'), true);
    for (let start = 0; start < notes.length; start += READ_BATCH) {
      for (const file of await Promise.all(notes.slice(start, start + READ_BATCH).map(readNoteFile))) if (file) next.addNote(file);
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (const file of await readMarkdownFiles(path.join(knowledgeDir, 'collections'), false)) next.addCollection(file);
    for (const file of await readAuthorityFiles(knowledgeDir)) next.addAuthority(file);
    builder = next;
  }

  function finish(): void {
    const check = builder.finish();
    latest = check;
    if (check.knowledgeBase) served = check.knowledgeBase;
    const problems = check.problems.filter((problem) => problem.severity !== 'warning');
    if (problems.length > 0) options.onProblems?.(problems);
  }

  // Applies the commits between what is served and `to`: the files they changed, their history.
  async function apply(to: string): Promise<void> {
    const from = applied;
    if (from === to) return;
    const before = served;
    const changes = await store.changedFiles(from, to);
    const isNote = (change: FileChange) => change.path.startsWith('notes/') && change.path.toLowerCase().endsWith('.md');
    const reloaded = changes.some((change) => !isNote(change));
    if (reloaded) await loadAll();
    else {
      for (const change of changes) {
        const file = change.status === 'D' ? undefined : await readNoteFile(path.join(knowledgeDir, change.path));
        if (file) builder.addNote(file);
        else builder.removeNote(shown(change.path));
      }
    }
    finish();
    const fresh = from && (await store.isAncestor(from, to)) ? await readHistory(store, to, from) : undefined;
    if (fresh) history.add(fresh);
    else history = await buildHistory(store, to);
    applied = to;
    const knowledgeBase = served!;
    const touched = new Set(changes.map((change) => shown(change.path)));
    const upserted = reloaded ? knowledgeBase.notes : knowledgeBase.notes.filter((note) => touched.has(note.file));
    const removed = before ? before.notes.filter((note) => !knowledgeBase.bySlug.has(note.slug)).map((note) => note.slug) : [];
    await options.onUpdate?.({ from, to, knowledgeBase, before, upserted, removed, reloaded }).catch((error: unknown) => options.onError?.(error));
  }

  async function syncNow(): Promise<void> {
    const upstream = await store.fetch();
    if (store.remoteBranch && upstream && upstream !== (await store.head())) await store.checkOut(upstream);
    const head = await store.head();
    if (head && head !== applied) await apply(head);
  }

  // Syncs and approvals take turns: each sees the branch as the one before left it.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run);
    queue = next.catch(() => undefined);
    return next;
  };

  async function publishNow(prepare: Parameters<KnowledgeSource['publish']>[0]): Promise<Publication | undefined> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      await syncNow();
      const base = applied;
      // Checked against the knowledge as it is at `base`: a slug another replica took counts.
      const change = await prepare(served!, knowledgeHistory.pathOf);
      if (!change) return undefined;
      const outcome = await store.commit(change, base, now());
      if (outcome.landed) {
        await apply(outcome.commit);
        return { version: outcome.commit.slice(0, 12), commit: outcome.commit, date: outcome.date.toISOString(), knowledgeBase: served! };
      }
      // The branch moved first. The same file changed there is a real conflict: the later editor
      // decides again against the new version. Other files: take them in, check again, commit again.
      const moved = outcome.upstream ? await store.changedFiles(base, outcome.upstream) : [];
      const clash = moved.find((file) => change.files.some((mine) => mine.path === file.path));
      if (clash) {
        await syncNow();
        const by = history.versionsOf(clash.path)[0]?.commit;
        throw new ConflictError(
          `${clash.path} was changed by ${by ? `${by.editor} (version ${by.version}: "${by.changeNote}")` : 'someone else'} while you were reviewing. Nothing was published: open the submission again, compare it with the new version, and decide again.`,
        );
      }
    }
    throw new ConflictError('The knowledge base is changing too quickly to publish this now; try again in a moment.');
  }

  const knowledgeHistory = knowledgeHistoryOf(store, knowledgeDir, () => history);

  await loadAll();
  finish();
  history = await buildHistory(store, applied);

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const loop = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      serially(syncNow)
        .catch((error: unknown) => options.onError?.(error))
        .finally(loop);
    }, options.syncMs ?? 5_000);
    timer.unref();
  };
  loop();

  return {
    current: () => {
      if (!served) throw new Error('the knowledge directory could not be read');
      return served;
    },
    check: () => latest,
    history: () => knowledgeHistory,
    publish: (prepare) => serially(() => publishNow(prepare)),
    sync: () => serially(syncNow),
    events: opened.events,
    knowledgeDir,
    close: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
