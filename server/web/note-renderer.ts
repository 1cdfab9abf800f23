import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { PublishedNote } from '../content/build-knowledge-base.js';
import type { RenderedNote } from '../content/render-note.js';
import { RenderBudgetError } from '../errors.js';
import { createRenderPool, type RenderedMarkdown } from './render-pool.js';

/** Renders note bodies for pages and the index, off the event loop and once per body. */
export interface NoteRenderer {
  /** A published note (from the knowledge directory), cached per note: its HTML and headings (the index extracts its own words). */
  note(note: PublishedNote): Promise<RenderedNote>;
  /** A contributor's Markdown: a stricter budget, and cached by content so a stored submission renders once however often its pages are read. */
  submission(markdown: string): Promise<RenderedMarkdown>;
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
  noteCache?: number;
  submissionCache?: number;
  /** A note's budget, queueing included; an export (reviewed notes, many queued at once, a busy machine) gives more than a reader's 3 s. */
  noteTimeoutMs?: number;
} = {}): NoteRenderer {
  const notePool = createRenderPool({ maxBytes: 256 * 1024, timeoutMs: options.noteTimeoutMs ?? 3_000, threads: 2 });
  const submissionPool = createRenderPool({ maxBytes: MAX_SUBMISSION_BODY_BYTES, timeoutMs: 1_000, threads: 1 });
  // Keyed by the note object: a published edit is a new object and renders afresh.
  const notes = new LRUCache<PublishedNote, Promise<RenderedNote>>({ max: options.noteCache ?? 1_000 });
  // A refusal is kept too, so replaying a hostile stored submission costs nothing after the first time.
  const submissions = new LRUCache<string, Promise<RenderedMarkdown>>({ max: options.submissionCache ?? 500 });

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
    note: (note) => remember(notes, note, () => notePool.render(note.body, { searchText: false })),
    submission: (markdown) => remember(submissions, createHash('sha256').update(markdown).digest('base64url'), () => submissionPool.render(markdown)),
    warmUp: async () => {
      await notePool.render('');
    },
    close: async () => {
      await Promise.all([notePool.close(), submissionPool.close()]);
    },
  };
}
