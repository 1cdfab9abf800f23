import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { ConflictError } from '../errors.js';
import { commitEnvironment, type Person } from './git-identity.js';
import { clearJournal, readJournal, writeJournal } from './publish-journal.js';
import { GitError, runGit } from './run-git.js';

/** One file of a change, by its path in the knowledge directory (`notes/x.md`); `content: null` deletes it. */
export interface ChangedFile {
  path: string;
  content: string | null;
  /** A new file: refused if the path is already taken (a note is never overwritten by another). */
  create?: boolean;
}

/** One change to the knowledge: one commit, touching exactly these files. */
export interface KnowledgeChange {
  files: ChangedFile[];
  /** The contributor as credited. */
  author: Person;
  /** The approving editor. */
  editor: Person;
  /** The public change note: the commit's message. */
  changeNote: string;
}

/** A file that changed between two commits, by its path in the knowledge directory. */
export interface FileChange {
  status: 'A' | 'M' | 'D';
  path: string;
}

/** What committing came to: the commit, or the branch moved first (another replica or a git user committed). */
export type CommitOutcome = { landed: true; commit: string; date: Date } | { landed: false; upstream: string | undefined };

/** Where the knowledge lives in git. */
export interface GitLocation {
  /** The work tree's top level. */
  repoDir: string;
  /** The knowledge directory inside it, with a trailing slash (`knowledge/`), or '' when it is the top level. */
  prefix: string;
  /** With KNOWLEDGE_REMOTE: the branch this clone follows and pushes to. */
  remoteBranch?: string | undefined;
}

/** The largest file read back from history (a note file is at most 256 KB). */
const MAX_FILE_BYTES = 1024 * 1024;

/**
 * The knowledge directory's git work tree: commits that touch only a change's files, pushes, fetches
 * and reads. Every command runs as a child process (run-git.ts). A commit is built from objects in a
 * temporary index and lands with a compare-and-swap of the branch, so a developer's own staged and
 * unstaged changes elsewhere in the repository are never touched; then only the changed paths of the
 * work tree and index are brought up to date. Calls must not overlap (live-knowledge.ts queues them).
 */
export class GitStore {
  readonly repoDir: string;
  readonly prefix: string;
  readonly remoteBranch: string | undefined;

  constructor(
    location: GitLocation,
    private readonly gitDir: string,
  ) {
    this.repoDir = location.repoDir;
    this.prefix = location.prefix;
    this.remoteBranch = location.remoteBranch;
  }

  /** The commit checked out now; undefined before the first commit. */
  async head(): Promise<string | undefined> {
    return this.resolve('HEAD');
  }

  /** The full id of a revision, or undefined when it does not exist. */
  async resolve(revision: string): Promise<string | undefined> {
    const out = await runGit(this.repoDir, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]).catch((error: unknown) => {
      if (error instanceof GitError && error.exitCode === 1) return '';
      throw error;
    });
    return out.trim() || undefined;
  }

  /** With a remote: fetches its branch and returns the commit it points to (the remote's head). Without: HEAD. */
  async fetch(): Promise<string | undefined> {
    if (!this.remoteBranch) return this.head();
    await runGit(this.repoDir, ['fetch', '--quiet', '--no-tags', 'origin', `+refs/heads/${this.remoteBranch}:refs/remotes/origin/${this.remoteBranch}`], {
      timeoutMs: 60_000,
    });
    return this.resolve(`refs/remotes/origin/${this.remoteBranch}`);
  }

  /** With a remote: checks out `commit` (the remote's head) in this process's own clone; nothing else may write there. */
  async checkOut(commit: string): Promise<void> {
    await runGit(this.repoDir, ['reset', '--quiet', '--hard', commit]);
  }

  /** The knowledge files that differ between two commits (`from` undefined: everything in `to`). */
  async changedFiles(from: string | undefined, to: string): Promise<FileChange[]> {
    const args = from ? ['diff', '--name-status', '-z', '--no-renames', from, to] : ['ls-tree', '-r', '-z', '--name-only', to];
    const out = await runGit(this.repoDir, [...args, '--', this.prefix || '.'], { maxBytes: 64 * 1024 * 1024 });
    const fields = out.split('\0').filter(Boolean);
    if (!from) return fields.map((file) => ({ status: 'A' as const, path: this.relative(file) }));
    const changes: FileChange[] = [];
    for (let index = 0; index + 1 < fields.length; index += 2) {
      const status = fields[index]!.charAt(0);
      changes.push({ status: status === 'A' || status === 'D' ? status : 'M', path: this.relative(fields[index + 1]!) });
    }
    return changes;
  }

  /** A knowledge file as it was at a commit (a version id is enough), or undefined when it did not exist there. */
  async show(commit: string, file: string): Promise<string | undefined> {
    if (!/^[0-9a-f]{7,40}$/.test(commit)) return undefined;
    try {
      return await runGit(this.repoDir, ['cat-file', 'blob', `${commit}:${this.prefix}${file}`], { maxBytes: MAX_FILE_BYTES });
    } catch (error) {
      if (error instanceof GitError && /does not exist|exists on disk, but not in|not a valid|bad file/i.test(error.stderr)) return undefined;
      throw error;
    }
  }

  /**
   * Commits a change on top of `base` (the commit the caller checked the change against) and makes it
   * the branch's head: with a remote, by pushing it; without, by moving HEAD only if it still points
   * to `base`. When the branch moved first, nothing is changed and `landed: false` says where it is
   * now. A crash at any step is recovered by `recover` (publish-journal.ts).
   */
  async commit(change: KnowledgeChange, base: string | undefined, now: Date): Promise<CommitOutcome> {
    for (const file of change.files) {
      if (!file.create) continue;
      const taken = (base && (await this.show(base, file.path)) !== undefined) || existsSync(path.join(this.repoDir, this.prefix, file.path));
      if (taken) throw new ConflictError(`A file named ${file.path} already exists in the knowledge directory: ask the contributor to choose another slug.`);
    }
    await writeJournal(this.gitDir, { base, files: change.files.map((file) => file.path) });
    const tree = await this.treeWith(base, change.files);
    const env = commitEnvironment(change.author, change.editor, now);
    const commit = (
      await runGit(this.repoDir, ['commit-tree', tree, ...(base ? ['-p', base] : []), '-F', '-'], { env, input: `${change.changeNote.trim()}\n` })
    ).trim();
    await writeJournal(this.gitDir, { base, files: change.files.map((file) => file.path), commit });
    if (this.remoteBranch) {
      try {
        await runGit(this.repoDir, ['push', '--quiet', '--porcelain', 'origin', `${commit}:refs/heads/${this.remoteBranch}`], { timeoutMs: 60_000 });
      } catch (error) {
        if (
          !(error instanceof GitError) ||
          !/rejected|non-fast-forward|fetch first|stale info|cannot lock ref|failed to update ref/i.test(`${error.stderr} ${error.message}`)
        )
          throw error;
        await clearJournal(this.gitDir);
        return { landed: false, upstream: await this.fetch() };
      }
      await runGit(this.repoDir, ['update-ref', `refs/remotes/origin/${this.remoteBranch}`, commit]);
    }
    try {
      await runGit(this.repoDir, ['update-ref', '-m', `casebook: ${firstLine(change.changeNote)}`, 'HEAD', commit, base ?? ''.padEnd(40, '0')]);
    } catch (error) {
      if (this.remoteBranch || !(error instanceof GitError)) throw error;
      await clearJournal(this.gitDir);
      return { landed: false, upstream: await this.head() };
    }
    await this.checkOutPaths(
      commit,
      change.files.map((file) => file.path),
    );
    await clearJournal(this.gitDir);
    return { landed: true, commit, date: now };
  }

  /**
   * Finishes or forgets a publication a crash interrupted: a commit that became the branch's head has
   * its files brought into the work tree and index; one that did not is dropped (its submission is
   * still waiting for a decision, so nothing is lost). Returns what it did, for the log.
   */
  async recover(): Promise<'none' | 'completed' | 'rolled-back'> {
    const journal = await readJournal(this.gitDir);
    if (!journal) return 'none';
    const head = this.remoteBranch ? await this.resolve(`refs/remotes/origin/${this.remoteBranch}`) : await this.head();
    const landed = journal.commit !== undefined && head !== undefined && (await this.isAncestor(journal.commit, head));
    if (this.remoteBranch) {
      // This clone is the process's own: it is set to what the remote holds, pushed or not.
      if (head) await this.checkOut(head);
    } else if (landed) {
      await this.checkOutPaths(head!, journal.files);
    }
    await clearJournal(this.gitDir);
    return landed ? 'completed' : 'rolled-back';
  }

  /** Commits every file of the knowledge directory as its first version (a directory that was not in git yet, or an empty remote). */
  async commitEverything(author: Person, message: string, now: Date): Promise<string> {
    await runGit(this.repoDir, ['add', '--all', '--', this.prefix || '.']);
    const env = commitEnvironment(author, author, now);
    await runGit(this.repoDir, ['commit', '--quiet', '--allow-empty', '--no-verify', '-m', message, '--', this.prefix || '.'], { env });
    return (await this.head())!;
  }

  /** True when `commit` is `of` or one of its ancestors (false when either is unknown here). */
  async isAncestor(commit: string, of: string): Promise<boolean> {
    try {
      await runGit(this.repoDir, ['merge-base', '--is-ancestor', commit, of]);
      return true;
    } catch (error) {
      if (error instanceof GitError && error.exitCode === 1) return false;
      if (error instanceof GitError && /not a valid|bad object|unknown revision/i.test(error.stderr)) return false;
      throw error;
    }
  }

  // The tree of `base` with these files replaced, built in a temporary index: the repository's own
  // index (a developer's staged work) is never read or written here.
  private async treeWith(base: string | undefined, files: readonly ChangedFile[]): Promise<string> {
    const index = path.join(this.gitDir, `casebook-index-${randomBytes(6).toString('hex')}`);
    const env = { GIT_INDEX_FILE: index };
    try {
      await runGit(this.repoDir, base ? ['read-tree', base] : ['read-tree', '--empty'], { env });
      for (const file of files) {
        const repoPath = `${this.prefix}${file.path}`;
        if (file.content === null) {
          await runGit(this.repoDir, ['update-index', '--force-remove', '--', repoPath], { env });
          continue;
        }
        const blob = (await runGit(this.repoDir, ['hash-object', '-w', '--stdin'], { input: file.content })).trim();
        await runGit(this.repoDir, ['update-index', '--add', '--cacheinfo', `100644,${blob},${repoPath}`], { env });
      }
      return (await runGit(this.repoDir, ['write-tree'], { env })).trim();
    } finally {
      await rm(index, { force: true });
    }
  }

  // Brings these paths of the work tree and the index to what `commit` holds, and nothing else.
  private async checkOutPaths(commit: string, files: readonly string[]): Promise<void> {
    const present: string[] = [];
    for (const file of files) {
      const repoPath = `${this.prefix}${file}`;
      if ((await this.show(commit, file)) !== undefined) present.push(repoPath);
      else {
        await runGit(this.repoDir, ['rm', '--quiet', '--cached', '--ignore-unmatch', '--', repoPath]);
        await rm(path.join(this.repoDir, repoPath), { force: true });
      }
    }
    if (present.length > 0) await retryLocked(() => runGit(this.repoDir, ['checkout', commit, '--', ...present]));
  }

  private relative(repoPath: string): string {
    return this.prefix && repoPath.startsWith(this.prefix) ? repoPath.slice(this.prefix.length) : repoPath;
  }
}

// A developer's git command may hold the index's lock for a moment: wait for it rather than fail.
async function retryLocked<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= 20 || !(error instanceof GitError) || !/index\.lock|Unable to create .*\.lock/i.test(error.stderr)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n', 1)[0]!.slice(0, 200);
}
