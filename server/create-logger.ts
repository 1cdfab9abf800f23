import { createRequire } from 'node:module';
import { pino, type Logger } from 'pino';

/**
 * Structured logs on standard output; secrets and cookies are redacted wherever they appear. JSON
 * for machines, unless `pretty` asks for pino-pretty's readable lines (a developer's terminal).
 * pino-pretty is a development dependency: where it is not installed (the production image) the
 * logs stay JSON.
 */
export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream; pretty?: boolean } = {}): Logger {
  const settings = {
    name: 'casebook',
    level: options.level ?? 'info',
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.masterKey', '*.apiKey', 'masterKey', 'apiKey'],
      censor: '[redacted]',
    },
  };
  const destination = options.destination ?? process.stdout;
  return pino(settings, (options.pretty && prettyStream(destination)) || destination);
}

/** pino-pretty writing to `destination` in the same thread (no transport worker), or undefined where it is not installed. */
function prettyStream(destination: NodeJS.WritableStream): NodeJS.WritableStream | undefined {
  try {
    const pretty = createRequire(import.meta.url)('pino-pretty') as (options: object) => NodeJS.WritableStream;
    return pretty({ destination, colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,name', sync: true });
  } catch {
    return undefined;
  }
}

export type { Logger };
