import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp } from './test-app.js';

describe('health endpoints', () => {
  it('answers /healthz while the engine is down', async () => {
    const { app, noteIndex } = await createTestApp();
    noteIndex.available = false;
    await request(app).get('/healthz').expect(200, { status: 'ok' });
  });

  it('is ready when the engine answers and the index exists', async () => {
    const { app } = await createTestApp();
    await request(app).get('/readyz').expect(200, { status: 'ready', notes: 5 });
  });

  it('is not ready, and does not fail, when the engine is down', async () => {
    const { app, noteIndex } = await createTestApp();
    noteIndex.available = false;
    const response = await request(app).get('/readyz').expect(503);
    expect(response.body).toEqual({ error: { code: 'search_unreachable', message: expect.any(String) } });
  });

  it('answers an unknown API path with a JSON 404 and no stack trace', async () => {
    const { app } = await createTestApp();
    const response = await request(app).get('/api/nope/%E0%A4%A').expect(404);
    expect(response.body.error.code).toBe('not_found');
    expect(JSON.stringify(response.body)).not.toMatch(/\.ts:\d+/);
  });
});
