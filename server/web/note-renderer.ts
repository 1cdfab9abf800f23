import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { PublishedNote } from '../content/knowledge-base.js';
import type { VersionDiff } from '../content/diff-versions.js';
import type { RenderedNote } from '../content/render-note.js';
import { RenderBudgetError } from '../errors.js';
import { createRenderPool, type RenderedMarkdown } from './render-pool.js';

/** Renders note bodies for pages and the index, off the event loop and once per body. */
export interface NoteRenderer {
  /**
   * A published note (from the knowledge directory), cached per note: its HTML and headings (the
   * index extracts its own words). `readBody` is asked only on a cache miss; undefined when the note is gone.
   */
  note(note: PublishedNote, readBody: () => Promise<string | undefined>): Promise<RenderedNote | undefined>;
  /** A contributor's Markdown: a stricter budget, and cached by content so a stored submission renders once however often its pages are read. */
  submission(markdown: string): Promise<RenderedMarkdown>;
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
 * guidance pages keep their own thread whatever is submitted. A submission has one second; a
 * reviewed note three (it is trusted, and `npm run check` flags one that is slow).
 */
/** Builds the renderer with its two worker pools (threads start on first use). */
export function createNoteRenderer(options: {
  /** Bytes of rendered notes kept (HTML and headings); the least recently read go first. */
  noteCacheBytes?: number;
  submissionCache?: number;
  /** A note's budget, queueing included; an export (reviewed notes, many queued at once, a busy machine) gives more than a reader's 3 s. */
  noteTimeoutMs?: number;
} = {}): NoteRenderer {
  const notePool = createRenderPool({ maxBytes: 256 * 1024, timeoutMs: options.noteTimeoutMs ?? 3_000, threads: 2 });
  const submissionPool = createRenderPool({ maxBytes: MAX_SUBMISSION_BODY_BYTES, timeoutMs: 1_000, threads: 1 });
  // Keyed by the note object: a published edit is a new object and renders afresh.
  // Bounded by bytes, not entries: a knowledge base of 50,000 notes must not keep 50,000 pages, and
  // one long judgment summary weighs as much as twenty short notes. A render in flight counts 1 KB.
  const notes = new LRUCache<PublishedNote, Promise<RenderedNote>>({ maxSize: options.noteCacheBytes ?? 16 * 1024 * 1024, sizeCalculation: () => 1024 });
  // A refusal is kept too, so replaying a hostile stored submission costs nothing after the first time.
  const submissions = new LRUCache<string, Promise<RenderedMarkdown>>({ max: options.submissionCache ?? 500 });

  // Versions and diffs of the history pages: few are read often, and every entry is small next to a page.
  const versions = new LRUCache<string, Promise<RenderedNote>>({ max: 200 });
  const diffs = new LRUCache<string, Promise<VersionDiff>>({ max: 200 });

  const remember = <K extends object | string, R extends RenderedNote>(cache: LRUCache<K, Promise<R>>, key: K, render: () => Promise<R>) => {
    let rendered = cache.get(key);
    if (!rendered) {
      rendered = render();
      cache.set(key, rendered);
      // A busy pool says nothing about the text: try again next time.
      rendered.catch((error: unknown) => {
        if (!(error instanceof RenderBudgetError) || error.reason === 'busy') cache.delete(key);
      });
    }
    return rendered;
  };

  return {
    note: async (note, readBody) => {
      const cached = notes.get(note);
      if (cached) return cached;
      const body = await readBody();
      if (body === undefined) return undefined;
      const rendered = remember(notes, note, () => notePool.render(body, { searchText: false }));
      const done = await rendered;
      // Weighed once rendered: the HTML and the headings' text, two bytes a character.
      if (notes.peek(note) === rendered) notes.set(note, rendered, { size: 2 * (done.html.length + JSON.stringify(done.headings).length) + 1024 });
      return done;
    },
    version: (key, markdown) => remember(versions, key, () => notePool.render(markdown, { searchText: false })),
    diff: (key, before, after) => {
      let diffed = diffs.get(key);
      if (!diffed) {
        diffed = notePool.diff(before, after);
        diffs.set(key, diffed);
        diffed.catch(() => diffs.delete(key));
      }
      return diffed;
    },
    submission: (markdown) => remember(submissions, createHash('sha256').update(markdown).digest('base64url'), () => submissionPool.render(markdown)),
    warmUp: async () => {
      await notePool.render('');
    },
    close: async () => {
      await Promise.all([notePool.close(), submissionPool.close()]);
    },
  };
}
