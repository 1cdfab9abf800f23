/**
 * npm run add-editor -- <username>: the shorthand for `npm run add-member -- <username> --role editor`.
 * Adds an editor or resets their password; the password is read from standard input (typed without
 * echo on a terminal, or piped), never from the command line.
 */
import { addEditor } from '../server/contribute/editor-accounts.js';
import { loadConfig } from '../server/config.js';
import { readPassword } from './read-password.js';
import { runCli } from './run-cli.js';

await runCli(async () => {
  const username = (process.argv[2] ?? '').trim().toLowerCase();
  if (!username) {
    console.error('Usage: npm run add-editor -- <username>   (the password is read from standard input)');
    return 1;
  }
  const config = loadConfig(process.env);
  const password = await readPassword();
  try {
    const outcome = await addEditor(config.editorAccountsFile, username, password);
    console.log(`${outcome === 'added' ? 'Added' : 'Reset the password of'} editor "${username}" in ${config.editorAccountsFile}`);
    return 0;
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
});
