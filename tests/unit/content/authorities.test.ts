import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from '../../../server/content/build-knowledge-base.js';
import type { ContentFile } from '../../../server/content/knowledge-base.js';
import { findAuthorityLinks } from '../../../server/content/check-citations.js';
import { fixtureKnowledgeFiles, noteFile, VALID_FRONT_MATTER } from '../../fixtures/fixture-files.js';

const TODAY = '2026-11-28';

function authorityFile(id: string, yaml: string): ContentFile {
  return { path: `authorities/${id}.yml`, bytes: Buffer.from(yaml.trim() + '\n') };
}

const VALID_CASE = `
kind: case
title: A v B
citation: "[2020] EWCA Crim 1"
court: Court of Appeal (Criminal Division)
jurisdiction: GB-EAW
date: 2020-01-10
language: [en]
summary: Holds something useful about proving control without the victim's account.
status: good-law
`;

async function build(authorities: ContentFile[], notes: ContentFile[] = []) {
  const files = await fixtureKnowledgeFiles(...notes);
  return buildKnowledgeBase({ ...files, authorities: [...(files.authorities ?? []), ...authorities] }, TODAY);
}

describe('authority files', () => {
  it('load with the fixture knowledge base, and each lists the published notes citing it with pinpoint and section', async () => {
    const { knowledgeBase, problems } = await build([]);
    expect(problems).toEqual([]);
    expect(knowledgeBase!.authorities.map((authority) => authority.id)).toEqual([
      'chowdury-v-greece',
      'palermo-protocol',
      'rantsev-v-cyprus-and-russia',
      'uk-yjcea-1999',
    ]);
    expect(knowledgeBase!.citedBy.get('palermo-protocol')).toEqual([
      { slug: 'labour-inspection-records', pinpoint: 'art-3', provision: 'art-3', section: { id: 'why-it-matters', heading: 'Why it matters' } },
    ]);
    expect(knowledgeBase!.citedBy.get('chowdury-v-greece')).toEqual([
      { slug: 'labour-inspection-records', pinpoint: '§§ 93-101', provision: undefined, section: { id: 'what-to-do', heading: 'What to do' } },
    ]);
  });

  it("refuse a home-page URL, in an authority and in a note's sources", async () => {
    const { problems } = await build(
      [authorityFile('home', `${VALID_CASE}\nurl: https://www.bailii.org/`)],
      [noteFile('home-source.md', `${VALID_FRONT_MATTER}\nsources:\n  - title: UNODC\n    url: https://www.unodc.org/`)],
    );
    expect(problems.map((problem) => [problem.file, problem.field, problem.message])).toEqual([
      ['home-source.md', 'sources.0.url', expect.stringContaining("is a site's home page")],
      ['authorities/home.yml', 'url', expect.stringContaining("is a site's home page")],
    ]);
  });

  it('refuse an unknown citation, an unknown provision and a body link to either, each located with a did-you-mean', async () => {
    const note = noteFile(
      'cites.md',
      `${VALID_FRONT_MATTER}\nauthorities:\n  - palermo-protocl\n  - { id: palermo-protocol, pinpoint: art-33 }\n  - { id: uk-yjcea-1999, pinpoint: "§ 4 (text is fine)" }`,
      '## What to do\n\nSee [Article 3](/authorities/palermo-protocol#art-9) and [this](/authorities/nowhere).\n',
    );
    const { problems } = await build([], [note]);
    expect(problems.map((problem) => [problem.line, problem.field, problem.message, problem.hint])).toEqual([
      [12, 'authorities.0', 'cites "palermo-protocl", which is not an authority in knowledge/authorities/', 'did you mean "palermo-protocol"?'],
      [13, 'authorities.1.pinpoint', '"art-33" is not a provision of palermo-protocol', expect.stringContaining('"art-3"')],
      [18, 'body', 'links to /authorities/palermo-protocol#art-9, which is not one of its provisions', expect.stringContaining('art-3')],
      [18, 'body', 'cites "nowhere", which is not an authority in knowledge/authorities/', expect.any(String)],
    ]);
  });

  it('refuse a history that points to an unknown authority or loops back on itself', async () => {
    const { problems } = await build([
      authorityFile('first', `${VALID_CASE}\nhistory:\n  - { relation: followed, authority: second, date: 2021-01-01 }`),
      authorityFile(
        'second',
        `${VALID_CASE}\nhistory:\n  - { relation: followed, authority: first, date: 2022-01-01 }\n  - { relation: appealed, authority: thrid, date: 2022-02-01 }`,
      ),
    ]);
    expect(problems.map((problem) => [problem.file, problem.field, problem.message])).toEqual([
      ['authorities/second.yml', 'history.1.authority', '"thrid" is not an authority in knowledge/authorities/'],
      ['authorities/first.yml', 'history', 'forms a cycle: first → second → first'],
    ]);
  });

  it('refuse a duplicate id, a superseded law without its replacement, and an unknown field', async () => {
    const { problems } = await build([
      authorityFile('palermo-protocol', VALID_CASE),
      authorityFile('old-act', VALID_CASE.replace('kind: case', 'kind: legislation').replace('good-law', 'repealed')),
      authorityFile('typo', `${VALID_CASE}\nprovision:\n  - { id: s-1, label: Section 1 }`),
    ]);
    expect(problems.map((problem) => [problem.file, problem.field, problem.message])).toEqual([
      ['authorities/palermo-protocol.yml', 'file', 'the id "palermo-protocol" is already used by another authority file'],
      ['authorities/old-act.yml', 'status', 'is "repealed" but replaced_by is missing'],
      ['authorities/typo.yml', 'provision', 'is not a known field'],
    ]);
  });

  it('keep a renamed authority reachable by its former ids, and refuse an alias another authority holds, at its line', async () => {
    const { knowledgeBase } = await build([authorityFile('renamed-case', `${VALID_CASE}\naliases: [old-case-name]`)]);
    expect(knowledgeBase!.authorityAliases.get('old-case-name')).toBe('renamed-case');
    // The fixture's Rantsev file keeps rantsev-v-cyprus; palermo-protocol is an authority's id. Files
    // are read in id order, so the first to claim an alias keeps it and the other file is refused.
    const clash = authorityFile('clash', `${VALID_CASE}\naliases:\n  - rantsev-v-cyprus\n  - palermo-protocol`);
    const { problems } = await build([clash]);
    const lineOf = (bytes: Uint8Array, text: string) => Buffer.from(bytes).toString().split('\n').indexOf(text) + 1;
    const rantsev = readFileSync(new URL('../../fixtures/knowledge/authorities/rantsev-v-cyprus-and-russia.yml', import.meta.url));
    expect(problems.map((problem) => [problem.file, problem.line, problem.field, problem.message])).toEqual([
      [
        'authorities/clash.yml',
        lineOf(clash.bytes, '  - palermo-protocol'),
        'aliases.1',
        '"palermo-protocol" is already the id or an alias of palermo-protocol',
      ],
      [
        expect.stringMatching(/authorities\/rantsev-v-cyprus-and-russia\.yml$/),
        lineOf(rantsev, 'aliases: [rantsev-v-cyprus]'),
        'aliases.0',
        '"rantsev-v-cyprus" is already the id or an alias of clash',
      ],
    ]);
  });

  it('warn, without failing, when a note rated binding law cites no authority', async () => {
    const { problems, knowledgeBase } = await build(
      [],
      [noteFile('law.md', `${VALID_FRONT_MATTER.replace('emerging-practice', 'binding-law')}\nsources:\n  - title: An Act\n    citation: 2020 c. 1`)],
    );
    expect(problems).toEqual([expect.objectContaining({ file: 'law.md', field: 'authorities', severity: 'warning' })]);
    expect(knowledgeBase!.bySlug.has('law')).toBe(true);
  });
});

describe('findAuthorityLinks', () => {
  it('finds each link (located at its address) with its section anchor as the page renders it, skipping code', () => {
    const body =
      '## What the court held\n\nIn [Rantsev](/authorities/rantsev-v-cyprus-and-russia) the Court…\n\n```\n[not](/authorities/code)\n```\n\n## cb citation\n\n[Art. 3](/authorities/palermo-protocol#art-3)\n';
    expect(findAuthorityLinks(body, 10)).toEqual([
      {
        target: 'rantsev-v-cyprus-and-russia',
        fragment: undefined,
        line: 12,
        column: 14,
        section: { id: 'what-the-court-held', heading: 'What the court held' },
      },
      { target: 'palermo-protocol', fragment: 'art-3', line: 20, column: 10, section: { id: 'user-content-cb-citation', heading: 'cb citation' } },
    ]);
  });
});

describe('an authority marked "check-history"', () => {
  it('is refused without a history entry, at the status line, with a fix', async () => {
    const { problems } = await build([authorityFile('a-v-b', VALID_CASE.replace('status: good-law', 'status: check-history'))]);
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'authorities/a-v-b.yml',
        line: 9,
        column: 9,
        field: 'status',
        message: expect.stringContaining('"check-history" but history is empty'),
        hint: expect.stringContaining('history: [{ relation: appealed'),
      }),
    ]);
  });

  it('passes with the later decision named', async () => {
    const yaml = VALID_CASE.replace(
      'status: good-law',
      'history:\n  - { relation: appealed, citation: "[2021] UKSC 1", date: 2021-03-01 }\nstatus: check-history',
    );
    const { problems } = await build([authorityFile('a-v-b', yaml)]);
    expect(problems).toEqual([]);
  });
});
