import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { ConfigError } from '../../server/errors.js';

describe('loadConfig', () => {
  it('applies the contract defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', meiliIndex: 'notes', meiliUrl: undefined, meiliMasterKey: undefined });
    expect(config.knowledgeDir).toBe(path.resolve('knowledge'));
    expect(config.editorAccountsFile).toBe(path.resolve('data', 'editors.json'));
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every bad variable in one error and never prints a secret', () => {
    const secret = 'short-secret';
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        MEILI_URL: 'ftp://x',
        MEILI_MASTER_KEY: secret,
        MEILI_INDEX: 'bad name',
        DATABASE_URL: `mysql://casebook:${secret}@db/casebook`,
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['PORT', 'MEILI_URL', 'MEILI_MASTER_KEY', 'MEILI_INDEX', 'DATABASE_URL']) expect(message).toContain(name);
    expect(message).not.toContain(secret);
  });

  it('keeps the offline packs under DATA_DIR unless DOWNLOADS_DIR says otherwise', () => {
    expect(loadConfig({ DATA_DIR: 'var/casebook' }).downloadsDir).toBe(path.resolve('var/casebook', 'downloads'));
    expect(loadConfig({ DOWNLOADS_DIR: '/srv/packs' }).downloadsDir).toBe('/srv/packs');
  });

  it('binds to HOST: loopback by default, an address or host name when set, never anything else', () => {
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '::' }).host).toBe('::');
    expect(loadConfig({ HOST: 'localhost' }).host).toBe('localhost');
    expect(() => loadConfig({ HOST: 'every interface' })).toThrow(/HOST: must be an IP address/);
  });

  it('treats an empty MEILI_URL or DATABASE_URL as unset (the embedded engine and database)', () => {
    expect(loadConfig({ MEILI_URL: '' }).meiliUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: 'postgres://casebook:pw@db:5432/casebook' }).databaseUrl).toBe('postgres://casebook:pw@db:5432/casebook');
  });
});
