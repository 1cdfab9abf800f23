/**
 * The floor of any app in front of the engine, for the benchmark: a bare node:http server that
 * answers GET /<n> by posting the n-th prebuilt multi-search to the engine (engine-http.ts, as the
 * app does), parsing the answer and serialising it again. No Express, no middleware, no logging, no
 * view model: what is left is one more process, two more socket writes and a JSON round trip a
 * request. Run as a child of the benchmark, with the requests (JSON) on standard input; it sends
 * its port to the parent once it listens.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { createEnginePost } from '../../server/search/engine-http.js';

const { url, apiKey, requests } = JSON.parse(await text(process.stdin)) as { url: string; apiKey: string; requests: unknown[] };
const post = createEnginePost(url, apiKey);
const server = http.createServer((req, res) => {
  const body = requests[Number(req.url?.slice(1))];
  if (body === undefined) {
    res.writeHead(404).end();
    return;
  }
  post<{ results: unknown[] }>('/multi-search', body).then((answer) => {
    const json = JSON.stringify(answer);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) }).end(json);
  }, () => res.writeHead(502).end());
});
server.listen(0, '127.0.0.1', () => process.send?.((server.address() as AddressInfo).port));
process.on('disconnect', () => process.exit(0));
