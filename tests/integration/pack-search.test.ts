import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../server/content/knowledge-base.js';
import { loadKnowledge } from '../../server/knowledge/load-knowledge.js';
import { judgedCorpus } from '../../scripts/eval/run-eval.js';
import { openPackSearch } from '../../scripts/eval/pack-overlap.js';

// The United Kingdom pack of the starter corpus holds notes in French, English and Spanish, French
// bundle first: the case where one Pagefind loader for every language found no English note.
let knowledgeBase: KnowledgeBase;
let pack: Awaited<ReturnType<typeof openPackSearch>>;

beforeAll(async () => {
  const { knowledgeBase: everything } = await loadKnowledge('knowledge');
  knowledgeBase = judgedCorpus(path.join('tests', 'relevance', 'queries.yml'), everything!);
  pack = await openPackSearch(knowledgeBase, { jurisdictions: ['GB'], languages: [] }, 'en', '2026-11-28');
}, 120_000);

afterAll(() => pack?.close());

describe("an offline pack's search, as its page runs it (public/pack-query.js)", () => {
  it("finds English notes by English words whatever language the pack's first bundle is in", async () => {
    expect((await pack.search('forced begging'))[0]).toBe('cassazione-37638-2012-forced-begging');
  });

  it('matches a question as the site does: every word, then fewer from the end, the stop words left out', async () => {
    // No note holds every word of it: Pagefind alone answered nothing.
    const found = await pack.search('what if the victim refuses to testify against the traffickers?');
    expect(found).toEqual(expect.arrayContaining(['mosaic-of-evidence-beyond-victim-testimony', 'build-cases-that-do-not-rest-on-the-victim-alone']));
  });

  it("finds a note by a glossary term it does not use, as the site's synonym tokens do", async () => {
    const found = await pack.search('JIT');
    expect(found).toContain('evidence-from-abroad-mla-and-jits');
  });
});
