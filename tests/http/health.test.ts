import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from '../../server/content/build-knowledge-base.js';
import { SearchEngineError } from '../../server/errors.js';
import type { IndexStatus, NoteIndex } from '../../server/search/note-index.js';
import { createApp } from '../../server/web/create-app.js';
import { fixtureKnowledgeFiles } from '../fixtures/fixture-files.js';

/** A NoteIndex that answers a fixed status (the port is the only place a fake may stand). */
function fakeIndex(status: () => Promise<IndexStatus>): NoteIndex {
  return { status, search: () => Promise.reject(new SearchEngineError('not used here')) };
}

async function appWith(status: () => Promise<IndexStatus>) {
  const { knowledgeBase } = buildKnowledgeBase(await fixtureKnowledgeFiles(), '2026-11-28');
  return createApp({ noteIndex: fakeIndex(status), knowledgeBase: knowledgeBase! });
}

describe('health endpoints', () => {
  it('answers /healthz while the engine is down', async () => {
    const app = await appWith(async () => ({ reachable: false, indexPresent: false }));
    await request(app).get('/healthz').expect(200, { status: 'ok' });
  });

  it('is ready when the engine answers and the index exists', async () => {
    const app = await appWith(async () => ({ reachable: true, indexPresent: true, documentCount: 5 }));
    await request(app).get('/readyz').expect(200, { status: 'ready', notes: 5 });
  });

  it('is not ready while the index is being built', async () => {
    const app = await appWith(async () => ({ reachable: true, indexPresent: false }));
    const response = await request(app).get('/readyz').expect(503);
    expect(response.body.error.code).toBe('index_missing');
  });

  it('is not ready, and does not fail, when the status check throws', async () => {
    const app = await appWith(() => Promise.reject(new SearchEngineError('boom')));
    const response = await request(app).get('/readyz').expect(503);
    expect(response.body).toEqual({ error: { code: 'search_unreachable', message: expect.any(String) } });
  });

  it('answers an unknown path with a JSON 404 and no stack trace', async () => {
    const app = await appWith(async () => ({ reachable: true, indexPresent: true }));
    const response = await request(app).get('/nope/%E0%A4%A').expect(404);
    expect(response.body.error.code).toBe('not_found');
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.ts/);
  });
});
