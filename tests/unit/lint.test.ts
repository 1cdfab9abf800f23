import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../fixtures/fixture-files.js';

const ROOT = path.resolve(FIXTURES, '..', '..');

/** Lints `code` with the project's own config (eslint.config.js) as if it were a file under server/. */
async function lintAsServerFile(code: string): Promise<Array<{ ruleId: string | null; line: number }>> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, 'server', 'content', 'lint-fixture.ts') });
  return result!.messages.map(({ ruleId, line }) => ({ ruleId, line }));
}

describe('the regular-expression lint (npm run lint)', () => {
  it('refuses the heading, link-text and code-span patterns that froze the server', async () => {
    const messages = await lintAsServerFile(readFileSync(path.join(FIXTURES, 'lint', 'old-heading-scan.ts'), 'utf8'));
    const rules = (line: number) => new Set(messages.filter((message) => message.line === line).map((message) => message.ruleId));
    expect(rules(3)).toContain('regexp/no-super-linear-backtracking');
    expect(rules(4)).toContain('regexp/no-super-linear-move');
    expect(rules(5)).toContain('regexp/no-super-linear-move');
  }, 30_000);

  it('passes the scanner that replaced them', async () => {
    const source = readFileSync(path.join(ROOT, 'server', 'content', 'find-links.ts'), 'utf8');
    expect(await lintAsServerFile(source)).toEqual([]);
  }, 30_000);
});
