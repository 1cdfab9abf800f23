import { describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from '../../../server/content/build-knowledge-base.js';
import { fixtureKnowledgeFiles, noteFile, VALID_FRONT_MATTER } from '../../fixtures/fixture-files.js';

describe('buildKnowledgeBase', () => {
  it('keeps published notes, counts drafts, and maps aliases to their note', async () => {
    const { knowledgeBase } = buildKnowledgeBase(await fixtureKnowledgeFiles(), '2026-11-28');
    expect(knowledgeBase?.notes.map((note) => note.slug)).toEqual([
      'labour-inspection-records',
      'phone-evidence-control',
      'preuve-telephonique',
      'prueba-financiera',
      'section-28-cross-examination',
    ]);
    expect(knowledgeBase?.draftCount).toBe(1);
    expect(knowledgeBase?.aliases.get('phone-evidence-coercion')).toBe('phone-evidence-control');
    expect(knowledgeBase?.collections.map((collection) => collection.notes)).toEqual([['phone-evidence-control', 'labour-inspection-records']]);
  });

  it('applies the contract defaults', async () => {
    const { knowledgeBase } = buildKnowledgeBase(await fixtureKnowledgeFiles(), '2026-11-28');
    const note = knowledgeBase?.bySlug.get('labour-inspection-records');
    expect(note).toMatchObject({ content_type: 'practice-note', cross_border: false, tech_facilitated: false, status: 'published', victim_profile: [] });
  });

  it('changes its content hash when any file changes', async () => {
    const before = buildKnowledgeBase(await fixtureKnowledgeFiles(), '2026-11-28').knowledgeBase?.contentHash;
    const after = buildKnowledgeBase(await fixtureKnowledgeFiles(noteFile('extra.md', 'title: x')), '2026-11-28').knowledgeBase?.contentHash;
    expect(before).toMatch(/^[0-9a-f]{64}$/);
    expect(after).not.toBe(before);
  });

  it('leaves an invalid note out but keeps the valid ones', async () => {
    const { knowledgeBase, problems } = buildKnowledgeBase(await fixtureKnowledgeFiles(noteFile('broken.md', 'title: [')), '2026-11-28');
    expect(problems).toHaveLength(1);
    expect(knowledgeBase?.notes).toHaveLength(5);
  });

  it('reports a collection that lists a draft or a missing note', async () => {
    const files = await fixtureKnowledgeFiles();
    files.collections.push(
      noteFile(
        'bad-list.md',
        'title: A bad list\nsummary: A list that names notes nobody can read.\nlanguage: en\nnotes: [draft-child-interviews, missing-note]',
        'Intro.',
      ),
    );
    const { problems } = buildKnowledgeBase(files, '2026-11-28');
    expect(problems.map((p) => [p.field, p.line])).toEqual([
      ['notes.0', 5],
      ['notes.1', 5],
    ]);
  });

  it('fails with one located problem when taxonomy.yml is missing', async () => {
    const files = await fixtureKnowledgeFiles();
    const { knowledgeBase, problems } = buildKnowledgeBase({ ...files, taxonomy: undefined }, '2026-11-28');
    expect(knowledgeBase).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ file: 'taxonomy.yml', message: 'is missing' })]);
  });

  it('reports a taxonomy that lost a contract id', async () => {
    const files = await fixtureKnowledgeFiles();
    const text = Buffer.from(files.taxonomy!.bytes)
      .toString('utf8')
      .replace(/^      labour-inspection:\n(?: {8}.*\n)+/m, '');
    const { problems } = buildKnowledgeBase({ ...files, taxonomy: { path: 'taxonomy.yml', bytes: Buffer.from(text) } }, '2026-11-28');
    expect(problems).toEqual([
      expect.objectContaining({ field: 'facets.evidence_types.values.labour-inspection', message: expect.stringContaining('never removed') }),
    ]);
  });
});

describe('links between notes', () => {
  it('reports a link to a note that is not published, at its line and column', async () => {
    const body = '## What to do\n\nSee [the draft](/notes/draft-child-interviews) and [this one](/notes/phone-evidence-control#why-it-matters).\n';
    const { problems } = buildKnowledgeBase(await fixtureKnowledgeFiles(noteFile('linker.md', VALID_FRONT_MATTER, body)), '2026-11-28');
    expect(problems).toEqual([
      expect.objectContaining({ file: 'linker.md', line: 13, column: 17, field: 'body', message: expect.stringContaining('/notes/draft-child-interviews') }),
    ]);
  });

  it('accepts a link to an alias', async () => {
    const body = 'See [old](/notes/phone-evidence-coercion).\n';
    expect(buildKnowledgeBase(await fixtureKnowledgeFiles(noteFile('alias-link.md', VALID_FRONT_MATTER, body)), '2026-11-28').problems).toEqual([]);
  });
});
