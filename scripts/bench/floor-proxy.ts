/**
 * The floors of any app in front of the engine, for the benchmark. Answers GET /<n> by posting the
 * n-th prebuilt multi-search to the engine (engine-http.ts, as the app does), parsing the answer and
 * serialising it again, in one of two ways:
 * - `bare`: a node:http server. No framework, no middleware, no logging, no view model: what is left
 *   is one more process, two more socket writes and a JSON round trip a request.
 * - `express`: the same as a one-route Express app answering with `res.json` (Express's own request
 *   and response objects, router, query parser and ETag), still without middleware: what the
 *   framework the app is built on costs before the app does anything.
 * Run as a child of the benchmark with the kind as its argument and the requests (JSON) on standard
 * input; it sends its port to the parent once it listens.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import express from 'express';
import { createEnginePost } from '../../server/search/engine-http.js';

const kind = process.argv[2];
if (kind !== 'bare' && kind !== 'express') throw new Error(`usage: floor-proxy.ts bare|express (not ${kind})`);
const { url, apiKey, requests } = JSON.parse(await text(process.stdin)) as { url: string; apiKey: string; requests: unknown[] };
const post = createEnginePost(url, apiKey);

let server: http.Server;
if (kind === 'bare') {
  server = http.createServer((req, res) => {
    const body = requests[Number(req.url?.slice(1))];
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    post<{ results: unknown[] }>('/multi-search', body).then(
      (answer) => {
        const json = JSON.stringify(answer);
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) }).end(json);
      },
      () => res.writeHead(502).end(),
    );
  });
} else {
  const app = express();
  app.disable('x-powered-by');
  app.get('/:position', async (req, res) => {
    const body = requests[Number(req.params.position)];
    if (body === undefined) {
      res.sendStatus(404);
      return;
    }
    res.json(await post<{ results: unknown[] }>('/multi-search', body));
  });
  app.use((_error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => res.sendStatus(502));
  server = http.createServer(app);
}
server.listen(0, '127.0.0.1', () => process.send?.((server.address() as AddressInfo).port));
process.on('disconnect', () => process.exit(0));
