import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { AccountStore } from '../../server/accounts/account-store.js';
import { FIXTURE_KNOWLEDGE, FIXTURES } from '../fixtures/fixture-files.js';
import { createTestDatabase } from '../test-database.js';
import { engineWriter } from './engine-test-context.js';

const ROOT = path.resolve(FIXTURES, '..', '..');

/** Runs one of the project's scripts as `npm run` would, with extra settings. */
function run(script: string, args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', `${script}.ts`), ...args], {
    cwd: ROOT,
    env: { ...process.env, CI: 'true', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function knowledgeCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'casebook-knowledge-'));
  cpSync(FIXTURE_KNOWLEDGE, dir, { recursive: true, dereference: true });
  return dir;
}

// DATA_DIR in a temporary folder: an index run writes its change to DATA_DIR's feed, never into the repository.
const engineEnv = (index: string) => ({
  MEILI_URL: inject('meiliUrl'),
  MEILI_MASTER_KEY: inject('meiliKey'),
  MEILI_INDEX: index,
  DATA_DIR: mkdtempSync(path.join(tmpdir(), 'casebook-data-')),
});

describe('npm run check', () => {
  it('exits 0 on a valid knowledge base', () => {
    const result = run('check', [], { KNOWLEDGE_DIR: FIXTURE_KNOWLEDGE });
    expect(result.stdout).toContain('✔ no problems; 0 home-page URLs (checked 6 notes, 1 collection, 4 authorities');
    expect(result.code).toBe(0);
  });

  it('with --links also prints what to revisit, and still exits 0 on a valid knowledge base', () => {
    const result = run('check', ['--links'], { KNOWLEDGE_DIR: FIXTURE_KNOWLEDGE });
    expect(result.stdout).toMatch(/^Links: 1 of 4 authorities have a url \(25\.0 %\); 3 without:$/m);
    expect(result.stdout).toMatch(/^ {2}\S+chowdury-v-greece\.yml {2}gives no reason: say in its summary why there is no link$/m);
    expect(result.stdout).toMatch(/^Tracker statuses confirmed before \d{4}-\d\d-\d\d \(older than 18 months\): \d+$/m);
    expect(result.stdout).toMatch(/^Published notes citing a check-history authority: 0$/m);
    expect(result.stdout).toContain('✔ no problems');
    expect(result.code).toBe(0);
  });

  it('exits 1 and prints one located line and a hint per problem for every hostile file, quickly', () => {
    const started = Date.now();
    const result = run('check', [path.join(FIXTURES, 'hostile')], { KNOWLEDGE_DIR: FIXTURE_KNOWLEDGE });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.code).toBe(1);
    const errorLines = result.stdout.split('\n').filter((line) => line.includes('  error  '));
    for (const line of errorLines) expect(line).toMatch(/^tests\/fixtures\/hostile\/[a-z0-9-]+\.md:\d+:\d+ {2}error {2}[\w. ]+: .+/);
    const files = new Set(errorLines.map((line) => line.split(':')[0]));
    expect([...files].map((file) => path.basename(file!)).sort()).toEqual([
      'alias-bomb.md',
      'bad-jurisdictions.md',
      'custom-tag.md',
      'dangerous-source-url.md',
      'duplicate-key.md',
      'future-date.md',
      'invalid-utf8.md',
      'javascript-front-matter.md',
      'json-front-matter.md',
      'missing-front-matter.md',
      'toml-front-matter.md',
      'unclosed-front-matter.md',
      'unknown-field.md',
      'unknown-id.md',
    ]);
    expect(result.stdout).toMatch(/\n {4}hint: /);
    expect(result.stdout).toMatch(/✖ \d+ problems in 14 files/);
  });
});

describe('npm run index', () => {
  it('exits 0 and prints notes, seconds and notes per second', () => {
    const result = run('index', [], { KNOWLEDGE_DIR: FIXTURE_KNOWLEDGE, ...engineEnv('cli_index') });
    expect(result.stdout).toMatch(/indexing: 5\/5 notes/);
    expect(result.stdout).toMatch(/✔ indexed 5 notes into "cli_index" in \d+\.\d\d s \(\d+(\.\d)? notes\/s\); 1 drafts skipped/);
    expect(result.code).toBe(0);
  });

  it('exits 1 on a content problem and leaves the live index untouched', async () => {
    const knowledge = knowledgeCopy();
    expect(run('index', [], { KNOWLEDGE_DIR: knowledge, ...engineEnv('cli_untouched') }).code).toBe(0);
    writeFileSync(path.join(knowledge, 'notes', 'extra.md'), readFileSync(path.join(FIXTURES, 'hostile', 'unknown-field.md')));
    writeFileSync(
      path.join(knowledge, 'notes', 'ok.md'),
      readFileSync(path.join(FIXTURE_KNOWLEDGE, 'notes', 'labour-inspection-records.md'), 'utf8').replace(
        'last_reviewed',
        'slug: another-valid-note\nlast_reviewed',
      ),
    );

    const result = run('index', [], { KNOWLEDGE_DIR: knowledge, ...engineEnv('cli_untouched') });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/extra\.md:10:1 {2}error {2}jurisdiction: is not a known field/);
    expect(result.stderr).toContain('live index is untouched');
    expect(await engineWriter('cli_untouched').documentCount()).toBe(5);
  });

  it('updates only what changed (add, edit, delete, rename with an alias), and rebuilds with --full; app processes need no announcement (they follow git)', async () => {
    const knowledge = knowledgeCopy();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'casebook-data-'));
    const env = { KNOWLEDGE_DIR: knowledge, ...engineEnv('cli_incremental'), DATA_DIR: dataDir };
    const notes = path.join(knowledge, 'notes');
    // The change feed is gone: a running server indexes each commit it takes in itself.
    const feedWritten = () => existsSync(path.join(dataDir, 'changes.jsonl'));
    expect(run('index', [], env).stdout).toMatch(/✔ indexed 5 notes/);
    expect(feedWritten()).toBe(false);

    const unchanged = run('index', [], env);
    expect(unchanged.stdout).toMatch(/already up to date: 0 added, 0 changed, 0 removed, 5 notes in all/);
    expect(feedWritten()).toBe(false);

    const labour = readFileSync(path.join(notes, 'labour-inspection-records.md'), 'utf8');
    writeFileSync(path.join(notes, 'added.md'), labour.replace('last_reviewed', 'slug: added-note\nlast_reviewed'));
    writeFileSync(
      path.join(notes, 'labour-inspection-records.md'),
      labour.replace(/^title: .*$/m, 'title: Labour inspection records as corroboration of zanzibarite wages'),
    );
    rmSync(path.join(notes, 'prueba-financiera.md'));
    const section28 = path.join(notes, 'uk', 'section-28-cross-examination.md');
    writeFileSync(
      section28,
      readFileSync(section28, 'utf8').replace('last_reviewed', 'slug: pre-recorded-cross-examination\naliases: [section-28-cross-examination]\nlast_reviewed'),
    );
    const changed = run('index', [], env);
    expect(changed.stderr).toBe('');
    expect(changed.stdout).toMatch(/updated: 2 added, 1 changed, 2 removed, 5 notes in all/);
    expect(feedWritten()).toBe(false);
    const writer = engineWriter('cli_incremental');
    expect(await writer.documentCount()).toBe(5);
    const slugs = (await writer.search({ text: '', filters: {}, sort: 'title', page: 1, hitsPerPage: 20 })).hits.map((hit) => hit.slug).sort();
    expect(slugs).toEqual(['added-note', 'labour-inspection-records', 'phone-evidence-control', 'pre-recorded-cross-examination', 'preuve-telephonique']);
    expect((await writer.search({ text: 'zanzibarite', filters: {}, sort: 'relevance', page: 1, hitsPerPage: 5 })).hits.map((hit) => hit.slug)).toEqual([
      'labour-inspection-records',
    ]);

    expect(run('index', ['--full'], env).stdout).toMatch(/✔ indexed 5 notes/);
    expect(run('index', ['--fast'], env).code).toBe(64);
  }, 240_000);

  it('exits 2 when the search engine is unreachable', () => {
    const result = run('index', [], { KNOWLEDGE_DIR: FIXTURE_KNOWLEDGE, MEILI_URL: 'http://127.0.0.1:9' });
    expect(result.stderr).toContain('Meilisearch at http://127.0.0.1:9 is unreachable');
    expect(result.code).toBe(2);
  });

  it('exits 1 with every bad setting named', () => {
    const result = run('index', [], { PORT: 'x', MEILI_URL: 'not a url' });
    expect(result.stderr).toMatch(/PORT: .*\n.*MEILI_URL: /);
    expect(result.code).toBe(1);
  });
});

describe('npm run new-note', () => {
  it('writes a skeleton that passes check, never overwriting', () => {
    const knowledge = knowledgeCopy();
    const first = run('new-note', ['Using hotel records to prove harbouring'], { KNOWLEDGE_DIR: knowledge });
    const second = run('new-note', ['Using hotel records to prove harbouring'], { KNOWLEDGE_DIR: knowledge });
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout.trim()).toMatch(/notes\/using-hotel-records-to-prove-harbouring\.md$/);
    expect(second.stdout.trim()).toMatch(/notes\/using-hotel-records-to-prove-harbouring-2\.md$/);
    expect(run('check', [], { KNOWLEDGE_DIR: knowledge }).code).toBe(0);
  });

  it('refuses a title the schema would refuse', () => {
    expect(run('new-note', ['Short'], {}).code).toBe(1);
  });
});

describe('npm run add-member and add-editor', () => {
  /** Runs an account command with the password piped on standard input, as a deployment script would, against a database. */
  function account(script: 'add-member' | 'add-editor', args: string[], password: string, databaseUrl: string) {
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', `${script}.ts`), ...args], {
      cwd: ROOT,
      env: { ...process.env, CI: 'true', DATABASE_URL: databaseUrl },
      input: `${password}\n`,
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('adds members and editors to the database with hashed passwords read from standard input, and keeps a role on reset', async () => {
    const { url, pool } = await createTestDatabase();
    const member = account('add-member', ['ama.mensah'], 'a long member password', url);
    expect(member.stdout).toContain('Added member "ama.mensah"');
    // The connection string is named without its password.
    expect(member.stdout).not.toContain(new URL(url).password);
    expect(member.code).toBe(0);
    expect(account('add-member', ['--role', 'editor', 'bo.editor'], 'a long editor password', url).code).toBe(0);
    expect(account('add-editor', ['cy.editor'], 'another editor password', url).code).toBe(0);
    const reset = account('add-member', ['bo.editor'], 'a newer editor password', url);
    expect(reset.stdout).toContain('Reset the password of account "bo.editor"');
    expect((await pool.query('SELECT username, role FROM accounts ORDER BY username')).rows).toEqual([
      { username: 'ama.mensah', role: 'member' },
      { username: 'bo.editor', role: 'editor' },
      { username: 'cy.editor', role: 'editor' },
    ]);
    expect(JSON.stringify((await pool.query('SELECT * FROM accounts')).rows)).not.toContain('a long member password');
    expect(await new AccountStore(pool).verify('bo.editor', 'a newer editor password')).toMatchObject({ role: 'editor' });
  }, 120_000);

  it('exits 1 on a bad role, a bad username, a short password or no username', async () => {
    const { url } = await createTestDatabase();
    const badRole = account('add-member', ['ama', '--role', 'admin'], 'a long member password', url);
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('Usage: npm run add-member -- <username> [--role member|editor]');
    expect(account('add-member', ['Not A Name!'], 'a long member password', url).code).toBe(1);
    const short = account('add-member', ['ama'], 'short', url);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('at least 12 characters');
    expect(account('add-member', [], 'a long member password', url).code).toBe(1);
    expect(account('add-member', ['ama', '--unknown'], 'a long member password', url).code).toBe(1);
  }, 120_000);

  it('exits 2, naming the database without its password, when the database is unreachable', () => {
    const result = account('add-member', ['ama'], 'a long member password', 'postgres://casebook:do-not-print@127.0.0.1:1/casebook');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Database: PostgreSQL at postgres:\/\/casebook:\*\*\*@127\.0\.0\.1:1\/casebook is unreachable/);
    expect(result.stderr).not.toContain('do-not-print');
  }, 60_000);
});

describe('npm run import-data', () => {
  function importData(args: string[], env: Record<string, string>) {
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'import-data.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, CI: 'true', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('imports a JSON DATA_DIR, says what it imported, moves the files to a dated backup, and imports nothing twice', async () => {
    const { url, pool } = await createTestDatabase();
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'casebook-import-data-')), 'data');
    cpSync(path.join(FIXTURES, 'json-data-dir'), dataDir, { recursive: true });
    const first = importData([], { DATABASE_URL: url, DATA_DIR: dataDir, EDITOR_ACCOUNTS_FILE: '' });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/submissions: 5 imported of 5 found/);
    expect(first.stdout).toMatch(/the files were moved to .*json-backup-\d{4}-\d{2}-\d{2}/);
    expect(existsSync(path.join(dataDir, 'editors.json'))).toBe(false);
    expect(importData([], { DATABASE_URL: url, DATA_DIR: dataDir, EDITOR_ACCOUNTS_FILE: '' }).stdout).toMatch(/nothing to import/);
    const backup = readdirSync(dataDir).find((name) => name.startsWith('json-backup-'))!;
    const again = importData(['--from', path.join(dataDir, backup)], { DATABASE_URL: url, DATA_DIR: dataDir, EDITOR_ACCOUNTS_FILE: '' });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/accounts: 0 imported of 3 found/);
    expect((await pool.query('SELECT count(*)::int AS n FROM submissions')).rows[0].n).toBe(5);
  }, 120_000);
});
