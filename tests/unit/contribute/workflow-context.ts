import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DecisionContext } from '../../../server/contribute/decide-submission.js';
import { openLiveKnowledge } from '../../../server/knowledge/live-knowledge.js';
import { FIXTURE_KNOWLEDGE } from '../../fixtures/fixture-files.js';
import { createTestStores } from '../../test-database.js';

export const TODAY = '2026-11-28';

/** A valid note no fixture has. */
export const NEW_NOTE = `---
title: Using wire-transfer records to prove a debt was never repayable
summary: Ask money-transfer firms for the records behind the debt the victim was told to repay, and show the debt could never be cleared.
language: en
jurisdictions: [KE]
evidence_types: [financial]
stages: [investigation]
evidence_basis: practitioner-consensus
last_reviewed: 2026-11-01
---
## What to do

Request the transfer records early.
`;

/**
 * The workflow's context on a fresh database and a copy of the fixture knowledge made a git
 * repository (as the server opens it), so an approval is a real commit there.
 */
export async function workflowContext() {
  const knowledgeDir = path.join(mkdtempSync(path.join(tmpdir(), 'casebook-workflow-')), 'knowledge');
  cpSync(FIXTURE_KNOWLEDGE, knowledgeDir, { recursive: true, dereference: true });
  const knowledge = await openLiveKnowledge({ knowledgeDir, syncMs: 3_600_000 });
  const stores = await createTestStores();
  const context: DecisionContext = { submissions: stores.submissions, knowledge, today: TODAY };
  return { ...stores, knowledge, knowledgeDir, context };
}
