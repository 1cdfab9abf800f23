import http from 'node:http';
import https from 'node:https';
import { SearchEngineError } from '../errors.js';

/**
 * The engine's answer to a request it refused, with its own error code (`index_not_found`, …).
 */
export class EngineApiError extends SearchEngineError {
  override name = 'EngineApiError';
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Posts JSON to the engine and reads its JSON answer. */
export type EnginePost = <T>(path: string, body: unknown) => Promise<T>;

/**
 * A POST of JSON over kept-alive connections with node's own http module, for the requests every
 * search makes (multi-search). The engine client library goes through fetch, which builds a
 * Request, a Response, web streams and an abort signal per call: on a search that was a measurable
 * share of the app's own time (profiles at 10,000 notes), paid again under load by every request.
 * The answer is asked for uncompressed, as the client does (createMeilisearchClient says why).
 */
export function createEnginePost(host: string, apiKey: string | undefined, timeoutMs = 5_000): EnginePost {
  const base = new URL(host);
  const secure = base.protocol === 'https:';
  const transport = secure ? https : http;
  const agent = new transport.Agent({ keepAlive: true, maxSockets: 64 });
  const prefix = base.pathname.replace(/(?<!\/)\/+$/, '');
  return <T>(path: string, body: unknown) =>
    new Promise<T>((resolve, reject) => {
      const payload = Buffer.from(JSON.stringify(body));
      let settled = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error instanceof SearchEngineError ? error : new SearchEngineError(`${path} failed: ${error.message}`, { cause: error }));
      };
      const request = transport.request(
        {
          host: base.hostname,
          port: base.port || (secure ? 443 : 80),
          path: `${prefix}${path}`,
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': payload.length,
            'accept-encoding': 'identity',
            ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', fail);
          response.on('end', () => {
            if (settled) return;
            const text = Buffer.concat(chunks).toString('utf8');
            const status = response.statusCode ?? 0;
            let parsed: unknown;
            try {
              parsed = text === '' ? {} : JSON.parse(text);
            } catch (error) {
              fail(new SearchEngineError(`${path} answered ${status} with a body that is not JSON`, { cause: error }));
              return;
            }
            if (status < 200 || status >= 300) {
              const { message, code } = (parsed ?? {}) as { message?: unknown; code?: unknown };
              fail(
                new EngineApiError(
                  `${path} answered ${status}: ${typeof message === 'string' ? message : text.slice(0, 200)}`,
                  typeof code === 'string' ? code : undefined,
                  status,
                ),
              );
              return;
            }
            settled = true;
            clearTimeout(timer);
            resolve(parsed as T);
          });
        },
      );
      // One budget for the whole exchange: an engine that accepts the connection and never answers
      // must not hold a search for longer than this.
      const timer = setTimeout(() => {
        fail(new SearchEngineError(`${path} timed out after ${timeoutMs} ms`));
        request.destroy();
      }, timeoutMs);
      request.on('error', fail);
      request.end(payload);
    });
}
