/**
 * What people and workflow cost the benchmark's app: a member signed in (their guidance page
 * against an anonymous reader's), and the embedded PostgreSQL's memory.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AccountStore } from '../../server/accounts/account-store.js';
import { connectDatabase } from '../../server/storage/connect-database.js';

const MEMBER = { username: 'bench.member', password: 'a benchmark member password' };

/** Adds a member to the app's database (joining its embedded server) and signs in through the form; returns the session cookie. */
export async function signInMember(appUrl: string, dataDir: string): Promise<string> {
  const database = await connectDatabase({ databaseUrl: undefined, dataDir });
  try {
    await new AccountStore(database.pool).add(MEMBER.username, MEMBER.password, 'member');
  } finally {
    await database.close();
  }
  const form = await fetch(`${appUrl}/login`);
  const visitor = cookiesOf(form);
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const response = await fetch(`${appUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: visitor, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...MEMBER, csrf_token: csrf }).toString(),
  });
  const session = cookiesOf(response)
    .split('; ')
    .find((pair) => pair.startsWith('casebook_session='));
  if (response.status !== 303 || !session) throw new Error(`signing in for the benchmark answered ${response.status}`);
  return session;
}

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
}

/**
 * The embedded PostgreSQL's memory now, in MB: the proportional set size (PSS) of its postmaster
 * and every process it forked, so shared buffers are counted once, not once per backend.
 */
export function databaseMemoryMb(dataDir: string): number {
  const postmaster = Number(readFileSync(path.join(dataDir, 'postgres', 'cluster', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const pids = [
    postmaster,
    ...readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number)
      .filter((pid) => parentOf(pid) === postmaster),
  ];
  const kb = pids.reduce((sum, pid) => {
    try {
      return sum + Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      return sum;
    }
  }, 0);
  return Math.round(kb / 1024);
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}
