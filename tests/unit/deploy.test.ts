import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FIXTURES } from '../fixtures/fixture-files.js';

// Docker is not available where these tests run, so the deployment files are checked by reading them.
const ROOT = path.resolve(FIXTURES, '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test: unknown };
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
}

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml')) as { services: Record<string, Service>; volumes: Record<string, unknown> };
  const { meilisearch, app } = compose.services as { meilisearch: Service; app: Service };

  it('runs the official Meilisearch 1.21 image in production mode, without analytics, with a volume and a healthcheck', () => {
    expect(meilisearch.image).toBe('getmeili/meilisearch:v1.21');
    expect(meilisearch.environment).toMatchObject({ MEILI_ENV: 'production', MEILI_NO_ANALYTICS: 'true' });
    expect(meilisearch.volumes).toContain('meili-data:/meili_data');
    expect(JSON.stringify(meilisearch.healthcheck?.test)).toContain('/health');
  });

  it('takes the master key from the environment or .env, never from the file itself', () => {
    for (const service of [meilisearch, app]) expect(service.environment?.MEILI_MASTER_KEY).toMatch(/^\$\{MEILI_MASTER_KEY:\?[^}]*\}$/);
    expect(read('docker-compose.yml')).not.toMatch(/MEILI_MASTER_KEY:\s*["']?[A-Za-z0-9_-]{16,}/);
  });

  it('builds the app, starts it once the engine and the database are healthy and the knowledge remote exists, and keeps DATA_DIR, the remote and each clone in volumes', () => {
    expect(app.build).toBe('.');
    expect(app.depends_on).toEqual({
      meilisearch: { condition: 'service_healthy' },
      'knowledge-remote': { condition: 'service_completed_successfully' },
      postgres: { condition: 'service_healthy' },
    });
    expect(app.environment).toMatchObject({
      MEILI_URL: 'http://meilisearch:7700',
      DATA_DIR: '/data',
      KNOWLEDGE_DIR: '/app/knowledge',
      KNOWLEDGE_REMOTE: '${KNOWLEDGE_REMOTE:-/remote/knowledge.git}',
      KNOWLEDGE_CLONE_DIR: '/clone/knowledge',
    });
    // Each replica's clone is an anonymous volume (one per container); the host's ./knowledge is never mounted.
    expect(app.volumes).toEqual(['app-data:/data', 'knowledge-remote:/remote', '/clone']);
    expect(JSON.stringify(app.healthcheck?.test)).toContain('/healthz');
    expect(Object.keys(compose.volumes).sort()).toEqual(['app-data', 'knowledge-remote', 'meili-data', 'postgres-data']);
  });

  it('makes the bare repository the replicas sync through once, from the app image', () => {
    const remote = compose.services['knowledge-remote']!;
    expect(remote.build).toBe('.');
    expect(remote.restart).toBe('no');
    expect(JSON.stringify(remote)).toContain('git init --quiet --bare --initial-branch=main /remote/knowledge.git');
    expect(remote.volumes).toEqual(['knowledge-remote:/remote']);
  });

  it('runs the official postgres image with a volume and a healthcheck, and every app replica uses it through DATABASE_URL', () => {
    const postgres = compose.services.postgres!;
    expect(postgres.image).toMatch(/^postgres:15(\.\d+)?-bookworm$/);
    expect(postgres.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
    expect(JSON.stringify(postgres.healthcheck?.test)).toContain('pg_isready');
    expect(postgres.environment).toMatchObject({ POSTGRES_USER: 'casebook', POSTGRES_DB: 'casebook' });
    expect(postgres.environment?.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?[^}]*\}$/);
    const url = new URL(app.environment!.DATABASE_URL!.replace(/\$\{POSTGRES_PASSWORD:\?[^}]*\}/, 'secret'));
    expect([url.protocol, url.username, url.hostname, url.port, url.pathname]).toEqual(['postgres:', 'casebook', 'postgres', '5432', '/casebook']);
    // No other service keeps people or workflow.
    for (const [name, service] of Object.entries(compose.services))
      if (name !== 'app' && name !== 'postgres') expect(JSON.stringify(service)).not.toContain('DATABASE_URL');
  });
});

describe('docker-compose.yml, scaled out', () => {
  const compose = parse(read('docker-compose.yml')) as {
    services: Record<string, Service & { deploy?: { replicas?: number }; ports?: string[]; expose?: string[] }>;
  };
  const { app, proxy } = compose.services;
  const nginx = read('deploy/nginx.conf');

  it('runs at least two app replicas, reachable only through the proxy, which trusts one hop and syncs through git', () => {
    expect(app!.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(app!.ports).toBeUndefined();
    expect(app!.environment).toMatchObject({ TRUST_PROXY: '${TRUST_PROXY:-1}', KNOWLEDGE_SYNC_MS: '${KNOWLEDGE_SYNC_MS:-5000}' });
  });

  it('puts the official nginx image in front, with its configuration from the repository', () => {
    expect(proxy!.image).toMatch(/^nginx:1\.(2[89]|[3-9]\d)(\.\d+)?-alpine$/);
    expect(proxy!.ports).toEqual(['${PORT:-3000}:80']);
    expect(proxy!.volumes).toContain('./deploy/nginx.conf:/etc/nginx/nginx.conf:ro');
    expect(proxy!.depends_on).toEqual({ app: { condition: 'service_healthy' } });
  });

  it('balances over every replica, re-resolving them, and forwards the client address, protocol and request id', () => {
    expect(nginx).toMatch(/server app:3000 resolve/);
    expect(nginx).toMatch(/resolver 127\.0\.0\.11/);
    for (const header of ['X-Forwarded-For $proxy_add_x_forwarded_for', 'X-Forwarded-Proto $forwarded_proto', 'X-Request-Id $request_id'])
      expect(nginx).toContain(`proxy_set_header ${header};`);
    // The scheme is the proxy's own unless a TLS balancer it was told of (geo) says https.
    expect(nginx).toMatch(/geo \$from_tls_balancer \{\s*default 0;/);
    expect(nginx).toMatch(/map "\$from_tls_balancer:\$http_x_forwarded_proto" \$forwarded_proto \{\s*default\s+\$scheme;\s*"1:https"\s+https;\s*\}/);
  });

  it('enforces a ceiling on sign-ins and submissions once for all replicas, on POSTs only, above what a training room sends', () => {
    expect(nginx).toMatch(/map \$request_method \$post_client \{\s*POST\s+\$binary_remote_addr;\s*default "";/);
    for (const route of ['/editor/login', '/login']) expect(nginx).toMatch(new RegExp(`location = ${route}\\s+\\{ limit_req zone=login burst=60 nodelay;`));
    expect(nginx).toMatch(/location \^~ \/network\/join\/ \{ limit_req zone=login burst=60 nodelay;/);
    for (const route of ['/contribute', '/api/submissions'])
      expect(nginx).toMatch(new RegExp(`location = ${route}\\s+\\{ limit_req zone=submissions burst=200 nodelay;`));
    expect(nginx).toMatch(/limit_req_zone \$post_client zone=login:10m rate=4r\/m;/);
    expect(nginx).toMatch(/limit_req_zone \$post_client zone=submissions:10m rate=20r\/m;/);
    expect(nginx).toMatch(/limit_req_status 429;/);
  });

  it('compresses text responses for slow links, passing on what the app already compressed', () => {
    expect(nginx).toMatch(/^\s*gzip on;/m);
    expect(nginx).toMatch(/^\s*gzip_proxied any;/m);
    expect(nginx).toMatch(/gzip_types [^;]*text\/css[^;]*application\/javascript[^;]*application\/json/);
  });
});

describe('docker-compose.yml, offline packs', () => {
  const compose = parse(read('docker-compose.yml')) as { services: Record<string, Service & { command?: string[] }> };

  it('has the app build the packs /downloads lists itself, into its DATA_DIR, and rebuild them after each change', () => {
    expect(compose.services.export).toBeUndefined();
    expect(compose.services.app!.environment).toMatchObject({ BUILD_PACKS: 'true', DATA_DIR: '/data' });
  });

  it("keeps Pagefind's binary in the image (an optional dependency) so packs have search", () => {
    expect(read('Dockerfile')).not.toMatch(/npm ci[^\n]*--omit=optional/);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);

  it('builds in stages and installs production dependencies only, from the lock file', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/RUN npm ci --omit=dev/);
    expect(dockerfile).toMatch(/COPY package\.json package-lock\.json/);
  });

  it('has git in the runtime image: the knowledge is a git work tree', () => {
    expect(stages.at(-1)!).toMatch(/apt-get install -y --no-install-recommends git /);
  });

  it('runs as a non-root user with a healthcheck on /healthz', () => {
    const runtime = stages.at(-1)!;
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n?.*\/healthz/m);
    expect(runtime.indexOf('USER node')).toBeLessThan(runtime.indexOf('CMD'));
  });

  it('uses a Node version the app supports', () => {
    for (const stage of stages) expect(stage).toMatch(/^node:(2[0-9])\.\d+/);
  });
});

describe('.env.example', () => {
  it('lists every setting the app reads', () => {
    const names = [...read('.env.example').matchAll(/^([A-Z_]+)=/gm)].map((match) => match[1]);
    const config = read('server/config.ts');
    const read_ = [...config.matchAll(/^\s{2}([A-Z_]+): /gm)].map((match) => match[1]);
    expect(read_.length).toBeGreaterThan(5);
    for (const name of [...read_, 'LOG_LEVEL']) expect(names, name).toContain(name);
  });

  it('never overrides a default docker compose gives the app with a different value', () => {
    // compose substitutes .env into `${NAME:-default}`; an empty value there counts as unset.
    const values = new Map([...read('.env.example').matchAll(/^([A-Z_]+)=(.*)$/gm)].map((match) => [match[1]!, match[2]!]));
    const compose = parse(read('docker-compose.yml')) as { services: { app: { environment: Record<string, string> } } };
    const defaults = Object.values(compose.services.app.environment).flatMap((value) => [...String(value).matchAll(/\$\{([A-Z_]+):-([^}]*)\}/g)]);
    expect(defaults.length).toBeGreaterThan(3);
    for (const [, name, fallback] of defaults) {
      const value = values.get(name!);
      if (value) expect(value, `${name} in .env.example overrides compose's ${fallback}`).toBe(fallback);
    }
  });
});

describe('npm start', () => {
  it('runs the compiled server with plain Node and one heap cap, whatever the number of notes', async () => {
    const { HEAP_CAP_MB, YOUNG_SPACE_MB, serverArguments } = await import('../../scripts/start.js');
    const { SERVER_BUNDLE } = await import('../../scripts/build-server.js');
    expect(serverArguments()).toEqual([`--max-old-space-size=${HEAP_CAP_MB}`, `--max-semi-space-size=${YOUNG_SPACE_MB}`, SERVER_BUNDLE]);
    expect(HEAP_CAP_MB).toBeLessThanOrEqual(256);
  });

  it("is what the container starts: the compiled server, under npm start's heap cap, on every interface", async () => {
    const { HEAP_CAP_MB } = await import('../../scripts/start.js');
    const { SERVER_BUNDLE } = await import('../../scripts/build-server.js');
    const runtime = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8')
      .split(/^FROM /m)
      .at(-1)!;
    const command = JSON.parse(/^CMD (\[.*\])$/m.exec(runtime)?.[1] ?? 'null') as string[] | null;
    expect(command, 'an exec-form CMD (signals reach node, not a shell)').not.toBeNull();
    const [program, ...args] = command!;
    expect(program).toBe('node');
    const workdir = /^WORKDIR (\S+)$/m.exec(runtime)?.[1] ?? '/';
    // The bundle npm run build writes, built in this stage before the command runs it.
    expect(path.posix.resolve(workdir, args.at(-1)!)).toBe(path.posix.join(workdir, path.relative(ROOT, SERVER_BUNDLE).split(path.sep).join('/')));
    expect(runtime.search(/^RUN npm run build$/m)).toBeGreaterThan(-1);
    expect(runtime.search(/^RUN npm run build$/m)).toBeLessThan(runtime.search(/^CMD \[/m));
    expect(args.filter((arg) => arg.startsWith('--max-old-space-size='))).toEqual([`--max-old-space-size=${HEAP_CAP_MB}`]);
    // Every Node flag npm start runs the server with, and no other: the container is not tuned apart.
    const { serverArguments } = await import('../../scripts/start.js');
    expect(args.slice(0, -1)).toEqual(serverArguments().slice(0, -1));
    // The proxy is another container: the app must listen beyond loopback there (npm start binds 127.0.0.1).
    const env = Object.fromEntries(
      [...runtime.matchAll(/^ENV ((?:.*\\\n)*.*)$/gm)]
        .flatMap((match) => match[1]!.split(/\s*\\?\n\s*|\s+/))
        .filter((pair) => pair.includes('='))
        .map((pair) => pair.split('=', 2) as [string, string]),
    );
    expect(env.HOST).toBe('0.0.0.0');
  });
});
