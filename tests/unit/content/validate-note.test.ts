import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { buildKnowledgeBase } from '../../../server/content/build-knowledge-base.js';
import type { ContentProblem } from '../../../server/content/content-problem.js';
import { fixtureKnowledgeFiles, noteFile, readFixture, VALID_FRONT_MATTER } from '../../fixtures/fixture-files.js';

const TODAY = '2026-11-28';

async function problemsFor(...files: Parameters<typeof fixtureKnowledgeFiles>): Promise<ContentProblem[]> {
  const { problems } = buildKnowledgeBase(await fixtureKnowledgeFiles(...files), TODAY);
  return problems;
}

function withField(name: string, replace: Record<string, string>, extra = ''): ReturnType<typeof noteFile> {
  let frontMatter = VALID_FRONT_MATTER;
  for (const [field, value] of Object.entries(replace)) {
    frontMatter = frontMatter.replace(new RegExp(`^${field}:.*$`, 'm'), value === '' ? '' : `${field}: ${value}`);
  }
  return noteFile(name, `${frontMatter}\n${extra}`);
}

describe('validateNote', () => {
  it('accepts the fixture knowledge base without a problem', async () => {
    expect(await problemsFor()).toEqual([]);
  });

  it('reports an unknown field at its key, suggesting the field meant', async () => {
    expect(await problemsFor(readFixture('hostile/unknown-field.md'))).toEqual([
      expect.objectContaining({ line: 10, column: 1, field: 'jurisdiction', message: 'is not a known field', hint: 'did you mean "jurisdictions"?' }),
    ]);
  });

  it('reports an unknown vocabulary id at its value, suggesting ids with a similar label', async () => {
    const [problem] = await problemsFor(readFixture('hostile/unknown-id.md'));
    expect(problem).toMatchObject({ line: 6, column: 31, field: 'evidence_types.1', message: expect.stringContaining('"phone-extraction"') });
    expect(problem?.hint).toMatch(/^did you mean "digital-device"/);
  });

  it('suggests the closest id for a typo', async () => {
    const [problem] = await problemsFor(withField('typo.md', { stages: '[investigaton]' }));
    expect(problem?.hint).toMatch(/^did you mean "investigation"/);
  });

  it('rejects a review date in the future', async () => {
    expect(await problemsFor(readFixture('hostile/future-date.md'))).toEqual([
      expect.objectContaining({ line: 9, column: 16, field: 'last_reviewed', message: '"2999-01-01" is in the future' }),
    ]);
  });

  it('rejects an impossible date', async () => {
    const [problem] = await problemsFor(withField('feb.md', { last_reviewed: '2026-02-30' }));
    expect(problem).toMatchObject({ field: 'last_reviewed', message: expect.stringContaining('real date') });
  });

  it('names the right code for UK and for a country written in full', async () => {
    const problems = await problemsFor(readFixture('hostile/bad-jurisdictions.md'));
    expect(problems.map((p) => [p.field, p.hint])).toEqual([
      ['jurisdictions.0', expect.stringContaining('GB-EAW')],
      ['jurisdictions.1', 'write the code PH for Philippines'],
    ]);
  });

  it('rejects a source link that is not http(s)', async () => {
    expect(await problemsFor(readFixture('hostile/dangerous-source-url.md'))).toEqual([
      expect.objectContaining({ line: 12, column: 10, field: 'sources.0.url', message: expect.stringContaining('http(s)') }),
    ]);
  });

  it('requires a source when the basis is legal authority', async () => {
    const [problem] = await problemsFor(withField('law.md', { evidence_basis: 'binding-law' }));
    expect(problem).toMatchObject({ field: 'sources', message: expect.stringContaining('binding-law') });
  });

  it('requires an evidence type or a technique', async () => {
    const [problem] = await problemsFor(withField('empty.md', { evidence_types: '' }));
    expect(problem).toMatchObject({ field: 'evidence_types', message: expect.stringContaining('victim_centred_techniques') });
  });

  it('rejects duplicates inside a list', async () => {
    const [problem] = await problemsFor(withField('dup.md', { stages: '[trial, trial]' }));
    expect(problem).toMatchObject({ field: 'stages.1', message: 'lists "trial" twice' });
  });

  it('reports a missing required field', async () => {
    const [problem] = await problemsFor(withField('no-title.md', { title: '' }));
    expect(problem).toMatchObject({ field: 'title', message: 'is required' });
  });

  it('reports text that is too short with its length', async () => {
    const [problem] = await problemsFor(withField('short.md', { title: 'Short' }));
    expect(problem).toMatchObject({ field: 'title', message: 'has 5 characters; expected at least 10' });
  });

  it('rejects an unknown language code', async () => {
    const [problem] = await problemsFor(withField('lang.md', { language: 'xx' }));
    expect(problem).toMatchObject({ field: 'language', message: expect.stringContaining('ISO 639-1') });
  });

  it("refuses both notes when two claim one slug, or an alias is another note's slug, and publishes neither", async () => {
    const files = await fixtureKnowledgeFiles(
      withField('copy.md', {}, 'slug: phone-evidence-control'),
      withField('alias-thief.md', {}, 'aliases: [section-28-cross-examination]'),
    );
    const { problems, knowledgeBase } = buildKnowledgeBase(files, '2026-11-28');
    const claims = problems.filter((p) => /is already used by/.test(p.message)).map((p) => [path.basename(p.file), p.field, p.message]);
    expect(claims).toEqual(
      expect.arrayContaining([
        ['copy.md', 'slug', expect.stringContaining('phone-evidence-control.md')],
        ['phone-evidence-control.md', 'slug', expect.stringContaining('copy.md')],
        ['alias-thief.md', 'aliases.0', expect.stringContaining('section-28-cross-examination.md')],
        ['section-28-cross-examination.md', 'slug', expect.stringContaining('alias-thief.md')],
      ]),
    );
    expect(claims).toHaveLength(4);
    for (const slug of ['phone-evidence-control', 'section-28-cross-examination', 'alias-thief']) expect(knowledgeBase?.bySlug.has(slug)).toBe(false);
    // The outcome does not depend on the order the files were read in: every replica agrees.
    const reversed = buildKnowledgeBase({ ...files, notes: [...files.notes].reverse() }, '2026-11-28');
    expect(reversed.knowledgeBase?.notes.map((note) => note.slug)).toEqual(knowledgeBase?.notes.map((note) => note.slug));
  });

  it('rejects a file name that is not a slug unless slug: is set', async () => {
    expect(await problemsFor(withField('Bad Name.md', {}))).toEqual([expect.objectContaining({ field: 'slug', line: 1, column: 1 })]);
    expect(await problemsFor(withField('Bad Name.md', {}, 'slug: good-name'))).toEqual([]);
  });

  it('rejects a translation that points to no note', async () => {
    const [problem] = await problemsFor(withField('lonely.md', {}, 'translations: {fr: nowhere}'));
    expect(problem).toMatchObject({ field: 'translations.fr', message: expect.stringContaining('"nowhere"') });
  });

  it('collects every problem of every file instead of stopping at the first', async () => {
    const problems = await problemsFor(
      readFixture('hostile/unknown-field.md'),
      readFixture('hostile/future-date.md'),
      withField('two.md', { stages: '[nope]', language: 'xx' }),
    );
    expect(new Set(problems.map((p) => p.file)).size).toBe(3);
    expect(problems).toHaveLength(4);
  });
});
