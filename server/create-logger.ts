import { pino, type Logger } from 'pino';

/** Structured JSON logs on standard output; secrets and cookies are redacted wherever they appear. */
export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  return pino(
    {
      name: 'casebook',
      level: options.level ?? 'info',
      redact: {
        paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.masterKey', '*.apiKey', 'masterKey', 'apiKey'],
        censor: '[redacted]',
      },
    },
    options.destination ?? process.stdout,
  );
}

export type { Logger };
