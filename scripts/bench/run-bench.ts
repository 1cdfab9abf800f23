import { isError } from '../../server/content/content-problem.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EnqueuedTaskPromise, SearchResponse, Settings } from 'meilisearch';
import { loadKnowledge } from '../../server/knowledge/load-knowledge.js';
import { writePack } from '../../server/export/write-pack.js';
import { findFreePort } from '../../server/find-free-port.js';
import { startOrJoinEmbeddedEngine } from '../../server/search/embedded-meilisearch.js';
import { buildIndexSettings } from '../../server/search/index-settings.js';
import { buildSearchRequest, readSearchAnswer } from '../../server/search/build-search-request.js';
import { createMeilisearchClient } from '../../server/search/meilisearch-connection.js';
import { MeilisearchNoteWriter, RECORDS_PER_REQUEST } from '../../server/search/meilisearch-note-writer.js';
import { obtainSearchKey } from '../../server/search/obtain-search-key.js';
import { reindex, searchDocumentBatches } from '../../server/search/reindex.js';
import { RETRIEVED_ATTRIBUTES, SECTION_RECORDS } from '../../server/search/index-settings.js';
import { toIndexRecords } from '../../server/search/section-records.js';
import { waitForTask } from '../../server/search/wait-for-task.js';
import { SearchMemo } from '../../server/search/search-memo.js';
import { knowledgeRewriter, synonymTagger, toTokenSynonymMap } from '../../server/search/synonym-tokens.js';
import { parseSearchParams, toSearchUrl } from '../../server/web/search-params.js';
import { prepareServer } from '../start.js';
import { generateHistory } from './generate-history.js';
import { generateKnowledge } from './generate-knowledge.js';
import { databaseMemoryMb, signInMember } from './measure-people.js';
import { measureLoad, measureSingles, median, processCpuMs, type HttpTarget, type LoadResult } from './measure-http.js';

/** How big and how long. */
export interface BenchOptions {
  notes: number;
  seconds: number;
  connections: number;
  /** False to leave out the offline pack export (minutes at 10,000 notes) when measuring search alone. */
  export?: boolean;
  /** Also ingest the same records straight into the engine, for the index ratio (default true); at 50,000 notes it doubles the run. */
  directIndex?: boolean;
  log: (line: string) => void;
}

/** The report `--json` writes; every ratio is app over direct (or page over floor). */
export interface BenchReport {
  notes: number;
  date: string;
  machine: string;
  index: { pipeline_s: number; direct_s: number | null; ratio: number | null };
  /** npm run export of the same notes (load, render every page, Pagefind, zip) against the full index. */
  export?: { seconds: number; ratio_vs_index: number; pages: number; zip_mb: number; search: boolean };
  search: Array<{
    name: string;
    /** cpu_ms: the app process's CPU time (every thread) over its sequential requests, a request. */
    app: LoadResult & { single_ms: number; cpu_ms: number };
    direct: LoadResult & { single_ms: number };
    single_p50_ratio: number;
    rps_ratio: number;
    /** The engine's time for this page (direct, one request at a time, as the app asks it once it has searched these words) over a plain two-word query's, timed in turn. */
    engine_ratio: number;
    /** The same for the first search of these words, facet lists and "Did you mean" included (search-memo.ts). */
    engine_ratio_first: number;
    /** The floor: a bare node:http proxy sending the same engine request (floor-proxy.ts), and its ratios to direct. */
    bare_proxy: FloorResult;
    /** The framework's floor: the same proxy as a one-route Express app without middleware (floor-proxy.ts). */
    express_proxy: FloorResult;
  }>;
  /** A plain two-word query sent straight to the engine (no facets, no snippets), the yardstick of engine_ratio: the median of its times taken in turn with each shape. */
  plain_single_ms: number;
  html: { rps: number; rps_ratio_vs_api: number };
  note_page: { rps: number; floor_rps: number; ratio: number };
  /** A guidance page for a signed-in member against an anonymous reader, one request at a time, in turn. */
  signed_in: { anonymous_p50_ms: number; member_p50_ms: number; difference_ms: number };
  /** Peak RSS of the app and the engine; the embedded PostgreSQL's PSS (postmaster and backends) after the load. */
  memory: { app_rss_mb: number; engine_rss_mb: number; database_pss_mb: number };
  /** A note's history page (`/notes/<slug>/history`), every note with `versions` versions in git: single-request p50 over many notes, and under load. */
  history: { versions: number; commits: number; single_p50_ms: number; load: LoadResult };
}

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

/** A floor proxy's load figures, its single-request p50 and CPU time a request, and both over direct's. */
export type FloorResult = LoadResult & { single_ms: number; cpu_ms: number; single_p50_ratio: number; rps_ratio: number };

/** How many requests of each search shape go to each target one at a time, in turn: enough for the CPU time a request (in ticks of 10 ms) to be read within a few per cent. */
const SEARCH_SINGLES = 100;

/** The three search shapes, as query strings of /api/search. */
export const SHAPES = [
  { name: 'two-word query', query: { q: 'debt bondage' } },
  { name: 'query + 2 filters + every facet', query: { q: 'phone evidence', jurisdictions: 'GB-EAW', stages: 'trial' } },
  { name: 'browse: empty query + facets', query: {} },
] as const;

/** Runs the whole benchmark in temporary directories and returns its report. */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const { log } = options;
  const work = mkdtempSync(path.join(tmpdir(), 'casebook-bench-'));
  // Run as root, the app's PostgreSQL runs as an unprivileged user, which must pass through here to DATA_DIR.
  chmodSync(work, 0o711);
  let app: ChildProcess | undefined;
  const floors: ChildProcess[] = [];
  // Compiled now, before the index is built: the app must run the code that built its index, or a
  // source changed during a long run makes it find the index stale and rebuild it instead of serving.
  const serverArgs = await prepareServer();
  const engine = await startOrJoinEmbeddedEngine({ dataDir: path.join(work, 'engine') });
  try {
    log(`generating ${options.notes} notes in ${work}`);
    const knowledgeDir = generateKnowledge(work, options.notes, path.join(ROOT, 'knowledge'));
    const today = new Date().toISOString().slice(0, 10);

    // Indexing: the npm run index path (load, validate, render, index) against raw ingestion of the
    // same documents, built beforehand, with the same settings.
    log('indexing through the pipeline');
    const pipelineStarted = performance.now();
    const { knowledgeBase, problems } = await loadKnowledge(knowledgeDir);
    if (!knowledgeBase || problems.some(isError)) throw new Error(`generated notes have problems: ${JSON.stringify(problems.slice(0, 2))}`);
    const settings = buildIndexSettings();
    // An hour a task: at 50,000 notes on a shared machine one batch of the engine's queue took more than
    // the default ten minutes, and the run was lost after twenty minutes of indexing.
    const writer = new MeilisearchNoteWriter({
      host: engine.url,
      apiKey: engine.masterKey,
      indexName: 'notes',
      settings,
      synonyms: knowledgeBase.synonyms,
      taskTimeoutMs: 3_600_000,
    });
    await reindex(writer, knowledgeBase, today);
    const pipeline_s = (performance.now() - pipelineStarted) / 1000;
    log(`indexed in ${pipeline_s.toFixed(1)} s`);

    let direct_s: number | null = null;
    if (options.directIndex !== false) {
      log('indexing the same documents straight into Meilisearch');
      // The records the engine stores: one per note and one per section of it, stem keys included.
      const documents: object[][] = [];
      const tagSynonyms = synonymTagger(toTokenSynonymMap(knowledgeBase.synonyms));
      for await (const batch of searchDocumentBatches(knowledgeBase, today)) documents.push(batch.flatMap((document) => toIndexRecords(document, tagSynonyms)));
      direct_s = await ingestDirectly(engine.url, engine.masterKey!, settings, documents);
    }

    // Before the app starts, so the two do not share the cores: the same conditions as the index.
    let exportReport: BenchReport['export'];
    if (options.export !== false) {
      log('exporting an offline pack of the same notes (npm run export path)');
      const exportStarted = performance.now();
      const { knowledgeBase: exported } = await loadKnowledge(knowledgeDir);
      const pack = await writePack({
        knowledgeBase: exported!,
        scope: { jurisdictions: [], languages: [] },
        outDir: path.join(work, 'pack'),
        language: 'en',
        exportedOn: today,
        zip: true,
        log: (line) => log(`  ${line}`),
      });
      const export_s = (performance.now() - exportStarted) / 1000;
      log(
        `exported ${pack.pages} pages in ${export_s.toFixed(1)} s (${(export_s / pipeline_s).toFixed(2)} × the index), zip ${((pack.zipBytes ?? 0) / 1_000_000).toFixed(1)} MB`,
      );
      exportReport = {
        seconds: round(export_s),
        ratio_vs_index: round(export_s / pipeline_s),
        pages: pack.pages,
        zip_mb: round((pack.zipBytes ?? 0) / 1_000_000),
        search: !pack.searchSkipped,
      };
    }

    // Every note gets five versions in git, as a knowledge base a few years old has: the app builds its
    // history index from this log at start, and the history page is measured below.
    const versions = 5;
    log(`giving every note ${versions} versions in git (git fast-import)`);
    const historyStarted = performance.now();
    const commits = await generateHistory(knowledgeDir, versions);
    log(`${commits} commits in ${((performance.now() - historyStarted) / 1000).toFixed(1)} s`);

    log('starting the app (npm start path), with its own PostgreSQL');
    const port = await findFreePort();
    const appData = path.join(work, 'app-data');
    // Exactly the server process `npm start` runs (compiled, heap cap included), without the launcher in between.
    app = spawn(process.execPath, serverArgs, {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        MEILI_URL: engine.url,
        MEILI_MASTER_KEY: engine.masterKey,
        MEILI_INDEX: 'notes',
        KNOWLEDGE_DIR: knowledgeDir,
        DATA_DIR: appData,
        DATABASE_URL: '',
        SEARCH_RATE_LIMIT: '1000000000',
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const appUrl = `http://127.0.0.1:${port}`;
    // Loading the catalogue takes about a minute per 10,000 notes on a busy machine: 120 s was too short at 50,000.
    await waitForReady(`${appUrl}/readyz`, 120_000 + options.notes * 12);
    const searchKey = await obtainSearchKey(createMeilisearchClient(engine.url, engine.masterKey), 'notes');

    const search: BenchReport['search'] = [];
    const load = { seconds: options.seconds, connections: options.connections };
    // The yardstick of the engine's share: the hits of a two-word query alone, one section a note (no
    // snippets, no totals, no facets), measured in turn with each shape's requests.
    const plainTarget: HttpTarget = {
      url: `${engine.url}/indexes/notes/search`,
      method: 'POST',
      headers: { authorization: `Bearer ${searchKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ q: 'debt bondage', limit: 20, filter: SECTION_RECORDS, distinct: 'slug', attributesToRetrieve: [...RETRIEVED_ATTRIBUTES] }),
    };
    const plainTimes: number[] = [];
    const searcher = createMeilisearchClient(engine.url, searchKey);
    const rewrite = knowledgeRewriter(knowledgeBase.synonyms, knowledgeBase.notes);
    const engineRequest = (queries: unknown[]): HttpTarget => ({
      url: `${engine.url}/multi-search`,
      method: 'POST',
      headers: { authorization: `Bearer ${searchKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ queries }),
    });
    const shapes = [];
    for (const shape of SHAPES) {
      const query = { ...parseSearchParams(shape.query, knowledgeBase.taxonomy), language: 'en' as const };
      // Exactly the request the app sends for this search (the page, the authorities, and what it does
      // not yet know of these words: their facet lists, "Did you mean"): one multi-search, as
      // MeilisearchNoteReader.search sends it once the same words have been searched, as the app's are
      // in the measurement; and as it sends it the first time.
      const memo = new SearchMemo();
      const first = buildSearchRequest(query, 'notes', memo, rewrite);
      readSearchAnswer(query, first, (await searcher.multiSearch({ queries: first.queries })).results as SearchResponse<Record<string, unknown>>[], true, memo);
      shapes.push({
        name: shape.name,
        app: { url: `${appUrl}${toSearchUrl(query, '/api/search')}` },
        direct: engineRequest(buildSearchRequest(query, 'notes', memo, rewrite).queries),
        first: engineRequest(first.queries),
      });
    }
    // The floors: a bare node:http proxy and a one-route Express app sending the same requests (floor-proxy.ts).
    const requests = shapes.map((shape) => JSON.parse(shape.direct.body!) as unknown);
    const startFloor = (kind: 'bare' | 'express') =>
      new Promise<{ port: number; pid: number }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'bench', 'floor-proxy.ts'), kind], {
          cwd: ROOT,
          stdio: ['pipe', 'ignore', 'inherit', 'ipc'],
        });
        floors.push(child);
        child.stdin!.end(JSON.stringify({ url: engine.url, apiKey: searchKey, requests }));
        child.once('message', (port) => resolve({ port: Number(port), pid: child.pid! }));
        child.once('exit', (code) => reject(new Error(`the ${kind} floor proxy exited (${code}) before it listened`)));
      });
    const [bare, express] = await Promise.all([startFloor('bare'), startFloor('express')]);
    for (const [position, shape] of shapes.entries()) {
      log(`search: ${shape.name}`);
      const bareTarget: HttpTarget = { url: `http://127.0.0.1:${bare.port}/${position}` };
      const expressTarget: HttpTarget = { url: `http://127.0.0.1:${express.port}/${position}` };
      // One request to each in turn, so every ratio compares the same moments (measureSingles); the
      // CPU time each of the app and the floors used meanwhile, a request (each serves only its own).
      const processes = [app.pid!, bare.pid, express.pid];
      let cpuBefore: number[] = [];
      const [appSingle, directSingle, plainSingle, firstSingle, bareSingle, expressSingle] = (await measureSingles(
        [shape.app, shape.direct, plainTarget, shape.first, bareTarget, expressTarget],
        SEARCH_SINGLES,
        () => (cpuBefore = processes.map(processCpuMs)),
      )) as [number, number, number, number, number, number];
      const [appCpu, bareCpu, expressCpu] = processes.map((pid, at) => round((processCpuMs(pid) - cpuBefore[at]!) / SEARCH_SINGLES)) as [
        number,
        number,
        number,
      ];
      plainTimes.push(plainSingle);
      const appLoad = await measureLoad(shape.app, load);
      const directLoad = await measureLoad(shape.direct, load);
      const floor = async (target: HttpTarget, single: number, cpu: number): Promise<FloorResult> => {
        const result = await measureLoad(target, load);
        return {
          ...result,
          single_ms: round(single),
          cpu_ms: cpu,
          single_p50_ratio: round(single / directSingle),
          rps_ratio: round(result.rps / directLoad.rps),
        };
      };
      const bareProxy = await floor(bareTarget, bareSingle, bareCpu);
      const expressProxy = await floor(expressTarget, expressSingle, expressCpu);
      search.push({
        name: shape.name,
        app: { ...appLoad, single_ms: round(appSingle), cpu_ms: appCpu },
        direct: { ...directLoad, single_ms: round(directSingle) },
        single_p50_ratio: round(appSingle / directSingle),
        rps_ratio: round(appLoad.rps / directLoad.rps),
        engine_ratio: round(directSingle / plainSingle),
        engine_ratio_first: round(firstSingle / plainSingle),
        bare_proxy: bareProxy,
        express_proxy: expressProxy,
      });
    }

    log('search page (HTML) and guidance pages');
    const faceted = parseSearchParams(SHAPES[1].query, knowledgeBase.taxonomy);
    const htmlLoad = await measureLoad({ url: `${appUrl}${toSearchUrl(faceted)}` }, load);
    const slug = knowledgeBase.notes[Math.floor(knowledgeBase.notes.length / 2)]!.slug;
    const notePage = await measureLoad({ url: `${appUrl}/notes/${slug}` }, load);
    const floor = await measureLoad({ url: `${appUrl}/healthz` }, load);

    log('history pages');
    // A different note each time (every page is rendered afresh, no cache in front of it), spread over the knowledge base.
    const historyTargets = Array.from({ length: 50 }, (_, at) => ({
      url: `${appUrl}/notes/${knowledgeBase.notes[Math.floor((at * knowledgeBase.notes.length) / 50)]!.slug}/history`,
    }));
    const historySingles = await measureSingles(historyTargets, 5);
    const historyLoad = await measureLoad({ url: `${appUrl}/notes/${slug}/history` }, load);
    log('a guidance page for a signed-in member and for an anonymous reader');
    const session = await signInMember(appUrl, appData);
    // Another note than the one just loaded: under that load its render may have overrun its budget, a refusal the app keeps.
    const page = { url: `${appUrl}/notes/${knowledgeBase.notes[Math.floor(knowledgeBase.notes.length / 3)]!.slug}` };
    const [anonymousSingle, memberSingle] = (await measureSingles([page, { ...page, headers: { cookie: session } }], 200)) as [number, number];

    return {
      notes: knowledgeBase.notes.length,
      date: new Date().toISOString(),
      machine: describeMachine(),
      index: {
        pipeline_s: round(pipeline_s),
        direct_s: direct_s === null ? null : round(direct_s),
        ratio: direct_s === null ? null : round(pipeline_s / direct_s),
      },
      ...(exportReport ? { export: exportReport } : {}),
      search,
      plain_single_ms: round(median(plainTimes)),
      html: { rps: htmlLoad.rps, rps_ratio_vs_api: round(htmlLoad.rps / search[1]!.app.rps) },
      note_page: { rps: notePage.rps, floor_rps: floor.rps, ratio: round(notePage.rps / floor.rps) },
      signed_in: { anonymous_p50_ms: round(anonymousSingle), member_p50_ms: round(memberSingle), difference_ms: round(memberSingle - anonymousSingle) },
      memory: { app_rss_mb: peakRssMb(app.pid!), engine_rss_mb: peakRssMb(enginePid(path.join(work, 'engine'))), database_pss_mb: databaseMemoryMb(appData) },
      history: { versions, commits, single_p50_ms: round(median(historySingles)), load: historyLoad },
    };
  } finally {
    // The app stops its PostgreSQL on SIGTERM: wait for it, so the directory can be removed.
    const appExited = app && app.exitCode === null ? new Promise((resolve) => app!.once('exit', resolve)) : undefined;
    app?.kill('SIGTERM');
    for (const child of floors) child.kill('SIGTERM');
    await Promise.race([appExited, sleep(15_000)]);
    await sleep(500);
    await engine.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Raw ingestion: create the index, apply settings, post every batch, wait for the last task. Every
 * wait is waitForTask's (a fresh signal per poll): the client's own waiter adds an abort listener to
 * one signal on every poll, and a wait of over a minute here made Node print a MaxListenersExceededWarning.
 */
async function ingestDirectly(url: string, key: string, settings: Settings, batches: ReadonlyArray<readonly object[]>): Promise<number> {
  const client = createMeilisearchClient(url, key);
  // At most a tenth of a second between polls, so the time measured ends close to the engine's.
  const polling = { timeoutMs: 3_600_000, maxIntervalMs: 100 };
  const succeeded = async (what: string, enqueued: EnqueuedTaskPromise) => {
    const task = await waitForTask(client, enqueued, polling);
    if (task.status !== 'succeeded') throw new Error(`direct ingestion: ${what} ${task.status}: ${task.error?.message}`);
  };
  const started = performance.now();
  await succeeded('create the index', client.createIndex('direct', { primaryKey: 'id' }));
  await succeeded('apply the settings', client.index('direct').updateSettings(settings));
  const tasks: EnqueuedTaskPromise[] = [];
  // In requests of the same size as the app's (RECORDS_PER_REQUEST): a whole batch of 500 notes'
  // records is not accepted within the request timeout while the engine indexes the previous one.
  for (const batch of batches) {
    for (let start = 0; start < batch.length; start += RECORDS_PER_REQUEST) {
      const task = client.index('direct').addDocuments(batch.slice(start, start + RECORDS_PER_REQUEST) as Array<Record<string, unknown>>, { primaryKey: 'id' });
      await task;
      tasks.push(task);
    }
  }
  // In order, one poller at a time: the engine runs the tasks in order anyway.
  for (const task of tasks) await succeeded('add documents', task);
  const seconds = (performance.now() - started) / 1000;
  await succeeded('delete the index', client.deleteIndex('direct'));
  return seconds;
}

async function waitForReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (
      (await fetch(url).then(
        (response) => response.status,
        () => 0,
      )) === 200
    )
      return;
    await sleep(200);
  }
  throw new Error(`${url} was not ready in ${timeoutMs / 1000} s`);
}

function enginePid(dataDir: string): number {
  return (JSON.parse(readFileSync(path.join(dataDir, 'meilisearch', 'engine.json'), 'utf8')) as { pid: number }).pid;
}

/** Peak resident memory of a process (VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : 0;
}

function describeMachine(): string {
  const cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
  const cores = readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm)?.length ?? 0;
  const memory = Math.round(Number(/MemTotal:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0) / 1024 / 1024);
  return `${cores} × ${cpu.trim()}, ${memory} GiB, Node ${process.version}, Meilisearch 1.21.0`;
}

const round = (value: number) => Math.round(value * 100) / 100;
