import { beforeAll, describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from '../../server/content/build-knowledge-base.js';
import type { MeilisearchNoteWriter } from '../../server/search/meilisearch-note-writer.js';
import { extractSearchText } from '../../server/content/render-note.js';
import { reindex } from '../../server/search/reindex.js';
import { toSearchDocument } from '../../server/search/search-document.js';
import { createTranslator } from '../../server/web/i18n.js';
import { toHitModel } from '../../server/web/view-models/search-hits.js';
import { indexedNote, fixtureKnowledgeFiles, noteFile } from '../fixtures/fixture-files.js';
import { engineWriter, fixtureKnowledgeBase, noteQuery, TODAY } from './engine-test-context.js';

// Notes as a contributor would write them (not one of the fixtures the search was tuned on): the
// word "payslips" appears only in the plural, and only in one section.
const CONTRIBUTED = noteFile(
  'kitchen-workers-wage-records.md',
  `
title: Restaurant kitchen workers and the records an employer keeps
summary: Ask for the employer's own records early; they show hours worked and what was withheld.
language: en
jurisdictions: [GB-EAW]
evidence_types: [documentary, financial]
stages: [investigation]
exploitation_types: [forced-labour]
evidence_basis: practitioner-consensus
last_reviewed: 2026-06-01
`,
  `## What to do

Ask the restaurant for its rota and staff list before the interviews.

## The employer's records

Seize the payslips, the cash book and the rota; compare them with what the cooks say they were paid.

## Why it matters

Recruiters in these cases often hold the workers' documents.
`,
);
const EXACT = noteFile(
  'recruiters-as-witnesses.md',
  `
title: Recruiters who later agree to give evidence
summary: A recruiter who turns witness can explain the whole chain, but check first whether they were exploited too.
language: en
jurisdictions: [INT]
evidence_types: [witness-testimony]
stages: [investigation]
evidence_basis: emerging-practice
last_reviewed: 2026-06-01
`,
  '## What to do\n\nTalk to the recruiters separately.\n',
);

// Two notes a contributor might write: the first is titled with two of the three words of "phone
// evidence control"; the second has one in its title and a section (and a related-notes link) with all
// three. The note titled with the topic must come first.
const TITLED = noteFile(
  'handset-seizure-proving-control.md',
  `
title: Handset seizure in brothel raids, proving control from the phone
summary: Seize and image the suspects' handsets at arrest and show who gave the orders.
language: en
jurisdictions: [INT]
evidence_types: [digital-device]
stages: [investigation]
evidence_basis: practitioner-consensus
last_reviewed: 2026-06-01
`,
  '## What to do\n\nImage the handsets the same day.\n\n## Legal basis and evidence\n\nThe extraction report is an exhibit.\n',
);
const NEIGHBOUR = noteFile(
  'social-media-evidence-capture.md',
  `
title: Social media evidence, captured before it disappears
summary: Capture public posts and profiles in a documented way and tie them to the suspects' phones.
language: en
jurisdictions: [INT]
evidence_types: [online-osint]
stages: [investigation]
evidence_basis: practitioner-consensus
last_reviewed: 2026-06-01
`,
  '## When it applies\n\nPosts showing control of victims, with the phone number of the poster.\n\n## Related notes\n\n- [Handset seizure: proving control from the phone](/notes/handset-seizure-proving-control)\n',
);

let index: MeilisearchNoteWriter;

beforeAll(async () => {
  const { knowledgeBase, problems } = buildKnowledgeBase(await fixtureKnowledgeFiles(CONTRIBUTED, EXACT, TITLED, NEIGHBOUR), TODAY);
  if (!knowledgeBase || problems.length > 0) throw new Error(JSON.stringify(problems));
  index = engineWriter('sections', knowledgeBase);
  await reindex(index, knowledgeBase, TODAY);
});

describe('section-level answers with stems', () => {
  it('finds a word that appears only in its plural in one section, names the section and links to it', async () => {
    const result = await index.search(noteQuery('payslip'));
    const [first] = result.hits;
    expect(first?.slug).toBe('kitchen-workers-wage-records');
    expect(first?.section).toEqual({ id: 'the-employers-records', heading: "The employer's records" });
    expect(first?.snippetHtml).toContain('<mark>payslip');
    const model = toHitModel(first!, (await fixtureKnowledgeBase()).taxonomy, 'en', createTranslator('en'));
    expect(model.url).toBe('/notes/kitchen-workers-wage-records#the-employers-records');
  });

  it('ranks the exact form above another form of the same stem', async () => {
    const slugs = (await index.search(noteQuery('recruiters'))).hits.map((hit) => hit.slug);
    expect(slugs).toContain('kitchen-workers-wage-records');
    expect(slugs.indexOf('recruiters-as-witnesses')).toBeLessThan(slugs.indexOf('kitchen-workers-wage-records'));
    expect((await index.search(noteQuery('recruiting'))).hits.map((hit) => hit.slug)).toContain('recruiters-as-witnesses');
  });

  it("ranks the note titled with the query's words above a note whose one section holds them all", async () => {
    const slugs = (await index.search(noteQuery('phone evidence control'))).hits.map((hit) => hit.slug);
    expect(slugs).toContain('social-media-evidence-capture');
    expect(slugs.indexOf('handset-seizure-proving-control')).toBeLessThan(slugs.indexOf('social-media-evidence-capture'));
    // A link to another note is that note's topic, not the section's: its words match nothing here.
    // "seizure" is in the neighbour only inside that link. ("handset seizure" may still list the
    // neighbour lower down: a query's first word is the one every hit contains, and the neighbour
    // says "phone", a synonym of "handset", in its own words.)
    const seizure = (await index.search(noteQuery('handset seizure'))).hits.map((hit) => hit.slug);
    expect(seizure[0]).toBe('handset-seizure-proving-control');
    const linked = (await index.search(noteQuery('seizure'))).hits.map((hit) => hit.slug);
    expect(linked).toContain('handset-seizure-proving-control');
    expect(linked).not.toContain('social-media-evidence-capture');
  });

  it('counts notes, not sections, in totals and facets', async () => {
    const result = await index.search(noteQuery('rota'));
    expect(result.totalHits).toBe(1);
    expect(result.hits).toHaveLength(1);
    expect(result.facets.jurisdictions).toEqual({ 'GB-EAW': 1 });
    const [count] = await index.count([{ query: noteQuery('rota'), facets: ['language'] }]);
    expect(count).toEqual({ totalHits: 1, facets: { language: { en: 1 } } });
  });

  it('answers a query with a word no note contains without that word, and says so', async () => {
    const result = await index.search(noteQuery('qqqzzz payslip'));
    expect(result.relaxed).toEqual({ dropped: ['qqqzzz'], text: 'payslip' });
    expect(result.hits[0]?.slug).toBe('kitchen-workers-wage-records');
  });

  it('offers "Did you mean" from the index\'s own words, body words included, in the same search', async () => {
    // "payslips" is a word of one section's body only; "restaurant" of a title and a body.
    expect((await index.search(noteQuery('paysilps'))).didYouMean).toBe('payslips');
    expect((await index.search(noteQuery('restaurnt rota'))).didYouMean).toBe('restaurant rota');
    expect((await index.search(noteQuery('restaurant rota'))).didYouMean).toBeUndefined();
    expect((await index.search(noteQuery('qqqzzzqq'))).didYouMean).toBeUndefined();
  });

  it('re-indexes an edited note without leaving its old sections behind', async () => {
    const { knowledgeBase } = buildKnowledgeBase(await fixtureKnowledgeFiles(CONTRIBUTED, EXACT), TODAY);
    const note = knowledgeBase!.bySlug.get('kitchen-workers-wage-records')!;
    await index.upsert(toSearchDocument(indexedNote(note), extractSearchText('## What to do\n\nCheck the rota.\n'), knowledgeBase!.taxonomy, TODAY));
    expect((await index.search(noteQuery('payslips'))).hits.map((hit) => hit.slug)).not.toContain('kitchen-workers-wage-records');
    expect((await index.search(noteQuery('rota'))).totalHits).toBe(1);
    // An edit adds its new words to the words index at once.
    await index.upsert(toSearchDocument(indexedNote(note), extractSearchText('## What to do\n\nCheck the timesheets.\n'), knowledgeBase!.taxonomy, TODAY));
    expect((await index.search(noteQuery('timesheetz'))).didYouMean).toBe('timesheets');
  });

  it('finds a note by a synonym of the words it uses, in another form, after an edit as after a full index', async () => {
    const { knowledgeBase } = buildKnowledgeBase(await fixtureKnowledgeFiles(CONTRIBUTED, EXACT), TODAY);
    const note = knowledgeBase!.bySlug.get('kitchen-workers-wage-records')!;
    // "bonded labourers" is in the group of "debt bondage" (synonyms.yml) in another form; no other word matches.
    await index.upsert(
      toSearchDocument(indexedNote(note), extractSearchText('## What they owed\n\nThe cooks were held as bonded labourers.\n'), knowledgeBase!.taxonomy, TODAY),
    );
    for (const query of ['debt bondage', 'servidumbre por deudas', 'bonded labour']) {
      const result = await index.search(noteQuery(query));
      expect(
        result.hits.map((hit) => hit.slug),
        query,
      ).toContain('kitchen-workers-wage-records');
    }
    // Words of the group apart are not the group: "debt" alone is no synonym of "bonded labour".
    expect((await index.search(noteQuery('debt'))).hits.map((hit) => hit.slug)).not.toContain('kitchen-workers-wage-records');
  });
});
