import { cpSync, existsSync, mkdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { CASEBOOK } from './git-identity.js';
import { GitStore } from './git-store.js';
import { GitError, runGit } from './run-git.js';

/** Where the knowledge is and how it syncs (KNOWLEDGE_DIR, KNOWLEDGE_REMOTE). */
export interface OpenGitOptions {
  /** KNOWLEDGE_DIR: the work tree without a remote; with one, only the seed of a remote that is still empty. */
  knowledgeDir: string;
  /** KNOWLEDGE_REMOTE: a git URL or path every process fetches from and pushes to. */
  remote?: string | undefined;
  /** With a remote: this process's own clone (under DATA_DIR). */
  cloneDir?: string | undefined;
  now?: () => Date;
  log?: (message: string) => void;
}

/** The store and the directory the knowledge is read from (KNOWLEDGE_DIR, or the knowledge inside the clone). */
export interface OpenedGitStore {
  store: GitStore;
  knowledgeDir: string;
  /** What start-up found: a crash's publication completed or rolled back, a repository made. */
  events: string[];
}

const FIRST_MESSAGE = 'The knowledge base as it stood when Casebook first kept it in git';

/**
 * Opens the knowledge directory's repository: the one it is in (the project's own by default), or a
 * new one made there if it is in none (or only in one that ignores it), its files committed as the
 * first version. With a remote, the process works in its own clone, made on first start and set to
 * the remote's head at every start; an empty remote is seeded with KNOWLEDGE_DIR. A publication a
 * crash interrupted is completed or rolled back before anything is read.
 */
export async function openGitStore(options: OpenGitOptions): Promise<OpenedGitStore> {
  const now = options.now ?? (() => new Date());
  const events: string[] = [];
  let store: GitStore;
  if (options.remote) {
    store = await openClone(options.remote, options.cloneDir ?? path.join(options.knowledgeDir, '..', 'knowledge-clone'), options.knowledgeDir, now, events);
  } else {
    mkdirSync(options.knowledgeDir, { recursive: true });
    const dir = realpathSync(options.knowledgeDir);
    let top = await topLevel(dir);
    if (top === undefined || (await isIgnored(top, dir))) {
      await runGit(dir, ['init', '--quiet', '--initial-branch=main']);
      top = dir;
      events.push(`made ${dir} a git repository`);
    }
    const relative = path.relative(top, dir).split(path.sep).join('/');
    store = new GitStore({ repoDir: top, prefix: relative ? `${relative}/` : '' }, await gitDirOf(top));
    if (!(await store.head())) {
      // A repository without commits (just made, or a fresh `git init`): the files as they are become the first version.
      await store.commitEverything(CASEBOOK, FIRST_MESSAGE, now());
      events.push('committed the knowledge directory as its first version');
    }
  }
  const recovered = await store.recover();
  if (recovered !== 'none')
    events.push(`an approval interrupted by a crash was ${recovered === 'completed' ? 'completed' : 'rolled back (its submission is still waiting)'}`);
  return { store, knowledgeDir: path.join(store.repoDir, store.prefix), events };
}

/**
 * The repository a knowledge directory is in, read-only (the export, `npm run check`): never makes
 * one, never recovers a publication. Undefined when the directory is in no repository, or only in
 * one that ignores it.
 */
export async function findGitStore(knowledgeDir: string): Promise<GitStore | undefined> {
  const dir = realpathSync(knowledgeDir);
  const top = await topLevel(dir);
  if (top === undefined || (await isIgnored(top, dir))) return undefined;
  const relative = path.relative(top, dir).split(path.sep).join('/');
  return new GitStore({ repoDir: top, prefix: relative ? `${relative}/` : '' }, await gitDirOf(top));
}

async function openClone(remote: string, cloneDir: string, seedDir: string, now: () => Date, events: string[]): Promise<GitStore> {
  if (!existsSync(path.join(cloneDir, '.git'))) {
    mkdirSync(path.dirname(cloneDir), { recursive: true });
    await runGit(path.dirname(cloneDir), ['clone', '--quiet', '--no-tags', remote, cloneDir], { timeoutMs: 10 * 60_000 });
    events.push(`cloned ${redact(remote)} into ${cloneDir}`);
  } else {
    const origin = (await runGit(cloneDir, ['config', '--get', 'remote.origin.url']).catch(() => '')).trim();
    if (origin !== remote)
      throw new ConfigError(
        `${cloneDir} is a clone of ${redact(origin)}, not of KNOWLEDGE_REMOTE (${redact(remote)}): remove it, or set KNOWLEDGE_REMOTE back.`,
      );
  }
  const branch = (await runGit(cloneDir, ['symbolic-ref', '--quiet', '--short', 'HEAD']).catch(() => 'main')).trim() || 'main';
  const gitDir = await gitDirOf(cloneDir);
  const detect = () => (existsSync(path.join(cloneDir, 'taxonomy.yml')) || !existsSync(path.join(cloneDir, 'knowledge', 'taxonomy.yml')) ? '' : 'knowledge/');
  let store = new GitStore({ repoDir: cloneDir, prefix: detect(), remoteBranch: branch }, gitDir);
  let upstream: string | undefined;
  try {
    upstream = await store.fetch();
  } catch (error) {
    // The remote is unreachable: serve what this clone last had; the sync loop keeps trying.
    upstream = await store.resolve(`refs/remotes/origin/${branch}`);
    events.push(`could not fetch ${redact(remote)} (${error instanceof Error ? error.message : String(error)}); serving the clone as last fetched`);
  }
  if (!upstream) {
    // An empty remote: this deployment's first start. Its knowledge becomes the remote's first version.
    cpSync(seedDir, cloneDir, { recursive: true, filter: (source) => path.basename(source) !== '.git' });
    store = new GitStore({ repoDir: cloneDir, prefix: detect(), remoteBranch: branch }, gitDir);
    const first = await store.commitEverything(CASEBOOK, FIRST_MESSAGE, now());
    try {
      await runGit(cloneDir, ['push', '--quiet', 'origin', `${first}:refs/heads/${branch}`], { timeoutMs: 60_000 });
      events.push(`seeded the empty remote with ${seedDir}`);
    } catch (error) {
      if (!(error instanceof GitError)) throw error;
      // Another process seeded it first: take theirs.
      upstream = await store.fetch();
      if (!upstream) throw error;
    }
    upstream = (await store.fetch()) ?? first;
  }
  if ((await store.head()) !== upstream) await store.checkOut(upstream);
  return new GitStore({ repoDir: cloneDir, prefix: detect(), remoteBranch: branch }, gitDir);
}

async function topLevel(dir: string): Promise<string | undefined> {
  try {
    return realpathSync((await runGit(dir, ['rev-parse', '--show-toplevel'])).trim());
  } catch (error) {
    if (error instanceof GitError) return undefined;
    throw error;
  }
}

async function isIgnored(top: string, dir: string): Promise<boolean> {
  if (top === dir) return false;
  try {
    await runGit(top, ['check-ignore', '--quiet', '--', path.relative(top, dir)]);
    return true;
  } catch (error) {
    if (error instanceof GitError && error.exitCode === 1) return false;
    throw error;
  }
}

async function gitDirOf(dir: string): Promise<string> {
  return (await runGit(dir, ['rev-parse', '--absolute-git-dir'])).trim();
}

// A remote URL may carry a token (https://user:token@host/...): it never reaches a log or a page.
function redact(url: string): string {
  return url.replace(/\/\/[^/@]*@/, '//[credentials]@');
}
