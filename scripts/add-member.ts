/**
 * npm run add-member -- <username> [--role member|editor]: adds a member of the network or resets
 * their password. The password is read from standard input (typed without echo on a terminal, or
 * piped), never from the command line, where other users of the machine could see it. Without
 * --role a new account is a member and an existing one keeps its role.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { addMember, MEMBER_ROLES, type MemberRole } from '../server/network/member-accounts.js';
import { readPassword } from './read-password.js';
import { runCli } from './run-cli.js';

const USAGE = 'Usage: npm run add-member -- <username> [--role member|editor]   (the password is read from standard input)';

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
  const config = loadConfig(process.env);
  const password = await readPassword();
  try {
    const outcome = await addMember(config.editorAccountsFile, username, password, role as MemberRole | undefined);
    console.log(`${outcome === 'added' ? 'Added' : 'Reset the password of'} ${role ?? (outcome === 'added' ? 'member' : 'account')} "${username}" in ${config.editorAccountsFile}`);
    return 0;
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
});
