import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SessionStore } from '../../../server/contribute/editor-session.js';

const HOUR = 3600_000;
const dirs: string[] = [];
function storeIn(): { store: SessionStore; dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'casebook-sessions-'));
  dirs.push(dir);
  return { store: new SessionStore(dir), dir };
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('expired sessions', () => {
  it('are swept from disk, and live ones stay readable', () => {
    const { store, dir } = storeIn();
    const start = Date.UTC(2026, 11, 7);
    const old = store.create('ana', 'fingerprint', start);
    const live = store.create('ben', 'fingerprint', start + 7 * HOUR);
    expect(readdirSync(dir)).toHaveLength(2);
    expect(store.sweep(start + 9 * HOUR)).toBe(1);
    expect(readdirSync(dir)).toHaveLength(1);
    expect(store.read(old, () => 'fingerprint', start + 9 * HOUR)).toBeUndefined();
    expect(store.read(live, () => 'fingerprint', start + 9 * HOUR)).toEqual({ username: 'ben', token: live });
  });

  it('are swept when a session starts, at most once an hour, so nobody signing out still leaves no files behind', () => {
    const { store, dir } = storeIn();
    const start = Date.UTC(2026, 11, 7);
    store.create('ana', 'fingerprint', start);
    store.create('ben', 'fingerprint', start + 30 * 60_000);
    // Nine hours on, the first two have expired: starting a third sweeps them.
    store.create('cem', 'fingerprint', start + 9 * HOUR);
    expect(readdirSync(dir)).toHaveLength(1);
  });
});
