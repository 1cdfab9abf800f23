import { describe, expect, it } from 'vitest';
import type { Authority } from '../../../server/content/authority.js';
import { createTranslator } from '../../../server/web/i18n.js';
import { citeAuthority, citeNote, pinpointOf } from '../../../server/web/view-models/citations.js';

const R_V_L: Authority = {
  id: 'r-v-l-hvn-thn-and-t',
  file: 'authorities/r-v-l-hvn-thn-and-t.yml',
  aliases: [],
  kind: 'case',
  title: 'R v L, HVN, THN and T',
  citation: '[2013] EWCA Crim 991; [2013] 2 Cr App R 23; [2014] 1 All ER 113',
  court: 'Court of Appeal (Criminal Division), England and Wales',
  jurisdiction: 'GB-EAW',
  regions: [],
  date: '2013-06-21',
  language: ['en'],
  other_urls: [],
  summary: 'x'.repeat(30),
  provisions: [],
  history: [],
  status: 'good-law',
};
const KENYA_ACT: Authority = {
  ...R_V_L,
  id: 'kenya-counter-trafficking-act-2010',
  kind: 'legislation',
  title: 'Counter-Trafficking in Persons Act (Kenya)',
  citation: 'Cap. 61 (formerly Act No. 8 of 2010)',
  court: 'Parliament of Kenya',
  jurisdiction: 'KE',
  date: undefined,
  provisions: [{ id: 's-13', label: 'Section 13 — Restitution' }],
};

describe('citeAuthority', () => {
  it('names a case in full: its name, every report, its court and date; OSCOLA-like, name and reports', () => {
    expect(citeAuthority(R_V_L, 'en')).toEqual({
      plain:
        'R v L, HVN, THN and T. [2013] EWCA Crim 991; [2013] 2 Cr App R 23; [2014] 1 All ER 113. Court of Appeal (Criminal Division), England and Wales, 21 June 2013.',
      oscola: 'R v L, HVN, THN and T [2013] EWCA Crim 991, [2013] 2 Cr App R 23, [2014] 1 All ER 113',
    });
    expect(citeAuthority(R_V_L, 'fr').plain).toContain('21 juin 2013');
  });

  it('names an Act by its title and adds the section a link points at', () => {
    const [section] = KENYA_ACT.provisions;
    expect(citeAuthority(KENYA_ACT, 'en', section)).toEqual({
      plain: 'Counter-Trafficking in Persons Act (Kenya). Cap. 61 (formerly Act No. 8 of 2010). Parliament of Kenya. Section 13 — Restitution.',
      oscola: 'Counter-Trafficking in Persons Act (Kenya), Cap. 61 (formerly Act No. 8 of 2010), s 13',
    });
  });

  it('shortens provision ids the OSCOLA way, and keeps a label it cannot shorten', () => {
    expect(pinpointOf({ id: 'art-3', label: 'Article 3' })).toBe('art 3');
    expect(pinpointOf({ id: 'ss-8-10', label: 'Sections 8-10' })).toBe('ss 8-10');
    expect(pinpointOf({ id: 'preamble', label: 'Preamble' })).toBe('Preamble');
  });
});

describe('citeNote', () => {
  it("gives the review and access dates in the reader's language, never ISO", () => {
    const input = { title: 'Preuve téléphonique', lastReviewed: '2026-06-30', url: 'https://casebook.example.org/notes/preuve', accessed: '2026-12-07' };
    const french = citeNote(input, 'fr', createTranslator('fr'));
    expect(french.plain).toBe(
      'Casebook, «\u202fPreuve téléphonique\u202f», dernière révision le 30 juin 2026, https://casebook.example.org/notes/preuve (consulté le 7 décembre 2026).',
    );
    expect(french.oscola).toBe(
      'Casebook, «\u202fPreuve téléphonique\u202f» (dernière révision le 30 juin 2026) <https://casebook.example.org/notes/preuve> consulté le 7 décembre 2026',
    );
    expect(citeNote(input, 'es', createTranslator('es')).plain).toContain('revisada por última vez el 30 de junio de 2026');
    expect(JSON.stringify(french)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(citeNote({ ...input, version: { id: '0123456789ab', date: '2026-12-01' } }, 'en', createTranslator('en')).plain).toContain(
      '“Preuve téléphonique” (version 0123456789ab of 1 December 2026), last reviewed',
    );
  });
});
