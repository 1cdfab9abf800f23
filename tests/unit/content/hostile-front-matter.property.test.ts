import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { buildKnowledgeBase } from '../../../server/content/build-knowledge-base.js';
import { buildNoteSchema } from '../../../server/content/front-matter-schema.js';
import { parseFrontMatter } from '../../../server/content/parse-front-matter.js';
import { validateNote } from '../../../server/content/validate-note.js';
import { fixtureKnowledgeFiles, VALID_FRONT_MATTER } from '../../fixtures/fixture-files.js';

const taxonomy = buildKnowledgeBase(await fixtureKnowledgeFiles(), '2026-11-28').knowledgeBase!.taxonomy;
const schema = buildNoteSchema(taxonomy, '2026-11-28');

/** Parses and validates one contributor file as the loader does; must return, not throw, and fast. */
function check(bytes: Uint8Array): void {
  const started = performance.now();
  const parsed = parseFrontMatter('contributed.md', bytes);
  const result = Array.isArray(parsed) ? parsed : validateNote(parsed, schema, taxonomy);
  expect(Array.isArray(result) || typeof result.slug === 'string').toBe(true);
  expect(performance.now() - started).toBeLessThan(1_000);
}

describe('the loader, given arbitrary contributor files', () => {
  it('reports problems for any text between --- lines, never throwing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        check(Buffer.from(`---\n${text}\n---\nbody\n`));
      }),
      { numRuns: 500 },
    );
  });

  // 500 files: on two cores shared with the engine tests, the default 5 s is not always enough.
  it('handles any YAML value for any field', () => {
    const field = fc.constantFrom(
      'title',
      'summary',
      'language',
      'jurisdictions',
      'stages',
      'sources',
      'last_reviewed',
      'translations',
      'aliases',
      'slug',
      'evidence_basis',
      'cross_border',
      'content_type',
      'audience',
      'rests_on',
      'implementation',
      '__proto__',
      'constructor',
    );
    fc.assert(
      fc.property(field, fc.jsonValue({ maxDepth: 3 }), (name, value) => {
        const frontMatter = VALID_FRONT_MATTER.replace(new RegExp(`^${name}:.*$`, 'm'), '') + stringify({ [name]: value });
        check(Buffer.from(`---\n${frontMatter}---\n## What to do\n`));
      }),
      { numRuns: 500 },
    );
  }, 30_000);

  it('reports a vocabulary value given as a mapping whose toString is a mapping (a counterexample fast-check found)', () => {
    const frontMatter = VALID_FRONT_MATTER.replace(/^evidence_basis:.*$/m, '') + stringify({ evidence_basis: { toString: {} } });
    const parsed = parseFrontMatter('contributed.md', Buffer.from(`---\n${frontMatter}---\n## What to do\n`));
    const problems = Array.isArray(parsed) ? parsed : validateNote(parsed, schema, taxonomy);
    expect(problems).toEqual([
      expect.objectContaining({ field: 'evidence_basis', message: expect.stringMatching(/^must be one of the \d+ allowed values, got a set of fields$/) }),
    ]);
  });

  it('handles arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        check(Uint8Array.from([...Buffer.from('---\n'), ...bytes]));
        check(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves Object.prototype alone whatever the keys', () => {
    fc.assert(
      fc.property(fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.jsonValue({ maxDepth: 2 }), (key, value) => {
        check(Buffer.from(`---\n${stringify({ [key]: { polluted: value } })}---\n`));
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 100 },
    );
  });
});
