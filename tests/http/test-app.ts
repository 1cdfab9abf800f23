import type { Express } from 'express';
import { buildKnowledgeBase } from '../../server/content/build-knowledge-base.js';
import type { KnowledgeBase } from '../../server/content/knowledge-base.js';
import { createApp } from '../../server/web/create-app.js';
import { createNoteRenderer } from '../../server/web/note-renderer.js';
import { fixtureKnowledgeFiles } from '../fixtures/fixture-files.js';
import { InMemoryNoteIndex } from './in-memory-note-index.js';

// One renderer (two worker pools) for every app a test file builds: threads start once.
const sharedRenderer = createNoteRenderer();

/** The app on the fixture knowledge base, with an in-memory NoteIndex and a fixed date. */
export async function createTestApp(): Promise<{ app: Express; noteIndex: InMemoryNoteIndex; kb: KnowledgeBase }> {
  const { knowledgeBase } = buildKnowledgeBase(await fixtureKnowledgeFiles(), '2026-11-28');
  if (!knowledgeBase) throw new Error('fixture knowledge base is invalid');
  const noteIndex = new InMemoryNoteIndex(knowledgeBase);
  const app = createApp({ noteIndex, knowledgeBase, today: () => '2026-11-28', publicUrl: 'https://casebook.example.org', renderer: sharedRenderer });
  return { app, noteIndex, kb: knowledgeBase };
}
