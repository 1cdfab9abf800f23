import { beforeAll } from 'vitest';
import type { KnowledgeBase } from '../../server/content/knowledge-base.js';
import type { MeilisearchNoteWriter } from '../../server/search/meilisearch-note-writer.js';
import { reindex } from '../../server/search/reindex.js';
import { describeNoteIndexContract } from '../contract/note-index-contract.js';
import { engineWriter, fixtureKnowledgeBase, TODAY } from './engine-test-context.js';

// The Meilisearch adapter against the NoteIndex contract that the in-memory index of the HTTP
// tests is held to as well (tests/http/note-index-contract.test.ts).
let knowledgeBase: KnowledgeBase;
let index: MeilisearchNoteWriter;

beforeAll(async () => {
  knowledgeBase = await fixtureKnowledgeBase();
  index = engineWriter('note_index_contract', knowledgeBase);
  await reindex(index, knowledgeBase, TODAY);
});

describeNoteIndexContract('Meilisearch', () => ({ index, knowledgeBase, today: TODAY }));
