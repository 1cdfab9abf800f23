import { createInterface } from 'node:readline';

/** Reads a password from standard input: typed without echo on a terminal, or piped (one line). */
export async function readPassword(): Promise<string> {
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
