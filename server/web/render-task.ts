import { diffVersions } from '../content/diff-versions.js';
import { extractSearchText, renderNote } from '../content/render-note.js';

/** A task for a rendering thread (render-pool.ts): start up, render one body, or compare two versions of a file. */
export type RenderTask = { kind: 'warm-up' } | { kind: 'render'; markdown: string; searchText: boolean } | { kind: 'diff'; before: string; after: string };

/**
 * What a rendering thread runs: the page's HTML and headings, and the words the index needs. The
 * thread's entry is render-worker.mjs under tsx (tests, scripts), or this module bundled on its own
 * for `npm start` (scripts/build-server.ts), so a thread never loads a TypeScript compiler.
 */
export default function renderInWorker(task: RenderTask): unknown {
  if (task.kind === 'warm-up') return null;
  if (task.kind === 'diff') return diffVersions(task.before, task.after);
  const { html, headings, related } = renderNote(task.markdown);
  const rendered = { html, headings, ...(related ? { related } : {}) };
  return task.searchText === false ? rendered : { ...rendered, searchText: extractSearchText(task.markdown) };
}
