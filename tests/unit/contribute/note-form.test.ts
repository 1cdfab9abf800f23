import { describe, expect, it } from 'vitest';
import { formToMarkdown, markdownToForm, readNoteForm } from '../../../server/contribute/note-form.js';

const ORIGINAL = `---
title: "Corroborating coercion with phone evidence"
summary: Use the phones to show control, so the case does not rest on the victim's account alone.
language: en
jurisdictions: [GB-EAW, RO]  # both systems
evidence_types:
  - digital-device
  - corroboration-strategy
stages: [investigation]
evidence_basis: practitioner-consensus
evidence_note: Recommended in prosecution guidance.
last_reviewed: 2026-06-30
authorities:
  - rantsev-v-cyprus-and-russia
aliases: [phone-evidence-coercion]
---
## What to do

- Seize both handsets early.
`;

const FIELDS = {
  content_type: 'practice-note',
  regions: [],
  victim_centred_techniques: [],
  exploitation_types: [],
  victim_profile: [],
  cross_border: false,
  tech_facilitated: false,
};

describe('a suggested edit rewrites only what changed', () => {
  const form = markdownToForm(ORIGINAL, '2026-11-30');

  it('gives back the file byte for byte when nothing changed (defaults the file leaves out stay out)', () => {
    expect(formToMarkdown(form, {}, { markdown: ORIGINAL, fields: FIELDS })).toBe(ORIGINAL);
  });

  it('changes one line for a one-word edit, keeping order, quoting, comments, flow lists and fields the form does not show', () => {
    const edited = formToMarkdown({ ...form, summary: form.summary.replace('show control', 'prove control') }, {}, { markdown: ORIGINAL, fields: FIELDS });
    const before = ORIGINAL.split('\n');
    const after = edited.split('\n');
    expect(after).toHaveLength(before.length);
    expect(after.filter((line, index) => line !== before[index])).toEqual([before[2]!.replace('show control', 'prove control')]);
  });

  it('removes a field the contributor emptied, adds a new one, and keeps the body when only the front matter changed', () => {
    const edited = formToMarkdown({ ...form, evidence_note: '', tech_facilitated: true }, {}, { markdown: ORIGINAL, fields: FIELDS });
    expect(edited).not.toContain('evidence_note');
    expect(edited).toContain('tech_facilitated: true');
    expect(edited.endsWith('## What to do\n\n- Seize both handsets early.\n')).toBe(true);
    expect(edited).toContain('authorities:\n  - rantsev-v-cyprus-and-russia');
  });

  it('a new note is written from the form alone', () => {
    const markdown = formToMarkdown({ ...readNoteForm({ title: 'A title', jurisdictions: ['ke', 'GH'] }, '2026-11-30'), body: 'Text' });
    expect(markdown).toContain('jurisdictions:\n  - KE\n  - GH');
    expect(markdown.endsWith('---\nText\n')).toBe(true);
  });
});
