import type { GitStore } from './git-store.js';
import type { LoggedCommit, Touch } from './history-index.js';
import { streamGit } from './run-git.js';

const RECORD = '\x1e';
const FIELD = '\x1f';

/**
 * The commits that touched the knowledge directory, oldest first: all of them up to `to`, or those
 * after `from`. One `git log` walk, read as it streams (50,000 commits are a few megabytes of output,
 * never held whole), renames detected so that a moved note keeps its history.
 */
export async function readHistory(store: GitStore, to: string, from?: string): Promise<LoggedCommit[]> {
  const commits: LoggedCommit[] = [];
  let pending = '';
  const take = (record: string) => {
    const parsed = parseRecord(record, store.prefix);
    if (parsed) commits.push(parsed);
  };
  await streamGit(
    store.repoDir,
    ['log', '--no-color', '--format=%x1e%H%x1f%ct%x1f%an%x1f%cn%x1f%s', '--name-status', '-M', '-z', from ? `${from}..${to}` : to, '--', store.prefix || '.'],
    (chunk) => {
      pending += chunk;
      const records = pending.split(RECORD);
      pending = records.pop()!;
      for (const record of records) take(record);
    },
  );
  take(pending);
  return commits.reverse();
}

/** One record of the log: `<id>␟<time>␟<author>␟<committer>␟<subject>\0\n<status>\0<path>\0[<path>\0]…`. */
function parseRecord(record: string, prefix: string): LoggedCommit | undefined {
  if (record === '') return undefined;
  const end = record.indexOf('\0');
  const header = end === -1 ? record : record.slice(0, end);
  const [id, time, author, editor, ...subject] = header.split(FIELD);
  if (!id || !/^[0-9a-f]{40}$/.test(id)) return undefined;
  const fields =
    end === -1
      ? []
      : record
          .slice(end + 1)
          .replace(/^\n/, '')
          .split('\0');
  const files: LoggedCommit['files'] = [];
  const relative = (file: string) => (prefix && file.startsWith(prefix) ? file.slice(prefix.length) : file);
  for (let index = 0; index < fields.length;) {
    const status = fields[index++]!.trim();
    if (status === '') continue;
    const kind = status.charAt(0);
    if (kind === 'R' || kind === 'C') {
      const from = fields[index++]!;
      const to = fields[index++]!;
      files.push(kind === 'R' ? { status: 'R', path: relative(to), from: relative(from) } : { status: 'A', path: relative(to) });
    } else {
      const file = fields[index++];
      if (file !== undefined) files.push({ status: (['A', 'D'].includes(kind) ? kind : 'M') as Touch['status'], path: relative(file) });
    }
  }
  return { id, time: Number(time), author: author ?? '', editor: editor ?? '', changeNote: subject.join(FIELD), files };
}
