import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../create-logger.js';
import { MAX_URL_BYTES } from './request-limits.js';

/** One structured access-log line per request, with its request id; private addresses redacted (redactUrl). */
export function accessLog(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    // A caller's id is kept when it looks like one, so a proxy's logs and ours can be joined.
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && /^[\w.:-]{8,64}$/.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    // A status page's address is its contributor's only key: it never reaches the logs. A response is
    // its status and size: its headers are the same on every line (a kilobyte of security policy and
    // rate-limit fields), and a cookie it sets is nobody's business but its owner's.
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url.slice(0, MAX_URL_BYTES)) }),
      // A compressed response has no length until it is sent: its line then has none rather than a false 0.
      res: (res: { statusCode: number; headers?: Record<string, unknown> }) => ({
        statusCode: res.statusCode,
        contentLength: res.headers?.['content-length'] === undefined ? undefined : Number(res.headers['content-length']),
      }),
    },
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || (req.url?.startsWith('/static/') ?? false) },
  });
}

/**
 * The address as it may be logged: a submission's private id (on its status page and in the
 * editors' review), an invitation's token and what a member searched the directory for (or where a
 * sign-in goes next) are replaced. The path is read as a router might be made to read it (percent
 * escapes undone, any case, repeated or trailing slashes), so no variant of a private address
 * reaches the log, whether or not it names a page.
 */
export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  const [first, second, third] = decodeRepeatedly(path).toLowerCase().split(/[/\\]/).filter(Boolean);
  if (first === 'contribute' && second !== undefined) return '/contribute/[private]';
  if (first === 'network' && second === 'join' && third !== undefined) return '/network/join/[private]';
  if (first === 'editor' && second === 'submissions' && third !== undefined) return '/editor/submissions/[private]';
  if (queryAt !== -1 && second === undefined && (first === 'network' || first === 'login')) return `${path}?[private]`;
  return url;
}

// Escapes undone until nothing changes (at most three rounds): `%2563` is `%63` is `c`.
function decodeRepeatedly(value: string): string {
  let decoded = value;
  for (let round = 0; round < 3; round++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return decoded;
    }
    if (next === decoded) return decoded;
    decoded = next;
  }
  return decoded;
}
