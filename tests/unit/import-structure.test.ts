import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './../fixtures/fixture-files.js';

/*
 * The shape of server/ as its imports draw it (type-only imports included: they are what a reader
 * follows). A small test rather than a tool: the rules are the house's own, and a regular
 * expression over relative import paths reads every import this code base writes.
 */
const SERVER = path.resolve(FIXTURES, '..', '..', 'server');

/** server/'s folders from the bottom up: a file may import from its own folder, a lower one, or a shared module; never a higher one. */
const LAYERS = ['content', 'knowledge', 'storage', 'search', 'accounts', 'contribute', 'network', 'web', 'export'];
/** Modules every folder may use. */
const SHARED = new Set(['errors.ts', 'create-logger.ts', 'config.ts', 'find-free-port.ts', 'is-process-alive.ts']);
/** The composition roots: they import everything, and nothing imports them. */
const ROOTS = new Set(['main.ts', 'open-stores.ts']);

function sources(): string[] {
  return readdirSync(SERVER, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(SERVER, path.join(entry.parentPath, entry.name)));
}

function importsOf(file: string): string[] {
  const text = readFileSync(path.join(SERVER, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'(\.{1,2}\/[^']+)'|import\(\s*'(\.{1,2}\/[^']+)'\s*\)/g)].map((match) =>
    path.normalize(path.join(path.dirname(file), match[1] ?? match[2]!)).replace(/\.js$/, '.ts'),
  );
}

const GRAPH = new Map(sources().map((file) => [file, importsOf(file)]));
const folderOf = (file: string) => (file.includes(path.sep) ? file.split(path.sep)[0]! : file);

/** Every import circle among the given files (Tarjan's strongly connected components of more than one file, or a file importing itself). */
function circles(files: ReadonlySet<string>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  let counter = 0;
  const visit = (file: string) => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    for (const next of (GRAPH.get(file) ?? []).filter((target) => files.has(target))) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (stack.includes(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string;
      do component.push((member = stack.pop()!));
      while (member !== file);
      if (component.length > 1 || GRAPH.get(file)!.includes(file)) found.push(component.sort());
    }
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return found;
}

describe('server/ imports', () => {
  it('read every file (the parser finds imports)', () => {
    expect(GRAPH.size).toBeGreaterThan(100);
    expect(GRAPH.get(path.join('web', 'routes.ts'))).toContain(path.join('web', 'access-rules.ts'));
  });

  it('form no circle in server/web', () => {
    const web = new Set([...GRAPH.keys()].filter((file) => folderOf(file) === 'web'));
    expect(circles(web)).toEqual([]);
  });

  it("never go up across server/'s folders, and never into a composition root", () => {
    const upward: string[] = [];
    for (const [file, targets] of GRAPH) {
      const from = folderOf(file);
      for (const target of targets) {
        const to = folderOf(target);
        if (ROOTS.has(to) && !ROOTS.has(from)) upward.push(`${file} -> ${target}`);
        if (from === to || SHARED.has(to) || ROOTS.has(from)) continue;
        if (SHARED.has(from) || LAYERS.indexOf(to) > LAYERS.indexOf(from)) upward.push(`${file} -> ${target}`);
      }
    }
    expect(upward).toEqual([]);
    expect(new Set([...GRAPH.keys()].map(folderOf).filter((folder) => !SHARED.has(folder) && !ROOTS.has(folder)))).toEqual(new Set(LAYERS));
  });

  it('keep handlers apart: no handler imports another handler, or create-app.ts', () => {
    const handlers = [...GRAPH.keys()].filter((file) => file.startsWith(path.join('web', 'handlers') + path.sep));
    const crossing = handlers.flatMap((file) =>
      GRAPH.get(file)!
        .filter((target) => target.startsWith(path.join('web', 'handlers') + path.sep) || target === path.join('web', 'create-app.ts'))
        .map((target) => `${file} -> ${target}`),
    );
    expect(crossing).toEqual([]);
  });

  it('keep the workflow out of the web: nothing in server/contribute imports web/ (i18n included)', () => {
    const contribute = [...GRAPH.keys()].filter((file) => folderOf(file) === 'contribute');
    expect(contribute.flatMap((file) => GRAPH.get(file)!.filter((target) => folderOf(target) === 'web'))).toEqual([]);
  });
});
