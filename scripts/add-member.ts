/**
 * npm run add-member -- <username> [--role member|editor]: adds a member of the network or resets
 * their password (which ends their sessions). The password is read from standard input (typed
 * without echo on a terminal, or piped), never from the command line, where other users of the
 * machine could see it. Without --role a new account is a member and an existing one keeps its
 * role. Writes to DATABASE_URL, or to the embedded PostgreSQL under DATA_DIR (joining the one a
 * running `npm start` launched, or starting it for the moment).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AccountStore } from '../server/accounts/account-store.js';
import { MEMBER_ROLES, type MemberRole } from '../server/accounts/credentials.js';
import { loadConfig } from '../server/config.js';
import { connectDatabase, redactUrl } from '../server/storage/connect-database.js';
import { readPassword } from './read-password.js';
import { runCli } from './run-cli.js';

const USAGE = 'Usage: npm run add-member -- <username> [--role member|editor]   (the password is read from standard input)';

/** Adds or resets an account in the configured database; shared with add-editor. Returns the exit code. */
export async function addAccount(username: string, role: MemberRole | undefined): Promise<number> {
  const config = loadConfig(process.env);
  const password = await readPassword();
  const database = await connectDatabase(config);
  try {
    const outcome = await new AccountStore(database.pool).add(username, password, role);
    const where = database.embedded ? `the embedded database under ${config.dataDir}` : redactUrl(config.databaseUrl ?? '');
    console.log(`${outcome === 'added' ? 'Added' : 'Reset the password of'} ${role ?? (outcome === 'added' ? 'member' : 'account')} "${username}" in ${where}`);
    return 0;
  } catch (error) {
    if (error instanceof Error && /username|password/.test(error.message)) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runCli(async () => {
    let parsed;
    try {
      parsed = parseArgs({ args: process.argv.slice(2), options: { role: { type: 'string' } }, allowPositionals: true, strict: true });
    } catch (error) {
      console.error(`${(error as Error).message}\n${USAGE}`);
      return 1;
    }
    const username = (parsed.positionals[0] ?? '').trim().toLowerCase();
    const role = parsed.values.role;
    if (!username || parsed.positionals.length > 1 || (role !== undefined && !(MEMBER_ROLES as readonly string[]).includes(role))) {
      console.error(USAGE);
      return 1;
    }
    return addAccount(username, role as MemberRole | undefined);
  });
}
