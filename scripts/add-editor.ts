/**
 * npm run add-editor -- <username>: the shorthand for `npm run add-member -- <username> --role editor`.
 * Adds an editor or resets their password; the password is read from standard input (typed without
 * echo on a terminal, or piped), never from the command line.
 */
import { addAccount } from './add-member.js';
import { runCli } from './run-cli.js';

await runCli(async () => {
  const username = (process.argv[2] ?? '').trim().toLowerCase();
  if (!username) {
    console.error('Usage: npm run add-editor -- <username>   (the password is read from standard input)');
    return 1;
  }
  return addAccount(username, 'editor');
});
