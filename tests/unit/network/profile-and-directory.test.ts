import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../../server/knowledge/load-knowledge.js';
import { attributeNames, notesOfMember } from '../../../server/network/attribution.js';
import { expertiseIds, publicView, readProfileForm, validateProfileForm, type Profile } from '../../../server/network/profile.js';
import { readDirectoryQuery, searchDirectory } from '../../../server/network/search-directory.js';
import { FIXTURE_KNOWLEDGE } from '../../fixtures/fixture-files.js';

const { knowledgeBase } = await loadKnowledge(FIXTURE_KNOWLEDGE);
const taxonomy = knowledgeBase!.taxonomy;
const now = new Date('2026-11-28T00:00:00Z');

function person(handle: string, fields: Partial<Profile>): Profile {
  return {
    handle,
    displayName: handle,
    position: '',
    organisation: '',
    jurisdictions: [],
    languages: [],
    expertise: [],
    bio: '',
    contact: { email: `${handle}@example.org`, phone: '', other: '' },
    visibility: 'members',
    updatedAt: now.toISOString(),
    ...fields,
  };
}

describe('the profile form', () => {
  it('takes jurisdictions and languages as names or codes in any interface language', () => {
    const form = readProfileForm({
      display_name: ' A. Mensah ',
      jurisdictions: 'Ghana, côte d’ivoire; gb-eaw\nINT, Espagne',
      languages: 'English, français, tw, árabe',
      expertise: ['financial', 'financial', 'non-punishment'],
    });
    const { profile, problems } = validateProfileForm(form, { handle: 'a.mensah', taxonomy, now });
    expect(problems).toEqual([]);
    expect(profile).toMatchObject({
      displayName: 'A. Mensah',
      jurisdictions: ['GH', 'CI', 'GB-EAW', 'INT', 'ES'],
      languages: ['en', 'fr', 'tw', 'ar'],
      expertise: ['financial', 'non-punishment'],
      visibility: 'members',
    });
  });

  it('reports each problem against its field', () => {
    const form = readProfileForm({
      display_name: ['', 'x'],
      jurisdictions: 'Narnia',
      languages: 'Elvish',
      expertise: 'stages',
      contact_email: 'nope',
      visibility: 'everyone',
      bio: 'x'.repeat(1300),
    });
    const { profile, problems } = validateProfileForm(form, { handle: 'x1', taxonomy, now });
    expect(profile).toBeUndefined();
    expect(problems.map((problem) => `${problem.field}:${problem.message}`).sort()).toEqual([
      'bio:tooLong',
      'contact_email:badEmail',
      'display_name:required',
      'expertise:unknownExpertise',
      'jurisdictions:unknownJurisdiction',
      'languages:unknownLanguage',
      'visibility:badVisibility',
    ]);
  });

  it('offers exactly the ids of the evidence-type, technique and exploitation vocabularies', () => {
    const ids = expertiseIds(taxonomy);
    const expected = ['evidence_types', 'victim_centred_techniques', 'exploitation_types'].flatMap((facet) =>
      taxonomy.vocabularies[facet as 'evidence_types'].values.map((value) => value.id),
    );
    expect([...ids].sort()).toEqual([...new Set(expected)].sort());
    expect(ids.has('investigation')).toBe(false);
  });

  it('has a public view with name, jurisdictions, languages and expertise only', () => {
    const view = publicView(
      person('p1', { organisation: 'Org', bio: 'Bio', position: 'Role', jurisdictions: ['GH'], languages: ['en'], expertise: ['financial'] }),
    );
    expect(Object.keys(view).sort()).toEqual(['displayName', 'expertise', 'handle', 'jurisdictions', 'languages']);
  });
});

describe('the directory', () => {
  const profiles = [
    person('ama', { displayName: 'Ama', jurisdictions: ['GH'], languages: ['en'], expertise: ['financial'] }),
    person('bruno', { displayName: 'Bruno', jurisdictions: ['BR'], languages: ['pt', 'es'], expertise: ['labour-inspection', 'forced-labour'] }),
    person('chen', { displayName: 'Chen', jurisdictions: ['INT'], languages: ['zh', 'en'], expertise: ['financial'], organisation: 'UNODC' }),
  ];
  const find = (query: Record<string, string>) => searchDirectory(profiles, readDirectoryQuery(query), taxonomy).map((profile) => profile.handle);

  it('filters by jurisdiction, world region or regional system, language and expertise', () => {
    expect(find({ jurisdiction: 'GH' })).toEqual(['ama']);
    expect(find({ region: 'americas' })).toEqual(['bruno']);
    expect(find({ region: 'OAS' })).toEqual(['bruno']);
    expect(find({ region: 'global' })).toEqual(['chen']);
    expect(find({ language: 'en' })).toEqual(['ama', 'chen']);
    expect(find({ expertise: 'financial', language: 'zh' })).toEqual(['chen']);
  });

  it('searches names, places, languages and expertise labels in every interface language, most matches first', () => {
    expect(find({ q: 'who knows financial investigation in West Africa?' })[0]).toBe('ama');
    expect(find({ q: 'inspection du travail Brésil' })).toEqual(['bruno']);
    expect(find({ q: 'portugués' })).toEqual(['bruno']);
    expect(find({ q: 'unodc' })).toEqual(['chen']);
    expect(find({ q: 'the of in' })).toEqual(['ama', 'bruno', 'chen']);
  });
});

describe('attribution', () => {
  const profiles = new Map([
    ['open.one', person('open.one', { displayName: 'Open One', visibility: 'public' })],
    ['closed.one', person('closed.one', { displayName: 'Closed One' })],
  ]);

  it('links a public profile for anyone, a members-only profile only for members, and leaves other names as written', () => {
    expect(attributeNames(['open.one', 'closed.one', 'A.B.'], profiles, 'anonymous')).toEqual([
      { label: 'Open One', url: '/network/open.one' },
      { label: 'closed.one' },
      { label: 'A.B.' },
    ]);
    expect(attributeNames(['closed.one'], profiles, 'member')).toEqual([{ label: 'Closed One', url: '/network/closed.one' }]);
  });

  it('lists the notes a handle wrote or reviewed', () => {
    const notes = [
      { slug: 'b', title: 'B note', language: 'en', authors: ['open.one'], reviewers: [] },
      { slug: 'a', title: 'A note', language: 'fr', authors: [], reviewers: ['open.one'] },
      { slug: 'c', title: 'C note', language: 'en', authors: ['someone'], reviewers: [] },
    ];
    expect(notesOfMember('open.one', notes)).toEqual([
      { slug: 'a', title: 'A note', language: 'fr', contribution: 'reviewer' },
      { slug: 'b', title: 'B note', language: 'en', contribution: 'author' },
    ]);
  });
});
