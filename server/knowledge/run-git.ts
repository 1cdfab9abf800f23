import { execFile, spawn } from 'node:child_process';

/** A git command failed: its arguments, exit code and what it said on standard error. */
export class GitError extends Error {
  override name = 'GitError';
  constructor(
    message: string,
    readonly stderr: string,
    readonly exitCode: number | string | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** How one git command runs. */
export interface GitOptions {
  /** Extra environment (author, committer, a temporary index); the rest is the process's own. */
  env?: Readonly<Record<string, string>>;
  /** Written to the command's standard input. */
  input?: string;
  /** Largest output accepted (default 8 MB): a larger one is an error, never a growing buffer. */
  maxBytes?: number;
  /** Milliseconds before the command is killed (default 60 s; a fetch or push over the network may hang). */
  timeoutMs?: number;
}

// Never a prompt (a push to a remote without credentials fails at once), the same messages in every
// locale, paths printed as they are, and no pager.
const BASE_ENV = { GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: 'true', SSH_ASKPASS: 'true', LC_ALL: 'C', GIT_PAGER: 'cat', GIT_OPTIONAL_LOCKS: '0' };
const BASE_ARGS = ['-c', 'core.quotepath=off', '-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null'];

/** Runs `git -C <dir> …args` as a child process (off the event loop) and resolves with its standard output. */
export function runGit(dir: string, args: readonly string[], options: GitOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      [...BASE_ARGS, '-C', dir, ...args],
      {
        env: { ...process.env, ...BASE_ENV, ...options.env },
        maxBuffer: options.maxBytes ?? 8 * 1024 * 1024,
        timeout: options.timeoutMs ?? 60_000,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const code = (error as NodeJS.ErrnoException & { code?: number | string }).code ?? null;
        // Not kept as the cause: execFile's error repeats the whole command line, a remote's URL included.
        const said = redactCredentials(stderr);
        reject(new GitError(`git ${args[0]} failed: ${said.trim().split('\n').slice(-3).join(' ') || redactCredentials(error.message)}`, said, code));
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

/** Runs a git command whose output may be large (the history walk) and hands it over in chunks, never holding all of it. */
export function streamGit(dir: string, args: readonly string[], onChunk: (chunk: string) => void, options: { timeoutMs?: number } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...BASE_ARGS, '-C', dir, ...args], { env: { ...process.env, ...BASE_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 10 * 60_000);
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => onChunk(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString();
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new GitError(`git ${args[0]} could not start: ${error.message}`, stderr, null, { cause: error }));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new GitError(`git ${args[0]} failed: ${redactCredentials(stderr).trim() || signal}`, redactCredentials(stderr), code ?? signal));
    });
  });
}

// A remote's URL may carry a token (https://user:token@host/…); git repeats it in its messages, which reach the logs.
function redactCredentials(text: string): string {
  return text.replace(/\/\/[^/@\s]*@/g, '//[credentials]@');
}
