import type { MessagePort } from 'node:worker_threads';
import { diffWords } from 'diff';
import { diffVersions } from '../content/diff-versions.js';
import { extractSearchText, renderNote } from '../content/render-note.js';
import { readSubmission, type SubmissionContext } from '../contribute/check-submission.js';

/** A task for a budgeted thread (render-pool.ts): start up, render a body, read a submission, diff two bodies, or compare two versions of a file. */
export type RenderTask =
  | { kind: 'warm-up' }
  | ({ started?: MessagePort } & (
      | { kind: 'render'; markdown: string; searchText: boolean }
      | { kind: 'read-submission'; markdown: string; context: SubmissionContext }
      | { kind: 'diff'; before: string; after: string }
      | { kind: 'diff-versions'; before: string; after: string }
    ));

/** One part of a word diff: kept, added or removed text. */
export interface WordChange {
  value: string;
  added?: boolean;
  removed?: boolean;
}

/**
 * What a budgeted thread runs: the page's HTML and headings and the words the index needs, a
 * submission's whole check but the lookups in other notes, or a word diff. It first says on the
 * task's port that it has started, so the pool counts the budget from here. The thread's entry is
 * render-worker.mjs under tsx (tests, scripts), or this module bundled on its own for `npm start`
 * (scripts/build-server.ts), so a thread never loads a TypeScript compiler.
 */
export default function renderInWorker(task: RenderTask): unknown {
  if (task.kind === 'warm-up') return null;
  task.started?.postMessage('started');
  task.started?.close();
  switch (task.kind) {
    case 'render': {
      const { html, headings, related } = renderNote(task.markdown);
      const rendered = { html, headings, ...(related ? { related } : {}) };
      return task.searchText === false ? rendered : { ...rendered, searchText: extractSearchText(task.markdown) };
    }
    case 'read-submission':
      return readSubmission(task.markdown, task.context);
    case 'diff':
      // Gives up (null) before the pool would kill the thread: a rewrite is shown as one, not as an error.
      return (
        diffWords(task.before, task.after, { timeout: 500 })?.map(({ value, added, removed }): WordChange => ({
          value,
          ...(added ? { added } : {}),
          ...(removed ? { removed } : {}),
        })) ?? null
      );
    case 'diff-versions':
      return diffVersions(task.before, task.after);
  }
}
