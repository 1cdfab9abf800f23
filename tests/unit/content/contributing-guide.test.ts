import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAuthoritySchema } from '../../../server/content/authority.js';
import { AUTHORITY_FIELD_DOCS, buildContributingGuide, FIELD_DOCS } from '../../../server/content/contributing-guide.js';
import { loadKnowledge } from '../../../server/knowledge/load-knowledge.js';
import { buildNoteSchema } from '../../../server/content/front-matter-schema.js';
import { FIXTURES } from '../../fixtures/fixture-files.js';

const ROOT = path.resolve(FIXTURES, '..', '..');

describe('CONTRIBUTING.md', () => {
  it('documents exactly the fields the schema accepts', async () => {
    const { knowledgeBase } = await loadKnowledge(path.join(ROOT, 'knowledge'));
    const schema = buildNoteSchema(knowledgeBase!.taxonomy, '2026-11-28');
    expect(FIELD_DOCS.map((doc) => doc.field)).toEqual(Object.keys(schema.shape));
    expect(AUTHORITY_FIELD_DOCS.map((doc) => doc.field)).toEqual(Object.keys(buildAuthoritySchema(knowledgeBase!.taxonomy).shape));
  });

  it('is what npm run docs writes from the schema and taxonomy.yml (so it cannot drift)', async () => {
    const { knowledgeBase } = await loadKnowledge(path.join(ROOT, 'knowledge'));
    expect(readFileSync(path.join(ROOT, 'CONTRIBUTING.md'), 'utf8')).toBe(buildContributingGuide(knowledgeBase!.taxonomy));
  });

  it('lists every vocabulary id with its label', async () => {
    const { knowledgeBase } = await loadKnowledge(path.join(ROOT, 'knowledge'));
    const guide = buildContributingGuide(knowledgeBase!.taxonomy);
    for (const value of knowledgeBase!.taxonomy.vocabularies.victim_centred_techniques.values)
      expect(guide).toContain(`| \`${value.id}\` | ${value.text.en!.label} |`);
  });
});
