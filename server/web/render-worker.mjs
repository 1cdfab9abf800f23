// The entry of a rendering worker thread (see render-pool.ts) when the server runs from its
// TypeScript sources (tests, `tsx`). Plain JavaScript, so that it loads the same way under vitest and
// plain node: it registers tsx itself, then imports the task. `npm start` runs a bundle instead,
// whose render-worker.mjs is render-task.ts compiled (scripts/build-server.ts). Nothing else runs
// here; the pool kills this thread when a render overruns.
import { register } from 'tsx/esm/api';

register();
const task = await import('./render-task.ts');

export default task.default;
