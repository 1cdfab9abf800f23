import { describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from '../../../server/content/build-knowledge-base.js';
import type { ContentFile } from '../../../server/content/knowledge-base.js';
import { buildLinkReport, monthsBefore, noLinkReason } from '../../../server/content/link-report.js';
import { formatLinkReport } from '../../../scripts/format-link-report.js';
import { fixtureKnowledgeFiles, noteFile, VALID_FRONT_MATTER } from '../../fixtures/fixture-files.js';

const TODAY = '2026-11-28';

function authorityFile(id: string, yaml: string): ContentFile {
  return { path: `authorities/${id}.yml`, bytes: Buffer.from(yaml.trim() + '\n') };
}

// A case whose later history is unsettled, with no link and a summary that says why.
const UNSETTLED_CASE = `
kind: case
title: X v Y
citation: "[2019] EWCA Crim 2"
court: Court of Appeal (Criminal Division)
jurisdiction: GB-EAW
date: 2019-05-01
language: [en]
summary: "Holds that control can be proved by documents alone. An appeal followed. No link: the judgment was not found stored."
history:
  - { relation: appealed, citation: "[2020] UKSC 1", date: 2020-02-01 }
status: check-history
`;

// A recommendation with two statuses either side of the cut-off: 18 months before 2026-11-28 is 2025-05-28.
const TRACKED = `
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
audience: [legislature]
rests_on: [labour-inspection-records]
implementation:
  - jurisdiction: GB-EAW
    status: adopted
    as_of: 2025-05-27
    source: {title: Modern Slavery Act 2015 s. 45, url: "https://www.legislation.gov.uk/ukpga/2015/30/section/45"}
  - jurisdiction: US
    status: unknown
    as_of: 2025-05-28
`;

async function report(extraNotes: ContentFile[] = []) {
  const files = await fixtureKnowledgeFiles(noteFile('recommendation.md', TRACKED), ...extraNotes);
  const { knowledgeBase, problems } = buildKnowledgeBase(
    { ...files, authorities: [...(files.authorities ?? []), authorityFile('x-v-y', UNSETTLED_CASE)] },
    TODAY,
  );
  expect(problems).toEqual([]);
  return buildLinkReport(knowledgeBase!, TODAY);
}

describe('the links report', () => {
  it('lists every authority without a url with the sentence of its summary that explains it, and counts the linked ones', async () => {
    const { authorities, linked, unlinked } = await report();
    expect([authorities, linked]).toEqual([5, 1]);
    expect(unlinked.map((authority) => authority.id)).toEqual(['chowdury-v-greece', 'palermo-protocol', 'uk-yjcea-1999', 'x-v-y']);
    expect(unlinked.find((authority) => authority.id === 'x-v-y')).toEqual({
      id: 'x-v-y',
      file: 'authorities/x-v-y.yml',
      reason: 'No link: the judgment was not found stored.',
    });
    expect(unlinked.find((authority) => authority.id === 'palermo-protocol')!.reason).toBeUndefined();
  });

  it('lists tracker statuses confirmed more than 18 months ago, not one confirmed on the cut-off day', async () => {
    const { staleBefore, stale } = await report();
    expect(staleBefore).toBe('2025-05-28');
    expect(stale).toEqual([{ slug: 'recommendation', file: 'recommendation.md', jurisdiction: 'GB-EAW', status: 'adopted', asOf: '2025-05-27' }]);
  });

  it('lists the published notes citing a check-history authority, and no draft', async () => {
    const citing = noteFile('citing.md', `${VALID_FRONT_MATTER}\nauthorities: [x-v-y]`);
    const draft = noteFile('draft-citing.md', `${VALID_FRONT_MATTER}\nstatus: draft\nauthorities: [x-v-y]`);
    const { checkHistory } = await report([citing, draft]);
    expect(checkHistory).toEqual([{ slug: 'citing', authority: 'x-v-y' }]);
  });

  it('prints the three lists with their counts, and says when an authority gives no reason', async () => {
    const lines = formatLinkReport(await report());
    expect(lines[0]).toBe('Links: 1 of 5 authorities have a url (20.0 %); 4 without:');
    expect(lines).toContain('  authorities/x-v-y.yml  No link: the judgment was not found stored.');
    expect(lines.filter((line) => line.endsWith('gives no reason: say in its summary why there is no link'))).toHaveLength(3);
    expect(lines).toContain('Tracker statuses confirmed before 2025-05-28 (older than 18 months): 1');
    expect(lines).toContain('  recommendation.md  GB-EAW adopted, as_of 2025-05-27');
    expect(lines.at(-1)).toBe('Published notes citing a check-history authority: 0');
  });
});

describe('noLinkReason', () => {
  it('takes the last sentence that explains a missing link, whatever words it uses', () => {
    expect(noLinkReason('Holds X. Known here only through the UNODC Case Digest; date and deep link not verified.')).toBe(
      'Known here only through the UNODC Case Digest; date and deep link not verified.',
    );
    expect(noLinkReason('Holds X. No official text was found, so the decision is known from press reports. It binds no one.')).toBe(
      'No official text was found, so the decision is known from press reports.',
    );
    expect(noLinkReason('Holds X. It binds no one.')).toBeUndefined();
  });
});

describe('monthsBefore', () => {
  it('counts calendar months back across a year and clamps the day to the shorter month', () => {
    expect(monthsBefore('2026-11-28', 18)).toBe('2025-05-28');
    expect(monthsBefore('2026-08-31', 18)).toBe('2025-02-28');
    expect(monthsBefore('2026-01-15', 1)).toBe('2025-12-15');
  });
});
