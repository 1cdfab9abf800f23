import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, parseFrontMatter, type FrontMatterFile } from '../../../server/content/parse-front-matter.js';
import type { ContentProblem } from '../../../server/content/content-problem.js';
import { readFixture } from '../../fixtures/fixture-files.js';

function problemsOf(relativePath: string): ContentProblem[] {
  const file = readFixture(relativePath);
  const result = parseFrontMatter(file.path, file.bytes);
  if (!Array.isArray(result)) throw new Error(`expected problems for ${relativePath}`);
  return result;
}

function parsed(text: string | Uint8Array): FrontMatterFile {
  const result = parseFrontMatter('note.md', typeof text === 'string' ? Buffer.from(text) : text);
  if (Array.isArray(result)) throw new Error(`unexpected problems: ${JSON.stringify(result)}`);
  return result;
}

describe('parseFrontMatter', () => {
  it('refuses JavaScript front matter without evaluating it', () => {
    const problems = problemsOf('hostile/javascript-front-matter.md');
    expect((globalThis as { pwned?: boolean }).pwned).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ line: 1, column: 4, field: 'front matter', message: expect.stringContaining('"js"') })]);
  });

  it('refuses JSON and TOML front matter', () => {
    expect(problemsOf('hostile/json-front-matter.md')[0]?.message).toContain('"json"');
    expect(problemsOf('hostile/toml-front-matter.md')[0]?.message).toContain('TOML');
  });

  it('reports an alias bomb once, at the first alias, without expanding it', () => {
    const started = performance.now();
    const problems = problemsOf('hostile/alias-bomb.md');
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(problems).toEqual([expect.objectContaining({ line: 3, column: 8, message: expect.stringContaining('alias') })]);
  });

  it('reports a duplicate key at the second occurrence', () => {
    expect(problemsOf('hostile/duplicate-key.md')).toEqual([expect.objectContaining({ line: 10, column: 1, message: expect.stringContaining('unique') })]);
  });

  it('reports a custom YAML tag instead of applying it', () => {
    expect(problemsOf('hostile/custom-tag.md')).toEqual([expect.objectContaining({ line: 2, message: expect.stringContaining('js/function') })]);
  });

  it('locates the first invalid UTF-8 byte', () => {
    expect(problemsOf('hostile/invalid-utf8.md')).toEqual([
      expect.objectContaining({ line: 3, column: 28, field: 'file', message: expect.stringContaining('0xff') }),
    ]);
  });

  it('reports a missing and an unclosed front matter at line 1', () => {
    expect(problemsOf('hostile/missing-front-matter.md')[0]).toMatchObject({ line: 1, column: 1, message: expect.stringContaining('missing') });
    expect(problemsOf('hostile/unclosed-front-matter.md')[0]).toMatchObject({ line: 1, column: 1, message: expect.stringContaining('not closed') });
  });

  it('refuses a file over the size cap before decoding it', () => {
    const result = parseFrontMatter('big.md', new Uint8Array(MAX_FILE_BYTES + 1));
    expect(result).toEqual([expect.objectContaining({ field: 'file', message: expect.stringContaining('limit') })]);
  });

  it('accepts a byte-order mark and CRLF line endings', () => {
    const file = readFixture('hostile/crlf-with-bom.md');
    const result = parseFrontMatter(file.path, file.bytes);
    if (Array.isArray(result)) throw new Error(JSON.stringify(result));
    expect(result.data.title).toBe('A hostile note with a long enough title');
    expect(result.body).not.toContain('\r');
    expect(result.bodyLine).toBe(11);
  });

  it('keeps dates, version-like numbers and yes/no as YAML 1.2 reads them', () => {
    const { data } = parsed('---\nlast_reviewed: 2026-01-02\nversion: 01234\nanswer: yes\n---\n');
    expect(data).toEqual({ last_reviewed: '2026-01-02', version: 1234, answer: 'yes' });
  });

  it('keeps a __proto__ key as a plain field, not a prototype', () => {
    const { data } = parsed('---\n__proto__: {polluted: true}\ntitle: x\n---\n');
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('locates keys and values, counting the opening --- line', () => {
    const file = parsed('---\ntitle: x\nsources:\n  - title: a\n    url: b\n---\nbody');
    expect(file.locate(['title'], 'key')).toEqual({ line: 2, column: 1 });
    expect(file.locate(['title'])).toEqual({ line: 2, column: 8 });
    expect(file.locate(['sources', 0, 'url'])).toEqual({ line: 5, column: 10 });
    expect(file.locate(['missing'])).toEqual({ line: 2, column: 1 });
  });
});
