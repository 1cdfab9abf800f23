/**
 * npm run build: compiles the server into dist/server/ (main.mjs and the rendering thread's
 * render-worker.mjs), which `npm start` and the container run with plain Node. Running from the
 * TypeScript sources through tsx costs a loader thread and a compiler in every process: 50 MB of
 * the server's memory and 20 MB a rendering thread, on a machine where a replica has 300 MB.
 * Dependencies stay in node_modules (not bundled); the bundle sits two folders below the
 * repository, where the server looks for views/, public/ and knowledge/ (create-app.ts).
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the compiled server is. */
export const SERVER_BUNDLE = path.join(ROOT, 'dist', 'server', 'main.mjs');

/** Compiles the server. */
export async function buildServer(): Promise<string> {
  await build({
    absWorkingDir: ROOT,
    entryPoints: { main: 'server/main.ts', 'render-worker': 'server/web/render-task.ts' },
    outdir: path.dirname(SERVER_BUNDLE),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return SERVER_BUNDLE;
}

/** True when the bundle is older than any source it is built from (or missing). */
export function isBundleStale(): boolean {
  let built: number;
  try {
    built = statSync(SERVER_BUNDLE).mtimeMs;
  } catch {
    return true;
  }
  const sources = readdirSync(path.join(ROOT, 'server'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
  return [...sources, path.join(ROOT, 'package-lock.json')].some((file) => statSync(file).mtimeMs > built);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  console.log(`built ${path.relative(ROOT, await buildServer())} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
