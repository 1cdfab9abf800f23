import { describe, expect, it } from 'vitest';
import type { KnowledgeBase, PublishedNote } from '../../../server/content/knowledge-base.js';
import { compactNote, withKeptBody } from '../../../server/content/compact-note.js';
import type { Note } from '../../../server/content/validate-note.js';
import { PackNoteIndex } from '../../../server/export/pack-note-index.js';

const EVIDENCE = ['victim-testimony', 'financial-records', 'phone-extraction', 'travel-documents', 'social-media'];
const TECHNIQUES = ['trauma-informed-interviewing', 'special-measures', 'interpreter'];

// Deterministic notes with overlapping tags and review dates, some tied.
function makeNotes(count: number): PublishedNote[] {
  return Array.from(
    { length: count },
    (_, i) =>
      ({
        slug: `note-${String(i).padStart(3, '0')}`,
        title: `Note ${i}`,
        summary: 'A summary.',
        language: 'en',
        jurisdictions: ['KE'],
        evidence_basis: 'practice',
        last_reviewed: `2026-0${1 + (i % 9)}-01`,
        evidence_types: EVIDENCE.filter((_, k) => (i + k) % 3 === 0),
        victim_centred_techniques: TECHNIQUES.filter((_, k) => (i * 7 + k) % 4 === 0),
      }) as unknown as PublishedNote,
  );
}

// The ranking the engine gives: most shared tags, then the most recently reviewed, then knowledge-base order.
function expectedRelated(notes: PublishedNote[], note: PublishedNote, limit: number): string[] {
  const tags = (n: PublishedNote) => [...n.evidence_types.map((id) => `e:${id}`), ...n.victim_centred_techniques.map((id) => `t:${id}`)];
  const own = new Set(tags(note));
  return notes
    .map((candidate, position) => ({ candidate, position, shared: tags(candidate).filter((tag) => own.has(tag)).length }))
    .filter(({ candidate, shared }) => shared > 0 && candidate.slug !== note.slug)
    .sort((a, b) => b.shared - a.shared || b.candidate.last_reviewed.localeCompare(a.candidate.last_reviewed) || a.position - b.position)
    .slice(0, limit)
    .map(({ candidate }) => candidate.slug);
}

describe('PackNoteIndex.related', () => {
  it('ranks like the engine: most shared tags, newest review, then order; never the note itself', async () => {
    const notes = makeNotes(120);
    const index = new PackNoteIndex({ notes } as unknown as KnowledgeBase, '2026-11-30');
    for (const note of notes) {
      const related = await index.related(note, 4);
      expect(related.map((hit) => hit.slug)).toEqual(expectedRelated(notes, note, 4));
    }
  });

  it('gives the same answer when asked twice (its counters are reset between calls)', async () => {
    const notes = makeNotes(40);
    const index = new PackNoteIndex({ notes } as unknown as KnowledgeBase, '2026-11-30');
    const first = await index.related(notes[3]!, 4);
    await index.related(notes[5]!, 4);
    expect(await index.related(notes[3]!, 4)).toEqual(first);
  });
});

describe('compactNote', () => {
  it('lists every field but the body, which it keeps compressed and gives back whole', () => {
    const note = { slug: 'a', title: 'A', body: '## What to do\n\nTake care.\n', bodyLine: 5 } as unknown as Note;
    const other = { slug: 'b', title: 'B', body: 'Another body.', bodyLine: 3 } as unknown as Note;
    const compact = compactNote(note);
    const compactOther = compactNote(other);
    expect(withKeptBody(compact)).toMatchObject({ slug: 'a', body: note.body, bodyLine: 5 });
    expect(withKeptBody(compactOther)?.body).toBe(other.body);
    expect(Object.keys(compact).sort()).toEqual(['digest', 'slug', 'title']);
    expect(compactNote({ ...note, body: 'changed' }).digest).not.toBe(compact.digest);
  });
});
