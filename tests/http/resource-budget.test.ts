import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRANGER_NOTE } from './contribute-app.js';
import { NETWORK_EDITOR } from './network-app.js';
import { createTestDatabase } from '../test-database.js';

/*
 * The standing resource test: every route of the routing table, by GET and by POST, gets hostile
 * inputs at the limits (long query strings, many parameters, long lines, deep nesting, many fields)
 * while a probe asks /healthz every 100 ms, the server (its own process, with the production heap
 * cap) reports the longest its event loop was held, and its heap is compared after a full
 * collection before and after. The three attacks that took a replica down before the security review have
 * their own volleys: a regular expression that held the event loop for seconds, a page cache keyed
 * by query strings, and multipart bodies buffered whole. Thresholds leave room for a loaded
 * two-core machine; each of those attacks overshot them many times over.
 */

/** Longest /healthz may take, from this process, while the server is attacked. */
const HEALTH_MS = 2_000;
/** Longest the server's event loop may be held at once. */
const LOOP_MS = 1_000;
/** Most the server's heap may grow, after a full collection, over the whole attack: its byte-bounded caches filling is well under. */
const HEAP_GROWTH_BYTES = 48 * 1024 * 1024;

const SERVER = fileURLToPath(new URL('./resource-server.ts', import.meta.url));

interface Server {
  child: ChildProcess;
  port: number;
  routes: Array<{ method: string; path: string }>;
  exited?: string;
}

async function startServer(): Promise<Server> {
  const { url } = await createTestDatabase();
  const child = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=192', '--import', 'tsx', SERVER], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: { ...process.env, CASEBOOK_TEST_DATABASE_URL: url },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + String(chunk)).slice(-20_000);
  });
  const server = await new Promise<Server>((resolve, reject) => {
    child.once('message', (message: { port: number; routes: Server['routes'] }) => resolve({ child, port: message.port, routes: message.routes }));
    child.once('exit', (code) => reject(new Error(`the server did not start (${code}): ${stderr}`)));
  });
  child.on('exit', (code, signal) => {
    const lines = stderr.split('\n').filter(Boolean);
    server.exited = `exit ${code ?? signal}: ${(lines.find((line) => /FATAL|out of memory/i.test(line)) ?? lines.at(-1) ?? '').trim()}`;
  });
  return server;
}

const server = await startServer();
const base = `http://127.0.0.1:${server.port}`;

let measureId = 0;
/** The server's heap after a full collection and its longest event-loop hold since the last measure. */
function measure(): Promise<{ heapUsed: number; loopMaxMs: number }> {
  if (server.exited) return Promise.reject(new Error(`the server died (${server.exited})`));
  const id = ++measureId;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not answer a measure within 60 s')), 60_000);
    const onMessage = (message: { type: string; id: number; heapUsed: number; loopMaxMs: number }) => {
      if (message.type !== 'measured' || message.id !== id) return;
      clearTimeout(timer);
      server.child.off('message', onMessage);
      resolve(message);
    };
    server.child.on('message', onMessage);
    server.child.send({ type: 'measure', id });
  });
}

/** /healthz every 100 ms: the slowest answer, a timeout counting as 10 s. */
function startProbe(): { stop(): Promise<number>; worst(): number } {
  let worst = 0;
  let running = true;
  const done = (async () => {
    while (running) {
      const started = performance.now();
      const ok = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(10_000) }).then(
        (response) => response.ok,
        () => false,
      );
      worst = Math.max(worst, ok ? performance.now() - started : 10_000);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    worst: () => worst,
    stop: async () => {
      running = false;
      await done;
      return worst;
    },
  };
}

const agent = new http.Agent({ keepAlive: false });
/** One request; its status, or the network error it ended with (a refused body may close the connection). */
function send(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer | Readable; timeoutMs?: number } = {},
): Promise<number | string> {
  if (server.exited) return Promise.resolve(`server died (${server.exited})`);
  return new Promise((resolve) => {
    const request = http.request(`${base}${path}`, { method, agent, headers: options.headers, timeout: options.timeoutMs ?? 30_000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', () => resolve(response.statusCode ?? 0));
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    const body = options.body;
    if (body instanceof Readable) {
      body.on('error', () => undefined);
      body.pipe(request).on('error', () => undefined);
    } else request.end(body);
  });
}

/** Cookies and the CSRF token of a form page. */
async function openPage(path: string, cookie = ''): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${base}${path}`, { headers: { cookie } });
  const cookies = response.headers.getSetCookie().map((line) => line.split(';')[0]!);
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(await response.text())?.[1] ?? '';
  return { cookie: [cookie, ...cookies].filter(Boolean).join('; '), csrf };
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const urlencoded = { 'content-type': 'application/x-www-form-urlencoded' };

let editor = { cookie: '', csrf: '' };
let visitor = { cookie: '', csrf: '' };
let submissionId = 'AAAAAAAAAAAAAAAAAAAAAA';
let baseline = 0;
const figures: Record<string, string> = {};

/** A value for each route parameter: one the fixture knows, so the request reaches the handler's work. */
function sample(name: string, path: string): string {
  if (name === 'slug') return path.startsWith('/collections') || path.startsWith('/print') ? 'evidence-beyond-testimony' : 'phone-evidence-control';
  if (name === 'id') return path.startsWith('/authorities') || path.startsWith('/api/authorities') ? 'palermo-protocol' : submissionId;
  return { facet: 'stages', code: 'GB-EAW', token: 'A'.repeat(43), handle: 'public.pat' }[name] ?? 'x';
}

/** Attacks one route: the request line and body at and over every limit, signed in as an editor. */
async function attack(path: string): Promise<Array<number | string>> {
  const concrete = path.replace(/:(\w+)/g, (_whole, name: string) => sample(name, path));
  const session = { cookie: `${editor.cookie}; ${visitor.cookie}` };
  const statuses: Array<number | string> = [];
  const get = async (url: string) => statuses.push(await send('GET', url, { headers: session }));
  const post = async (body: string | Buffer, type: string) =>
    statuses.push(await send('POST', concrete, { headers: { ...session, 'content-type': type }, body }));
  // Query strings: as long as allowed, far longer, as many parameters as fit and far more, deep names, repeats.
  await get(`${concrete}?q=${'a'.repeat(1_900 - concrete.length)}`);
  await get(`${concrete}?q=${'%20a['.repeat(2_500)}`);
  await get(`${concrete}?${Array.from({ length: 300 }, (_, i) => `p${i}=`).join('&')}`);
  await get(`${concrete}?${Array.from({ length: 2_500 }, (_, i) => `p${i}=1`).join('&')}`);
  await get(`${concrete}?${'a[b]'.repeat(400)}=1&stages=${'trial&stages='.repeat(100)}trial`);
  await get(`${concrete.replace(/\/[^/]*$/, '')}/${'x'.repeat(1_800)}`);
  // Bodies: many fields, one long line, deep nesting, as JSON, URL-encoded and multipart.
  const csrf = `csrf_token=${encodeURIComponent(editor.csrf)}`;
  await post(`${csrf}&${Array.from({ length: 3_000 }, (_, i) => `f${i}=1`).join('&')}`, 'application/x-www-form-urlencoded');
  await post(
    `${csrf}&action=preview&comment=${'%20'.repeat(30_000)}&body=${encodeURIComponent(`## a${' '.repeat(60_000)}x`)}`,
    'application/x-www-form-urlencoded',
  );
  await post(`${'{"a":'.repeat(40_000)}1${'}'.repeat(40_000)}`, 'application/json');
  await post(`${'['.repeat(200_000)}${']'.repeat(200_000)}`, 'application/json');
  const boundary = 'resourcetestboundary';
  const parts = Array.from(
    { length: 600 },
    (_, i) => `--${boundary}\r\ncontent-disposition: form-data; name="f${i}[a][b][c]"\r\n\r\n${'x'.repeat(100)}\r\n`,
  ).join('');
  await post(Buffer.from(`${parts}--${boundary}--\r\n`), `multipart/form-data; boundary=${boundary}`);
  return statuses;
}

/** A multipart body of `fields` fields of `fieldBytes` each, made as it is sent, so this process never holds it. */
function multipartStream(boundary: string, fields: number, fieldBytes: number): { stream: Readable; length: number } {
  const head = (i: number) => `--${boundary}\r\ncontent-disposition: form-data; name="body${i}"\r\n\r\n`;
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let length = Buffer.byteLength(`--${boundary}--\r\n`);
  for (let i = 0; i < fields; i++) length += Buffer.byteLength(head(i)) + fieldBytes + 2;
  async function* generate() {
    for (let i = 0; i < fields; i++) {
      yield Buffer.from(head(i));
      for (let sent = 0; sent < fieldBytes; sent += chunk.length) yield chunk.subarray(0, Math.min(chunk.length, fieldBytes - sent));
      yield Buffer.from('\r\n');
    }
    yield Buffer.from(`--${boundary}--\r\n`);
  }
  return { stream: Readable.from(generate()), length };
}

beforeAll(async () => {
  const login = await openPage('/editor/login');
  const response = await fetch(`${base}/editor/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...urlencoded, cookie: login.cookie },
    body: form({ username: NETWORK_EDITOR.username, password: NETWORK_EDITOR.password, csrf_token: login.csrf }),
  });
  const session = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .find((pair) => pair.startsWith('casebook_session='));
  if (!session) throw new Error(`could not sign in: ${response.status}`);
  editor = await openPage('/editor', session);
  visitor = await openPage('/contribute');
  const created = await fetch(`${base}/api/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ markdown: STRANGER_NOTE, submitter: { name: 'W.K.' } }),
  });
  submissionId = ((await created.json()) as { id: string }).id;
  // Every page once, so first renders and compiled templates are in the baseline, not counted as growth.
  for (const path of ['/', '/notes/phone-evidence-control', '/search?q=phone', '/editor', `/editor/submissions/${submissionId}`, `/contribute/${submissionId}`])
    await send('GET', path, { headers: { cookie: editor.cookie } });
  baseline = (await measure()).heapUsed;
}, 120_000);

afterAll(() => {
  console.log(
    `resource test figures: heap before ${(baseline / 1e6).toFixed(1)} MB; ${Object.entries(figures)
      .map(([name, value]) => `${name}: ${value}`)
      .join('; ')}`,
  );
  if (server.child.connected) server.child.disconnect();
  server.child.kill();
});

/** Runs `volley` under the probe; fails on a stall, a slow /healthz, a dead server or heap growth past the bound. */
async function underBudget(name: string, volley: (stalled: () => boolean) => Promise<unknown>): Promise<void> {
  await measure();
  const probe = startProbe();
  await volley(() => probe.worst() > HEALTH_MS || server.exited !== undefined);
  const healthMs = await probe.stop();
  const { heapUsed, loopMaxMs } = await measure();
  figures[name] =
    `/healthz ≤ ${healthMs.toFixed(0)} ms, loop held ≤ ${loopMaxMs.toFixed(0)} ms, heap ${((heapUsed - baseline) / 1e6).toFixed(1)} MB over the start`;
  expect(server.exited, 'the server died').toBeUndefined();
  expect(loopMaxMs, `${name}: longest event-loop hold`).toBeLessThan(LOOP_MS);
  expect(healthMs, `${name}: slowest /healthz`).toBeLessThan(HEALTH_MS);
  expect(heapUsed - baseline, `${name}: heap growth`).toBeLessThan(HEAP_GROWTH_BYTES);
}

describe('the three attacks that took a replica down', () => {
  it('a heading line of spaces, submitted, previewed, and read back on the status page, queue and review, never holds the event loop', async () => {
    const header = STRANGER_NOTE.slice(0, STRANGER_NOTE.indexOf('## What to do'));
    await underBudget('heading line', async (stalled) => {
      // From the issue's reproduction (2,500 spaces held every request 4 s) to the longest line a note file may have.
      for (const spaces of [2_500, 20_000, 250_000]) {
        if (stalled()) break;
        const markdown = `${header}# a${' '.repeat(spaces)}x\n\n## What to do\n\nAct.\n`;
        const created = await fetch(`${base}/api/submissions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ markdown, submitter: { name: 'X' } }),
          signal: AbortSignal.timeout(60_000),
        }).then(
          async (response) => ((await response.json()) as { id?: string }).id,
          () => undefined,
        );
        const id = created ?? 'AAAAAAAAAAAAAAAAAAAAAA';
        for (let i = 0; i < 3 && !stalled(); i++) {
          await send('GET', `/contribute/${id}`);
          await send('GET', '/editor', { headers: { cookie: editor.cookie } });
          await send('GET', `/editor/submissions/${id}`, { headers: { cookie: editor.cookie } });
        }
        const preview = `csrf_token=${encodeURIComponent(visitor.csrf)}&action=preview&title=A+title+long+enough&body=${encodeURIComponent(`# a${' '.repeat(spaces)}x`)}`;
        await send('POST', '/contribute', { headers: { ...urlencoded, cookie: visitor.cookie }, body: preview });
      }
    });
  }, 300_000);

  it('1,200 guidance-page requests with distinct query strings of 12 KB (and 600 of 1.9 KB) do not grow the heap', async () => {
    await underBudget('distinct query strings', async (stalled) => {
      for (let i = 0; i < 1_200 && !stalled(); i++) await send('GET', `/notes/phone-evidence-control?v${i}=${'b'.repeat(12_000)}`);
      for (let i = 0; i < 600 && !stalled(); i++) await send('GET', `/notes/phone-evidence-control?v${i}=${'c'.repeat(1_850)}`);
    });
  }, 300_000);

  it('three multipart posts of a hundred 1 MB fields at once are refused before they are buffered', async () => {
    await underBudget('multipart bodies', async () => {
      const boundary = 'x'.repeat(30);
      const statuses = await Promise.all(
        Array.from({ length: 3 }, () => {
          const { stream, length } = multipartStream(boundary, 100, 1_100_000);
          return send('POST', '/contribute', {
            headers: { cookie: visitor.cookie, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(length) },
            body: stream,
            timeoutMs: 120_000,
          });
        }),
      );
      // Without a length, the bytes are counted as they come.
      const { stream } = multipartStream(boundary, 20, 1_100_000);
      statuses.push(
        await send('POST', '/contribute', {
          headers: { cookie: visitor.cookie, 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked' },
          body: stream,
          timeoutMs: 120_000,
        }),
      );
      figures['multipart statuses'] = statuses.join(', ');
    });
  }, 300_000);
});

const paths = [...new Set(server.routes.map((route) => route.path))];

describe('every route of the routing table, by GET and by POST, under hostile input at the limits', () => {
  it.each(
    paths.map((path) => [
      path,
      server.routes
        .filter((route) => route.path === path)
        .map((route) => route.method)
        .join(', '),
    ]),
  )(
    '%s (%s)',
    async (path) => {
      let statuses: Array<number | string> = [];
      await underBudget(path, async () => {
        statuses = await attack(path);
      });
      // Hostile input is a client's mistake: never a server error, and the connection is answered.
      expect(
        statuses.filter((status) => typeof status === 'number' && status >= 500),
        `${path}: ${statuses.join(' ')}`,
      ).toEqual([]);
    },
    120_000,
  );

  it('covers every route there is, and the heap after all of it is within the bound of the heap before', async () => {
    expect(paths.length).toBeGreaterThan(40);
    const { heapUsed } = await measure();
    figures['heap after'] = `${(heapUsed / 1e6).toFixed(1)} MB`;
    expect(heapUsed - baseline).toBeLessThan(HEAP_GROWTH_BYTES);
  }, 60_000);
});
