// The entry of a rendering worker thread (see render-pool.ts). Plain JavaScript, so that it loads the
// same way under `npm start`, vitest and plain node: it registers tsx itself, then imports the
// TypeScript renderer. Nothing else runs here; the pool kills this thread when a render overruns.
import { register } from 'tsx/esm/api';

register();
const { extractSearchText, renderNote } = await import('../content/render-note.ts');

/** Renders one body: the page's HTML and headings, and the words the index needs. */
export default function renderInWorker(task) {
  if (task.kind === 'warm-up') return null;
  const { html, headings, related } = renderNote(task.markdown);
  const rendered = { html, headings, ...(related ? { related } : {}) };
  return task.searchText === false ? rendered : { ...rendered, searchText: extractSearchText(task.markdown) };
}
