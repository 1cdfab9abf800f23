/**
 * npm run add-editor -- <username>: adds an editor or resets their password. The password is read
 * from standard input (typed without echo on a terminal, or piped), never from the command line.
 */
import { createInterface } from 'node:readline';
import { addEditor } from '../server/contribute/editor-accounts.js';
import { loadConfig } from '../server/config.js';
import { runCli } from './run-cli.js';

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let input = '';
    for await (const chunk of process.stdin) input += String(chunk);
    return input.replace(/\r?\n$/, '');
  }
  process.stdout.write('Password (at least 12 characters): ');
  const readline = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Typed characters are not echoed.
  (readline as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = () => {};
  const password = await new Promise<string>((resolve) => readline.question('', resolve));
  readline.close();
  process.stdout.write('\n');
  return password;
}

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
