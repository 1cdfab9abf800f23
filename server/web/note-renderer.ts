import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { KnowledgeBase, PublishedNote } from '../content/knowledge-base.js';
import type { VersionDiff } from '../content/diff-versions.js';
import type { RenderedNote } from '../content/render-note.js';
import { MAX_SUBMISSION_BYTES, resolveSubmission, submissionContext, type SubmissionCheck, type SubmissionReading } from '../contribute/check-submission.js';
import { RenderBudgetError } from '../errors.js';
import { createRenderPool, type RenderedMarkdown } from './render-pool.js';
import type { WordChange } from './render-task.js';

/** Renders and checks note and submission bodies off the event loop, within budgets, once per body. */
export interface NoteRenderer {
  /**
   * A published note (from the knowledge directory), cached per note: its HTML and headings (the
   * index extracts its own words). `readBody` is asked only on a cache miss; undefined when the note
   * is gone. A reviewed note that fails its budget is refused this time only, never remembered.
   */
  note(note: PublishedNote, readBody: () => Promise<string | undefined>): Promise<RenderedNote | undefined>;
  /** A contributor's Markdown: a stricter budget, and cached by content so a stored submission renders once however often its pages are read. */
  submission(markdown: string): Promise<RenderedMarkdown>;
  /**
   * A submission checked as `npm run check` would, its reading done in the submission pool under its
   * budget and cached by content (and what it was checked against), so status pages, the queue and the
   * review page never read it again; a text too large is refused before anything is read.
   */
  checkSubmission(
    markdown: string,
    knowledgeBase: KnowledgeBase,
    today: string,
    options?: { fileName?: string | undefined; editOf?: string | undefined },
  ): Promise<SubmissionCheck>;
  /** The word diff of two bodies in the submission pool; null when they are too different (or too long) to compare in time. */
  diffWords(before: string, after: string): Promise<WordChange[] | null>;
  /** A version of a file as it was (history pages): rendered in the guidance pages' pool, cached by its id. */
  version(key: string, markdown: string): Promise<RenderedNote>;
  /** A word diff of two versions (history pages), in the guidance pages' pool, cached by the pair's ids. */
  diff(key: string, before: string, after: string): Promise<VersionDiff>;
  /** Starts the guidance pages' thread now, so the first reader does not wait for it (about a second). */
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

/** The largest submitted body rendered; a note file may be 256 KB, a submission's body much less. */
export const MAX_SUBMISSION_BODY_BYTES = 128 * 1024;

/*
 * Two pools, so that a contributor's text can only ever wait behind other contributors' texts:
 * guidance pages keep their own threads whatever is submitted. A submission has one second of a
 * thread; a reviewed note three (it is trusted, and `npm run check` flags one that is slow).
 */
/** Builds the renderer with its two worker pools (threads start on first use). */
export function createNoteRenderer(
  options: {
    /** Bytes of rendered notes kept (HTML and headings); the least recently read go first. */
    noteCacheBytes?: number;
    /** Bytes of rendered submissions and of submission checks kept, each. */
    submissionCacheBytes?: number;
    /** A note's budget on its thread; an export (reviewed notes, a busy machine) may give more than a reader's 3 s. */
    noteTimeoutMs?: number;
    /** How long a note may wait for a thread before it is answered `busy` (503); an export waits longer. */
    noteWaitMs?: number;
  } = {},
): NoteRenderer {
  const notePool = createRenderPool({ maxBytes: 256 * 1024, timeoutMs: options.noteTimeoutMs ?? 3_000, waitMs: options.noteWaitMs ?? 10_000, threads: 2 });
  const submissionPool = createRenderPool({ maxBytes: MAX_SUBMISSION_BODY_BYTES, timeoutMs: 1_000, waitMs: 5_000, threads: 1 });
  const submissionBytes = options.submissionCacheBytes ?? 8 * 1024 * 1024;
  // Bounded by bytes, not entries: an entry's size is what the text makes it (one long judgment
  // summary weighs as much as twenty short notes; a hostile submission's links as much as its text).
  // A task in flight counts 1 KB and is weighed again once done. Notes are keyed by the note object: a
  // published edit is a new object and renders afresh.
  const notes = new LRUCache<PublishedNote, Promise<RenderedNote>>({ maxSize: options.noteCacheBytes ?? 16 * 1024 * 1024, sizeCalculation: () => 1024 });
  const submissions = new LRUCache<string, Promise<RenderedMarkdown>>({ maxSize: submissionBytes, sizeCalculation: () => 1024 });
  const readings = new LRUCache<string, Promise<SubmissionReading>>({ maxSize: submissionBytes, sizeCalculation: () => 1024 });

  // Versions and diffs of the history pages: few are read often; bounded by size like every cache here.
  const versions = new LRUCache<string, Promise<RenderedNote>>({ maxSize: 4 * 1024 * 1024, sizeCalculation: () => 1024 });
  const diffs = new LRUCache<string, Promise<VersionDiff>>({ maxSize: 4 * 1024 * 1024, sizeCalculation: () => 1024 });

  const remember = <K extends object | string, R>(
    cache: LRUCache<K, Promise<R>>,
    key: K,
    work: () => Promise<R>,
    weigh: (done: R) => number,
    keepRefusals: boolean,
  ) => {
    let promise = cache.get(key);
    if (promise) return promise;
    const started = work();
    cache.set(key, started);
    promise = started;
    started.then(
      (done) => {
        if (cache.peek(key) === started) cache.set(key, started, { size: weigh(done) + 1024 });
      },
      (error: unknown) => {
        // A contributor's text refused for what it is stays refused (replaying it costs nothing); a
        // busy pool says nothing about the text, and a reviewed note is never refused for good.
        if (!keepRefusals || !(error instanceof RenderBudgetError) || error.reason === 'busy') cache.delete(key);
      },
    );
    return promise;
  };
  // The taxonomy and synonyms a check read, by identity: a knowledge base that changes them brings new objects.
  const identities = new WeakMap<object, number>();
  let lastIdentity = 0;
  const identityOf = (value: object) => {
    let id = identities.get(value);
    if (id === undefined) identities.set(value, (id = ++lastIdentity));
    return id;
  };
  const weighRendered = (done: RenderedNote) => 2 * (done.html.length + JSON.stringify(done.headings).length + (done.related?.itemsHtml.join('').length ?? 0));

  return {
    note: async (note, readBody) => {
      const cached = notes.get(note);
      if (cached) return cached;
      const body = await readBody();
      if (body === undefined) return undefined;
      return remember(notes, note, () => notePool.render(body, { searchText: false }), weighRendered, false);
    },
    submission: (markdown) =>
      remember(
        submissions,
        contentKey(markdown),
        () => submissionPool.render(markdown),
        (done) => weighRendered(done) + 2 * (done.searchText.plainText.length * 2 + done.searchText.headings.join('').length),
        true,
      ),
    checkSubmission: async (markdown, knowledgeBase, today, checkOptions = {}) => {
      const file = checkOptions.fileName ?? 'submission.md';
      const bytes = Buffer.byteLength(markdown, 'utf8');
      if (bytes > MAX_SUBMISSION_BYTES) {
        return {
          note: undefined,
          problems: [
            {
              file,
              line: 1,
              column: 1,
              field: 'file',
              message: `is ${bytes} bytes; the limit is ${MAX_SUBMISSION_BYTES}`,
              hint: 'shorten the note, or split it into several',
              kind: 'too_long',
            },
          ],
        };
      }
      const context = submissionContext(knowledgeBase, today, checkOptions);
      const key = `${contentKey(markdown)}|${identityOf(context.taxonomy)}|${identityOf(context.synonyms)}|${today}|${file}|${context.editOf ?? ''}|${context.keptReviewers.join('\n')}`;
      try {
        const reading = await remember(
          readings,
          key,
          () => submissionPool.readSubmission(markdown, context),
          (done) => 2 * (done.note?.body.length ?? 0) + 256 * (done.links.length + done.problems.length + done.aliasesAt.length),
          true,
        );
        return resolveSubmission(reading, knowledgeBase, checkOptions.editOf);
      } catch (error) {
        if (!(error instanceof RenderBudgetError) || error.reason === 'busy') throw error;
        return {
          note: undefined,
          problems: [
            {
              file,
              line: 1,
              column: 1,
              field: 'body',
              message: `cannot be checked: ${error.message.replace('to render', 'to check')}`,
              hint: 'shorten the text, or split it into several notes',
              kind: 'explained',
            },
          ],
        };
      }
    },
    diffWords: (before, after) =>
      submissionPool.diffWords(before, after).catch((error: unknown) => {
        if (!(error instanceof RenderBudgetError) || error.reason === 'busy') throw error;
        return null;
      }),
    version: (key, markdown) => remember(versions, key, () => notePool.render(markdown, { searchText: false }), weighRendered, false),
    diff: (key, before, after) =>
      remember(
        diffs,
        key,
        () => notePool.diff(before, after),
        (done) => 2 * JSON.stringify(done).length,
        false,
      ),
    warmUp: async () => {
      await notePool.render('');
    },
    close: async () => {
      await Promise.all([notePool.close(), submissionPool.close()]);
    },
  };
}

function contentKey(markdown: string): string {
  return createHash('sha256').update(markdown).digest('base64url');
}
