import { ConfigError, SearchEngineError, StorageError } from '../server/errors.js';

/**
 * Runs a command's body and exits with its code. Known failures become one readable line and the
 * contract's exit code (a search-engine or database failure is 2); anything else is a bug and shows its stack.
 */
export async function runCli(body: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await body();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      code = 1;
    } else if (error instanceof SearchEngineError) {
      console.error(`Search engine: ${error.message}${error.cause instanceof Error ? `\n  cause: ${error.cause.message}` : ''}`);
      code = 2;
    } else if (error instanceof StorageError) {
      console.error(`Database: ${error.message}${error.cause instanceof Error ? `\n  cause: ${error.cause.message}` : ''}`);
      code = 2;
    } else {
      console.error(error);
      code = 70;
    }
  }
  process.exit(code);
}
