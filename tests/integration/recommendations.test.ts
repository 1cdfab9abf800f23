import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from '../../server/content/build-knowledge-base.js';
import type { KnowledgeBase } from '../../server/content/knowledge-base.js';
import { reindex } from '../../server/search/reindex.js';
import { createApp } from '../../server/web/create-app.js';
import { fixtureKnowledgeFiles, noteFile } from '../fixtures/fixture-files.js';
import { engineWriter, noteQuery, TODAY } from './engine-test-context.js';

function recommendation(kenya: string): string {
  return `
title: Train prosecutors to build cases that do not rest on the victim alone
summary: Prosecution services should train and resource specialist prosecutors to corroborate trafficking cases with other evidence.
language: en
jurisdictions: [INT]
victim_centred_techniques: [evidence-led-prosecution]
stages: [investigation, charging]
content_type: policy-recommendation
evidence_basis: practitioner-consensus
last_reviewed: 2026-03-01
audience: [prosecution-service]
rests_on: [phone-evidence-control, labour-inspection-records]
implementation:
${kenya}
  - jurisdiction: NZ
    status: unknown
    as_of: 2026-01-01
  - jurisdiction: PE
    status: unknown
    as_of: 2026-01-01
`;
}

async function knowledgeBaseWith(kenya: string): Promise<KnowledgeBase> {
  const { knowledgeBase, problems } = buildKnowledgeBase(await fixtureKnowledgeFiles(noteFile('specialist-prosecutors.md', recommendation(kenya))), TODAY);
  expect(problems).toEqual([]);
  return knowledgeBase!;
}

describe('the implementation tracker on the real engine', () => {
  it('shows a status change in the tracker, the country profile and the feed once the knowledge base is reindexed', async () => {
    const before = await knowledgeBaseWith('  - {jurisdiction: KE, status: unknown, as_of: 2026-01-01}');
    const index = engineWriter('recommendations_tracker', before);
    await reindex(index, before, TODAY);
    // The running app keeps the knowledge base it started with; the tracker reads the engine.
    const app = createApp({ noteIndex: index, knowledgeBase: before, today: () => TODAY, publicUrl: 'https://casebook.example.org' });

    expect((await index.recommendations()).map((record) => record.slug)).toEqual(['specialist-prosecutors']);
    expect((await index.search(noteQuery('', { audience: ['prosecution-service'] }))).hits.map((hit) => hit.slug)).toEqual(['specialist-prosecutors']);
    const tracker = (await request(app).get('/recommendations').expect(200)).text;
    expect(tracker.replace(/<[^>]+>/g, '')).toContain('Tracked jurisdictions by status: Not yet checked 3');
    expect((await request(app).get('/recommendations.xml').expect(200)).text).not.toContain('tracker-KE-adopted');

    const after = await knowledgeBaseWith(
      '  - {jurisdiction: KE, status: adopted, as_of: 2026-06-01, source: {title: Counter-Trafficking in Persons Act 2010, url: "https://new.kenyalaw.org/akn/ke/act/2010/8/eng@2023-12-11"}}',
    );
    await reindex(index, after, TODAY);

    const changed = (await request(app).get('/recommendations').expect(200)).text;
    expect(changed.replace(/<[^>]+>/g, '')).toContain('Tracked jurisdictions by status: Adopted 1 · not yet checked 2');
    expect(changed).toContain(
      'Adopted</span> <span class="status-date"><time datetime="2026-06-01">as of 1 June 2026</time></span> <span class="status-source">Source: <a href="https://new.kenyalaw.org/akn/ke/act/2010/8/eng@2023-12-11" rel="noopener">Counter-Trafficking in Persons Act 2010</a></span>',
    );
    const feed = (await request(app).get('/recommendations.xml').expect(200)).text;
    expect(feed).toContain('<id>https://casebook.example.org/notes/specialist-prosecutors#tracker-KE-adopted-2026-06-01</id>');
    expect(feed).toContain('<updated>2026-06-01T00:00:00Z</updated>');
    const profile = (await request(app).get('/jurisdictions/KE').expect(200)).text;
    expect(profile).toMatch(/specialist-prosecutors[^\n]*<\/span> Adopted<\/span>/);
    expect((await request(app).get('/api/recommendations').expect(200)).body.recommendations[0].implementation[0]).toEqual({
      jurisdiction: 'KE',
      status: 'adopted',
      as_of: '2026-06-01',
      source: { title: 'Counter-Trafficking in Persons Act 2010', url: 'https://new.kenyalaw.org/akn/ke/act/2010/8/eng@2023-12-11' },
    });
  });
});
