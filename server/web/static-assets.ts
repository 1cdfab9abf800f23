import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler } from 'express';

/**
 * The files under public/, each also served under a name with its content hash
 * (`/static/casebook.3f2a1b9c0d.css`) that never changes meaning, so a browser keeps it a year
 * without asking again and a new release is fetched at once because its name is new. The plain
 * names keep working (an offline pack, the feed stylesheet, old pages) with an hour's cache.
 */
export interface StaticAssets {
  /** The address pages link to: the versioned name, or the plain one for a file not known at start. */
  url(name: string): string;
  /** Serves /static: versioned names as immutable, plain names for an hour. */
  handler: RequestHandler;
}

const VERSIONED = /^\/([\w-]+)\.([0-9a-f]{10})\.(\w+)$/;
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/** Hashes each file of `directory` once (at start: the files ship with the release) and builds the /static handler. */
export function createStaticAssets(directory: string, options: { versioned: boolean }): StaticAssets {
  const hashes = new Map<string, string>();
  for (const name of readdirSync(directory)) {
    if (!/^[\w-]+\.\w+$/.test(name)) continue;
    hashes.set(
      name,
      createHash('sha256')
        .update(readFileSync(path.join(directory, name)))
        .digest('hex')
        .slice(0, 10),
    );
  }
  const setType: Parameters<typeof express.static>[1] = {
    // Browsers apply an XSL stylesheet only when it comes with an XSL type; the default would be generic.
    setHeaders: (res, file) => {
      if (file.endsWith('.xsl')) res.setHeader('Content-Type', 'text/xsl; charset=utf-8');
    },
  };
  const plain = express.static(directory, { maxAge: '1h', fallthrough: true, index: false, ...setType });
  const immutable = express.static(directory, { maxAge: ONE_YEAR_SECONDS * 1000, immutable: true, fallthrough: true, index: false, ...setType });
  return {
    url: (name) => {
      const hash = options.versioned ? hashes.get(name) : undefined;
      if (!hash) return `/static/${name}`;
      const dot = name.lastIndexOf('.');
      return `/static/${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
    },
    handler: (req, res, next) => {
      const match = VERSIONED.exec(req.path);
      if (!match) return plain(req, res, next);
      const [, base, hash, extension] = match;
      const name = `${base}.${extension}`;
      req.url = `/${name}`;
      // An address from an older release gets today's file, but only for an hour: its name promised other bytes.
      return (hashes.get(name) === hash ? immutable : plain)(req, res, next);
    },
  };
}
