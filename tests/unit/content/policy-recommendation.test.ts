import { describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from '../../../server/content/build-knowledge-base.js';
import type { ContentProblem } from '../../../server/content/content-problem.js';
import { isDeepLink } from '../../../server/content/field-values.js';
import { fixtureKnowledgeFiles, noteFile, VALID_FRONT_MATTER } from '../../fixtures/fixture-files.js';

const TODAY = '2026-11-28';

/** A valid recommendation resting on two fixture notes, tracked in two jurisdictions. */
export const RECOMMENDATION_FRONT_MATTER = `
title: Give prosecutors the power not to prosecute trafficked people
summary: Legislatures should let prosecutors decline to charge victims for offences they were compelled to commit.
language: en
jurisdictions: [INT]
victim_centred_techniques: [non-punishment]
stages: [charging]
content_type: policy-recommendation
evidence_basis: official-guidance
sources:
  - title: CoE Convention, Art. 26
    citation: CETS No. 197, Art. 26
last_reviewed: 2026-01-01
audience: [legislature, prosecution-service]
rests_on: [phone-evidence-control, labour-inspection-records]
implementation:
  - jurisdiction: GB-EAW
    status: adopted
    as_of: 2026-01-01
    source: {title: Modern Slavery Act 2015 s. 45, url: "https://www.legislation.gov.uk/ukpga/2015/30/section/45"}
  - jurisdiction: US
    status: unknown
    as_of: 2026-01-01
`;

async function problemsFor(frontMatter: string): Promise<ContentProblem[]> {
  const { problems } = buildKnowledgeBase(await fixtureKnowledgeFiles(noteFile('recommendation.md', frontMatter)), TODAY);
  return problems;
}

describe('policy recommendations', () => {
  it('accepts a recommendation with audience, rests_on and a sourced tracker', async () => {
    const { problems, knowledgeBase } = buildKnowledgeBase(await fixtureKnowledgeFiles(noteFile('recommendation.md', RECOMMENDATION_FRONT_MATTER)), TODAY);
    expect(problems).toEqual([]);
    const note = knowledgeBase!.bySlug.get('recommendation')!;
    expect(note.audience).toEqual(['legislature', 'prosecution-service']);
    expect(note.implementation?.[1]).toEqual({ jurisdiction: 'US', status: 'unknown', as_of: '2026-01-01' });
  });

  it('rejects a status outside the four, at its value, naming the allowed ones', async () => {
    const [problem, ...rest] = await problemsFor(RECOMMENDATION_FRONT_MATTER.replace('status: adopted', 'status: implemented'));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({
      file: 'recommendation.md',
      line: 18,
      field: 'implementation.0.status',
      message: expect.stringContaining('"implemented" is not one of the 4 allowed values'),
    });
    expect(problem?.hint).toContain('adopted, partly, not-adopted, unknown');
  });

  it('rejects an adopted, partly or not-adopted status without a source', async () => {
    for (const status of ['adopted', 'partly', 'not-adopted']) {
      const frontMatter = RECOMMENDATION_FRONT_MATTER.replace('status: unknown', `status: ${status}`);
      const [problem, ...rest] = await problemsFor(frontMatter);
      expect(rest).toEqual([]);
      expect(problem).toMatchObject({ line: 22, field: 'implementation.1.status', message: `is "${status}" but the entry has no source` });
      expect(problem?.hint).toContain('set status: unknown');
    }
  });

  it('rejects a source that is a home page, and an as_of date in the future', async () => {
    const problems = await problemsFor(
      RECOMMENDATION_FRONT_MATTER.replace('https://www.legislation.gov.uk/ukpga/2015/30/section/45', 'https://www.legislation.gov.uk/').replace(
        /as_of: 2026-01-01\n$/,
        'as_of: 2027-01-01\n',
      ),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        field: 'implementation.0.source.url',
        message: expect.stringContaining("is a site's home page"),
        hint: expect.stringContaining('link to the judgment, section, article or report itself'),
      }),
      expect.objectContaining({ line: 23, field: 'implementation.1.as_of', message: expect.stringContaining('is in the future') }),
    ]);
  });

  it('rejects rests_on naming a note that does not exist, at that slug', async () => {
    const problems = await problemsFor(RECOMMENDATION_FRONT_MATTER.replace('labour-inspection-records]', 'no-such-note]'));
    expect(problems).toEqual([
      expect.objectContaining({ line: 15, column: 36, field: 'rests_on.1', message: '"no-such-note" is not a published note in this knowledge base' }),
    ]);
  });

  it('rejects rests_on to a draft, a recommendation without rests_on, and one tracked twice in one jurisdiction', async () => {
    expect(await problemsFor(RECOMMENDATION_FRONT_MATTER.replace('labour-inspection-records]', 'draft-child-interviews]'))).toEqual([
      expect.objectContaining({ field: 'rests_on.1' }),
    ]);
    expect(await problemsFor(RECOMMENDATION_FRONT_MATTER.replace(/^rests_on:.*$/m, ''))).toEqual([
      expect.objectContaining({ field: 'content_type', message: 'is policy-recommendation, but rests_on is missing' }),
    ]);
    expect(await problemsFor(RECOMMENDATION_FRONT_MATTER.replace('jurisdiction: US', 'jurisdiction: GB-EAW'))).toEqual([
      expect.objectContaining({ field: 'implementation.1.jurisdiction', message: '"GB-EAW" is tracked twice' }),
    ]);
  });

  it('rejects audience, rests_on or implementation on a practice note, at each key', async () => {
    const problems = await problemsFor(`${VALID_FRONT_MATTER}audience: [judiciary]\nrests_on: [phone-evidence-control]\n`);
    expect(problems).toEqual([
      expect.objectContaining({
        line: 10,
        field: 'audience',
        message: expect.stringContaining('is only allowed when content_type is policy-recommendation'),
        hint: expect.stringContaining('remove audience'),
      }),
      expect.objectContaining({ line: 11, field: 'rests_on', message: expect.stringContaining('is only allowed when content_type is policy-recommendation') }),
    ]);
  });

  it('rejects an unknown audience, suggesting the id meant', async () => {
    const [problem] = await problemsFor(RECOMMENDATION_FRONT_MATTER.replace('[legislature, prosecution-service]', '[legislature, prosecutors]'));
    expect(problem).toMatchObject({ field: 'audience.1', message: expect.stringContaining('"prosecutors"') });
  });
});

describe('isDeepLink', () => {
  it('accepts a link to a document and refuses a home page or another scheme', () => {
    expect(isDeepLink('https://www.legislation.gov.uk/ukpga/2015/30/section/45')).toBe(true);
    expect(isDeepLink('https://hudoc.echr.coe.int/eng?i=001-96549')).toBe(true);
    expect(isDeepLink('https://www.unodc.org/')).toBe(false);
    expect(isDeepLink('https://www.unodc.org')).toBe(false);
    expect(isDeepLink('javascript:alert(1)')).toBe(false);
  });
});
