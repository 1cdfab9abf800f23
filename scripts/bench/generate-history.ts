import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const AUTHORS = ['A.K.', 'B. Osei', 'C. Moreau', 'D.S.', 'E. Ivanova', 'F. Okafor'];
const DAY = 86_400;

/**
 * Gives a generated knowledge directory a git history of `versions` versions per note, the last
 * being the file as it is: one commit for the vocabularies, then, note by note, one commit per
 * version (each earlier version differs by its last paragraph), credited to a few contributors and
 * one editor with `.invalid` addresses. Streamed into `git fast-import` (consecutive versions of a
 * note compress against each other), about a second per 10,000 commits; returns the commit count.
 */
export async function generateHistory(knowledgeDir: string, versions: number): Promise<number> {
  execFileSync('git', ['init', '--quiet', '--initial-branch=main', knowledgeDir]);
  const notes = readdirSync(path.join(knowledgeDir, 'notes'))
    .filter((name) => name.endsWith('.md'))
    .sort();
  const child = spawn('git', ['-C', knowledgeDir, 'fast-import', '--quiet', '--done'], { stdio: ['pipe', 'ignore', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  let time = Date.UTC(2024, 0, 1) / 1000;
  let commits = 0;
  const write = async (text: string | Buffer) => {
    if (!child.stdin.write(text)) await new Promise((resolve) => child.stdin.once('drain', resolve));
  };
  const commit = async (files: Array<[string, Buffer]>, author: string, message: string) => {
    time += DAY / 24;
    const who = (name: string, role: string) =>
      `${name} <${name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')}@${role}.invalid> ${time} +0000`;
    const note = Buffer.from(message);
    await write(`commit refs/heads/main\nauthor ${who(author, 'contributors')}\ncommitter ${who('Bench Editor', 'editors')}\ndata ${note.length}\n`);
    await write(note);
    await write('\n');
    for (const [file, bytes] of files) {
      await write(`M 100644 inline ${file}\ndata ${bytes.length}\n`);
      await write(bytes);
      await write('\n');
    }
    commits++;
  };
  const others = ['taxonomy.yml', 'synonyms.yml'].map((name) => [name, readFileSync(path.join(knowledgeDir, name))] as [string, Buffer]);
  await commit(others, 'Casebook', 'Vocabularies');
  for (const [index, name] of notes.entries()) {
    const text = readFileSync(path.join(knowledgeDir, 'notes', name), 'utf8');
    for (let version = 1; version <= versions; version++) {
      const content = version === versions ? text : `${text}\nRevision ${version} of ${versions}: a paragraph later reworded.\n`;
      await commit([[`notes/${name}`, Buffer.from(content)]], AUTHORS[(index + version) % AUTHORS.length]!, `Revision ${version} of ${name.slice(0, -3)}`);
    }
  }
  await write('done\n');
  child.stdin.end();
  if ((await exited) !== 0) throw new Error('git fast-import failed');
  // The files are already the last versions: only the index is brought in line.
  execFileSync('git', ['-C', knowledgeDir, 'reset', '--quiet']);
  return commits;
}
