import { beforeAll } from 'vitest';
import { buildKnowledgeBase } from '../../server/content/build-knowledge-base.js';
import type { KnowledgeBase } from '../../server/content/knowledge-base.js';
import { describeNoteIndexContract } from '../contract/note-index-contract.js';
import { fixtureKnowledgeFiles } from '../fixtures/fixture-files.js';
import { InMemoryNoteIndex } from './in-memory-note-index.js';

// The in-memory index the HTTP tests stand on answers as the Meilisearch adapter does
// (tests/integration/note-index-contract.test.ts runs the same assertions against the engine).
const TODAY = '2026-11-28';
let knowledgeBase: KnowledgeBase;
let index: InMemoryNoteIndex;

beforeAll(async () => {
  const { knowledgeBase: built } = buildKnowledgeBase(await fixtureKnowledgeFiles(), TODAY);
  if (!built) throw new Error('fixture knowledge base is invalid');
  knowledgeBase = built;
  index = new InMemoryNoteIndex(knowledgeBase, TODAY);
});

describeNoteIndexContract('in memory', () => ({ index, knowledgeBase, today: TODAY }));
