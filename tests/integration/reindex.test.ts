import { indexedNote } from '../fixtures/fixture-files.js';
import { describe, expect, it } from 'vitest';
import { SearchEngineError } from '../../server/errors.js';
import { extractSearchText } from '../../server/content/render-note.js';
import { reindex, reindexIfStale, searchDocumentBatches } from '../../server/search/reindex.js';
import { toSearchDocument, type SearchDocument } from '../../server/search/search-document.js';
import { engineWriter, fixtureKnowledgeBase, noteQuery, TODAY } from './engine-test-context.js';

describe('full reindex', () => {
  it('creates the live index when there is none, and records the fingerprint', async () => {
    const kb = await fixtureKnowledgeBase();
    const index = engineWriter('reindex_first', kb);
    expect(await index.status()).toMatchObject({ reachable: true, indexPresent: false });
    expect(await reindexIfStale(index, kb, TODAY)).toMatchObject({ notes: 5 });
    expect(await index.status()).toMatchObject({ reachable: true, indexPresent: true, documentCount: 5 });
    expect(await reindexIfStale(index, kb, TODAY)).toBeUndefined();
    // The calendar alone can make the index stale: another note falls due for review.
    expect(await reindexIfStale(index, kb, '2027-06-01')).toMatchObject({ notes: 5 });
  });

  it('swaps atomically: searches during a reindex see the old or the new index, never an error or an empty one', async () => {
    const kb = await fixtureKnowledgeBase();
    const index = engineWriter('reindex_swap', kb);
    await reindex(index, kb, TODAY);
    const smaller = { ...kb, notes: kb.notes.slice(0, 3) };

    let running = true;
    const totals: number[] = [];
    const searching = (async () => {
      while (running) totals.push((await index.search(noteQuery(''))).totalHits);
    })();
    await reindex(index, smaller, TODAY);
    await reindex(index, kb, TODAY);
    running = false;
    await searching;

    expect(totals.length).toBeGreaterThan(5);
    expect(new Set(totals)).toEqual(new Set([5, 3]));
    expect(await index.documentCount()).toBe(5);
    const { results } = await index.client.getIndexes({ limit: 100 });
    expect(results.map((i) => i.uid).filter((uid) => uid.startsWith('reindex_swap__build-'))).toEqual([]);
  });

  it('lets two rebuilds run at once (replicas starting together): each builds under its own name, both complete, nothing is left behind', async () => {
    const kb = await fixtureKnowledgeBase();
    const first = engineWriter('reindex_together', kb);
    const second = engineWriter('reindex_together', kb);
    await Promise.all([reindex(first, kb, TODAY), reindex(second, kb, TODAY)]);
    expect(await first.documentCount()).toBe(5);
    await Promise.all([reindex(first, kb, TODAY), reindex(second, kb, TODAY), reindex(first, kb, TODAY)]);
    expect(await first.documentCount()).toBe(5);
    const { results } = await first.client.getIndexes({ limit: 100 });
    expect(results.map((i) => i.uid).filter((uid) => uid.includes('__build-'))).toEqual([]);
  });

  it("reports a failed task as a SearchEngineError with the engine's code, and leaves the live index untouched", async () => {
    const kb = await fixtureKnowledgeBase();
    const index = engineWriter('reindex_failure', kb);
    await reindex(index, kb, TODAY);
    const documents: SearchDocument[] = [];
    for await (const batch of searchDocumentBatches(kb, TODAY)) documents.push(...batch);
    const broken = [...documents, { ...documents[0]!, id: 'not a valid id!' }];

    const failure = await index.replaceAll([broken], { total: broken.length, fingerprint: 'x' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SearchEngineError);
    expect((failure as Error).message).toMatch(/failed \(invalid_document_id/);
    expect((failure as Error).cause).toMatchObject({ code: 'invalid_document_id' });
    expect(await index.documentCount()).toBe(5);
    const { results } = await index.client.getIndexes({ limit: 100 });
    expect(results.map((i) => i.uid).filter((uid) => uid.startsWith('reindex_failure__build-'))).toEqual([]);
  });

  it('upserts and removes a single note', async () => {
    const kb = await fixtureKnowledgeBase();
    const index = engineWriter('reindex_single', kb);
    await reindex(index, kb, TODAY);
    const note = kb.bySlug.get('labour-inspection-records')!;
    const whole = (await kb.readNote(note))!;
    await index.upsert(
      toSearchDocument({ ...indexedNote(note), title: 'Wage slips as proof of forced labour' }, extractSearchText(whole.body), kb.taxonomy, TODAY),
    );
    expect((await index.search(noteQuery('wage slips'))).hits[0]?.slug).toBe('labour-inspection-records');
    await index.remove('labour-inspection-records');
    expect(await index.documentCount()).toBe(4);
  });
});
