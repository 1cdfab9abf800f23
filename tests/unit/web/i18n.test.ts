import { describe, expect, it } from 'vitest';
import en from '../../../server/web/messages/en.json' with { type: 'json' };
import es from '../../../server/web/messages/es.json' with { type: 'json' };
import fr from '../../../server/web/messages/fr.json' with { type: 'json' };
import { chooseLanguage, countNotes, createTranslator, formatDate } from '../../../server/web/i18n.js';

const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();

describe('messages', () => {
  it.each([
    ['fr', fr],
    ['es', es],
  ] as const)('%s has every English key, with the same placeholders', (_language, messages) => {
    expect(Object.keys(messages)).toEqual(Object.keys(en));
    for (const [key, text] of Object.entries(en)) expect(placeholders((messages as Record<string, string>)[key]!), key).toEqual(placeholders(text));
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(createTranslator('fr')('note.reviewDue', { date: '1 janvier 2020' })).toBe(fr['note.reviewDue'].replace('{date}', '1 janvier 2020'));
    expect(createTranslator('en')('notes.other')).toBe('{count} notes');
  });

  it("counts notes by each language's plural rules", () => {
    expect([countNotes(1, 'en'), countNotes(0, 'en'), countNotes(1234, 'en')]).toEqual(['1 note', '0 notes', '1,234 notes']);
    expect([countNotes(0, 'fr'), countNotes(1, 'fr'), countNotes(2, 'fr')]).toEqual(['0 fiche', '1 fiche', '2 fiches']);
    expect([countNotes(1, 'es'), countNotes(0, 'es')]).toEqual(['1 ficha', '0 fichas']);
  });
});

describe('chooseLanguage', () => {
  it('prefers ?lang=, then the cookie, then Accept-Language, then English', () => {
    expect(chooseLanguage({ query: 'fr', cookie: 'es', accepted: 'en' })).toEqual({ language: 'fr', remember: true });
    expect(chooseLanguage({ query: undefined, cookie: 'es', accepted: 'fr' })).toEqual({ language: 'es', remember: false });
    expect(chooseLanguage({ query: ['fr', 'es'], cookie: 'xx', accepted: 'es' })).toEqual({ language: 'es', remember: false });
    expect(chooseLanguage({ query: 'de', cookie: undefined, accepted: false })).toEqual({ language: 'en', remember: false });
  });
});

describe('formatDate', () => {
  it('writes dates as each language does, without shifting the day', () => {
    expect(formatDate('2026-01-01', 'en')).toBe('1 January 2026');
    expect(formatDate('2026-01-01', 'fr')).toBe('1 janvier 2026');
    expect(formatDate('2026-01-01', 'es')).toBe('1 de enero de 2026');
  });
});
